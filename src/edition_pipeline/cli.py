"""The ``edition`` command: a thin shell over the pipeline stages.

Exit codes: 0 success, 1 a check found a difference, 2 bad input (message names file and line).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import tempfile
from pathlib import Path

from .citations import Reference, candidate_bibtex, cite_notes, load_bib, load_citation_overrides
from .convert import convert_witness
from .diagnostics import InputError
from .editorial import Overrides, load_overrides, load_yaml
from .emit import to_myst
from .errors import find_candidates
from .model import Document
from .proposals import (
    Proposal,
    create_exclusive,
    dump,
    load_proposals,
    next_entry_id,
    next_id,
    register_entry,
    validate,
)
from .register import Anchor, anchor_entries, block_of, load_register, matches
from .tei import to_tei
from .witness import read_witness

DEFAULT_WITNESS_DIR = Path("witness")
BIB = Path("bib")
EDITORIAL = Path("editorial")


def write_atomic(path: Path, text: str) -> None:
    """Write to a temporary file beside ``path`` and rename: never half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _overrides(editorial: Path, enabled: bool) -> Overrides | None:
    path = editorial / "overrides.yaml"
    return load_overrides(path) if enabled and path.exists() else None


def _metadata(editorial: Path) -> dict[str, object]:
    path = editorial / "edition.yaml"
    data = load_yaml(path) if path.exists() else {}
    if not isinstance(data, dict) or "title" not in data:
        raise InputError(str(path), 1, "edition metadata needs at least a 'title'")
    return data


def _anchors(document: Document, editorial: Path) -> list[Anchor]:
    path = editorial / "emendations.yaml"
    return anchor_entries(document, load_register(path), str(path)) if path.exists() else []


def _references(document: Document, editorial: Path) -> list[Reference]:
    bib = BIB / "edition.bib"
    if not bib.exists():
        return []
    return cite_notes(document, load_bib(bib), load_citation_overrides(editorial / "citations.yaml"))


def render_outputs(witness: Path, editorial: Path, use_overrides: bool = True) -> dict[str, str]:
    """Everything `convert` writes, as {file name: text}, computed before anything is written."""
    document = convert_witness(read_witness(witness), _overrides(editorial, use_overrides))
    anchors = _anchors(document, editorial)
    return {"index.md": to_myst(document, _metadata(editorial), anchors, _references(document, editorial))}


