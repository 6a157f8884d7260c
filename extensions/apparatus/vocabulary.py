"""The apparatus's vocabulary: one place for every closed list and every anchor format.

The roles check their fields against these lists, the HTML form offers them, apparatus.json
and its schema use them, and the conversion pipeline may import them (this module imports
nothing from Sphinx). Add a category, a field or a kind of entry here, nowhere else (README.md,
"Adding a role", lists what else a new role needs).
"""

from __future__ import annotations

import calendar
import datetime
import re
from typing import NamedTuple

#: What kind of mistake an emendation or a *sic* answers (the register uses the same names), each
#: with the gloss a reader is given (the key to the list of emendations, the proposal form, the TEI
#: taxonomy, apparatus.schema.json).
CATEGORY_GLOSSES: dict[str, str] = {
    "spelling": "a word misspelt (letters transposed, doubled, wanting or wrong)",
    "name": "a name of a person, place or institution misspelt",
    "wrong-word": "a wrong word, where the witness does not construe",
    "punctuation": "a mark of punctuation or a quotation mark wanting, wrong or stray",
    "abbreviation": "an abbreviation left incomplete",
    "url": "a web address left incomplete or miswritten",
    "diacritic": "an accent or other diacritic wanting",
    "doubtful": "a reading the editors doubt but do not mend",
    "omission": "words wanting in the witness (supplied by the editors, or suggested where its words stand)",
    "conjecture": "the editors' conjecture where the witness's text is lost or broken",
}
CATEGORIES: tuple[str, ...] = tuple(CATEGORY_GLOSSES)

#: How sure the editors are, most sure first.
CERTAINTIES: tuple[str, ...] = ("certain", "probable", "possible")


class Kind(NamedTuple):
    """What an entry of one kind is, declared once for the whole extension: whether and how the
    list of emendations gives it, and whether it stands on words of the witness."""

    #: how the list of emendations, and print's apparatus at the page foot, give the entry after its
    #: place ("wick] wikc W"): a template (``listing_parts``, ``listed_parts``), or None: the kind is
    #: not in the list (it is in apparatus.json all the same)
    listed: str | None
    #: the entry stands on words of W (its ``witness``): two entries of such kinds on the same words
    #: of the same line are one intervention made twice, an error (``domain.check_entries``)
    on_words: bool = False


#: Kinds of entry in apparatus.json (TEI: choice/corr+sic, sic, supplied, gap, pb, an orphan line,
#: note), each with its one declaration (``Kind``). apparatus.schema.json's enum lists the same
#: kinds (a test checks). A kind made by an extension outside this project is declared on its node
#: class instead (``domain.Recorded.kinds``); a kind declared nowhere stops the build, naming it.
ENTRY_KINDS: dict[str, Kind] = {
    "emendation": Kind("{lemma}] {witness} _{siglum}_", on_words=True),
    # "perhaps" is the editors' word, as "sic" is: in italics
    "sic": Kind("{witness}] _sic {siglum}_<; _perhaps_ {lemma}>", on_words=True),
    # the lemma is the words, not "[words]": the lemma's own bracket closes it once ("long]", never "[long]]")
    "supplied": Kind("{lemma}] _supplied; wanting in {siglum}_"),
    "gap": Kind(None),
    "pb": Kind(None),
    # not differences from W, listed all the same, where a reader looking for the editors' work looks
    "fragment": Kind("_orphan line of {siglum}:_ {witness}"),
    "note": Kind("_editors' note_ {letter}"),
}
KINDS: tuple[str, ...] = tuple(ENTRY_KINDS)
#: Print's run-in entry of an author's note whose whole text is wanting (after the lacuna's sign; the words
#: as the list's templates name them): the gap's reason is the HTML's, said once for all in the principles
WANTING_NOTE = "_wanting in {siglum}_"

#: The words a template of the list (``Kind.listed``) may name, and the class each has in the HTML
#: (the siglum is plain text): ``{lemma}`` the edition's reading (for a sic, the suggestion),
#: ``{witness}`` W's reading, ``{siglum}`` W's siglum (``apparatus_siglum``), ``{letter}`` an
#: editors' note's letter.
LISTING_WORDS: dict[str, str] = {"lemma": "app-lemma", "witness": "app-wit", "siglum": "", "letter": "app-letter"}
_LISTING_PART = re.compile(r"\{([^{}]*)\}|([_<>])|([^{}_<>]+)|([{}])")


