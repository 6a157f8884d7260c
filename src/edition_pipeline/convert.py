"""Run the stages in order and build the document model from a witness.

witness → layout → hyphenation (every break) → structure (blocks and kinds) → notes
(markers and note texts) → the model. Editorial overrides, when given, are applied at the
stage they concern and each must match the witness exactly.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from .editorial import Overrides
from .hyphenation import BreakDecision, Vocabulary, apply_join, decide
from .layout import Layout, note_body, note_is_unfinished, recover_layout
from .model import Break, Document, Fragment, Note, PageBreak, PageInfo, Paragraph
from .notes import find_markers, write_markers
from .structure import (
    RawBlock,
    boundary_is_break,
    is_heading,
    normalize_space,
    quotation_evidence,
    split_raw_blocks,
    typical_length,
)
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


Block = tuple[list[RawBlock], str, str]  # the raw blocks it joins, its kind, the evidence


def group_blocks(raw_blocks: list[RawBlock], short: float, overrides: Overrides | None) -> list[Block]:
    """Join raw blocks into blocks: a heading stands alone; elsewhere a boundary stays only
    where the line before it closes a sentence or introduces a quotation."""
    blocks: list[Block] = []
    for raw in raw_blocks:
        forced = overrides.kind_for(raw.lines[0].number) if overrides else None
        heading = is_heading(raw, int(short)) if forced is None else forced == "heading"
        if heading:
            blocks.append(([raw], "heading", "short title-case line(s) standing alone"))
            continue
        why = "the first block"
        if blocks and blocks[-1][1] != "heading":
            is_break, why = boundary_is_break(blocks[-1][0][-1], raw, short)
            if overrides is not None:
                is_break = overrides.boundary_for(raw.lines[0].number, is_break)
            if not is_break:
                blocks[-1][0].append(raw)
                continue
        blocks.append(([raw], "paragraph", why))
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
    first_heading = next((i for i, (_, kind, _) in enumerate(blocks) if kind == "heading"), None)
    for index, (raws, kind, evidence) in enumerate(blocks):
        lines = [line for raw in raws for line in raw.lines]
        text, starts = joiner.join([(line.content, line) for line in lines])
        markers = list(find_markers(text, expected_marker))
        if markers:
            expected_marker = markers[-1][2] + 1
        for start, _end, n in markers:
            marker_lines[n] = lines[max(i for i, s in enumerate(starts) if s <= start)].number
        new_text, shift = write_markers(text, markers)
        if kind != "heading":
            if first_heading is not None and index < first_heading:
                kind, evidence = "abstract", "text before the first heading"
            elif paragraphs and paragraphs[-1].kind != "heading":
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
                kind=kind,  # type: ignore[arg-type]
                text=new_text,
                notes=[n for _, _, n in markers],
                first_line=lines[0].number,
                last_line=lines[-1].number,
                page=_page_of(layout, lines[0].number),
                page_breaks=_place_page_breaks(lines, starts, text, shift, layout),
                evidence=evidence,
                line_offsets=[[line.number, starts[i] + shift[starts[i]]] for i, line in enumerate(lines)],
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
    short = 0.85 * typical_length([line for block in raw_blocks for line in block.lines])
    paragraphs, marker_lines = build_paragraphs(group_blocks(raw_blocks, short, overrides), joiner, layout, overrides)
    notes = build_notes(layout, joiner, marker_lines)
    fragments = [
        Fragment(f.line.number, normalize_space(f.line.content), f.after_line, _page_of(layout, f.after_line))
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
