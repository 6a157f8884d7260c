"""Editors' names: how a name is recorded, and when two names are the same person.

A proposer may not review their own proposal, so two names must not pass as two people by a
double space, a tab, a no-break space, an invisible character, fullwidth letters or letters of
another script that look Latin. Unicode's confusables data comes from confusable-homoglyphs.
"""

from __future__ import annotations

import functools
import unicodedata

from anyascii import anyascii
from confusable_homoglyphs import categories, confusables


def visible(text: str) -> str:
    """``text`` without invisible format characters (category Cf: U+200B, U+2060, bidi
    controls, ...), white space collapsed: what a reader sees of it ('' if nothing)."""
    return " ".join("".join(c for c in text if unicodedata.category(c) != "Cf").split())


def clean_name(name: str) -> str:
    """A name as it is recorded: white space (tabs, no-break spaces) collapsed and trimmed."""
    return " ".join(name.split())


@functools.cache
def _latin_lookalike(char: str) -> str:
    """The Latin letter(s) a letter of another script is confusable with ('' if none)."""
    found = confusables.is_confusable(char, preferred_aliases=["latin"])
    if not found:
        return ""
    latin = [str(g["c"]) for g in found[0]["homoglyphs"] if all(categories.alias(c) == "LATIN" for c in g["c"])]
    return next((g for g in latin if g.isascii()), latin[0] if latin else "")


def name_key(name: str) -> str:
    """What two names are taken as one person's by (the TEI's one id per person): NFKC (fullwidth
    letters are letters, a no-break space a space), invisible characters (category Cf) removed,
    letters of another script that look Latin read as Latin, case folded, and white space
    removed: 'Ann Editor' is 'ann  editor', 'Ann\u200bEditor' (a zero-width space for the space)
    and 'Ann Edi\u200btor'. Names that differ in accents or marks stay two people here ('Zoë' and
    'Zoe'): the record never gives one person's work to another."""
    text = visible(unicodedata.normalize("NFKC", name))
    return "".join("".join(_latin_lookalike(c) or c for c in text).casefold().split())


def same_person(a: str, b: str) -> bool:
    """Whether a reviewer may be taken for the proposer: their names agree in ASCII letters and
    digits (``name_key``, then transliterated by anyascii, punctuation and spaces removed), so
    that 'Ann-Editor.', 'ann_editor', 'Ann Edítor' and 'Ann Editør' cannot review Ann Editor's
    proposal. Looser than ``name_key`` on purpose: here a false 'same' only asks for another
    reviewer, a false 'different' lets a proposer review their own work."""

    def letters(name: str) -> str:
        return "".join(c for c in anyascii(name_key(name)).casefold() if c.isalnum())

    return letters(a) == letters(b)


def confusable_letters(name: str) -> list[str]:
    """The letters of ``name`` that make a word mix scripts with look-alikes (Cyrillic 'а' in a
    Latin word), each as "'а' (CYRILLIC SMALL LETTER A, looks like Latin a)": the letters of the
    word's other script, the one in the minority (on a tie, the one that is not Latin: the
    look-alikes pass for Latin). Each word in one script is fine, whatever the script ('Иван
    Smith', '渡辺 Watanabe')."""
    found: list[str] = []
    for word in unicodedata.normalize("NFKC", name).split():
        scripts = [categories.alias(c) for c in word]
        letters = [s for s in scripts if s not in ("COMMON", "INHERITED")]
        if len(set(letters)) < 2:
            continue
        main = max(sorted(set(letters)), key=lambda script: (letters.count(script), script == "LATIN"))
        for char in dict.fromkeys(word):
            alias = categories.alias(char)
            if alias in (main, "COMMON", "INHERITED"):
                continue
            like = confusables.is_confusable(char, preferred_aliases=[main.lower()])
            glyph = next(
                (g for g in (like[0]["homoglyphs"] if like else []) if categories.alias(g["c"][0]) == main), None
            )
            looks = f", looks like {main.title()} {glyph['c']}" if glyph else ""
            shown = f"{char!r} ({unicodedata.name(char, alias)}{looks})"
            if shown not in found:
                found.append(shown)
    return found