def listing_parts(template: str) -> list[tuple[str, str]]:
    """A template of the list of emendations read into its parts, in order: ``("word", name)`` for
    ``{name}`` (one of ``LISTING_WORDS``), ``("text", text)``, ``("_", "")`` where italics (the
    editors' words) begin or end, and ``("<", "")`` … ``(">", "")`` around a part given only when
    every word it names is not empty ("<; perhaps {lemma}>"). A template that cannot be read raises
    ValueError saying why."""
    parts: list[tuple[str, str]] = []
    group: list[tuple[str, str]] | None = None
    for match in _LISTING_PART.finditer(template):
        word, mark, text, brace = match.groups()
        if brace:
            raise ValueError(f"a lone {brace!r}")
        if word is not None and word not in LISTING_WORDS:
            raise ValueError(f"unknown word {{{word}}} (known: {', '.join(LISTING_WORDS)})")
        if mark == "<":
            if group is not None:
                raise ValueError("'<' inside '<…>'")
            group = []
        elif mark == ">":
            if group is None:
                raise ValueError("'>' without '<'")
            if not any(kind == "word" and name != "siglum" for kind, name in group):
                raise ValueError("a '<…>' part names no word of the entry")
            if sum(kind == "_" for kind, _ in group) % 2:
                raise ValueError("italics ('_') begin or end inside a '<…>' part only")
            group = None
        part = ("word", word) if word is not None else (mark, "") if mark else ("text", text)
        parts.append(part)
        if group is not None and mark != "<":
            group.append(part)
    if group is not None:
        raise ValueError("'<' without '>'")
    if sum(kind == "_" for kind, _ in parts) % 2:
        raise ValueError("italics ('_') not closed")
    return parts


def listed_parts(template: str, values: dict[str, str]) -> list[tuple[str, str, bool]]:
    """An entry's words after its place, from its kind's template and the entry's ``values`` (by
    the names of ``LISTING_WORDS``; a word not given is empty): ``(name, text, italic)`` in order, ``name`` the word's (or "" for
    the template's own text); a ``<…>`` part only when every word it names is not empty, and no
    empty word. The one reading of a template, whatever writes it (the list in every format, the
    print apparatus at the page foot)."""
    kept: list[tuple[str, str]] = []
    group: list[tuple[str, str]] | None = None
    for kind, value in listing_parts(template):
        if kind == "<":
            group = []
        elif kind == ">" and group is not None:
            if all(values.get(name) for part, name in group if part == "word"):
                kept += group
            group = None
        else:
            (kept if group is None else group).append((kind, value))
    parts: list[tuple[str, str, bool]] = []
    italic = False
    for kind, value in kept:
        if kind == "_":
            italic = not italic
        elif kind == "word" and values.get(value):
            parts.append((value, values[value], italic))
        elif kind == "text":
            parts.append(("", value, italic))
    return parts


#: The reading roles, each with the kind of entry it makes (``{emend}`` makes an emendation).
READING_ROLES: dict[str, str] = {"emend": "emendation", "sic": "sic", "supplied": "supplied"}

#: Where an entry stands in the witness (any role may carry them): whole numbers, at least 1.
PLACE_FIELDS: tuple[str, ...] = ("line", "page")

#: The fields whose values come from a closed list, each with its list (a role's bracket is checked
#: against it: a field of a new role with a closed list of values is added here).
CLOSED_FIELDS: dict[str, tuple[str, ...]] = {"cert": CERTAINTIES, "cat": CATEGORIES}

#: Fields of the bracket ``[key: value; …; note: …]``, per role; ``note`` always comes last. Every
#: role of the extension is here (a role missing stops the build when it starts, naming it).
ROLE_FIELDS: dict[str, tuple[str, ...]] = {
    "emend": ("wit", "cat", "cert", "resp", "date", "line", "page", "lb", "id", "note"),
    "sic": ("corr", "cat", "cert", "resp", "date", "line", "page", "lb", "id", "note"),
    "supplied": ("reason", "cat", "cert", "resp", "date", "line", "page", "id", "note"),
    "lacuna": ("line", "page", "id"),
    "fragment": ("line", "page", "id"),
    "ednote": ("resp", "date", "line", "page", "id"),
    "pb": ("line",),
    "work": (),  # no bracket: the key and the pages cited stand in <…>
}

