"""A pybtex formatting style close to Chicago notes-bibliography, for sphinxcontrib-bibtex.

Names and titles are kept as given (no case changes, no abbreviation of given names); the
first author is inverted ("Tsuruoka, Michito"), later ones are not; works without an author
are listed under their organization, or else their title; dates are written out in full
("December 22, 2016"); URLs are links. Registered as the pybtex style ``chicago``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from pybtex.richtext import Text
from pybtex.style.formatting import BaseStyle, toplevel
from pybtex.style.sorting import BaseSortingStyle
from pybtex.style.template import field, href, join, node, optional, sentence, tag

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


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
    """“Title.” with the period inside the quotation marks (none after ? or !)."""
    title = context["entry"].fields.get("title", "")
    end = "" if title[-1:] in "?!." else "."
    return Text("“", title, end, "”")


@node
def url_link(children: list[Any], context: dict[str, Any]) -> Text:
    address = context["entry"].fields.get("url", "")
    return Text(href(address)[address].format_data(context), ".") if address else Text()


def url() -> Any:
    return url_link


def pages() -> Any:
    return optional[pages_range]


@node
def pages_range(children: list[Any], context: dict[str, Any]) -> Text:
    return Text(context["entry"].fields.get("pages", "").replace("--", "–"))


class ChicagoStyle(BaseStyle):
    default_sorting_style = "chicago"

    def get_misc_template(self, e: Any) -> Any:
        return toplevel[
            optional[sentence[creator]],
            quoted_title,
            sentence[
                optional[tag("em")[field("journal")]],
                optional[join(sep=", ")[field("type"), optional[join["no. ", field("number")]]]],
                optional[field("address")],
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
            sentence[join[optional[join[field("address"), ": "]], field("publisher")], date],
            url(),
        ]

    def get_incollection_template(self, e: Any) -> Any:
        return toplevel[
            sentence[creator],
            quoted_title,
            sentence[join(sep=" ")["In", tag("em")[field("booktitle")]], optional[editors], optional[pages()]],
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
        return ((lead or title).lower(), entry.fields.get("date", entry.fields.get("year", "")), title.lower())

    def sort(self, entries: Iterable[Any]) -> list[Any]:
        return sorted(entries, key=self.sorting_key)


def register() -> None:
    from pybtex.plugin import register_plugin

    register_plugin("pybtex.style.formatting", "chicago", ChicagoStyle)
    register_plugin("pybtex.style.sorting", "chicago", ChicagoSorting)
