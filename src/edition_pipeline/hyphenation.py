"""Decide every line break: a space, a dropped or kept hyphen, a lost hyphen, or no space.

Evidence, strongest first: the witness's own vocabulary (the same word or compound written
whole elsewhere), URL grammar, morphology (capitalized second halves, compound prefixes),
and an English lexicon with frequencies (wordfreq). Each decision records its evidence and a
confidence, so an editor can review the doubtful ones first. Nothing here knows one article.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Literal

from apparatus.vocabulary import URL_START

from .lexicon import COMPOUND, WORD, looks_like_url, zipf
from .thresholds import COMMON_WORD, FUNCTION_WORD, LEXICON_WORD, URL_PATH_WORD
from .witness import Line

Join = Literal["space", "drop-hyphen", "keep-hyphen", "lost-hyphen", "no-space"]

COMPOUND_PREFIXES = frozenset(["anti", "non", "pro", "post", "pre", "neo", "pan", "ex", "self", "quasi"])
"""English prefixes that keep their hyphen before a word the lexicon does not know ('pro-Moscow'
aside, which the capital shows). Combining forms of names ('Sino-', 'Anglo-') are known from the
witness's own compounds instead (Vocabulary.knows_prefix)."""
URL_BREAK_AFTER = ("/", ".", ":", "-", "_", "=", "?", "&", "#", "~", "%", "+")
"""Characters after which a typesetter breaks a URL: the URL goes on on the next line."""


@dataclass(frozen=True)
class BreakDecision:
    line: int  # witness line number of the line that ends here
    join: Join
    word: str  # the form the join produces around the break
    witness: str  # the exact tokens on both sides, "left|right"
    evidence: str
    confidence: float


class Vocabulary:
    """Words and hyphenated compounds the witness writes whole, away from line ends."""

    def __init__(self, lines: list[Line]) -> None:
        self.words: Counter[str] = Counter()
        self.compounds: Counter[str] = Counter()
        self.fragments: Counter[str] = Counter()  # lower-cased tokens split at URL punctuation
        self.url_pieces: Counter[str] = Counter()  # the same, split at hyphens too
        previous: Line | None = None
        for line in lines:
            text = line.content
            split_before = (
                previous is not None
                and bool(previous.content)
                and (previous.trailing == "" or previous.content.endswith("-"))
            )
            previous = line
            if not text:
                continue
            pieces = list(WORD.finditer(text))
            if not pieces:
                continue
            first_word = pieces[0].start()
            if line.trailing == "" or text.endswith("-"):
                pieces = pieces[:-1]  # the last word may be split at the line end
            if split_before and pieces and pieces[0].start() == first_word:
                pieces = pieces[1:]  # the first word may complete a split from the line before
            for piece in pieces:
                self.words[piece.group(0).lower()] += 1
            for match in COMPOUND.finditer(text):
                if match.end() < len(text) and match.start() > 0:
                    self.compounds[match.group(0).lower()] += 1
            for token in re.split(r"[\s/?&=_.]+", text):
                token = token.strip(",;:()“”\"'’").lower()
                self.fragments[token] += 1
                for part in token.split("-"):
                    self.url_pieces[part] += 1

    def knows_word(self, word: str) -> bool:
        return self.words[word.lower()] > 0

    def knows_stem_of(self, word: str) -> str:
        """A word the witness writes whole of which ``word`` is an inflection ('logbooks' -> 'logbook')."""
        lower = word.lower()
        for suffix in ("s", "es", "ed", "d", "ing", "ly"):
            stem = lower[: -len(suffix)]
            if lower.endswith(suffix) and len(stem) > 3 and self.words[stem]:
                return stem
        return ""

    def knows_compound(self, compound: str) -> bool:
        return self.compounds[compound.lower()] > 0

    def knows_prefix(self, first: str) -> str:
        """A compound the witness writes whole with the same first part ('Sino-Russian' for 'Sino-')."""
        head = first.lower() + "-"
        return next((c for c in self.compounds if c.startswith(head)), "")


def last_token(text: str) -> str:
    parts = text.split()
    return parts[-1] if parts else ""


def first_token(text: str) -> str:
    parts = text.split()
    return parts[0] if parts else ""


def is_url_token(token: str) -> bool:
    """A URL or a piece of one: a scheme, 'www.' or a dotted host; or a path (a slash and at
    least one more character of URL punctuation, so that 'and/or' stays prose)."""
    if looks_like_url(token):
        return True
    core = token.strip("(),;“”\"'’")
    return "/" in core and sum(core.count(c) for c in "/._-=?&#~%") >= 2 and " " not in core


