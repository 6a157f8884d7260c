"""The emendation register (editorial data): load, validate, and anchor each entry in the text.

An entry is anchored by the witness line where its reading begins and the exact witness
reading; an entry that no longer matches the witness is an error naming the data file and
the entry's line. An entry revised by an accepted proposal keeps its earlier states in its
``history``; an entry withdrawn by one stands, as it last was, under ``withdrawn:`` (not in
the text); ids are never reused. ``entry_changes`` reads those records as typed changes (the TEI's
revisionDesc gives them). The model's text is never changed here: anchoring yields spans for the
emitter, which writes them as apparatus markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from apparatus import vocabulary  # the closed lists, shared with the extension (no Sphinx import)

from .diagnostics import InputError
from .editorial import load_yaml
from .model import Document

KINDS = {"emendation", "sic", "supplied", "note"}  # the register's kinds (TEI: choice(sic/corr), sic, supplied, note)
CERTAINTIES = frozenset(vocabulary.CERTAINTIES)
CATEGORIES = frozenset(vocabulary.CATEGORIES)


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
class Named:
    """A proposal the register names (the journal of an accept): the entry it made, revised or
    withdrew, who reviewed it and when, and the register's line that names it."""

    proposal: str
    entry: str
    reviewer: str
    date: str
    source_line: int


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
    withdrawn = {str(item["id"]): item.get("__line__") for item in data.get("withdrawn") or []}
    if len(withdrawn) != len(data.get("withdrawn") or []):
        raise InputError(str(path), None, "an id stands twice under 'withdrawn:'")
    for item in data["entries"]:
        where = item.get("__line__") if isinstance(item, dict) else None
        if not isinstance(item, dict):
            raise InputError(str(path), where, "each entry must be a mapping")
        merged = {**defaults, **item}
        proposal = merged.pop("proposal", None)
        merged.pop("history", None)  # earlier states: a record, not the text
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
        if str(merged["id"]) in withdrawn:
            raise InputError(
                str(path),
                where,
                f"id {merged['id']!r} is of an entry withdrawn (line {withdrawn[str(merged['id'])]}): "
                "an id is never used again; give the entry a new one",
            )
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


def register_data(path: Path, text: str | None = None) -> dict[str, Any]:
    """The register as data (checked against its schema; mappings carry ``__line__``)."""
    data = load_yaml(path, text, schema="emendations") or {}
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise InputError(str(path), 1, "expected a mapping with 'entries' (a list)")
    return data


def withdrawn_entries(path: Path, text: str | None = None) -> dict[str, dict[str, Any]]:
    """The entries withdrawn by accepted proposals, by id: each as it last stood, with
    ``withdrawn`` (the proposal, proposer, reviewer, date and rationale of the withdrawal)."""
    return {str(item["id"]): item for item in register_data(path, text).get("withdrawn") or []}


#: What a revision changes of an entry, and what its ``history`` keeps of each earlier state.
STATE_FIELDS = ("reading", "certainty", "rationale", "resp", "date", "proposal")


@dataclass(frozen=True)
class Change:
    """A revision or a withdrawal of a register entry by an accepted proposal, as the register
    records it: the entry (its id, line, witness, kind), the change (proposal, proposer, reviewer,
    date; a withdrawal's rationale), the entry's state before it and, a revision, after it."""

    kind: str  # "revision" or "withdrawal"
    entry: dict[str, Any]
    by: dict[str, Any]
    before: dict[str, Any]
    after: dict[str, Any] | None = None


