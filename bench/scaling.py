"""How the MyST writer's time grows with the length of one block: a note of 10,000 and of 40,000
witness lines (four times the text), each written five times, the best CPU time of each. Linear
work takes about four times as long, quadratic work sixteen times: the baseline is the ratio of
the lengths, measured in the same run. A measure, not a test: CPU time on a shared machine moves
by half (it was a timed test until it flaked in CI; speed is measured here, never asserted).

``report()`` returns the Markdown section for BENCHMARKS.md; ``python bench/scaling.py`` prints it.
"""

from __future__ import annotations

import gc
import time

from edition_pipeline.citations import Reference
from edition_pipeline.emit import to_myst
from edition_pipeline.model import Document, Note, PageInfo, Paragraph
from edition_pipeline.register import Anchor, Entry

SIZES = (10_000, 40_000)
REPETITIONS = 5


def long_note(lines: int) -> tuple[Document, list[Anchor], list[Reference]]:
    """One note of ``lines`` witness lines: a URL broken at every tenth line end, an entry of the
    apparatus every 25 lines, a reference to a work every 7 lines."""
    pieces, offsets, anchors, refs = [], [], [], []
    at = 0
    for i in range(lines):
        line = 100 + i
        if i % 10 == 0:
            piece = f"see http://example.org/archive/section-{i}/"
        elif i % 10 == 1:
            piece = f"item-{i}.html, and the recieved text of Author {i}, “A Title {i},” p. {i}; "
        else:
            piece = f"Author {i}, “The Title of Work {i},” Journal {i} (2016): {i}-{i + 3}; "
        offsets.append([line, at])
        if i % 25 == 2:
            start = at + piece.index("Author")
            entry = Entry(
                f"e{i}", line, "Author", "Author.", "sic", "doubtful", "certain", f"Why e{i}.", "ED", "2026-01-01", 1
            )
            anchors.append(Anchor(entry, ("n", 1), start, start + len("Author"), 1))
        if i % 7 == 3:
            refs.append(Reference(1, at, at + len(piece) - 2, piece, key=f"key{i}", page=str(i)))
        pieces.append(piece)
        at += len(piece)
    text = "".join(pieces)
    note = Note(1, text, "present", 100, 100 + lines - 1, 1, 5, offsets)
    paragraph = Paragraph("paragraph", "Text.[^1]", [1], 5, 5, 1, [], "", [[5, 0]])
    doc = Document({"file": "w.txt", "sha256": "", "lines": lines}, [PageInfo(1, 1)], [paragraph], [note], [], [])
    return doc, anchors, refs


def seconds(lines: int) -> tuple[float, int]:
    """The best CPU time of writing the MyST of ``long_note(lines)``, and the note's characters."""
    doc, anchors, refs = long_note(lines)
    best = float("inf")
    gc.collect()
    gc.disable()  # the collector's passes over many young objects would blur the comparison
    try:
        for _ in range(REPETITIONS):
            started = time.process_time()
            to_myst(doc, {"title": "T"}, anchors, refs)
            best = min(best, time.process_time() - started)
    finally:
        gc.enable()
    return best, len(doc.notes[0].text)


def report() -> str:
    (small, small_chars), (large, large_chars) = (seconds(n) for n in SIZES)
    ratio, linear = large / small, large_chars / small_chars
    return "\n".join(
        [
            "## The MyST writer on one long block",
            "",
            f"One note of {SIZES[0]:,} and of {SIZES[1]:,} witness lines (URLs broken, entries and references",
            f"throughout), written {REPETITIONS} times each, the best CPU time (bench/scaling.py):",
            "",
            "| note | characters | CPU time |",
            "| --- | --- | --- |",
            f"| {SIZES[0]:,} lines | {small_chars:,} | {small:.3f} s |",
            f"| {SIZES[1]:,} lines | {large_chars:,} | {large:.3f} s |",
            "",
            f"- time ratio **{ratio:.2f}** against the ratio of the lengths, {linear:.2f} (linear work; quadratic would",
            f"  be {linear * linear:.1f}): {'linear' if ratio < (linear + linear * linear) / 2 else 'NOT linear'}",
        ]
    )


if __name__ == "__main__":
    print(report())