def _tail_word(token: str) -> str:
    """The letters before the final hyphen: 'Sino-Ameri-' -> 'Ameri'."""
    body = token.rstrip("-")
    match = re.search(r"([A-Za-z\u00c0-\u024f]+)$", body)
    return match.group(1) if match else ""


def _head_word(token: str) -> str:
    match = re.match(r"^[“‘\"'(]*([A-Za-z\u00c0-\u024f]+)", token)
    return match.group(1) if match else ""


def decide(left: Line, right: Line, vocab: Vocabulary) -> BreakDecision | None:
    """Decide the break between two lines of one flow; None when it is a plain space."""
    text = left.content
    left_token = last_token(text)
    right_token = first_token(right.content)
    ends_hyphen = text.endswith("-") and len(left_token) > 1
    no_trailing = left.trailing == ""
    # a URL, or a line that is one piece of a URL (a path, or a slug of three hyphens or more)
    url_left = is_url_token(left_token) or (" " not in text and ("/" in text or text.count("-") >= 3))
    url_right = (
        len(right_token) > 1
        and right_token[0] in "/._=?&#"
        and left_token[-1:].isalnum()
        and is_url_token(left_token + right_token)
    )
    if url_right and not url_left:
        return BreakDecision(
            left.number,
            "no-space",
            left_token + right_token,
            f"{left_token}|{right_token}",
            f"the next line goes on with the URL ('{right_token[0]}')",
            0.9,
        )
    if not (ends_hyphen or no_trailing or url_left):
        return None
    witness = f"{left_token}|{right_token}"

    def made(join: Join, word: str, evidence: str, confidence: float) -> BreakDecision:
        return BreakDecision(left.number, join, word, witness, evidence, confidence)

    if url_left:
        url = _decide_url(left_token, right_token, ends_hyphen, vocab)
        if url is not None:
            join, word, evidence, confidence = url
            return made(join, word, evidence, confidence)
    if ends_hyphen:
        a, b = _tail_word(left_token), _head_word(right_token)
        if not a or not b:
            if right_token[:1].isdigit():
                return made("keep-hyphen", left_token + right_token, "a number follows the hyphen", 0.8)
            return made("keep-hyphen", left_token + right_token, "no word on one side", 0.5)
        joined, hyphened = a + b, f"{a}-{b}"
        word_joined = left_token[:-1] + right_token
        word_kept = left_token + right_token
        if vocab.knows_compound(hyphened) and not vocab.knows_word(joined):
            return made("keep-hyphen", word_kept, f"witness writes '{hyphened}' elsewhere", 0.97)
        if vocab.knows_word(joined) and not vocab.knows_compound(hyphened):
            return made("drop-hyphen", word_joined, f"witness writes '{joined}' elsewhere", 0.97)
        if b[0].isupper():
            return made("keep-hyphen", word_kept, f"capitalized second half '{b}'", 0.9)
        stem = vocab.knows_stem_of(joined)
        if stem and not vocab.knows_compound(hyphened):
            return made("drop-hyphen", word_joined, f"witness writes '{stem}' elsewhere", 0.9)
        if a.lower() in COMPOUND_PREFIXES and zipf(joined) < LEXICON_WORD:
            return made("keep-hyphen", word_kept, f"compound prefix '{a}-'", 0.85)
        sibling = vocab.knows_prefix(a)
        if sibling and zipf(joined) < LEXICON_WORD:
            return made("keep-hyphen", word_kept, f"witness writes '{sibling}' with the same first part", 0.85)
        zj, za, zb = zipf(joined), zipf(a), zipf(b)
        if zj >= LEXICON_WORD:
            confidence = 0.75 if (za >= COMMON_WORD and zb >= COMMON_WORD) else 0.95
            return made("drop-hyphen", word_joined, f"lexicon: '{joined}' zipf {zj:.1f}", confidence)
        if za >= COMMON_WORD and zb >= COMMON_WORD:
            return made("keep-hyphen", word_kept, f"two words '{a}', '{b}'; '{joined}' unknown", 0.7)
        return made("drop-hyphen", word_joined, "typesetter's hyphen (no word either way)", 0.6)
    if no_trailing:
        a, b = _tail_word(left_token + "-"), _head_word(right_token)
        if a and b and b[0].islower():
            joined = a + b
            if vocab.knows_word(joined):
                return made("lost-hyphen", left_token + right_token, f"witness writes '{joined}' elsewhere", 0.95)
            stem = vocab.knows_stem_of(joined)
            if stem:
                return made("lost-hyphen", left_token + right_token, f"witness writes '{stem}' elsewhere", 0.9)
            zj = zipf(joined)
            if zj >= LEXICON_WORD:
                return made("lost-hyphen", left_token + right_token, f"lexicon: '{joined}' zipf {zj:.1f}", 0.9)
            if zipf(a) >= COMMON_WORD and zipf(b) >= COMMON_WORD:
                return made(
                    "space", f"{left_token} {right_token}", "two words; only the trailing space is missing", 0.6
                )
            return made("lost-hyphen", left_token + right_token, "no trailing space and no word either way", 0.55)
        return made("space", f"{left_token} {right_token}", "line end without trailing space", 0.7)
    return None


