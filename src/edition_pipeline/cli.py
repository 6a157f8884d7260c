"""The ``edition`` command: a thin shell over the pipeline stages.

Exit codes: 0 success, 1 a check found a difference, 2 bad input (message names file and line).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from .checks import check
from .citations import candidate_bibtex, cite_notes
from .diagnostics import InputError, shown
from .editorial import load_citations, load_variants
from .errors import find_candidates
from .project import Project, write_atomic
from .proposals import (
    COMMAND_LINE,
    Proposal,
    accept,
    entry_conflicts,
    interrupted_accepts,
    load_proposals,
    overlapping,
    place_now,
    propose,
    read_file,
    reject,
)
from .register import Entry, block_of, load_register, matches, register_data, register_names, withdrawn_entries
from .tei import to_tei
from .witness import read_witness


def _project(args: argparse.Namespace) -> Project:
    return Project.at(editorial=args.editorial)


def _today(args: argparse.Namespace) -> str:
    return args.date or dt.date.today().isoformat()


def cmd_convert(args: argparse.Namespace) -> int:
    project = _project(args)
    witness = Path(args.witness)
    with project.locked():
        read_witness(witness)  # a bad witness is refused before anything else
        applies = project.applies_to(witness)
        if not applies:
            print(
                f"edition: {witness} is not the witness of {project.editorial} (its witness_sha256): "
                "the automatic pass alone, no editorial data applied",
                file=sys.stderr,
            )
        document = project.document(witness, use_overrides=applies and not args.no_overrides)
        anchors = project.anchors(document) if applies else []
        if args.report:
            for b in sorted(document.breaks, key=lambda b: (b.confidence, b.line)):
                print(
                    shown(
                        f"{b.confidence:.2f}  line {b.line:>5}  {b.join:<12} {b.witness:<40}  → {b.word}   [{b.evidence}]"
                    )
                )
            for p in document.paragraphs:
                if p.kind in ("blockquote", "heading", "abstract") or p.evidence.startswith("override"):
                    print(shown(f"block  lines {p.first_line}-{p.last_line}  {p.kind:<10} [{p.evidence}]"))
            return 0
        if args.format == "json":
            outputs = {witness.stem + ".json": json.dumps(document.to_json(), ensure_ascii=False, indent=2) + "\n"}
        elif args.format == "tei":
            metadata = project.metadata() if applies else {"title": witness.stem}
            bib = project.bibliography() if applies and project.bib.exists() else None
            refs = project.references(document) if bib else []
            register = register_data(project.register_path) if applies and project.register_path.exists() else None
            outputs = {witness.stem + ".tei.xml": to_tei(document, metadata, anchors, refs, bib, register)}
        else:
            outputs = project.render(document, anchors, editorial=applies)
        if args.format != "myst" and not args.out:
            sys.stdout.write("".join(outputs.values()))
            return 0
        out = Path(args.out) if args.out else project.edition
        for name, text in outputs.items():
            write_atomic(out / name, text)
            print(f"wrote {out / name}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    problems = check(_project(args))
    for problem in problems:
        print(shown(problem), file=sys.stderr)
    if problems:
        return 1
    print("edition check: generated files are current; editorial data matches the witness")
    return 0


def cmd_candidates(args: argparse.Namespace) -> int:
    project = _project(args)
    applies = project.applies_to(Path(args.witness))
    document = project.document(Path(args.witness), use_overrides=applies)
    candidates = find_candidates(document, load_variants(project.variants_path) if applies else [])
    entries = load_register(project.register_path) if applies and project.register_path.exists() else []
    withdrawn = [  # decided too: the editors withdrew their entry there and print W's reading
        Entry(
            str(w["id"]),
            w["line"],
            str(w["witness"]),
            str(w.get("reading", "")),
            str(w.get("kind", "")),
            str(w.get("category", "")),
            "",
            "",
            "",
            "",
            w["__line__"],
            str(w["withdrawn"]["proposal"]),
        )
        for w in (withdrawn_entries(project.register_path).values() if entries else [])
    ]
    blocks = {entry.id: block_of(document, entry.line) for entry in [*entries, *withdrawn]}
    new = 0
    for c in candidates:
        known = next((e.id for e in entries if matches(c.where, c.line, c.reading, c.check, e, blocks[e.id])), "")
        gone = next((e for e in withdrawn if matches(c.where, c.line, c.reading, c.check, e, blocks[e.id])), None)
        new += not (known or gone)
        if (known or gone) and not args.all:
            continue
        status = f"in register {known}" if known else f"withdrawn {gone.id} ({gone.proposal})" if gone else "NEW"
        suggestion = f" → {c.suggestion}" if c.suggestion else ""
        print(
            shown(
                f"{c.confidence:.2f}  line {c.line:>4}  {c.where:<5} {c.check:<12} {c.reading}{suggestion}   "
                f"[{c.evidence}]  {status}"
            )
        )
    print(f"{len(candidates)} candidates; {len(candidates) - new} already in the register; {new} new", file=sys.stderr)
    return 0


def cmd_citations(args: argparse.Namespace) -> int:
    """Report how each note's references matched the database; candidates for the rest."""
    project = _project(args)
    applies = project.applies_to(Path(args.witness))
    document = project.document(Path(args.witness), use_overrides=applies)
    bib = project.bibliography()
    refs = cite_notes(document, bib, load_citations(project.citations_path) if applies else {})
    unmatched = [r for r in refs if not r.key]
    if args.all:
        for ref in refs:
            print(shown(f"n. {ref.note:<3} {ref.key or '—':<28} {ref.how:<34} {ref.text[:70]}"))
    for ref in unmatched:
        print(shown(f"n. {ref.note}: no entry for: {ref.text}"))
        print(shown(candidate_bibtex(ref), lines=True))
    uncited = sorted(set(bib.entries) - {r.key for r in refs})
    for key in uncited:
        print(shown(f"entry {key} is cited by no note"))
    print(
        f"{len(refs)} references in {len({r.note for r in refs})} notes; {len(unmatched)} unmatched; "
        f"{len(bib.entries)} entries, {len(uncited)} uncited",
        file=sys.stderr,
    )
    return 1 if unmatched or uncited else 0


