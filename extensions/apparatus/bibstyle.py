"""A pybtex formatting style close to Chicago notes-bibliography, for sphinxcontrib-bibtex.

Names and titles are kept as given (no case changes, no abbreviation of given names); the
first author is inverted ("Tsuruoka, Michito"), later ones are not; works without an author
are listed under their organization, or else their title; dates are written out in full
("December 22, 2016"); full URLs are links, a bare address (``www.example.org``) is printed as
it stands. Registered as the pybtex style ``chicago``.

Typography (Chicago 17): double quotation marks inside a quoted title become single ones, a
title that ends inside single marks takes its period inside them, and adjacent marks are parted
by a narrow no-break space (U+202F, as in “ ‘Conflict ...”); page ranges are set with an en dash
(60–76, however the field writes it). A body is set in roman and a publication in italic,
by what each BibTeX field holds (Chicago 14.191-200: the name of a news agency or wire service
is roman, the title of a newspaper or periodical italic): ``organization``, ``institution`` and
``publisher`` name bodies (an author body, a report's institution, a book's publisher, a news
agency that issued an item), roman; ``journal`` and ``booktitle`` hold the titles of the
periodical or book a piece appeared in, italic wherever they stand; ``howpublished`` is free
text (how the item reached the author: "From BBC Monitoring"), roman.

Entries are filed by author (every author, in order), or organization, or, when the notes name
neither nor a title, the publication, body or collection that carries the item; else by title;
one author's works by title, then date. Filing is letter by letter (Chicago 16.58-61, the
system Chicago prefers; see ``filing_key``): spaces, hyphens, quotation marks, accents and case
do not count, a parenthesis and then a comma interrupt ("Blank, Stephen" before "Blanket";
"China, Russia ..." before "China Reportedly ..."), an initial article (The, A, An) is ignored
and an initial "St"/"St." is filed as "Saint". A name that repeats the previous entry's is
printed as a 3-em dash (“———.”, Chicago 13.67).

Editorial supplements: the field ``supplied = {FIELD: REASON; FIELD: REASON}`` names the fields
that hold the editors' text rather than the witness's. A field wholly supplied is printed in
square brackets; a field partly supplied carries its brackets in the value. After the entry
the style prints what was supplied and why: "[Supplied by the editors: title, REASON.]".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from pybtex.database import Entry, Person
from pybtex.richtext import HRef, Symbol, Tag, Text
from pybtex.style import FormattedEntry
from pybtex.style.formatting import BaseStyle
from pybtex.style.sorting import BaseSortingStyle
from pybtex.style.template import FieldIsMissing

from .vocabulary import MONTHS

# What reading a value as LaTeX would change (latexcodec's decoder, then pybtex's parser): a
# control sequence, a group, math, a tie, a comment; the ligatures -- --- `` '' ,, !` ?`; white
# space that it trims or collapses.
_LATEX_LIKE = re.compile(r"[\\{}$~%]|--|``|''|,,|[!?]`|^\s|\s\s|\n")


def rich_text(value: str) -> Text:
    """A field's value as rich text. A value with LaTeX in it is read as LaTeX
    (``Text.from_latex``); any other value reads the same either way and is taken as it
    stands, without the LaTeX lexer (about 0.2 ms a value: 40 ms of every build of this
    bibliography, nearly all of whose values are plain Unicode)."""
    return Text.from_latex(value) if _LATEX_LIKE.search(value) else Text(value)


def field(context: dict[str, Any], name: str) -> Text:
    """The value of one field of the entry, read by ``rich_text`` (pybtex's template ``field``);
    ``FieldIsMissing`` when the entry lacks it."""
    entry = context["entry"]
    try:
        value = entry._find_field(name, bib_data=context.get("bib_data"))
    except KeyError:
        raise FieldIsMissing(name, entry) from None
    return rich_text(value)


# The entry's parts are put together with pybtex's rich text directly, as its templates do
# (``pybtex.style.template``: join, sentence, optional, tag; ``toplevel``), without the
# templates' machinery: each function below does what the template of the same name does,
# the same rich text for the same entry (the templates cost about 1 ms an entry).


def join(*parts: Any, sep: Any = "") -> Text:
    """pybtex's ``join(sep=…)[parts]``: the parts that are not empty, parted by ``sep``."""
    kept = [part for part in parts if part]
    if len(kept) <= 1:
        return Text(*kept)
    if len(kept) == 2:
        return Text(sep).join(kept)
    return Text(sep).join([Text(sep).join(kept[:-1]), kept[-1]])


def sentence(*parts: Any) -> Text:
    """pybtex's ``sentence[parts]``: joined by commas, with a period at the end."""
    return join(*parts, sep=", ").add_period()


def optional(make: Any, *args: Any) -> Text:
    """pybtex's ``optional[…]``: ``make(*args)``, or nothing when a field it needs is missing."""
    try:
        return Text(make(*args))
    except FieldIsMissing:
        return Text()


def toplevel(*parts: Any) -> Text:
    """pybtex's ``toplevel[parts]``: the entry's blocks, parted by the backend's new block."""
    return join(*parts, sep=Symbol("newblock"))


_SUPPLIED_ITEM = re.compile(r"(?:^|;)\s*([A-Za-z]+)\s*:\s*")


def supplied_fields(entry: Any) -> dict[str, str]:
    """The entry's editorial supplements: ``{field: reason}`` from ``supplied = {f: why; g: why}``.
    A reason may hold semicolons that are not followed by a field name and a colon."""
    raw = " ".join(entry.fields.get("supplied", "").split())
    marks = list(_SUPPLIED_ITEM.finditer(raw))
    out: dict[str, str] = {}
    for i, mark in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(raw)
        out[mark.group(1).lower()] = raw[mark.end() : end].strip()
    return out


def with_supplied_marked(entry: Any) -> Any:
    """A copy of the entry in which every wholly supplied field is bracketed."""
    supplied = supplied_fields(entry)
    if not supplied:
        return entry
    fields = {}
    for name, value in entry.fields.items():
        if name.lower() == "supplied":
            continue
        if name.lower() in supplied and "[" not in value:
            value = f"[{value}]"
        fields[name] = value
    marked = Entry(entry.type, fields=fields, persons=entry.persons)
    marked.key = entry.key
    return marked


def _full_name(person: Any) -> str:
    return " ".join(
        person.first_names + person.middle_names + person.prelast_names + person.last_names + person.lineage_names
    )


def _inverted(person: Any) -> str:
    last = " ".join(person.prelast_names + person.last_names)
    first = " ".join(person.first_names + person.middle_names)
    return f"{last}, {first}" if first else last


def format_people(persons: list[Any]) -> str:
    others = bool(persons) and str(persons[-1]) == "others"
    persons = [p for p in persons if str(p) != "others"]
    if not persons:
        return ""
    names = [_inverted(persons[0])] + [_full_name(p) for p in persons[1:]]
    if others:
        return ", ".join(names) + ", et al."
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + ("," if len(names) > 2 else ",") + " and " + names[-1]


def format_date(entry: Any) -> str:
    raw = entry.fields.get("date", "")
    match = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$", raw)
    if not match:
        return entry.fields.get("year", raw)
    year, month, day = match.groups()
    if month and day:
        return f"{MONTHS[int(month) - 1]} {int(day)}, {year}"
    if month:
        return f"{MONTHS[int(month) - 1]} {year}"
    return year


THREE_EM_DASH = "\u2014\u2014\u2014"  # Chicago 13.67: the repeated name in a bibliography
THIN = "\u202f"  # narrow no-break space, between adjacent quotation marks


# Fields that hold the title of a publication (a periodical, the book a piece is in): italic
# wherever they stand, leading the entry or not. Bodies (organization, institution, publisher)
# and free text (howpublished) are roman.
PUBLICATION_FIELDS = ("journal", "booktitle")


def lead(entry: Any) -> tuple[str, str]:
    """What an entry is filed under and begins with: ``(field, text)``. The authors, else the
    organization; for an item whose notes give neither nor a title, what carries it: the
    publication (``journal``: Chicago 14.207, the newspaper stands in place of the author), else
    the body that issued it (``publisher``), else the collection as the notes name it
    (``howpublished``); else ``("", "")`` and the title leads."""
    people = format_people(entry.persons.get("author", []))
    if people:
        return "author", people
    if entry.fields.get("organization"):
        return "organization", entry.fields["organization"]
    if not entry.fields.get("title"):
        for name in ("journal", "publisher", "howpublished"):
            if entry.fields.get(name):
                return name, entry.fields[name]
    return "", ""


def creator(context: dict[str, Any]) -> Text:
    """Author(s), else the organization, else the source that leads (see ``lead``), in italic
    when it is a publication; a 3-em dash when the entry before it in the bibliography has the
    same; nothing when none (the title leads)."""
    entry = context["entry"]
    name, text = lead(entry)
    if text and entry.key in getattr(context.get("style"), "repeated", ()):
        return Text(THREE_EM_DASH)
    if name in PUBLICATION_FIELDS:
        return Text(Tag("em", text))
    return Text(text)


def unless_lead(context: dict[str, Any], name: str = "") -> Text:
    """The field, unless it already leads the entry (roman: wrap it in ``tag("em")`` for a
    publication)."""
    entry = context["entry"]
    if lead(entry)[0] == name:
        return Text()
    return Text(entry.fields.get(name, ""))


def book_authors(context: dict[str, Any]) -> Text:
    """The authors of the book a piece appeared in, as the notes name them: "by Shoichi Itoh
    et al." after the book's title (Chicago: "In *Title*, by Author")."""
    entry = context["entry"]
    persons = entry.persons.get("bookauthor") or [
        Person(name) for name in re.split(r"\s+and\s+", entry.fields.get("bookauthor", "").strip()) if name
    ]
    others = bool(persons) and str(persons[-1]) == "others"
    names = [_full_name(p) for p in persons if str(p) != "others"]
    if not names:
        return Text()
    return Text("by " + " and ".join(names) + (" et al." if others else ""))


def editors(context: dict[str, Any]) -> Text:
    persons = context["entry"].persons.get("editor", [])
    others = bool(persons) and str(persons[-1]) == "others"
    names = [_full_name(p) for p in persons if str(p) != "others"]
    if not names:
        return Text()
    return Text("edited by " + " and ".join(names) + (" et al." if others else ""))


def date(context: dict[str, Any]) -> Text:
    return Text(format_date(context["entry"]))


def quoted(title: str) -> str:
    """A title in double quotation marks with its period, in Chicago's manner: marks inside it
    turned from double to single; the period inside a closing single mark that ends the title
    ("... Is China.’”"), none after ? ! or .; a narrow no-break space between adjacent marks."""
    title = title.replace("“", "‘").replace("”", "’")
    closes_quote = title.endswith("’") and "‘" in title  # a quotation, not an apostrophe
    body = title[:-1] if closes_quote else title
    end = "" if body[-1:] in "?!." else "."
    text = body + end + ("’" if closes_quote else "")
    if text.startswith("‘"):
        text = THIN + text
    if closes_quote:
        text += THIN
    return "“" + text + "”"


def quoted_title(context: dict[str, Any]) -> Text:
    """“Title.” (see ``quoted``); nothing when the notes give no title."""
    title = context["entry"].fields.get("title", "")
    if not title:
        return Text()
    return Text(quoted(title))


def url_link(context: dict[str, Any]) -> Text:
    """A full URL as a link; an address without a scheme as the notes print it (no link is
    guessed for it)."""
    address = context["entry"].fields.get("url", "")
    if not address:
        return Text()
    if re.match(r"^https?://", address):
        return Text(HRef(address, address), ".")
    return Text(address, ".")


_RANGE = re.compile(r"(?<=\w)\s*[-‐‑–—]+\s*(?=\w)")


def dashify(pages: str) -> str:
    """A page range with an en dash ("60-76", "60--76" -> "60–76"); for fields and references
    that are page numbers only, never titles."""
    return _RANGE.sub("–", pages)


def pages_range(context: dict[str, Any]) -> Text:
    return Text(dashify(context["entry"].fields.get("pages", "")))


class ChicagoStyle(BaseStyle):
    default_sorting_style = "chicago"
    repeated: frozenset[str] = frozenset()  # keys whose lead repeats the previous entry's

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.sort = self.sort_noting_repeats  # BaseStyle sets self.sort to the sorting style's

    def sort_noting_repeats(self, entries: Iterable[Any]) -> list[Any]:
        """Sorted (``ChicagoSorting``); the entries whose lead repeats the one before are noted,
        for the 3-em dash."""
        ordered = list(self.sorting_style.sort(entries))
        leads = [lead(entry)[1] for entry in ordered]
        self.repeated = frozenset(
            entry.key for i, entry in enumerate(ordered) if i and leads[i] and leads[i] == leads[i - 1]
        )
        return ordered

    def format_entry(self, label: str, entry: Any, bib_data: Any = None) -> FormattedEntry:
        """The entry with its supplied fields bracketed, and the editors' reasons after it."""
        formatted = super().format_entry(label, with_supplied_marked(entry), bib_data=bib_data)
        supplied = supplied_fields(entry)
        if not supplied:
            return formatted
        reasons = "; ".join(f"{name}, {why}" if why else name for name, why in supplied.items())
        end = "" if reasons[-1:] in ".?!" else "."
        text = Text(formatted.text, " [Supplied by the editors: ", reasons, end, "]")
        return FormattedEntry(formatted.key, text, formatted.label)

    # One method an entry type (pybtex's ``format_TYPE``), each the template it was written as.

    def format_misc(self, c: dict[str, Any]) -> Text:
        return toplevel(
            optional(lambda: sentence(creator(c))),
            quoted_title(c),
            sentence(
                optional(lambda: Tag("em", unless_lead(c, name="journal"))),
                optional(unless_lead, c, "publisher"),  # a news agency that issued the item
                optional(
                    lambda: join(field(c, "type"), optional(lambda: join("no.\u00a0", field(c, "number"))), sep=", ")
                ),
                optional(field, c, "address"),
                optional(field, c, "language"),
                date(c),
                optional(unless_lead, c, "howpublished"),
            ),
            optional(lambda: sentence(field(c, "note"))),
            url_link(c),
        )

    def format_article(self, c: dict[str, Any]) -> Text:
        """Chicago 14.171: “Title.” *Journal* Volume, no. Number (Date): Pages."""
        journal = join(Tag("em", field(c, "journal")), optional(field, c, "volume"), sep=" ")
        issue = join(journal, optional(lambda: join("no.\u00a0", field(c, "number"))), sep=", ")
        pages = pages_range(c)
        return toplevel(
            sentence(creator(c)),
            quoted_title(c),
            sentence(join(join(issue, join("(", date(c), ")"), sep=" "), join(": ", pages) if pages else Text())),
            url_link(c),
        )

    def format_book(self, c: dict[str, Any]) -> Text:
        return toplevel(
            sentence(creator(c)),
            sentence(Tag("em", field(c, "title"))),
            optional(lambda: sentence(field(c, "series"))),
            sentence(join(optional(lambda: join(field(c, "address"), ": ")), field(c, "publisher")), date(c)),
            url_link(c),
        )

    def format_incollection(self, c: dict[str, Any]) -> Text:
        return toplevel(
            sentence(creator(c)),
            quoted_title(c),
            sentence(
                join("In", Tag("em", field(c, "booktitle")), sep=" "),
                optional(book_authors, c),
                optional(editors, c),
                optional(optional, pages_range, c),
            ),
            optional(lambda: sentence(join(field(c, "series"), optional(field, c, "number"), sep=" "))),
            sentence(join(optional(lambda: join(field(c, "address"), ": ")), field(c, "publisher")), date(c)),
            url_link(c),
        )

    def format_techreport(self, c: dict[str, Any]) -> Text:
        return toplevel(
            sentence(creator(c)),
            quoted_title(c),
            optional(lambda: sentence(join(field(c, "type"), optional(field, c, "number"), sep=" "))),
            sentence(join(optional(lambda: join(field(c, "address"), ": ")), field(c, "institution")), date(c)),
            url_link(c),
        )


_INITIAL_ARTICLE = re.compile(r"^[\W_]*(?:(?:the|a|an)\s+)?")
# "St"/"St." ("Ste"/"Ste.") before a word, at the start of a heading or of a part after a comma
# ("St. Clair, Ann"), is filed as "Saint" ("Sainte"); elsewhere St may be "Street" and stands.
_SAINT = re.compile(r"(^|,\s*)st(e?)\b\.?(?=[\s\-\u2010\u2013])")


def filing_key(heading: str, article: bool = True) -> str:
    """The heading as Chicago files it, letter by letter (16.58-61; the system Chicago prefers
    for bibliographies and indexes): accents and case ignored; an initial article ignored
    (unless ``article`` is False, as for a person's name); an initial "St"/"St." filed as
    "Saint", as if spelled out; then spaces and every mark but a parenthesis and a comma
    ignored, and those two interrupt, a parenthesis before a comma, both before any letter:
    "new (adj.)", "New, Aaron", "new-age", "New Deal", "newt"."""
    text = "".join(c for c in unicodedata.normalize("NFKD", heading) if not unicodedata.combining(c)).casefold()
    if article:
        text = _INITIAL_ARTICLE.sub("", text)
    text = _SAINT.sub(r"\1saint\2", text)
    text = text.replace("(", "\x01").replace(",", "\x02")
    return re.sub(r"[^\w\x01\x02]|_", "", text)


class ChicagoSorting(BaseSortingStyle):
    """By the lead (every author, in order, each as "Last, First": a sole author before the
    same author with others; else the organization or source, see ``lead``), else by title;
    one lead's works by title, then date. Every heading by ``filing_key``, letter by letter."""

    def sorting_key(self, entry: Any) -> tuple[tuple[str, ...], str, str]:
        field_name, text = lead(entry)
        title = filing_key(entry.fields.get("title", ""))
        if field_name == "author":
            people = [p for p in entry.persons["author"] if str(p) != "others"]
            names = tuple(filing_key(_inverted(p), article=False) for p in people)
        else:
            names = (filing_key(text) if text else title,)
        return (names, title, entry.fields.get("date", entry.fields.get("year", "")))

    def sort(self, entries: Iterable[Any]) -> list[Any]:
        return sorted(entries, key=self.sorting_key)


def register() -> None:
    from pybtex.plugin import register_plugin

    register_plugin("pybtex.style.formatting", "chicago", ChicagoStyle)
    register_plugin("pybtex.style.sorting", "chicago", ChicagoSorting)
