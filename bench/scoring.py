"""Compare a converted document with a generated witness's gold (tests and benchmark)."""

from __future__ import annotations

from witnessgen import Generated

from edition_pipeline.model import Document

KIND_CLASS = {"abstract": "paragraph", "blockquote": "paragraph"}  # kinds the generator does not tell apart


def score(document: Document, gold: Generated) -> dict[str, tuple[int, int]]:
    """(correct, total) for each measure; boundary measures as (true positives, gold + found)
    so that F1 = 2 * tp / (gold + found)."""
    got_paragraphs = [p.text for p in document.paragraphs]
    paragraphs = sum(1 for text in gold.paragraphs if text in got_paragraphs)
    decided = {b.line: b.join for b in document.breaks if b.join != "space"}
    lines = set(decided) | set(gold.breaks)
    breaks = sum(1 for line in lines if decided.get(line) == gold.breaks.get(line))
    every = set(gold.joins) | set(decided)
    joins_ok = sum(1 for line in every if decided.get(line, "space") == gold.joins.get(line, "none"))
    notes = sum(1 for n, text in gold.notes.items() if (note := document.note(n)) and note.text == text)
    pages = sum(1 for first in gold.pages if first in {p.first_line for p in document.pages})
    texts = " ".join([*got_paragraphs, *(n.text for n in document.notes)])
    urls = sum(1 for url in gold.urls if url in texts)
    markers = sum(1 for n, line in gold.markers.items() if (note := document.note(n)) and note.marker_line == line)
    got_firsts = {p.first_line for p in document.paragraphs}
    gold_firsts = {first for first, _, _ in gold.blocks}
    result = {
        "paragraphs": (paragraphs, len(gold.paragraphs)),
        "breaks": (breaks, len(lines)),
        "joins": (joins_ok, len(every)),
        "notes": (notes, len(gold.notes)),
        "pages": (pages, len(gold.pages)),
        "urls": (urls, len(gold.urls)),
        "markers": (markers, len(gold.markers)),
        "boundaries": (len(got_firsts & gold_firsts), len(got_firsts) + len(gold_firsts)),
    }
    for kind in ("heading", "item"):
        got = {(p.first_line, p.marker or "") for p in document.paragraphs if p.kind == kind}
        want = {(first, marker) for first, k, marker in gold.blocks if k == kind}
        result[kind + "s"] = (len(got & want), len(got) + len(want))
    return result


def f1(pair: tuple[int, int]) -> float:
    tp, both = pair
    return 2 * tp / both if both else 1.0
