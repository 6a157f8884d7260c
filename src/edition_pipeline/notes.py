"""Note markers in the body and the texts of the notes at the page feet.

Markers are digits glued to what they follow: a word, punctuation, a closing bracket or
quotation mark, a URL ("2016.1 Moreover", "U.S.40", "(2004).3", "coast.”12", "[sic]5"), or a year
("in 19204." when the marker stands before the period). They must come in sequence, which is
what tells them from years, counts and ranges ("2013’s", "2+N", "2016-17", "3,600").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

MARKER = re.compile(r"(?<=[A-Za-z.,;:!?)\]”’\"'/])(\d{1,3})(?=[\s”’\"'),.;:]|$)")
AFTER_YEAR = re.compile(r"(?<![\d.,/-])(1[5-9]\d\d|20\d\d)(\d{1,3})(?=[\s”’\"'),.;:]|$)")
"""A marker glued to a year: the year is read first, the marker is what follows it."""


def find_markers(text: str, expected: int, skip: int = 0) -> Iterator[tuple[int, int, int]]:
    """Yield (start, end, n) for each marker in order, starting from note ``expected``; the text
    before offset ``skip`` (a heading's section number) holds none."""
    found: list[tuple[int, int, int]] = []
    for match in MARKER.finditer(text):
        found.append((match.start(1), match.end(1), int(match.group(1))))
    for match in AFTER_YEAR.finditer(text):
        found.append((match.start(2), match.end(2), int(match.group(2))))
    found = sorted(item for item in found if item[0] >= skip)
    for k, (start, end, n) in enumerate(found):
        # one marker lost in the text layer (glued to a number) must not lose all that follow:
        # the next number is taken when the expected one does not come later in this text
        lost_one = n == expected + 1 and not any(m == expected for _, _, m in found[k:])
        if n == expected or lost_one:
            yield start, end, n
            expected = n + 1


def write_markers(text: str, markers: list[tuple[int, int, int]]) -> tuple[str, list[int]]:
    """Rewrite markers as ``[^n]``; return the text and a map old offset -> new offset."""
    out: list[str] = []
    shift_at: list[int] = [0] * (len(text) + 1)
    pos = 0
    shift = 0
    for start, end, n in markers:
        out.append(text[pos:start])
        for i in range(pos, start + 1):
            shift_at[i] = shift
        out.append(f"[^{n}]")
        shift += len(f"[^{n}]") - (end - start)
        for i in range(start + 1, end + 1):
            shift_at[i] = shift
        pos = end
    out.append(text[pos:])
    for i in range(pos, len(text) + 1):
        shift_at[i] = shift
    return "".join(out), shift_at
