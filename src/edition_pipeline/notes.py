"""Note markers in the body and the texts of the notes at the page feet.

Markers are digits glued to a word or punctuation ("2016.1 Moreover", "U.S.40"); they must
come in sequence, which is what tells them from years, counts and ranges ("2013’s", "2+N",
"2016-17", "3,600").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

MARKER = re.compile(r"(?<=[A-Za-z.,;:!?)\]”’\"'])(\d{1,3})(?=[\s”’\"'),.;:]|$)")


def find_markers(text: str, expected: int) -> Iterator[tuple[int, int, int]]:
    """Yield (start, end, n) for each marker in order, starting from note ``expected``."""
    for match in MARKER.finditer(text):
        n = int(match.group(1))
        if n == expected:
            yield match.start(), match.end(), n
            expected += 1


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
