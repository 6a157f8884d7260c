"""A pybtex formatting style close to Chicago notes-bibliography, for sphinxcontrib-bibtex.

Names and titles are kept as given (no case changes, no abbreviation of given names); the
first author is inverted ("Tsuruoka, Michito"), later ones are not; works without an author
are listed under their organization, or else their title; dates are written out in full
("December 22, 2016"); full URLs are links, a bare address (``www.example.org``) is printed as
it stands. Registered as the pybtex style ``chicago``.

Editorial supplements: the field ``supplied = {FIELD: REASON; FIELD: REASON}`` names the fields
that hold the editors' text rather than the witness's. A field wholly supplied is printed in
square brackets; a field partly supplied carries its brackets in the value. After the entry
the style prints what was supplied and why: "[Supplied by the editors: title, REASON.]".
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from typing import Any

from pybtex.database import Entry, Person
from pybtex.richtext import Text
from pybtex.style import FormattedEntry
from pybtex.style.formatting import BaseStyle, toplevel
from pybtex.style.sorting import BaseSortingStyle
from pybtex.style.template import field, href, join, node, optional, sentence, tag

with calendar.different_locale(("C", None)):  # English month names whatever the user's locale
    MONTHS = list(calendar.month_name)[1:]


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


@node
def creator(children: list[Any], context: dict[str, Any]) -> Text:
    """Author(s), else the organization; nothing when neither (the title leads)."""
    entry = context["entry"]
    people = format_people(entry.persons.get("author", []))
    return Text(people or entry.fields.get("organization", ""))


@node
def book_authors(children: list[Any], context: dict[str, Any]) -> Text:
    """The authors of the book a piece appeared in, as the notes name them ("Shoichi Itoh, et al.")."""
    entry = context["entry"]
    persons = entry.persons.get("bookauthor") or [
        Person(name) for name in re.split(r"\s+and\s+", entry.fields.get("bookauthor", "").strip()) if name
    ]
    others = bool(persons) and str(persons[-1]) == "others"
    names = [_full_name(p) for p in persons if str(p) != "others"]
    if not names:
        return Text()
    return Text(" and ".join(names) + (", et al.," if others else ","))


@node
def editors(children: list[Any], context: dict[str, Any]) -> Text:
    persons = context["entry"].persons.get("editor", [])
    others = bool(persons) and str(persons[-1]) == "others"
    names = [_full_name(p) for p in persons if str(p) != "others"]
    if not names:
        return Text()
    return Text("edited by " + " and ".join(names) + (" et al." if others else ""))


@node
def date(children: list[Any], context: dict[str, Any]) -> Text:
    return Text(format_date(context["entry"]))


@node
def quoted_title(children: list[Any], context: dict[str, Any]) -> Text:
    """“Title.” with the period inside the quotation marks (none after ? or !); nothing when
    the notes give no title."""
    title = context["entry"].fields.get("title", "")
    if not title:
        return Text()
    end = "" if title[-1:] in "?!." else "."
    return Text("“", title, end, "”")


@node
def url_link(children: list[Any], context: dict[str, Any]) -> Text:
    """A full URL as a link; an address without a scheme as the notes print it (no link is
    guessed for it)."""
    address = context["entry"].fields.get("url", "")
    if not address:
        return Text()
    if re.match(r"^https?://", address):
        return Text(href(address)[address].format_data(context), ".")
    return Text(address, ".")


def url() -> Any:
    return url_link


def pages() -> Any:
    return optional[pages_range]


@node
def pages_range(children: list[Any], context: dict[str, Any]) -> Text:
    return Text(context["entry"].fields.get("pages", "").replace("--", "–"))


class ChicagoStyle(BaseStyle):
    default_sorting_style = "chicago"

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

    def get_misc_template(self, e: Any) -> Any:
        return toplevel[
            optional[sentence[creator]],
            quoted_title,
            sentence[
                optional[tag("em")[field("journal")]],
                optional[join(sep=", ")[field("type"), optional[join["no. ", field("number")]]]],
                optional[field("address")],
                optional[field("language")],
                date,
                optional[field("howpublished")],
            ],
            optional[sentence[field("note")]],
            url(),
        ]

    def get_article_template(self, e: Any) -> Any:
        return toplevel[
            sentence[creator],
            quoted_title,
            sentence[
                join(sep=" ")[
                    tag("em")[field("journal")],
                    optional[field("volume")],
                    optional[join["no. ", field("number")]],
                    join["(", date, ")"],
                ],
            ]
            + optional[join[": ", pages()]],
            url(),
        ]

    def get_book_template(self, e: Any) -> Any:
        return toplevel[
            sentence[creator],
            sentence[tag("em")[field("title")]],
            optional[sentence[field("series")]],
            sentence[join[optional[join[field("address"), ": "]], field("publisher")], date],
            url(),
        ]

    def get_incollection_template(self, e: Any) -> Any:
        return toplevel[
            sentence[creator],
            quoted_title,
            sentence[
                join(sep=" ")["In", optional[book_authors], tag("em")[field("booktitle")]],
                optional[editors],
                optional[pages()],
            ],
            optional[sentence[join(sep=" ")[field("series"), optional[field("number")]]]],
            sentence[join[optional[join[field("address"), ": "]], field("publisher")], date],
            url(),
        ]

    def get_techreport_template(self, e: Any) -> Any:
        return toplevel[
            sentence[creator],
            quoted_title,
            optional[sentence[join(sep=" ")[field("type"), optional[field("number")]]]],
            sentence[join[optional[join[field("address"), ": "]], field("institution")], date],
            url(),
        ]


class ChicagoSorting(BaseSortingStyle):
    """By author (or organization, or title without a leading article), then date, then title."""

    def sorting_key(self, entry: Any) -> tuple[str, str, str]:
        people = entry.persons.get("author", [])
        lead = (
            " ".join(people[0].last_names + people[0].first_names) if people else entry.fields.get("organization", "")
        )
        title = re.sub(r"^[`'‘“\"]*(the |a |an )?", "", entry.fields.get("title", ""), flags=re.I)
        title = title or entry.fields.get("howpublished", "")
        return ((lead or title).lower(), entry.fields.get("date", entry.fields.get("year", "")), title.lower())

    def sort(self, entries: Iterable[Any]) -> list[Any]:
        return sorted(entries, key=self.sorting_key)


def register() -> None:
    from pybtex.plugin import register_plugin

    register_plugin("pybtex.style.formatting", "chicago", ChicagoStyle)
    register_plugin("pybtex.style.sorting", "chicago", ChicagoSorting)
