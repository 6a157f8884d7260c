"""Editors' proposals: a correction proposed, reviewed by a second editor, then landed.

A proposal is one small YAML file in editorial/proposals/, anchored like a register entry (a
paragraph or note, and the exact witness reading there, which fixes the witness line). A
second editor (never the proposer) accepts it, which appends an entry to the emendation
register, or rejects it with a reason; either way the proposal file stays, as the record.
Nothing an editor wrote is overwritten: files are created, never replaced, and the register
is only appended to.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .diagnostics import InputError
from .editorial import load_yaml
from .model import Document
from .register import CATEGORIES, CERTAINTIES, KINDS, load_register

FIELDS = ("id", "where", "witness", "reading", "kind", "category", "certainty", "rationale", "proposer", "date")


@dataclass
class Proposal:
    id: str
    where: str  # 'p12' (paragraph), 'n13' (author's note) or 'line 42'
    witness: str
    reading: str
    kind: str
    category: str
    certainty: str
    rationale: str
    proposer: str
    date: str
    line: int = 0
    status: str = "open"
    review: dict[str, str] = field(default_factory=dict)


def locate(document: Document, where: str, witness: str) -> int:
    """The witness line where ``witness`` begins in the block ``where`` (0 if not found once)."""
    where = where.strip()
    if where.startswith("note-"):
        where = "n" + where[5:]
    blocks = {anchor: (text, offsets) for anchor, text, offsets in document.text_blocks()}
    if re.fullmatch(r"line \d+", where):
        line = int(where.split()[1])
        candidates = [(t, o) for t, o in blocks.values() if any(n == line for n, _ in o)]
    elif where in blocks:
        candidates = [blocks[where]]
        line = 0
    else:
        return 0
    for text, offsets in candidates:
        hits = [m.start() for m in re.finditer(re.escape(witness), text)]
        if line:
            hits = [h for h in hits if max((n for n, s in offsets if s <= h), default=0) == line]
        if len(hits) == 1:
            return max(n for n, s in offsets if s <= hits[0])
    return 0


def validate(data: dict[str, Any], path: str, document: Document) -> Proposal:
    where = data.get("__line__")
    for key in FIELDS:
        if key != "id" and not str(data.get(key, "")).strip() and not (key == "reading" and data.get("kind") == "sic"):
            raise InputError(path, where, f"a proposal needs '{key}'")
    if data["kind"] not in KINDS:
        raise InputError(path, where, f"kind must be one of {sorted(KINDS)}")
    if data["category"] not in CATEGORIES:
        raise InputError(path, where, f"category must be one of {sorted(CATEGORIES)}")
    if data["certainty"] not in CERTAINTIES:
        raise InputError(path, where, f"certainty must be one of {sorted(CERTAINTIES)}")
    line = locate(document, str(data["where"]), str(data["witness"]))
    if not line:
        raise InputError(
            path, where, f"the witness reading {data['witness']!r} is not found exactly once in {data['where']}"
        )
    fields = {k: str(data.get(k, "")) for k in FIELDS}
    return Proposal(
        **fields,
        line=line,
        status=str(data.get("status", "open")),
        review={k: str(v) for k, v in (data.get("review") or {}).items() if k != "__line__"},
    )


def load_proposals(folder: Path, document: Document) -> list[Proposal]:
    found = []
    for path in sorted(folder.glob("*.yaml")):
        data = load_yaml(path)
        if not isinstance(data, dict):
            raise InputError(str(path), 1, "a proposal is a mapping of fields")
        proposal = validate(data, str(path), document)
        if proposal.id != path.stem:
            raise InputError(str(path), 1, f"id {proposal.id!r} does not match the file name")
        found.append(proposal)
    return found


def next_id(folder: Path) -> str:
    numbers = [int(m.group(1)) for p in folder.glob("*.yaml") if (m := re.match(r"P(\d+)$", p.stem))]
    return f"P{max(numbers, default=0) + 1:04d}"


def dump(proposal: Proposal) -> str:
    data = asdict(proposal)
    header = "# An editor's proposal (see README: proposing a correction). Reviewed by another editor.\n"
    return header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def create_exclusive(path: Path, text: str) -> None:
    """Create ``path`` with ``text``; never replace an existing file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:
        handle.write(text)


def register_entry(proposal: Proposal, entry_id: str, reviewer: str, date: str) -> str:
    """The YAML text of a register entry for an accepted proposal (appended, comments kept)."""
    entry = {
        "id": entry_id,
        "line": proposal.line,
        "witness": proposal.witness,
        **({"reading": proposal.reading} if proposal.reading else {}),
        "kind": proposal.kind,
        "category": proposal.category,
        "certainty": proposal.certainty,
        "rationale": proposal.rationale,
        "resp": f"{proposal.proposer}; reviewed by {reviewer}",
        "date": date,
        "proposal": proposal.id,
    }
    flow = yaml.safe_dump([entry], allow_unicode=True, sort_keys=False, width=1000, default_flow_style=None)
    return "".join("  " + line if line.strip() else line for line in flow.splitlines(keepends=True))


def next_entry_id(register: Path) -> str:
    numbers = [int(m.group(1)) for e in load_register(register) if (m := re.fullmatch(r"e(\d+)", e.id))]
    return f"e{max(numbers, default=0) + 1:02d}"
