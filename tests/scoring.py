"""Compare a converted document with a generated witness's gold (tests and benchmark)."""

from __future__ import annotations

from witnessgen import Generated

from edition_pipeline.model import Document


def score(document: Document, gold: Generated) -> dict[str, tuple[int, int]]:
    """(correct, total) for paragraphs, breaks, notes and pages."""
    got_paragraphs = [p.text for p in document.paragraphs]
    paragraphs = sum(1 for text in gold.paragraphs if text in got_paragraphs)
    decided = {b.line: b.join for b in document.breaks if b.join != "space"}
    lines = set(decided) | set(gold.breaks)
    breaks = sum(1 for line in lines if decided.get(line) == gold.breaks.get(line))
    notes = sum(1 for n, text in gold.notes.items() if (note := document.note(n)) and note.text == text)
    pages = sum(1 for first in gold.pages if first in {p.first_line for p in document.pages})
    return {
        "paragraphs": (paragraphs, len(gold.paragraphs)),
        "breaks": (breaks, len(lines)),
        "notes": (notes, len(gold.notes)),
        "pages": (pages, len(gold.pages)),
    }