#: Every field name any role knows, in the order of ROLE_FIELDS (the bracket's parser reads these
#: names only, and the MyST emitter keeps values from forging them).
FIELDS: tuple[str, ...] = tuple(dict.fromkeys(field for fields in ROLE_FIELDS.values() for field in fields))

#: ``lb`` of ``{emend}`` and ``{sic}``: the lines of W that begin inside W's reading (the words an
#: intervention stands over may run across a line end), "OFFSET:LINE" each, in order, separated
#: by spaces; OFFSET counts characters of W's reading (``wit`` of an emendation, the text of a
#: sic), and LINE is followed by "-" when the line before ends in a hyphen the reading drops.
_LINE_START = re.compile(r"(\d+):(\d+)(-?)")


def line_starts(value: str, length: int) -> list[tuple[int, int, str]] | None:
    """The ``lb`` field read: (offset, line, hyphen) of each line start, or None when it is not
    a list of line starts in order within W's reading of ``length`` characters."""
    starts: list[tuple[int, int, str]] = []
    for item in value.split():
        match = _LINE_START.fullmatch(item)
        if not match:
            return None
        start = (int(match.group(1)), int(match.group(2)), match.group(3))
        if (
            not 0 < start[0] < length
            or start[1] < 1
            or (starts and (start[0] <= starts[-1][0] or start[1] <= starts[-1][1]))
        ):
            return None
        starts.append(start)
    return starts or None


def line_starts_field(starts: list[tuple[int, int, str]]) -> str:
    """The ``lb`` field's value for line starts (offset, line, hyphen)."""
    return " ".join(f"{offset}:{line}{hyphen}" for offset, line, hyphen in starts)


#: ``resp`` of an entry that came from an accepted proposal: "proposer; reviewed by reviewer".
#: The two are named people (the register checked them when the proposal was accepted: two
#: persons, names within bounds, no look-alike letters); any other ``resp`` is a declared id.
REVIEWED_BY = "; reviewed by "


def reviewed_pair(resp: str) -> tuple[str, str] | None:
    """(proposer, reviewer) of a ``resp`` written "proposer; reviewed by reviewer", else None."""
    proposer, sep, reviewer = resp.partition(REVIEWED_BY)
    return (proposer.strip(), reviewer.strip()) if sep and proposer.strip() and reviewer.strip() else None


# Anchors: one format each, used by ids, links, apparatus.json and the proposal form.
PARAGRAPH_ANCHOR = re.compile(r"^p(\d+)$")
NOTE_ANCHOR = re.compile(r"^n(\d+)$")
ABSTRACT_ANCHOR = "abstract"


def paragraph_anchor(n: int | str) -> str:
    """``p12``: the id of citable paragraph 12."""
    return f"p{n}"


def note_anchor(n: int | str) -> str:
    """``n12``: the id of the author's note 12."""
    return f"n{n}"


def gap_anchor(note: int | str) -> str:
    """``gap-n43``: the id of the gap where the author's note 43 is wanting (or breaks off); keyed to
    the note, so that it stays when another gap is found or withdrawn."""
    return f"gap-n{note}"


def fragment_anchor(line: int | str) -> str:
    """``fragment-l942``: the id of the orphan line at line 942 of the witness."""
    return f"fragment-l{line}"


def page_anchor(siglum: str, n: int | str) -> str:
    """``W5``: the id of the place where page 5 of witness W begins."""
    return f"{siglum}{n}"


def paragraph_label(n: int | str) -> str:
    """``¶ 12``: how the edition names paragraph 12 (screen and print alike)."""
    return f"¶ {n}"


def note_label(n: int | str) -> str:
    """``n. 12``: how the edition names the author's note 12."""
    return f"n. {n}"


def place_label(anchor: str, *, initial: bool = False) -> str:
    """The reader's name of an anchor: ``p12`` → ``¶ 12``, ``n12`` → ``n. 12``, else as it is;
    ``initial``: where the name begins an entry, a word is capitalized (``abstract`` → ``Abstract``,
    as its heading is), while the abbreviations ``n.`` and ``¶`` stand as they are."""
    if match := PARAGRAPH_ANCHOR.match(anchor):
        return paragraph_label(match.group(1))
    if match := NOTE_ANCHOR.match(anchor):
        return note_label(match.group(1))
    if not anchor:
        return "—"
    return anchor[:1].upper() + anchor[1:] if initial else anchor