def cmd_propose(args: argparse.Namespace) -> int:
    project = _project(args)
    if args.file and (args.revise or args.withdraw):
        raise InputError(
            COMMAND_LINE,
            None,
            "--revise and --withdraw are for the command line: in a file, write 'revise: ID' or 'withdraw: ID'",
        )
    if args.file:
        data, lines = read_file(Path(args.file))
        source = args.file
    elif args.revise or args.withdraw:  # only what was given: the rest is the entry's
        data = {
            "revise": args.revise,
            "withdraw": args.withdraw,
            "where": args.where,
            "witness": args.witness,
            "reading": args.reading,
            "kind": args.kind,
            "category": args.category,
            "certainty": args.certainty,
            "rationale": args.rationale,
            "proposer": args.by,
            "date": _today(args),
        }
        source, lines = "command line", {}
    else:
        data = {
            "where": args.where,
            "witness": args.witness,
            "reading": args.reading or "",
            "kind": args.kind or "emendation",
            "category": args.category or "spelling",
            "certainty": args.certainty or "probable",
            "rationale": args.rationale,
            "proposer": args.by,
            "date": _today(args),
        }
        source, lines = "command line", {}
    proposal, path = propose(project, data, source, lines)
    print(shown(f"proposal {proposal.id}: {described(proposal)} ({path})"))
    print(
        "A second editor reviews it: edition accept ID --reviewer NAME, or edition reject ID --reviewer NAME --comment WHY"
    )
    return 0


def described(p: Proposal) -> str:
    """What a proposal changes, in a line: the witness line and W's words, then the change."""
    if p.revise:
        return (
            f"revise {p.revise}: witness line {p.line}: {p.witness!r}: {p.was.get('reading', '')!r} "
            f"({p.was.get('certainty', '')}) → {p.reading!r} ({p.certainty})"
        )
    if p.withdraw:
        return (
            f"withdraw {p.withdraw}: witness line {p.line}: {p.witness!r}: {p.was.get('reading', '')!r} "
            f"({p.was.get('certainty', '')}) withdrawn, the edition prints W's {p.witness!r}"
        )
    return f"witness line {p.line}: {p.witness!r} → {p.reading!r}"


