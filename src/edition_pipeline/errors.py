"""Candidate errors in the repaired text, for the editors to judge (never applied automatically).

Each check is generic: a lexicon with frequencies (wordfreq, English and the languages of
names and titles), the witness's own spellings, and the grammar of quotation marks, URLs and
abbreviations. A candidate carries its witness line, the suspect reading, a suggestion, the
evidence and a confidence. Proper names and foreign words are not flagged merely for being
rare: a capitalized word is a candidate only when a close variant is attested.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from apparatus.vocabulary import URL

from .lexicon import WORD, zipf
from .model import Document
from .thresholds import (
    ACCENT_GAIN,
    ATTESTED_NAME,
    COMMON_NAME,
    FAR_COMMONER,
    FOREIGN_WORD,
    KNOWN_NEIGHBOUR,
    LEXICON_WORD,
    RARE_WORD,
)

LETTERS = "abcdefghijklmnopqrstuvwxyz"
ACCENTS = {"a": "àâáä", "c": "ç", "e": "éèêë", "i": "îïí", "o": "ôöó", "u": "ûüú", "n": "ñ"}
FOREIGN = ("fr", "de", "es", "it")
ABBREVIATIONS = {"et al": "et al.", "U.S": "U.S.", "i.e": "i.e.", "e.g": "e.g.", "Ibid": "Ibid."}


@dataclass(frozen=True)
class Candidate:
    line: int
    reading: str
    suggestion: str
    check: str
    evidence: str
    confidence: float
    where: str  # 'p12' (paragraph index+1) or 'n13' (note)


def _inflection(a: str, b: str) -> bool:
    """Two forms of one word ('Senkaku'/'Senkakus', 'continue'/'continued')."""
    short, long = sorted((a, b), key=len)
    return long.startswith(short) and long[len(short) :] in ("s", "es", "d", "ed", "n")


@lru_cache(maxsize=20_000)
def edits1(word: str) -> frozenset[str]:
    """Words one edit away: delete, transpose, replace, insert (Damerau-Levenshtein 1)."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    transposes = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in LETTERS}
    inserts = {a + c + b for a, b in splits for c in LETTERS}
    return frozenset((deletes | transposes | replaces | inserts) - {word})


def dittography(written: str, variant: str) -> bool:
    """``written`` is ``variant`` with a letter repeated from just before it ('Tsururoka')."""
    if len(written) != len(variant) + 1:
        return False
    return any(
        written[:i] + written[i + 1 :] == variant and written[i] in written[max(0, i - 2) : i]
        for i in range(1, len(written) - 1)
    )


def _line_at(offsets: list[list[int]], position: int) -> int:
    line = offsets[0][0] if offsets else 0
    for number, start in offsets:
        if start <= position:
            line = number
    return line


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


