"""Run the stages in order and build the document model from a witness.

witness → layout → hyphenation (every break) → structure (blocks and kinds) → notes
(markers and note texts) → the model. Editorial overrides, when given, are applied at the
stage they concern and each must match the witness exactly.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from .editorial import Overrides
from .hyphenation import BreakDecision, Vocabulary, apply_join, decide
from .layout import Layout, note_body, note_is_unfinished, recover_layout
from .model import BlockKind, Break, Document, Fragment, Note, PageBreak, PageInfo, Paragraph
from .notes import find_markers, write_markers
from .structure import (
    SECTION_NUMBER,
    ItemMarker,
    RawBlock,
    boundary_is_break,
    heading_evidence,
    list_items,
    normalize_space,
    quotation_evidence,
    split_at_items,
    split_raw_blocks,
    typical_length,
)
from .thresholds import SHORT_LINE
from .witness import Line, Witness


class _Joiner:
    """Join the lines of one flow, recording every non-trivial break decision."""

    def __init__(self, vocab: Vocabulary, overrides: Overrides | None, breaks: list[Break]) -> None:
        self.vocab = vocab
        self.overrides = overrides
        self.breaks = breaks

    def decision(self, left: Line, right: Line) -> BreakDecision | None:
        found = decide(left, right, self.vocab)
        if self.overrides is not None:
            found = self.overrides.apply_break(left, right, found)
        if found is not None:
            self.breaks.append(
                Break(found.line, found.join, found.word, found.witness, found.evidence, found.confidence)
            )
        return found

    def join(self, texts_and_lines: list[tuple[str, Line]]) -> tuple[str, list[int]]:
        """Join the texts; return the text and the offset where each line's text begins."""
        text = ""
        starts: list[int] = []
        prev: Line | None = None
        for piece, line in texts_and_lines:
            piece = normalize_space(piece)
            if prev is None:
                starts.append(0)
                text = piece
            else:
                decision = self.decision(prev, line)
                joined = apply_join(text, piece, decision)
                starts.append(len(joined) - len(piece))
                text = joined
            prev = line
        return text, starts


def _page_of(layout: Layout, line_number: int) -> int:
    page_n = 1
    for page in layout.pages:
        if page.first_line <= line_number:
            page_n = page.n
    return page_n


def _page_headed(layout: Layout, line_number: int) -> int:
    """The page an orphan line heads: the first whose text begins after it (the last page if none)."""
    return next((page.n for page in layout.pages if page.first_line > line_number), layout.pages[-1].n)


@dataclass
class Block:
    """Raw blocks joined into one block of the edition, with its kind and the evidence."""

    raws: list[RawBlock]
    kind: BlockKind
    evidence: str
    marker: ItemMarker | None = None


def group_blocks(raw_blocks: list[RawBlock], short: float, overrides: Overrides | None) -> list[Block]:
    """Join raw blocks into blocks: headings and list items stand alone; elsewhere a boundary
    stays unless there is evidence that the text runs on (structure.boundary_is_break)."""
    raw_blocks = split_at_items(raw_blocks, short)
    items = list_items(raw_blocks)
    blocks: list[Block] = []
    for i, raw in enumerate(raw_blocks):
        first = raw.lines[0].number
        forced = overrides.kind_for(first) if overrides else None
        alone_after = i + 1 == len(raw_blocks) or raw_blocks[i + 1].boundary in ("blank", "page")
        if forced is None and i not in items:
            why = heading_evidence(raw, short, alone_after)
            if why:
                blocks.append(Block([raw], "heading", why))
                continue
        elif forced == "heading" and overrides is not None:
            blocks.append(Block([raw], "heading", overrides.reason_for(first)))
            continue
        if i in items and forced in (None, "item"):
            marker, why = items[i]
            blocks.append(Block([raw], "item", why, marker))
            continue
        why = "the first block"
        if blocks and blocks[-1].kind != "heading":
            is_break, why = boundary_is_break(blocks[-1].raws[-1], raw, short, blocks[-1].kind == "item")
            if overrides is not None:
                is_break = overrides.boundary_for(first, is_break)
            if not is_break:
                blocks[-1].raws.append(raw)
                continue
        elif blocks:
            why = "text after a heading"
        blocks.append(Block([raw], "paragraph", why))
    return blocks


def _place_page_breaks(
    lines: list[Line], starts: list[int], text: str, shift: list[int], layout: Layout
) -> list[PageBreak]:
    """Where each page begins in the block's text (after a word split across the page end)."""
    page_starts = {page.first_line: page for page in layout.pages}
    page_breaks = [
        PageBreak(page_starts[line.number].n, line.number, starts[i])
        for i, line in enumerate(lines)
        if line.number in page_starts
    ]
    for pb in page_breaks:
        at = pb.offset
        if at > 0 and text[at - 1] != " ":  # inside a joined word: mark after it
            while at < len(text) and text[at] != " ":
                at += 1
        pb.offset = at + shift[min(at, len(text))]
    return sorted(page_breaks, key=lambda pb: pb.offset)