def cmd_proposals(args: argparse.Namespace) -> int:
    project = _project(args)
    document = project.document()
    proposals = load_proposals(project.proposals, document)

    anchors = project.anchors(document)
    names = register_names(project.register_path) if project.register_path.exists() else {}
    interrupted = interrupted_accepts(proposals, names)
    overlaps = overlapping([p for p in proposals if p.id not in interrupted], document, anchors)
    conflicts = entry_conflicts([p for p in proposals if p.id not in interrupted], [a.entry for a in anchors])
    withdrawing = {p.withdraw: p.id for p in proposals if p.status == "open" and p.withdraw}
    listed = [p for p in proposals if args.all or p.status == "open"]
    for p in listed:  # an editor's text reaches the reviewer's terminal escaped: no escape sequence acts
        review = f"  [{p.status} by {p.review.get('reviewer')}: {p.review.get('comment', '')}]" if p.review else ""
        status = "interrupted" if p.id in interrupted else p.status
        notes = ""
        if p.problem and p.status == "open":
            notes = f"  [no longer found: {p.problem}; reject it and propose again]"
        elif p.id in interrupted:
            notes = (
                f"  [accept interrupted: register entry {interrupted[p.id]} is written; "
                f"run `edition accept {p.id}` to finish]"
            )
        elif p.id in overlaps:
            entries = [name for name in overlaps[p.id] if name.startswith("register")]
            others = [name for name in overlaps[p.id] if name not in entries]
            said = [f"overlaps {', '.join(others)}: only one of them can be accepted"] if others else []
            for name in entries:
                entry = name.removeprefix("register entry ")
                unless = (
                    f" unless {withdrawing[entry]}, which withdraws {entry}, is accepted first"
                    if entry in withdrawing
                    else ""
                )
                said.append(f"overlaps {name}: it cannot be accepted{unless}; reject it")
            notes = f"  [{'; '.join(said)}]"
        elif p.id in conflicts:
            notes = f"  [{'; '.join(conflicts[p.id])}]"
        change = described(p) if p.action else f"line {p.line:<4} {p.witness!r} → {p.reading!r}"
        print(
            shown(
                f"{p.id}  {status:<11} {place_now(document, p):<6} {change}  "
                f"{p.kind}, {p.category}, {p.certainty}; by {p.proposer}: {p.rationale}{review}{notes}"
            )
        )
    print(f"{len(listed)} shown of {len(proposals)} proposals", file=sys.stderr)
    return 0


def cmd_accept(args: argparse.Namespace) -> int:
    outcome = accept(_project(args), args.id, args.reviewer, args.comment, _today(args))
    for path in outcome.cleaned:
        print(f"removed {path}, a temporary file an interrupted accept left")
    if outcome.nothing_to_do:
        print(f"{args.id} is already accepted as register entry {outcome.entry}: nothing to do")
    elif outcome.resumed:
        print(
            f"finished an interrupted accept: {args.id} is register entry {outcome.entry}; edition/index.md regenerated"
        )
    elif outcome.proposal.action:
        done = "revised" if outcome.proposal.revise else "withdrawn (its record kept under 'withdrawn:')"
        print(f"accepted {args.id}: register entry {outcome.entry} {done}; edition/index.md regenerated")
    else:
        print(f"accepted {args.id} as register entry {outcome.entry}; edition/index.md regenerated")
    return 0


def cmd_reject(args: argparse.Namespace) -> int:
    outcome = reject(_project(args), args.id, args.reviewer, args.comment, _today(args))
    print(shown(f"rejected {args.id}: {outcome.proposal.review['comment']}"))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="edition", description="Critical edition pipeline")
    parser.add_argument("--editorial", default="editorial", help="folder of editorial data")
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
    entry = propose.add_mutually_exclusive_group()
    entry.add_argument("--revise", metavar="ID", help="revise register entry ID: a new --reading and/or --certainty")
    entry.add_argument("--withdraw", metavar="ID", help="withdraw register entry ID: the edition prints W's reading")
    propose.add_argument("--where", help="p12 (paragraph), n13 (author's note) or 'line 42'")
    propose.add_argument("--witness", help="the exact reading of the witness there")
    propose.add_argument("--reading", help="the proposed reading")
    propose.add_argument("--kind", choices=["emendation", "sic"], help="default: emendation")
    propose.add_argument("--category", help="default: spelling")
    propose.add_argument("--certainty", help="default: probable (for --revise: the entry's)")
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
    except InputError as error:  # its message may quote what an editor wrote: escaped
        print(shown(f"edition: error: {error}", lines=True), file=sys.stderr)
        return 2
    except OSError as error:  # a missing path, a directory, a full disk: nothing was half-written
        where = error.filename or "edition"
        print(shown(f"edition: error: {where}: {error.strerror or error}", lines=True), file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
