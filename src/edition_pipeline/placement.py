"""Where everything stands in the text: one typed stream of placements per block, built once.

The model gives each block its repaired text and where W's lines and pages begin in it; the
register gives the interventions (anchors); the citations give the passages that name a work.
This module decides, once, what stands where and in what order, and every writer (MyST in
``emit``, TEI in ``tei``) only renders the events:

* ``LineStart`` — a line of W begins; ``join``: how the line before runs into it (the
  hyphenation stage's decision, "space", or "first" for the block's first line);
* ``PageBreak`` — a page of W begins, at its first line;
* ``Fragment`` — an orphan line of W (page furniture the layout stage keeps), at the head of the
  page whose page-start space it carries: the page break, its line start, then the line;
* ``Text`` — the repaired text of W, unescaped;
* ``NoteMarker`` — the marker of an author's note (``[^n]`` in the model);
* ``Intervention`` — an emendation or a *sic*: its markup stands over W's words; the line starts
  inside those words go with it (``lines``), for a renderer that can set them in W's reading;
* ``Supplied``, ``EditorsNote`` — editors' text or note, a point right after W's words;
* ``LinkOpen`` … ``LinkClose`` — a URL with a scheme, whole across W's line ends: ``url`` is the
  URL the reading text shows (line ends joined, interventions inside it read as the edition reads);
* ``WorkOpen`` … ``WorkClose`` — the author's words that name a work of the bibliography;
* ``Cited`` — right after the last word of a reference passage, which cites a work of the
  bibliography (before words an intervention stands over that hold the passage's last word and
  run on into the next passage: ``cited_at``);
* ``Lacuna`` — text wanting in W (a wanting note, or the rest of a note that breaks off), keyed to its note.

Order at one offset: what closes there, points that belong to the words before (supplied
text, editors' notes), the page break (and the orphan line heading the page), the line start,
what opens there, then what stands over words. (A renderer may show a page's marker after the
line start that follows it: the MyST one does, so that the diplomatic view sets it on the new
line.) Building is linear in the text (one sort of the marks), so a long note costs what its
length costs.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from typing import Literal

from apparatus.vocabulary import LINK, link_end

from .citations import Reference
from .model import Document, Paragraph
from .register import POINT_KINDS, Anchor

MARKER = re.compile(r"\[\^(\d+)\]")
_WORDY = re.compile(r"\w")  # a piece of a citation worth a link holds a letter or a digit


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class LineStart:
    """``join``: how the line before runs into this one, as the hyphenation stage decided it
    (drop-hyphen, keep-hyphen, lost-hyphen, no-space), "space", or "first" (the block's first line)."""

    line: int
    join: str = "space"

    @property
    def first(self) -> bool:
        return self.join == "first"

    @property
    def hyphen(self) -> bool:
        """The line before ends in a hyphen the reading text drops."""
        return self.join == "drop-hyphen"


@dataclass(frozen=True)
class PageBreak:
    n: int
    line: int


@dataclass(frozen=True)
class Fragment:
    line: int
    text: str
    page: int


@dataclass(frozen=True)
class NoteMarker:
    n: int


@dataclass(frozen=True)
class Intervention:
    """``witness``: W's words under it, as the text has them; ``lines``: W's line starts inside
    those words ((offset in ``witness``, line start)): MyST drops them, TEI sets them in the sic."""

    anchor: Anchor
    witness: str
    lines: tuple[tuple[int, LineStart], ...] = ()


@dataclass(frozen=True)
class Supplied:
    anchor: Anchor


@dataclass(frozen=True)
class EditorsNote:
    anchor: Anchor


@dataclass(frozen=True)
class LinkOpen:
    url: str


@dataclass(frozen=True)
class LinkClose:
    url: str


@dataclass(frozen=True)
class WorkOpen:
    key: str
    target: str  # the key, with the pages cited ("key, p. 13")


@dataclass(frozen=True)
class WorkClose:
    key: str


@dataclass(frozen=True)
class Cited:
    """Right after the last word of a reference passage that cites the work ``key`` (TEI: a ptr
    to its bibl), never inside or after an intervention's words that run on past it (``cited_at``)."""

    key: str


@dataclass(frozen=True)
class Lacuna:
    kind: Literal["wanting", "truncated"]
    note: int


Event = (
    Text
    | LineStart
    | PageBreak
    | Fragment
    | NoteMarker
    | Intervention
    | Supplied
    | EditorsNote
    | LinkOpen
    | LinkClose
    | WorkOpen
    | WorkClose
    | Cited
    | Lacuna
)


@dataclass
class Block:
    """One block of the edition and its events. ``kind`` is the paragraph's kind or "note";
    ``ident`` its anchor (p12, h1, abstract, n13); ``index`` the paragraph index or note number."""

    kind: str
    ident: str
    index: int
    events: list[Event] = field(default_factory=list)
    marker: str | None = None  # a list item's marker as W prints it
    status: str = "present"  # of a note


# ranks at one offset (see the module docstring): a page (and what heads it) before its first line
_CLOSE, _POINT, _PAGE, _LINE, _OPEN, _SPAN = range(6)


def point_event(anchor: Anchor) -> Supplied | EditorsNote:
    """The event of an entry that stands at a point (register.POINT_KINDS): supplied text or an
    editors' note; a point kind the register learns must be taught here too."""
    if anchor.entry.kind == "supplied":
        return Supplied(anchor)
    if anchor.entry.kind == "note":
        return EditorsNote(anchor)
    raise ValueError(
        f"placement.point_event has no event for the register's kind {anchor.entry.kind!r} "
        f"(entry {anchor.entry.id}): it places supplied text and editors' notes"
    )


def url_spans(text: str, markers: list[tuple[int, int]], anchors: list[Anchor]) -> list[tuple[int, int]]:
    """Spans of the URLs with a scheme: trailing punctuation left out (a closing parenthesis only
    when the URL opens none), cut before an author's note marker or an editors' point inside
    them, and before an intervention that only begins inside them (one that begins before the
    scheme leaves no URL)."""
    starts = sorted(s for s, _ in markers)
    points = sorted(a.end for a in anchors if a.entry.kind in POINT_KINDS)
    spans = sorted((a.start, a.end) for a in anchors if a.entry.kind not in POINT_KINDS)
    span_starts = [s for s, _ in spans]
    out = []
    for match in LINK.finditer(text):
        start, end = match.span()
        for cuts in (starts, points):
            i = bisect.bisect_right(cuts, start)
            if i < len(cuts) and cuts[i] < end:
                end = cuts[i]
        i = bisect.bisect_left(span_starts, start)
        if i > 0 and spans[i - 1][1] > start:  # an intervention over the scheme
            continue
        while i < len(spans) and spans[i][0] < end:
            if spans[i][1] > end:
                end = spans[i][0]
                break
            i += 1
        end = link_end(text, start, end)
        if LINK.fullmatch(text, start, end):
            out.append((start, end))
    return out


def work_spans(text: str, refs: list[Reference], blocked: list[tuple[int, int]]) -> list[tuple[int, int, Reference]]:
    """The words of each reference passage that link to its work: every part of the passage that
    no intervention or URL claims, without the separators at its ends (the citation is one link,
    broken only where the editors' reading or a URL stands: its author and title are linked
    wherever they stand in it)."""
    blocked = sorted(blocked)
    ends = [b for _, b in blocked]
    out = []
    for ref in refs:
        if not ref.key:
            continue
        pieces = []
        pos = ref.start
        i = bisect.bisect_right(ends, ref.start)
        while i < len(blocked) and blocked[i][0] < ref.end:
            a, b = blocked[i]
            pieces.append((pos, max(pos, a)))
            pos = max(pos, b)
            i += 1
        pieces.append((pos, max(pos, ref.end)))
        for a, b in pieces:
            while a < b and text[a] in " ,;":
                a += 1
            while b > a and text[b - 1] in " ,;":
                b -= 1
            if _WORDY.search(text, a, b):
                out.append((a, b, ref))
    return out


def cited_at(text: str, start: int, end: int, held: list[tuple[int, int]]) -> int:
    """Where the pointer to the work of the passage [start, end) stands: right after the passage's
    last word. ``held``: the spans of words that stand whole in one element (an intervention's, a
    URL's; they do not overlap), sorted. When the passage's last word lies inside such words that
    run on past the passage (an emendation that also holds the next passage's first words), the
    pointer can stand neither inside them (W's reading and the editors' differ there) nor after
    them (it would follow another work's words): it stands before them, right after the passage's
    last word outside them. A passage with no word outside them points after them."""
    end = start + len(text[start:end].rstrip())
    i = bisect.bisect_left(held, (end,)) - 1  # the last span that begins before the end
    if i >= 0 and held[i][1] > end:
        cut = held[i][0]
        while cut > start and text[cut - 1] in " ,;":
            cut -= 1
        return cut if cut > start else held[i][1]
    return end


def _target(ref: Reference) -> str:
    return ref.key + (f", {'pp.' if '-' in ref.page else 'p.'} {ref.page}" if ref.page else "")


def _reading(text: str, start: int, end: int, inside: list[Anchor]) -> str:
    """The text of [start, end) as the edition reads it: interventions inside give their reading
    (an emendation's reading; a *sic* keeps W's words)."""
    out, pos = [], start
    for anchor in sorted(inside, key=lambda a: a.start):
        out.append(text[pos : anchor.start])
        out.append(anchor.entry.reading if anchor.entry.kind == "emendation" else text[anchor.start : anchor.end])
        pos = anchor.end
    out.append(text[pos:end])
    return "".join(out)


def place(
    text: str,
    line_offsets: list[list[int]],
    joins: dict[int, str],
    anchors: list[Anchor],
    markers: frozenset[int] = frozenset(),
    refs: list[Reference] | None = None,
    page_breaks: list[tuple[int, PageBreak, list[Event]]] | None = None,
) -> list[Event]:
    """The events of one block's text. ``page_breaks``: (offset, page break, what heads the page:
    the fragment's line start, the fragment and its editors' notes)."""
    marks: list[tuple[int, int, int, Event, int]] = []  # offset, rank, sequence, event, end of a span
    seq = 0

    def mark(offset: int, rank: int, event: Event, end: int = -1) -> None:
        nonlocal seq
        marks.append((offset, rank, seq, event, end))
        seq += 1

    marker_spans = []
    for match in MARKER.finditer(text):
        if int(match.group(1)) in markers:
            marker_spans.append((match.start(), match.end()))
            mark(match.start(), _SPAN, NoteMarker(int(match.group(1))), match.end())
    over = sorted((a for a in anchors if a.entry.kind not in POINT_KINDS), key=lambda a: a.start)
    for anchor in anchors:
        if anchor.entry.kind in POINT_KINDS:
            mark(anchor.end, _POINT, point_event(anchor))
        else:
            mark(anchor.start, _SPAN, Intervention(anchor, text[anchor.start : anchor.end]), anchor.end)
    urls = url_spans(text, marker_spans, anchors)
    over_starts = [a.start for a in over]
    for start, end in urls:
        i, j = bisect.bisect_left(over_starts, start), bisect.bisect_left(over_starts, end)
        url = _reading(text, start, end, over[i:j])
        mark(start, _OPEN, LinkOpen(url))
        mark(end, _CLOSE, LinkClose(url))
    taken = [(a.start, a.end) if a.entry.kind not in POINT_KINDS else (a.end, a.end) for a in anchors]
    for start, end, ref in work_spans(text, refs or [], [*taken, *urls]):
        mark(start, _OPEN, WorkOpen(ref.key, _target(ref)))
        mark(end, _CLOSE, WorkClose(ref.key))
    held = sorted([*((a.start, a.end) for a in over), *urls])
    for ref in refs or []:
        if ref.key and 0 <= ref.start <= ref.end <= len(text):
            mark(cited_at(text, ref.start, ref.end, held), _POINT, Cited(ref.key))
    heads: list[tuple[int, PageBreak, list[Event]]] = page_breaks or []
    first_line_taken = any(offset == 0 and head for offset, _, head in heads)
    for i, (line, offset) in enumerate(line_offsets):
        join = joins.get(line_offsets[i - 1][0], "space") if i else "space" if first_line_taken else "first"
        mark(offset, _LINE, LineStart(line, join))
    for offset, pb, head in heads:
        # the page break, then the orphan line's own line start, the line and its editors'
        # notes, all before the line start of the page's text
        mark(offset, _PAGE, pb)
        for k, event in enumerate(head):
            if isinstance(event, LineStart):
                event = LineStart(event.line, "first" if offset == 0 and k == 0 else "space")
            mark(offset, _PAGE, event)
    marks.sort(key=lambda m: (m[0], m[1], m[2]))

    events: list[Event] = []
    pos = 0
    holder = -1  # index in events of the intervention whose words are being passed over
    for offset, _rank, _seq, event, end in marks:
        if offset < pos:  # inside words an intervention or marker stands over
            if isinstance(event, LineStart):
                over_words = events[holder] if holder >= 0 else None
                if isinstance(over_words, Intervention):
                    start = over_words.anchor.start
                    events[holder] = replace(over_words, lines=(*over_words.lines, (offset - start, event)))
                continue
            offset = pos
        if offset > pos:
            events.append(Text(text[pos:offset]))
            pos = offset
        events.append(event)
        if end >= 0:
            pos = max(pos, end)
            holder = len(events) - 1
    if pos < len(text):
        events.append(Text(text[pos:]))
    return events


def _fragment_heads(document: Document, anchors: list[Anchor]) -> dict[int, list[Event]]:
    """Page number → what heads it: each orphan line carries a page-start space, so by W's own
    layout it is the first line of the page whose text follows it (the model's ``page``)."""
    notes: dict[int, list[Anchor]] = {}
    for anchor in anchors:
        if anchor.block[0] == "f":
            notes.setdefault(anchor.block[1], []).append(anchor)
    heads: dict[int, list[Event]] = {}
    for fragment in sorted(document.fragments, key=lambda f: f.line):
        events = heads.setdefault(fragment.page, [])
        events += [LineStart(fragment.line), Fragment(fragment.line, fragment.text, fragment.page)]
        events += [
            point_event(a)
            for a in sorted(notes.get(fragment.line, []), key=lambda a: a.start)
            if a.entry.kind in POINT_KINDS
        ]
    return heads


def _pages_of(paragraph: Paragraph, heads: dict[int, list[Event]]) -> list[tuple[int, PageBreak, list[Event]]]:
    out = []
    for pb in paragraph.page_breaks:
        head = heads.pop(pb.n, [])
        line = next((e.line for e in head if isinstance(e, LineStart)), pb.line)
        out.append((pb.offset, PageBreak(pb.n, line), head))
    return out


def stream(
    document: Document, anchors: list[Anchor] | None = None, references: list[Reference] | None = None
) -> list[Block]:
    """Every block of the edition with its events: the paragraphs (abstract, headings, items,
    quotations) in order, then the author's notes."""
    anchors = anchors or []
    by_block: dict[tuple[str, int], list[Anchor]] = {}
    for anchor in anchors:
        by_block.setdefault(anchor.block, []).append(anchor)
    refs_of: dict[int, list[Reference]] = {}
    for ref in references or []:
        refs_of.setdefault(ref.note, []).append(ref)
    joins = {b.line: b.join for b in document.breaks}
    heads = _fragment_heads(document, anchors)
    idents = document.paragraph_anchors()
    blocks: list[Block] = []
    for index, paragraph in enumerate(document.paragraphs):
        events = place(
            paragraph.text,
            paragraph.line_offsets,
            joins,
            by_block.get(("p", index), []),
            frozenset(paragraph.notes),
            None,
            _pages_of(paragraph, heads),
        )
        blocks.append(Block(paragraph.kind, idents[index], index, events, paragraph.marker))
    if heads and blocks:  # a page with no text of its own: what heads it ends the last block of text
        body = next((b for b in reversed(blocks) if b.kind != "heading"), blocks[-1])
        for page in sorted(heads):
            body.events += heads[page]
    for note in document.notes:
        block = Block("note", f"n{note.n}", note.n, status=note.status)
        if note.status == "wanting":
            block.events = [Lacuna("wanting", note.n)]
        else:
            block.events = place(
                note.text, note.line_offsets, joins, by_block.get(("n", note.n), []), frozenset(), refs_of.get(note.n)
            )
            if note.status == "truncated":
                block.events.append(Lacuna("truncated", note.n))
        blocks.append(block)
    return blocks
