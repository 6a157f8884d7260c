"""The emendation register (editorial data): load, validate, and anchor each entry in the text.

An entry is anchored by the witness line where its reading begins and the exact witness
reading; an entry that no longer matches the witness is an error naming the data file and
the entry's line. The model's text is never changed here: anchoring yields spans for the
emitter, which writes them as apparatus markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .diagnostics import InputError
from .editorial import load_yaml
from .model import Document

KINDS = {"emendation", "sic", "supplied", "note"}  # TEI: choice(sic/corr), sic, supplied, note
CERTAINTIES = {"certain", "probable", "possible"}
CATEGORIES = {
    "spelling",
    "name",
    "wrong-word",
    "punctuation",
    "abbreviation",
    "url",
    "diacritic",
    "doubtful",
    "omission",
    "conjecture",
}


@dataclass(frozen=True)
class Entry:
    id: str
    line: int
    witness: str
    reading: str  # the edition's reading (emendation) or the suggested one (sic; may be "")
    kind: str
    category: str
    certainty: str
    rationale: str
    resp: str
    date: str
    source_line: int
    proposal: str = ""  # the proposal it came from (provenance; the journal of an accept)


@dataclass(frozen=True)
class Anchor:
    """Where an entry falls: block ('p' paragraph index or 'n' note number), offsets, page."""

    entry: Entry
    block: tuple[str, int]
    start: int
    end: int
    page: int


def load_register(path: Path, text: str | None = None) -> list[Entry]:
    """The register at ``path`` (or ``text``, a candidate for it), every entry checked."""
    data = load_yaml(path, text, schema="emendations") or {}
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise InputError(str(path), 1, "expected a mapping with 'entries' (a list)")
    defaults: dict[str, Any] = data.get("defaults") or {}
    entries: list[Entry] = []
    seen: set[str] = set()
    for item in data["entries"]:
        where = item.get("__line__") if isinstance(item, dict) else None
        if not isinstance(item, dict):
            raise InputError(str(path), where, "each entry must be a mapping")
        merged = {**defaults, **item}
        proposal = merged.pop("proposal", None)
        for key in ("id", "line", "witness", "kind", "category", "certainty", "rationale", "resp"):
            if key not in merged:
                raise InputError(str(path), where, f"entry lacks '{key}'")
        if merged["kind"] not in KINDS:
            raise InputError(str(path), where, f"kind must be one of {sorted(KINDS)}")
        if merged["certainty"] not in CERTAINTIES:
            raise InputError(str(path), where, f"certainty must be one of {sorted(CERTAINTIES)}")
        if merged["category"] not in CATEGORIES:
            raise InputError(str(path), where, f"category must be one of {sorted(CATEGORIES)}")
        if merged["kind"] in ("emendation", "supplied") and not merged.get("reading"):
            raise InputError(str(path), where, f"a {merged['kind']} entry needs its 'reading' (the edition's text)")
        if not isinstance(merged["line"], int) or isinstance(merged["line"], bool):
            raise InputError(str(path), where, "'line' must be a witness line number")
        if merged["id"] in seen:
            raise InputError(str(path), where, f"duplicate id {merged['id']!r}")
        seen.add(merged["id"])
        entries.append(
            Entry(
                id=str(merged["id"]),
                line=merged["line"],
                witness=str(merged["witness"]),
                reading=str(merged.get("reading", "")),
                kind=merged["kind"],
                category=merged["category"],
                certainty=merged["certainty"],
                rationale=" ".join(str(merged["rationale"]).split()),
                resp=str(merged["resp"]),
                date=str(merged.get("date", "")),
                source_line=where or 0,
                proposal=str(proposal or ""),
            )
        )
    return entries


def anchor_entries(document: Document, entries: list[Entry], path: str) -> list[Anchor]:
    """Find each entry's reading in the repaired text, starting on its witness line."""
    blocks: list[tuple[tuple[str, int], str, list[list[int]], int]] = []
    for index, paragraph in enumerate(document.paragraphs):
        blocks.append((("p", index), paragraph.text, paragraph.line_offsets, paragraph.page))
    for note in document.notes:
        if note.text:
            blocks.append((("n", note.n), note.text, note.line_offsets, note.page or 0))
    pages = [(p.first_line, p.n) for p in document.pages]
    fragments = {f.line: f.text for f in document.fragments}
    anchors: list[Anchor] = []
    for entry in entries:
        found = None
        if entry.line in fragments and entry.witness in fragments[entry.line]:
            at = fragments[entry.line].index(entry.witness)
            found = (("f", entry.line), at)
        for key, text, offsets, _page in blocks if found is None else []:
            for i, (line, start) in enumerate(offsets):
                if line != entry.line:
                    continue
                stop = offsets[i + 1][1] if i + 1 < len(offsets) else len(text)
                at = text.find(entry.witness, start)
                if at != -1 and at <= stop:
                    found = (key, at)
                    break
            if found:
                break
        if found is None:
            raise InputError(
                path, entry.source_line, f"stale entry {entry.id}: witness line {entry.line} has no {entry.witness!r}"
            )
        page = max((n for first, n in pages if first <= entry.line), default=1)
        anchors.append(Anchor(entry, found[0], found[1], found[1] + len(entry.witness), page))
    return anchors


def block_of(document: Document, line: int) -> str:
    """The anchor of the block ('p3' paragraph, 'n13' note) whose text holds a witness line."""
    return next((anchor for anchor, _, offsets in document.text_blocks() if any(n == line for n, _ in offsets)), "")


def matches(
    candidate_where: str, candidate_line: int, candidate_reading: str, check: str, entry: Entry, entry_block: str
) -> bool:
    """Does a detector candidate point at a register entry? Same block, and the same line and
    words, or (for quotation marks, whose fault shows where the quotation opens) the same block."""
    if candidate_where != entry_block:
        return False
    if check == "quotes" and entry.category == "punctuation":
        return True
    words = set(candidate_reading.lower().split())
    if check == "acronym":  # a name may begin on the line before the entry's anchor
        return len(words & set(entry.witness.lower().split())) >= 2
    return candidate_line == entry.line and bool(
        words & set(entry.witness.lower().split())
        or candidate_reading.lower() in entry.witness.lower()
        or entry.witness.lower() in candidate_reading.lower()
    )


def check_invariants(anchors: list[Anchor], path: str) -> None:
    """Placeholder until the invariants land."""


def verify_rendering(myst: str, plain: str, document: Document, anchors: list[Anchor], path: str) -> None:
    """Placeholder until the invariants land."""
