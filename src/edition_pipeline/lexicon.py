"""The lexicon and the shapes of tokens, defined once for every stage.

Word frequencies come from wordfreq (Zipf scale, see thresholds.py); words and URLs are
recognised by their typography alone, with no list of domains or of words of one text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from wordfreq import zipf_frequency

WORD = re.compile(r"[A-Za-z\u00c0-\u024f]+(?:['’][A-Za-z]+)*")
"""A word: letters (Latin, with accents), with inner apostrophes ("Korea’s", "don't")."""
COMPOUND = re.compile(r"[A-Za-z\u00c0-\u024f]+(?:-[A-Za-z\u00c0-\u024f]+)+")
"""A hyphenated compound written whole ("Russo-Japanese", "missile-defense")."""
URL = re.compile(r"(?:https?://|www\.)\S+")
"""A URL in running text: it begins with a scheme or 'www.' and runs to the next space."""
URL_START = re.compile(r"(https?://|www\.)", re.IGNORECASE)
HOST = re.compile(r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.[a-z]{2,}(?=[/:?#]|$)")
"""A dotted host name: labels of letters, digits and inner hyphens, the last alphabetic
(two letters or more). Case-sensitive on purpose: prose abbreviations ('U.S.', 'e.g.',
'i.e.') are upper case or have one-letter labels."""
URL_PUNCTUATION = "/.:-_=?&#%~+"
"""Characters inside a URL at which a typesetter may break a line."""


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