def build_paragraphs(
    blocks: list[Block], joiner: _Joiner, layout: Layout, overrides: Overrides | None
) -> tuple[list[Paragraph], dict[int, int]]:
    """The blocks' repaired texts with markers, kinds and page breaks; and each marker's line."""
    paragraphs: list[Paragraph] = []
    expected_marker = 1
    marker_lines: dict[int, int] = {}
    first_heading = next((i for i, block in enumerate(blocks) if block.kind == "heading"), None)
    for index, block in enumerate(blocks):
        kind, evidence = block.kind, block.evidence
        lines = [line for raw in block.raws for line in raw.lines]
        pieces = [(line.content, line) for line in lines]
        if block.marker is not None:  # the item's marker is the list's, not the item's text
            pieces[0] = (pieces[0][0][len(block.marker.marker) :], lines[0])
        text, starts = joiner.join(pieces)
        number = SECTION_NUMBER.match(text) if kind == "heading" else None
        markers = list(find_markers(text, expected_marker, skip=number.end() if number else 0))
        if markers:
            expected_marker = markers[-1][2] + 1
        for start, _end, n in markers:
            marker_lines[n] = lines[max(i for i, s in enumerate(starts) if s <= start)].number
        new_text, shift = write_markers(text, markers)
        if kind == "paragraph":
            if first_heading == 1 and index == 0:
                kind, evidence = "abstract", "the one block before the first heading"
            elif paragraphs and paragraphs[-1].kind in ("paragraph", "abstract", "blockquote"):
                ends_with_marker = bool(markers) and new_text.rstrip().endswith(f"[^{markers[-1][2]}]")
                before = re.sub(r"\[\^\d+\]", "", paragraphs[-1].text)
                quote_why = quotation_evidence(before, new_text, len(markers), ends_with_marker)
                if quote_why:
                    kind, evidence = "blockquote", quote_why
            forced = overrides.kind_for(lines[0].number) if overrides else None
            if forced is not None and overrides is not None:
                kind, evidence = forced, overrides.reason_for(lines[0].number)
        paragraphs.append(
            Paragraph(
                kind=kind,
                text=new_text,
                notes=[n for _, _, n in markers],
                first_line=lines[0].number,
                last_line=lines[-1].number,
                page=_page_of(layout, lines[0].number),
                page_breaks=_place_page_breaks(lines, starts, text, shift, layout),
                evidence=evidence,
                line_offsets=[[line.number, starts[i] + shift[starts[i]]] for i, line in enumerate(lines)],
                marker=block.marker.marker if block.marker is not None else None,
            )
        )
    return paragraphs, marker_lines


def build_notes(layout: Layout, joiner: _Joiner, marker_lines: dict[int, int]) -> list[Note]:
    """Every note from 1 to the highest number seen: present, truncated, or wanting."""
    present: dict[int, Note] = {}
    for page in layout.pages:
        for note_lines in page.notes:
            pieces = [(note_body(note_lines.lines[0]), note_lines.lines[0])]
            pieces += [(line.content, line) for line in note_lines.lines[1:]]
            text, note_starts = joiner.join(pieces)
            is_last = note_lines is page.notes[-1]
            truncated = is_last and note_lines.continued_on is None and note_is_unfinished(note_lines.lines)
            present[note_lines.n] = Note(
                n=note_lines.n,
                text=text,
                status="truncated" if truncated else "present",
                first_line=note_lines.lines[0].number,
                last_line=note_lines.lines[-1].number,
                page=page.n,
                line_offsets=[[line.number, note_starts[i]] for i, (_, line) in enumerate(pieces)],
            )
    highest = max([*marker_lines, *present], default=0)
    notes = []
    for n in range(1, highest + 1):
        note = present.get(n) or Note(n=n, text="", status="wanting")
        note.marker_line = marker_lines.get(n)
        notes.append(note)
    return notes


def convert_witness(witness: Witness, overrides: Overrides | None = None) -> Document:
    """The document model of a witness: layout, breaks, blocks, markers and notes."""
    layout = recover_layout(witness)
    if overrides is not None:
        overrides.check_anchors(witness)
    breaks: list[Break] = []
    joiner = _Joiner(Vocabulary(list(witness.lines)), overrides, breaks)
    flow: list[Line | tuple[int, int]] = []
    for page in layout.pages:
        flow.append((page.n, page.first_line))
        flow.extend(page.body)
    raw_blocks = split_raw_blocks(flow)
    short = SHORT_LINE * typical_length([line for block in raw_blocks for line in block.lines])
    paragraphs, marker_lines = build_paragraphs(group_blocks(raw_blocks, short, overrides), joiner, layout, overrides)
    notes = build_notes(layout, joiner, marker_lines)
    fragments = [
        # its page-start space makes an orphan line the head of the page whose text follows it
        Fragment(f.line.number, normalize_space(f.line.content), f.after_line, _page_headed(layout, f.line.number))
        for f in layout.fragments
    ]
    breaks.sort(key=lambda b: b.line)
    return Document(
        witness={
            "file": Path(witness.path).name,
            "sha256": hashlib.sha256(witness.render().encode("utf-8")).hexdigest(),
            "lines": len(witness.lines),
        },
        pages=[PageInfo(page.n, page.first_line) for page in layout.pages],
        paragraphs=paragraphs,
        notes=notes,
        fragments=fragments,
        breaks=breaks,
    )