def letter(number: int) -> str:
    """a, b, …, z, aa, ab, …: the label of the editors' note numbered ``number`` from 0."""
    text = ""
    number += 1
    while number:
        number, rest = divmod(number - 1, 26)
        text = chr(ord("a") + rest) + text
    return text


with calendar.different_locale(("C", None)):  # the edition's language, whatever the machine's locale
    #: English month names (the bibliography's dates, the reader's date of the edition).
    MONTHS: tuple[str, ...] = tuple(calendar.month_name)[1:]


def reader_date(date: object) -> str:
    """The edition's date as a reader reads it, day, month, year ("25 November 2026"): the form
    of the book's title page (a book's imprint; Chicago allows it too), given by the title block,
    the citation and the printed title page alike. The metadata's ISO date (YYYY-MM-DD) is for
    programs; anything else is shown as the editors wrote it."""
    try:
        day = datetime.date.fromisoformat(str(date))
    except ValueError:
        return str(date)
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


# --- web addresses: one definition for every stage ------------------------------------------------
# The conversion pipeline finds them in W (lexicon, citations, placement, emit), the bounds check
# an editor's text for them, and the extension links them (listing) and breaks them in print
# (printtype). They are recognised by their typography alone: no list of domains of one text.

#: The start of an address with a scheme or "www.".
URL_START = re.compile(r"(https?://|www\.)", re.IGNORECASE)

#: A URL in running text: a scheme or "www." and everything to the next space (to find the
#: addresses of a note, or to mask them from the spelling checks).
URL = re.compile(r"(?:https?://|www\.)\S+")

#: A URL with a scheme as it is linked: to the next space, angle bracket or double quotation mark
#: (the punctuation of the sentence after it is left out by ``link_end``).
LINK = re.compile(r"https?://[^\s<>“”\"]+")

#: The punctuation of a sentence that may follow an address and is not part of it.
URL_TRAIL = ".,;:!?)]’”"

#: Characters inside a URL at which a typesetter may break a line.
URL_PUNCTUATION = "/.:-_=?&#%~+"

#: A dotted host name: labels of letters, digits and inner hyphens, the last alphabetic (two
#: letters or more). Case-sensitive on purpose: prose abbreviations ('U.S.', 'e.g.', 'i.e.') are
#: upper case or have one-letter labels.
HOST = re.compile(r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.[a-z]{2,}(?=[/:?#]|$)")

#: A token that is an address (any scheme, "www." or "doi:"), after any opening punctuation: print
#: breaks it after its slashes and dots, so an editor's text may hold a longer one (bounds.py).
ADDRESS_START = re.compile(r"^\W*(?:[a-z][a-z0-9+.-]*://|www\.|doi:)", re.IGNORECASE)

#: An address in print: with a scheme, "www." or a bare host of a common top-level domain
#: ("thediplomat.com"), not inside a word or an e-mail address, without the punctuation after it.
ADDRESS = re.compile(
    r"(?<![\w.@/-])"
    r"(?:(?:https?|ftp)://|www\.|(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:com|org|net|edu|gov|int|info)(?![\w-]))"
    r"\S*?(?=[" + re.escape(URL_TRAIL + "\"'") + r"]*(?:\s|$))"
)


def link_end(text: str, start: int, end: int) -> int:
    """The end of the address at ``text[start:end]`` without the punctuation of the sentence after
    it; a closing parenthesis stays when the address opens one (".../Lighthouse_(Maine)")."""
    while end > start and text[end - 1] in URL_TRAIL:
        if text[end - 1] == ")" and text.count("(", start, end) >= text.count(")", start, end):
            break
        end -= 1
    return end


def links(text: str) -> list[tuple[int, int]]:
    """Spans of the URLs with a scheme in ``text``, as they are linked (``LINK``, ``link_end``)."""
    spans = []
    for match in LINK.finditer(text):
        end = link_end(text, match.start(), match.end())
        if LINK.fullmatch(text, match.start(), end):
            spans.append((match.start(), end))
    return spans
