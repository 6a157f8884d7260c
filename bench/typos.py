"""Inject typing slips (letter swaps, doublings, drops) into a witness, remembering where."""

from __future__ import annotations

import random
import re


def inject(text: str, seed: int, count: int = 6) -> tuple[str, list[tuple[int, str, str]]]:
    """Return the new text and (line, typo, original) for each slip, in words inside lines."""
    rng = random.Random(seed)
    lines = text.split("\n")
    spots = [
        (i, m)
        for i, line in enumerate(lines)
        for m in re.finditer(r"(?<= )[a-z]{5,}(?= )", line)
        if not re.match(r"^ {0,2}\d+\.\t", line)
    ]
    rng.shuffle(spots)
    done: list[tuple[int, str, str]] = []
    used: set[int] = set()
    for i, match in spots:
        if len(done) == count or i in used:
            continue
        word = match.group(0)
        k = rng.randrange(1, len(word) - 2)
        kind = rng.choice(["swap", "double", "drop"])
        if kind == "swap":
            typo = word[:k] + word[k + 1] + word[k] + word[k + 2 :]
        elif kind == "double":
            typo = word[: k + 1] + word[k] + word[k + 1 :]
        else:
            typo = word[:k] + word[k + 1 :]
        if typo == word:
            continue
        lines[i] = lines[i][: match.start()] + typo + lines[i][match.end() :]
        used.add(i)
        done.append((i + 1, typo, word))
    return "\n".join(lines), done
