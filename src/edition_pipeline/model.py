"""The document model: what the conversion knows, in the shape the JSON Schema documents.

Text in the model is repaired (line breaks joined, white space normalized) but never emended;
note markers are written ``[^n]``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

BlockKind = Literal["abstract", "heading", "paragraph", "blockquote", "item"]
NoteStatus = Literal["present", "wanting", "truncated"]


@dataclass
class PageBreak:
    n: int  # witness page number that begins here
    line: int  # its first witness line
    offset: int  # character offset in the paragraph text


@dataclass
class Paragraph:
    kind: BlockKind
    text: str
    notes: list[int]
    first_line: int
    last_line: int
    page: int
    page_breaks: list[PageBreak] = field(default_factory=list)
    evidence: str = ""
    line_offsets: list[list[int]] = field(default_factory=list)  # [witness line, offset in text]
    marker: str | None = None  # a list item's marker as W prints it ('•', '2.', '(b)'); None for other kinds


@dataclass
class Note:
    n: int
    text: str
    status: NoteStatus
    first_line: int | None = None
    last_line: int | None = None
    page: int | None = None
    marker_line: int | None = None
    line_offsets: list[list[int]] = field(default_factory=list)


@dataclass
class Fragment:
    line: int
    text: str
    after_line: int
    page: int


@dataclass
class Break:
    line: int
    join: str
    word: str
    witness: str
    evidence: str
    confidence: float


@dataclass
class PageInfo:
    n: int
    first_line: int


@dataclass
class Document:
    witness: dict[str, Any]
    pages: list[PageInfo]
    paragraphs: list[Paragraph]
    notes: list[Note]
    fragments: list[Fragment]
    breaks: list[Break]

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    def note(self, n: int) -> Note | None:
        return next((note for note in self.notes if note.n == n), None)

    def paragraph_anchors(self) -> list[str]:
        """The anchor of each block, as the edition cites it: body paragraphs and quotations are
        numbered p1, p2, … (the ¶ numbers of the edition), the abstract is 'abstract', headings h1, h2, …"""
        anchors: list[str] = []
        counts = {"heading": 0, "abstract": 0, "paragraph": 0}
        for paragraph in self.paragraphs:
            kind = paragraph.kind if paragraph.kind in ("heading", "abstract") else "paragraph"
            counts[kind] += 1
            n = counts[kind]
            anchors.append(
                {"heading": f"h{n}", "abstract": "abstract" if n == 1 else f"abstract{n}"}.get(kind, f"p{n}")
            )
        return anchors

    def text_blocks(self) -> list[tuple[str, str, list[list[int]]]]:
        """(anchor, text, line offsets) of every block of text: paragraphs, then notes (n13)."""
        blocks = [(a, p.text, p.line_offsets) for a, p in zip(self.paragraph_anchors(), self.paragraphs, strict=True)]
        return blocks + [(f"n{note.n}", note.text, note.line_offsets) for note in self.notes if note.text]