def entry_changes(
    register: dict[str, Any] | None, entry_ids: set[str]
) -> tuple[dict[str, dict[str, Any]], list[Change]]:
    """From the register as data (``register_data``): the first state of each entry of ``entry_ids`` revised since
    (what it was when made), and every revision and withdrawal, in the register's order (an
    entry's oldest first): those of the entries of ``entry_ids`` and of the withdrawn entries."""
    firsts: dict[str, dict[str, Any]] = {}
    changes: list[Change] = []
    if not register:
        return firsts, changes
    defaults = {k: v for k, v in (register.get("defaults") or {}).items() if k != "__line__"}
    items = [(item, False) for item in register.get("entries") or []]
    items += [(item, True) for item in register.get("withdrawn") or []]
    for item, withdrawn in items:
        if not isinstance(item, dict) or "id" not in item or (not withdrawn and str(item["id"]) not in entry_ids):
            continue
        entry = {**defaults, **item}
        states = [s for s in entry.get("history") or [] if isinstance(s, dict)]
        sequence = [*states, {k: entry[k] for k in STATE_FIELDS if k in entry}]
        if states:
            firsts[str(entry["id"])] = states[0]
        for state, after in zip(states, sequence[1:], strict=True):
            if isinstance(state.get("revised"), dict):
                changes.append(Change("revision", entry, state["revised"], state, after))
        if withdrawn and isinstance(entry.get("withdrawn"), dict):
            changes.append(Change("withdrawal", entry, entry["withdrawn"], sequence[-1]))
    return firsts, changes


def register_names(path: Path, text: str | None = None) -> dict[str, Named]:
    """Every proposal the register names, entries, their history and withdrawn entries alike:
    the proposal that made a state of an entry, that revised it, or that withdrew it."""
    data = register_data(path, text)
    defaults: dict[str, Any] = data.get("defaults") or {}
    names: dict[str, Named] = {}

    def made(state: dict[str, Any], entry: str, line: int) -> None:
        if state.get("proposal"):
            reviewer = str(state.get("resp", defaults.get("resp", ""))).partition(vocabulary.REVIEWED_BY)[2]
            date = str(state.get("date", defaults.get("date", "")))
            names.setdefault(str(state["proposal"]), Named(str(state["proposal"]), entry, reviewer, date, line))

    def changed(change: dict[str, Any] | None, entry: str) -> None:
        if change:
            named = Named(
                str(change["proposal"]), entry, str(change["reviewer"]), str(change["date"]), change.get("__line__", 0)
            )
            names.setdefault(named.proposal, named)

    for item in [*data["entries"], *(data.get("withdrawn") or [])]:
        if not isinstance(item, dict) or "id" not in item:
            continue
        entry, line = str(item["id"]), item.get("__line__", 0)
        made(item, entry, line)
        for state in item.get("history") or []:
            made(state, entry, state.get("__line__", line))
            changed(state.get("revised"), entry)
        changed(item.get("withdrawn"), entry)
    return names


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
        page = next((f.page for f in document.fragments if found[0] == ("f", f.line)), page)  # the page it heads
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


POINT_KINDS = ("supplied", "note")  # inserted after their witness reading: a point, not a span


def _extent(anchor: Anchor) -> tuple[int, int]:
    """What an entry claims of its block's text: its witness span, or (supplied text, editors'
    notes) the point right after it, where its markup goes."""
    if anchor.entry.kind in POINT_KINDS:
        return anchor.end, anchor.end
    return anchor.start, anchor.end


def collision(anchor: Anchor, others: list[Anchor]) -> Anchor | None:
    """The first of ``others`` whose claim on the text clashes with ``anchor``'s: overlapping
    spans, a point inside a span, or two supplied readings at one point."""
    a_start, a_end = _extent(anchor)
    for other in others:
        if other.block != anchor.block or other is anchor:
            continue
        b_start, b_end = _extent(other)
        if a_start < a_end and b_start < b_end:
            clash = a_start < b_end and b_start < a_end
        elif a_start < a_end:
            clash = a_start < b_start < a_end
        elif b_start < b_end:
            clash = b_start < a_start < b_end
        else:
            clash = a_start == b_start and anchor.entry.kind == other.entry.kind == "supplied"
        if clash:
            return other
    return None


def check_invariants(anchors: list[Anchor], path: str) -> None:
    """No two entries on overlapping witness text: each later entry is checked against those
    before it, and the message names both."""
    for i, anchor in enumerate(anchors):
        other = collision(anchor, anchors[:i])
        if other is not None:
            raise InputError(
                path,
                anchor.entry.source_line or None,
                f"entry {anchor.entry.id} ({anchor.entry.witness!r}, line {anchor.entry.line}) overlaps entry "
                f"{other.entry.id} ({other.entry.witness!r}, line {other.entry.line}): two entries may not touch the same words",
            )


# --- The generated reading text collates to W plus the register --------------------------------