class Detector:
    def __init__(self, document: Document, accepted: list[set[str]] | None = None) -> None:
        self.blocks = document.text_blocks()
        self.accepted = [{form.lower() for form in group} for group in accepted or []]
        self.forms: Counter[str] = Counter()
        self.lower_forms: Counter[str] = Counter()
        self.shown: dict[str, str] = {}
        self.url_text = " ".join(m.group(0).lower() for _, text, _ in self.blocks for m in URL.finditer(text))
        self.url_tokens = sorted({t for t in re.split(r"[^a-z]+", self.url_text) if len(t) >= 6})
        self.truncated = {f"n{n.n}" for n in document.notes if n.status == "truncated"}
        for _, text, _ in self.blocks:
            for match in WORD.finditer(URL.sub(" ", text)):
                form = re.sub(r"['’]s$", "", match.group(0))
                self.forms[form] += 1
                self.lower_forms[form.lower()] += 1
                self.shown.setdefault(form.lower(), form)

    def run(self) -> list[Candidate]:
        found: list[Candidate] = []
        for where, text, offsets in self.blocks:
            found += self.words(where, text, offsets)
            found += self.quotes(where, text, offsets)
            found += self.urls(where, text, offsets)
            found += self.abbreviations(where, text, offsets)
            found += self.doubled(where, text, offsets)
            found += self.acronyms(where, text, offsets)
        unique: dict[tuple[int, str, str], Candidate] = {}
        for candidate in found:
            pair = {candidate.reading.lower(), candidate.suggestion.lower()}
            if any(pair <= group for group in self.accepted):
                continue  # a variant the editors keep (editorial/variants.yaml)
            unique.setdefault((candidate.line, candidate.reading, candidate.check), candidate)
        return sorted(unique.values(), key=lambda c: (-c.confidence, c.line))

    # --- words -------------------------------------------------------------------------
    def words(self, where: str, text: str, offsets: list[list[int]]) -> list[Candidate]:
        out = []
        masked = URL.sub(lambda m: " " * len(m.group(0)), text)
        for match in WORD.finditer(masked):
            word = match.group(0)
            line = _line_at(offsets, match.start())
            candidate = self.check_word(word)
            if candidate:
                suggestion, check, evidence, confidence = candidate
                out.append(Candidate(line, word, suggestion, check, evidence, confidence, where))
        return out

    def check_word(self, word: str) -> tuple[str, str, str, float] | None:
        stem = re.sub(r"['’]s$", "", word)
        if len(stem) < 3:
            return None
        if stem.isupper():
            return self.check_acronym(stem)
        accent = self.accented(stem)
        if accent:
            return accent
        lower = stem.lower()
        z = zipf(lower)
        if z >= LEXICON_WORD or max(zipf(lower, lang) for lang in FOREIGN) >= FOREIGN_WORD:
            return None  # a common English word, or a word of a language of names and titles
        capital = stem[0].isupper()
        neighbours = edits1(lower)
        for other, count in self.lower_forms.most_common():
            if count > self.lower_forms[lower] and other in neighbours and not _inflection(lower, other):
                shown = self.shown[other]
                return shown, "inconsistent", f"the witness also writes '{shown}' ({count}×)", 0.8
        if capital and len(stem) >= 6:
            variant = next(
                (t for t in self.url_tokens if t in neighbours and lower not in t and not _inflection(lower, t)), ""
            )
            if variant:
                return variant.capitalize(), "inconsistent", f"a URL in the witness spells it '{variant}'", 0.85
        ranked = sorted(neighbours, key=lambda w: (-zipf(w), w))
        if capital:
            if z > 0 or len(lower) < 6:
                return None  # a rare name the lexicon knows is not suspect
            best = next((w for w in ranked[:60] if dittography(lower, w)), "")
            if best and zipf(best) >= ATTESTED_NAME:
                return best.capitalize(), "name", f"unknown name with a repeated letter; '{best}' is attested", 0.6
            return None
        best = ranked[0]
        if z >= RARE_WORD:
            # a rare form beside a very common neighbour: a slip the web also makes ('fisrt')
            if zipf(best) >= z + FAR_COMMONER and not _inflection(lower, best):
                return best, "non-word", f"rare (zipf {z:.1f}); '{best}' is far commoner (zipf {zipf(best):.1f})", 0.7
            return None
        if zipf(best) >= KNOWN_NEIGHBOUR:
            return best, "non-word", f"not in the lexicon; '{best}' is (zipf {zipf(best):.1f})", 0.9
        return stem, "non-word", "not in the lexicon", 0.4

    def check_acronym(self, stem: str) -> tuple[str, str, str, float] | None:
        if re.search(r"(.)\1\1", stem):
            collapsed = re.sub(r"(.)\1\1", r"\1\1", stem)
            if self.forms[collapsed]:
                return (
                    collapsed,
                    "inconsistent",
                    f"tripled letter; the witness writes '{collapsed}' ({self.forms[collapsed]}×)",
                    0.9,
                )
        return None

    def accented(self, word: str) -> tuple[str, str, str, float] | None:
        if not word.isascii() or not word[0].isupper() or zipf(word) >= COMMON_NAME:
            return None
        lower = word.lower()
        for i, char in enumerate(lower):
            for accent in ACCENTS.get(char, ""):
                variant = lower[:i] + accent + lower[i + 1 :]
                for lang in FOREIGN:
                    if zipf(variant, lang) >= COMMON_NAME and zipf(variant, lang) - zipf(lower, lang) >= ACCENT_GAIN:
                        shown = word[:i] + (accent.upper() if word[i].isupper() else accent) + word[i + 1 :]
                        return (
                            shown,
                            "diacritic",
                            f"'{variant}' is the {lang} spelling (zipf {zipf(variant, lang):.1f})",
                            0.7,
                        )
        return None

    # --- quotation marks -----------------------------------------------------------------
    def quotes(self, where: str, text: str, offsets: list[list[int]]) -> list[Candidate]:
        """Balance “ ” per paragraph or note, with ‘ ’ nested inside (’ inside a word is an apostrophe)."""
        if where in self.truncated:
            return []  # a note that breaks off cannot close its quotations
        out = []
        double = single = False
        opened_at = 0

        def flag(at: int, suggestion: str, evidence: str, confidence: float) -> None:
            context = text[max(0, at - 12) : at + 12].strip()
            out.append(Candidate(_line_at(offsets, at), context, suggestion, "quotes", evidence, confidence, where))

        for match in re.finditer(r"[“”]|(?<![A-Za-z])‘|’(?![A-Za-z])", text):
            mark, at = match.group(0), match.start()
            starts_word = at + 1 < len(text) and text[at + 1].isalpha() and (at == 0 or not text[at - 1].isalnum())
            if mark == "“":
                if double:
                    flag(opened_at, "", "a double quotation opened again before it was closed", 0.6)
                double, single, opened_at = True, False, at
            elif mark == "”":
                if starts_word:
                    flag(at, "“", "a closing mark at the start of a word", 0.9)
                    double, opened_at = True, at
                elif not double:
                    flag(at, "", "a closing double mark with none open", 0.75)
                    if re.match(r"” [A-Z]", text[at : at + 3]):
                        double, opened_at = True, at  # it stands where an opening mark belongs
                else:
                    double = single = False
            elif mark == "‘":
                single = True
            elif mark == "’":
                if single:
                    single = False
                elif double and text[at - 1 : at] != "s":
                    flag(at, "”", "a double quotation closed with a single mark", 0.7)
                    double = False
        if double:
            flag(opened_at, "", "a double quotation never closed", 0.65)
        return out

    # --- URLs and abbreviations ------------------------------------------------------------
    def urls(self, where: str, text: str, offsets: list[list[int]]) -> list[Candidate]:
        out = []
        for match in URL.finditer(text):
            url = match.group(0).rstrip(".,;:)")
            line = _line_at(offsets, match.start())
            host = re.sub(r"^(?:https?://)", "", url).split("/")[0]
            labels = host.rstrip("=").lower().split(".")
            if labels[0] == "www":
                labels = labels[1:]  # 'www.' names a host inside a domain: two labels must follow
            if len(labels) < 2 or not re.fullmatch(r"[a-z]{2,63}", labels[-1]):
                out.append(Candidate(line, url, "", "url", f"host '{host}' has no top-level domain", 0.85, where))
            if re.search(r"[=]$", url) or re.search(r"[=][.,;]?$", match.group(0)):
                out.append(
                    Candidate(line, match.group(0), url.rstrip("="), "url", "a stray '=' ends the URL", 0.8, where)
                )
        return out

    def abbreviations(self, where: str, text: str, offsets: list[list[int]]) -> list[Candidate]:
        out = []
        for short, full in ABBREVIATIONS.items():
            for match in re.finditer(re.escape(short) + r"(?![.\w])", text):
                out.append(
                    Candidate(
                        _line_at(offsets, match.start()),
                        short,
                        full,
                        "abbreviation",
                        f"'{full}' lacks its period",
                        0.8,
                        where,
                    )
                )
        return out

    def acronyms(self, where: str, text: str, offsets: list[list[int]]) -> list[Candidate]:
        """A name followed by its acronym ("National Security Strategy (NSS)") whose words run
        past the acronym's letters: the words of the name are probably out of order."""
        out = []
        for match in re.finditer(r"(?:, |\()([A-Z]{3,6})\b", text):
            acronym = match.group(1)
            words = re.findall(r"[A-Za-z]+|[^A-Za-z\s]", text[: match.start()])
            name: list[str] = []
            for word in reversed(words):
                if word[0].isupper() or (word.lower() in {"of", "and", "for"} and name):
                    name.insert(0, word)
                else:
                    break
            while name and not name[0][0].isupper():
                name.pop(0)
            initials = "".join(w[0] for w in name if w[0].isupper())
            if len(name) >= 3 and initials.startswith(acronym) and len(initials) > len(acronym):
                phrase = " ".join(name)
                out.append(
                    Candidate(
                        _line_at(offsets, match.start() - len(phrase)),
                        phrase,
                        "",
                        "acronym",
                        f"the name's words run past its acronym {acronym} ({initials})",
                        0.6,
                        where,
                    )
                )
        return out

    def doubled(self, where: str, text: str, offsets: list[list[int]]) -> list[Candidate]:
        return [
            Candidate(
                _line_at(offsets, m.start()), m.group(0), m.group(1), "doubled", "a word written twice", 0.8, where
            )
            for m in re.finditer(r"\b(\w+) \1\b", text, re.IGNORECASE)
            if m.group(1).lower() not in ("that", "had")
        ]


def find_candidates(document: Document, accepted: list[set[str]] | None = None) -> list[Candidate]:
    return Detector(document, accepted).run()