def _decide_url(left: str, right: str, ends_hyphen: bool, vocab: Vocabulary) -> tuple[Join, str, str, float] | None:
    """A URL broken at the line end goes on without a space; a hyphen there is kept or dropped by
    the witness's own spellings, then by whether the hyphen can be the typesetter's (a word split
    at a syllable) or is the URL's own (between words of a slug, beside a number)."""
    if not right:
        return None
    if not ends_hyphen:
        if right[0] in "/._=?&#":
            return "no-space", left + right, "the next line goes on with the URL", 0.9
        if not left.endswith(URL_BREAK_AFTER):
            return None  # the URL ends with the line
        bare = right.rstrip(".,;:)”’\"'")
        if left.endswith(".") and right[0].isupper():
            return None  # the period ends the sentence; a new one begins
        if re.fullmatch(r"[A-Za-z]+", bare) and zipf(bare) >= FUNCTION_WORD:
            return None  # a word of the sentence follows the URL
        return "no-space", left + right, f"URL broken after '{left[-1]}'", 0.9
    stem = left[:-1]
    a, b = _tail_word(left), _head_word(right)
    if not a or not b or stem[-1:].isdigit() or right[:1].isdigit():
        return "keep-hyphen", left + right, "URL: a hyphen beside a number or symbol is the URL's own", 0.85
    joined, hyphened = a + b, f"{a}-{b}"
    written_hyphened = any(hyphened.lower() in k for k in vocab.fragments if "-" in k) or vocab.knows_compound(hyphened)
    written_joined = bool(vocab.url_pieces[joined.lower()] or vocab.words[joined.lower()])
    if written_hyphened and not written_joined:
        return "keep-hyphen", left + right, f"witness writes '{hyphened}' elsewhere", 0.95
    if written_joined and not written_hyphened:
        return "drop-hyphen", stem + right, f"witness writes '{joined}' elsewhere", 0.95
    host = re.sub(r"^[a-z]+://", "", stem, flags=re.I)
    if URL_START.match(stem) and "/" not in host:
        # in a host name: registrants run words together far more often than they hyphenate them
        return "drop-hyphen", stem + right, "URL: a line-end hyphen inside a host name is the typesetter's", 0.75
    zj, za, zb = zipf(joined), zipf(a), zipf(b)
    if zj >= URL_PATH_WORD and min(za, zb) < zj:
        return (
            "drop-hyphen",
            stem + right,
            f"URL: '{joined}' is a word (zipf {zj:.1f}); the hyphen the typesetter's",
            0.8,
        )
    if za >= LEXICON_WORD and zb >= LEXICON_WORD:
        return "keep-hyphen", left + right, f"URL: '{a}' and '{b}' are words of a slug; '{joined}' is not", 0.8
    segment = stem.rsplit("/", 1)[-1] + "-" + re.split(r"[/?#]", right)[0]
    if segment.count("-") > 1:
        return "keep-hyphen", left + right, "URL: the segment separates its words by hyphens", 0.7
    return "drop-hyphen", stem + right, "URL: a hyphen inside one unhyphenated segment is the typesetter's", 0.65


def apply_join(left_text: str, right_text: str, decision: BreakDecision | None) -> str:
    """Join two line contents (white space already normalized) as decided."""
    if decision is None or decision.join == "space":
        return f"{left_text} {right_text}"
    if decision.join == "drop-hyphen":
        return left_text[:-1] + right_text
    return left_text + right_text