_ROLE = re.compile(r"\{([a-z][a-z:-]*)\}(`+)(.*?)(?<!`)\2(?!`)", re.S)
# the bracket of fields begins at " [" before any field a role knows (vocabulary.FIELDS: one list)
_FIELDS = re.compile(r"\s\[(?=(?:" + "|".join(vocabulary.FIELDS) + r"):)")
_ID = re.compile(r"(?:\[|;\s)id:\s*([^;\]]+?)\s*(?:;|\]$)")
_SILENT = {"pb", "lb", "lacuna", "cite:empty", "ednote"}


def reading_segments(myst: str) -> list[tuple[str, str]]:
    """The reading text of generated MyST as (text, entry id or ''): apparatus roles give their
    shown text and id; page and line marks nothing; markup and escapes are undone."""
    segments: list[tuple[str, str]] = []
    fenced = False
    for raw in myst.splitlines():
        line = raw.strip()
        if line.startswith("```"):
            fenced = not fenced
            continue
        if fenced or not line or line.startswith(("<!--", "::::", "# ")) or re.fullmatch(r"\(.*\)=", line):
            continue
        line = re.sub(r"^(#{2,6} |> |\[\^\d+\]: )", "", line)
        pos = 0
        for match in _ROLE.finditer(line):
            segments.append((_plain(line[pos : match.start()]), ""))
            name, content = match.group(1), match.group(3)
            if content.startswith(" ") and content.endswith(" ") and "`" in content:
                content = content[1:-1]
            found = _ID.search(content)
            entry = found.group(1) if found and name in ("emend", "sic", "supplied", "ednote") else ""
            if name == "ednote":
                segments.append(("", entry))
            elif name in _SILENT:
                pass
            elif name in ("emend", "sic", "supplied"):
                segments.append((_FIELDS.split(content, 1)[0], entry))
            elif name == "work":
                segments.append((content.rsplit(" <", 1)[0], ""))
            else:
                segments.append((content, ""))
            pos = match.end()
        segments.append((_plain(line[pos:]), ""))
        segments.append((" ", ""))
    return segments


def _plain(markdown: str) -> str:
    text = re.sub(r"\]\(<(?:\\.|[^\\>\n])*>\)", "]", markdown)  # a link's target (the reading of its text) is no text
    text = re.sub(r"<(https?://[^>\s]+)>", r"\1", text)
    return re.sub(r"\\(.)", r"\1", text)


def _norm(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def verify_rendering(myst: str, plain: str, document: Document, anchors: list[Anchor], path: str) -> None:
    """Every entry renders exactly once, showing its reading; and the reading text is the text
    rendered without the register (W) with each entry's witness reading replaced by its reading:
    nothing else changed."""
    by_id = {a.entry.id: a.entry for a in anchors}
    segments = reading_segments(myst)
    seen: dict[str, int] = {}
    restored: list[str] = []
    for text, entry_id in segments:
        if not entry_id:
            restored.append(text)
            continue
        seen[entry_id] = seen.get(entry_id, 0) + 1
        entry = by_id.get(entry_id)
        if entry is None:
            raise InputError(path, None, f"the generated text carries an entry {entry_id!r} the register does not have")
        shown = entry.reading if entry.kind in ("emendation", "supplied") else entry.witness
        if entry.kind != "note" and _norm(text) != _norm(shown):
            raise InputError(path, entry.source_line or None, f"entry {entry_id} renders {text!r}, not {shown!r}")
        restored.append(entry.witness if entry.kind in ("emendation", "sic") else "")
    for entry in by_id.values():
        if seen.get(entry.id, 0) != 1:
            raise InputError(
                path, entry.source_line or None, f"entry {entry.id} renders {seen.get(entry.id, 0)} times, not once"
            )
    got = _norm("".join(restored))
    want = _norm("".join(text for text, _ in reading_segments(plain)))
    if got != want:
        at = next((i for i, (x, y) in enumerate(zip(got, want, strict=False)) if x != y), min(len(got), len(want)))
        raise InputError(
            path,
            None,
            "the reading text is not W plus the register: near "
            f"{got[max(0, at - 30) : at + 30]!r} (W: {want[max(0, at - 30) : at + 30]!r})",
        )
