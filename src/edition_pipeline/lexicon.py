"""The lexicon and the shapes of tokens, defined once for every stage.

Word frequencies come from wordfreq (Zipf scale, see thresholds.py); words are recognised by
their typography alone, with no list of words of one text. Web addresses are the vocabulary's
(``apparatus.vocabulary``: one definition for the pipeline and the extension).
"""

from __future__ import annotations

import re
from functools import lru_cache

from apparatus.vocabulary import HOST, URL_START
from wordfreq import zipf_frequency

WORD = re.compile(r"[A-Za-z\u00c0-\u024f]+(?:['’][A-Za-z]+)*")
"""A word: letters (Latin, with accents), with inner apostrophes ("Korea’s", "don't")."""
COMPOUND = re.compile(r"[A-Za-z\u00c0-\u024f]+(?:-[A-Za-z\u00c0-\u024f]+)+")
"""A hyphenated compound written whole ("Russo-Japanese", "missile-defense")."""


@lru_cache(maxsize=200_000)
def zipf(word: str, lang: str = "en") -> float:
    """How common a word is (Zipf scale), case-folded."""
    return zipf_frequency(word.lower(), lang)


def strip_url_trail(token: str) -> str:
    """The token without the punctuation of the sentence around it: quotes, brackets, a final
    period or comma (which a URL does not end with in prose)."""
    token = token.lstrip("(“‘\"'[<")
    return token.rstrip(",;:)”’\"'>]")


def looks_like_url(token: str) -> bool:
    """A token that is (the beginning of) a URL: it has a scheme or 'www.', or it begins with a
    dotted host name followed by a path ('example.org/a') or by nothing ('example.org')."""
    core = strip_url_trail(token)
    if URL_START.match(core):
        return True
    return bool(HOST.match(core.rstrip(".")))