def cmd_convert(args: argparse.Namespace) -> int:
    witness = Path(args.witness)
    overrides = _overrides(Path(args.editorial), not args.no_overrides)
    document = convert_witness(read_witness(witness), overrides)
    if args.report:
        for b in sorted(document.breaks, key=lambda b: (b.confidence, b.line)):
            print(f"{b.confidence:.2f}  line {b.line:>5}  {b.join:<12} {b.witness:<40}  → {b.word}   [{b.evidence}]")
        for p in document.paragraphs:
            if p.kind in ("blockquote", "heading", "abstract") or p.evidence.startswith("override"):
                print(f"block  lines {p.first_line}-{p.last_line}  {p.kind:<10} [{p.evidence}]")
        return 0
    if args.format == "tei":
        editorial = Path(args.editorial)
        text = to_tei(document, _metadata(editorial), _anchors(document, editorial))
        if args.out:
            write_atomic(Path(args.out) / (witness.stem + ".tei.xml"), text)
        else:
            sys.stdout.write(text)
        return 0
    if args.format == "json":
        text = json.dumps(document.to_json(), ensure_ascii=False, indent=2) + "\n"
        if args.out:
            write_atomic(Path(args.out) / (witness.stem + ".json"), text)
        else:
            sys.stdout.write(text)
        return 0
    editorial = Path(args.editorial)
    anchors = _anchors(document, editorial)
    outputs = {"index.md": to_myst(document, _metadata(editorial), anchors, _references(document, editorial))}
    out = Path(args.out or "edition")
    for name, text in outputs.items():
        write_atomic(out / name, text)
        print(f"wrote {out / name}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    witnesses = sorted(DEFAULT_WITNESS_DIR.glob("*.txt"))
    if not witnesses:
        raise InputError(str(DEFAULT_WITNESS_DIR), None, "no witness found")
    outputs = render_outputs(witnesses[0], Path(args.editorial))
    stale = []
    for name, text in outputs.items():
        path = Path("edition") / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            stale.append(str(path))
    if stale:
        print("stale generated files (run `make convert`): " + ", ".join(stale), file=sys.stderr)
        return 1
    print("edition check: generated files are current; editorial data matches the witness")
    return 0


def accepted_variants(editorial: Path) -> list[set[str]]:
    path = editorial / "variants.yaml"
    if not path.exists():
        return []
    data = load_yaml(path) or {}
    groups = data.get("accepted") if isinstance(data, dict) else None
    if not isinstance(groups, list):
        raise InputError(str(path), 1, "expected 'accepted': a list of {forms: [...], reason: ...}")
    for group in groups:
        if not isinstance(group, dict) or not isinstance(group.get("forms"), list) or not group.get("reason"):
            raise InputError(
                str(path),
                group.get("__line__") if isinstance(group, dict) else 1,
                "each entry needs 'forms' (a list) and a 'reason'",
            )
    return [set(map(str, group["forms"])) for group in groups]


def cmd_candidates(args: argparse.Namespace) -> int:
    editorial = Path(args.editorial)
    document = convert_witness(read_witness(Path(args.witness)), _overrides(editorial, True))
    candidates = find_candidates(document, accepted_variants(editorial))
    register = editorial / "emendations.yaml"
    entries = load_register(register) if register.exists() else []
    blocks = {entry.id: block_of(document, entry.line) for entry in entries}
    new = 0
    for c in candidates:
        known = next((e.id for e in entries if matches(c.where, c.line, c.reading, c.check, e, blocks[e.id])), "")
        new += not known
        if known and not args.all:
            continue
        status = f"in register {known}" if known else "NEW"
        suggestion = f" → {c.suggestion}" if c.suggestion else ""
        print(
            f"{c.confidence:.2f}  line {c.line:>4}  {c.where:<5} {c.check:<12} {c.reading}{suggestion}   [{c.evidence}]  {status}"
        )
    print(f"{len(candidates)} candidates; {len(candidates) - new} already in the register; {new} new", file=sys.stderr)
    return 0


def cmd_citations(args: argparse.Namespace) -> int:
    """Report how each note's references matched the database; candidates for the rest."""
    editorial = Path(args.editorial)
    document = convert_witness(read_witness(Path(args.witness)), _overrides(editorial, True))
    bib = load_bib(BIB / "edition.bib")
    refs = cite_notes(document, bib, load_citation_overrides(editorial / "citations.yaml"))
    unmatched = [r for r in refs if not r.key]
    if args.all:
        for ref in refs:
            print(f"n. {ref.note:<3} {ref.key or '—':<28} {ref.how:<34} {ref.text[:70]}")
    for ref in unmatched:
        print(f"n. {ref.note}: no entry for: {ref.text}")
        print(candidate_bibtex(ref))
    uncited = sorted(set(bib.entries) - {r.key for r in refs})
    for key in uncited:
        print(f"entry {key} is cited by no note")
    print(
        f"{len(refs)} references in {len({r.note for r in refs})} notes; {len(unmatched)} unmatched; "
        f"{len(bib.entries)} entries, {len(uncited)} uncited",
        file=sys.stderr,
    )
    return 1 if unmatched or uncited else 0


PROPOSALS = "proposals"


def _default_witness() -> Path:
    witnesses = sorted(DEFAULT_WITNESS_DIR.glob("*.txt"))
    if not witnesses:
        raise InputError(str(DEFAULT_WITNESS_DIR), None, "no witness found")
    return witnesses[0]


def _document(editorial: Path) -> Document:
    return convert_witness(read_witness(_default_witness()), _overrides(editorial, True))


def cmd_propose(args: argparse.Namespace) -> int:
    editorial = Path(args.editorial)
    folder = editorial / PROPOSALS
    document = _document(editorial)
    if args.file:
        data = load_yaml(Path(args.file))
        if not isinstance(data, dict):
            raise InputError(args.file, 1, "a proposal is a mapping of fields")
        data.pop("__line__", None)
        source = args.file
    else:
        data = {
            "where": args.where,
            "witness": args.witness,
            "reading": args.reading or "",
            "kind": args.kind,
            "category": args.category,
            "certainty": args.certainty,
            "rationale": args.rationale,
            "proposer": args.by,
            "date": args.date or dt.date.today().isoformat(),
        }
        source = "command line"
    data["id"] = next_id(folder)
    data["status"], data["review"] = "open", {}
    proposal = validate(data, source, document)
    path = folder / f"{proposal.id}.yaml"
    create_exclusive(path, dump(proposal))
    print(f"proposal {proposal.id}: witness line {proposal.line}: {proposal.witness!r} → {proposal.reading!r} ({path})")
    print(
        "A second editor reviews it: edition accept ID --reviewer NAME, or edition reject ID --reviewer NAME --comment WHY"
    )
    return 0


def cmd_proposals(args: argparse.Namespace) -> int:
    editorial = Path(args.editorial)
    proposals = load_proposals(editorial / PROPOSALS, _document(editorial))
    shown = [p for p in proposals if args.all or p.status == "open"]
    for p in shown:
        review = f"  [{p.status} by {p.review.get('reviewer')}: {p.review.get('comment', '')}]" if p.review else ""
        print(
            f"{p.id}  {p.status:<8} {p.where:<6} line {p.line:<4} {p.witness!r} → {p.reading!r}  "
            f"{p.kind}, {p.category}, {p.certainty}; by {p.proposer}: {p.rationale}{review}"
        )
    print(f"{len(shown)} shown of {len(proposals)} proposals", file=sys.stderr)
    return 0


def _review(args: argparse.Namespace, status: str) -> tuple[Path, Proposal, Path]:
    editorial = Path(args.editorial)
    folder = editorial / PROPOSALS
    path = folder / f"{args.id}.yaml"
    if not path.exists():
        raise InputError(str(path), None, f"no proposal {args.id}")
    proposal = next(p for p in load_proposals(folder, _document(editorial)) if p.id == args.id)
    if proposal.status != "open":
        raise InputError(str(path), 1, f"proposal {args.id} is already {proposal.status}")
    if args.reviewer.strip().lower() == proposal.proposer.strip().lower():
        raise InputError(str(path), 1, "a proposal is reviewed by a second editor, not by its proposer")
    proposal.status = status
    proposal.review = {
        "reviewer": args.reviewer,
        "date": args.date or dt.date.today().isoformat(),
        "comment": args.comment or "",
    }
    return path, proposal, editorial


def cmd_accept(args: argparse.Namespace) -> int:
    path, proposal, editorial = _review(args, "accepted")
    register = editorial / "emendations.yaml"
    entry_id = next_entry_id(register)
    proposal.review["entry"] = entry_id
    old = register.read_text(encoding="utf-8")
    new = old.rstrip("\n") + "\n" + register_entry(proposal, entry_id, args.reviewer, proposal.review["date"])
    # everything is computed and checked before anything is written
    document = _document(editorial)
    with tempfile.TemporaryDirectory() as scratch:  # check the new register before touching the real one
        candidate = Path(scratch) / register.name
        candidate.write_text(new, encoding="utf-8")
        anchors = anchor_entries(document, load_register(candidate), str(register))
    outputs = {"index.md": to_myst(document, _metadata(editorial), anchors, _references(document, editorial))}
    write_atomic(register, new)
    write_atomic(path, dump(proposal))
    for name, text in outputs.items():
        write_atomic(Path("edition") / name, text)
    print(f"accepted {proposal.id} as register entry {entry_id}; edition/index.md regenerated")
    return 0


def cmd_reject(args: argparse.Namespace) -> int:
    if not args.comment:
        raise InputError("command line", None, "a rejection needs --comment (the reason, kept with the proposal)")
    path, proposal, _ = _review(args, "rejected")
    write_atomic(path, dump(proposal))
    print(f"rejected {proposal.id}: {args.comment}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="edition", description="Critical edition pipeline")
    parser.add_argument("--editorial", default=str(EDITORIAL), help="folder of editorial data")
    sub = parser.add_subparsers(dest="command", required=True)
    convert = sub.add_parser("convert", help="convert a witness to MyST or the JSON model")
    convert.add_argument("witness")
    convert.add_argument("--out", help="output folder (default: edition/ for MyST, stdout for JSON)")
    convert.add_argument("--format", choices=["myst", "json", "tei"], default="myst")
    convert.add_argument("--report", action="store_true", help="list break and block decisions, least confident first")
    convert.add_argument("--no-overrides", action="store_true", help="the automatic pass alone")
    convert.set_defaults(func=cmd_convert)
    candidates = sub.add_parser("candidates", help="list candidate errors for the editors, most confident first")
    candidates.add_argument("witness")
    candidates.add_argument("--all", action="store_true", help="also those already in the register")
    candidates.set_defaults(func=cmd_candidates)
    citations = sub.add_parser("citations", help="report the works cited in the notes and how they match bib/")
    citations.add_argument("witness")
    citations.add_argument("--all", action="store_true", help="list every reference, not only the problems")
    citations.set_defaults(func=cmd_citations)
    propose = sub.add_parser("propose", help="propose a correction (or import one saved from the HTML form)")
    propose.add_argument("file", nargs="?", help="a proposal YAML saved from the edition's form")
    propose.add_argument("--where", help="p12 (paragraph), n13 (author's note) or 'line 42'")
    propose.add_argument("--witness", help="the exact reading of the witness there")
    propose.add_argument("--reading", help="the proposed reading")
    propose.add_argument("--kind", default="emendation", choices=["emendation", "sic"])
    propose.add_argument("--category", default="spelling")
    propose.add_argument("--certainty", default="probable")
    propose.add_argument("--rationale")
    propose.add_argument("--by", help="the proposing editor")
    propose.add_argument("--date")
    propose.set_defaults(func=cmd_propose)
    proposals = sub.add_parser("proposals", help="list open proposals")
    proposals.add_argument("--all", action="store_true")
    proposals.set_defaults(func=cmd_proposals)
    for verb, func in (("accept", cmd_accept), ("reject", cmd_reject)):
        review = sub.add_parser(verb, help=f"{verb} a proposal (by a second editor)")
        review.add_argument("id")
        review.add_argument("--reviewer", required=True)
        review.add_argument("--comment")
        review.add_argument("--date")
        review.set_defaults(func=func)
    check = sub.add_parser("check", help="fail when generated files are stale or data no longer matches")
    check.set_defaults(func=cmd_check)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except InputError as error:
        print(f"edition: error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
