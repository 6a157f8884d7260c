"""The bracket of fields every apparatus role may carry: ``TEXT [key: value; …; note: …]``.

``parse_fields`` is pure (unit tests reach it without Sphinx); ``ApparatusRole`` is the base of
the roles: it parses, checks the fields against the vocabulary, and warns with type
``apparatus`` and a subtype (``malformed``, ``unknown_key``, ``invalid_value``) at the source
line. A malformed bracket always warns; the role then keeps the text as it stands.

The fields a role takes are declared once: in ``vocabulary.ROLE_FIELDS`` under its name (or its
``fields_of``), or, for a role of an extension outside this project, in its class's ``fields``. A
role declared nowhere stops the build when it starts (``builder-inited``), naming it.
"""

from __future__ import annotations

import datetime
import re
from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import roles
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util import logging
from sphinx.util.docutils import SphinxRole

from . import vocabulary
from .domain import get_domain

logger = logging.getLogger(__name__)

_KEYS = "|".join(vocabulary.FIELDS)
_SHAPE = re.compile(r"^(?P<shown>.*?)\s*\[(?P<fields>(?:" + _KEYS + r"):.*)\]\s*$", re.DOTALL)
# only ASCII white space after a separator: a no-break space (the emitter's guard) never splits
_SPLIT = re.compile(r";[ \t\r\n]*(?=(?:" + _KEYS + r"):)")
_LOOSE_BRACKET = re.compile(r"\[[^\[\]]*\]\s*$")
# "; colour: red" inside a value: a field the vocabulary does not know (a value never has "; word: ")
_UNKNOWN = re.compile(r";[ \t\r\n]*([A-Za-z_-]+): ")


class FieldError(ValueError):
    """A bracket that cannot be read; ``subtype`` names the kind of mistake for the warning."""

    def __init__(self, message: str, subtype: str = "malformed") -> None:
        super().__init__(message)
        self.subtype = subtype


def parse_fields(text: str, *, required: bool = True) -> tuple[str, dict[str, str]]:
    """Split ``TEXT [key: value; ...]`` into the text and its fields.

    With ``required=False`` a text with no bracket is valid (no fields); a bracket that looks
    like fields but cannot be read is still an error, never silently kept as text.
    """
    match = _SHAPE.match(text)
    if not match:
        if not required and not _LOOSE_BRACKET.search(text):
            return text, {}
        raise FieldError("expected 'TEXT [key: value; ...]'")
    fields: dict[str, str] = {}
    body = match.group("fields")
    # the note comes last and may say anything, even "; id: x"
    head, sep, note = body.partition("note:") if body.startswith("note:") else body.partition("; note:")
    if sep:
        fields["note"] = note.strip()
        body = head
    for part in _SPLIT.split(body) if body.strip() else []:
        key, _, value = part.partition(":")
        key = key.strip()
        if key in fields:
            raise FieldError(f"field {key!r} given twice")
        if unknown := _UNKNOWN.search(value):
            raise FieldError(f"unknown field {unknown.group(1)!r}", "unknown_key")
        fields[key] = value.strip()
    return match.group("shown"), fields


def _is_iso_date(value: str) -> bool:
    """``date``: the day the editors made the decision, as the register writes it (2026-11-25)."""
    try:
        return len(value) == 10 and datetime.date.fromisoformat(value).isoformat() == value
    except ValueError:
        return False


def check_fields(allowed: tuple[str, ...], fields: dict[str, str]) -> list[tuple[str, str]]:
    """Problems with ``fields`` of a role that takes the fields ``allowed``, as (message, subtype);
    empty if all is well."""
    problems = [
        (f"unknown field {key!r} (allowed: {', '.join(allowed)})", "unknown_key")
        for key in fields
        if key not in allowed
    ]
    for key in vocabulary.PLACE_FIELDS:
        if key in fields and not (fields[key].isdigit() and int(fields[key]) > 0):
            problems.append((f"{key} must be a whole number, not {fields[key]!r}", "invalid_value"))
    for key, values in vocabulary.CLOSED_FIELDS.items():
        if key in fields and fields[key] not in values:
            problems.append((f"{key} must be one of {', '.join(values)}", "invalid_value"))
    if "date" in fields and not _is_iso_date(fields["date"]):
        problems.append((f"date must be a day as YYYY-MM-DD, not {fields['date']!r}", "invalid_value"))
    return problems


def place(fields: dict[str, str]) -> dict[str, int]:
    """The checked ``line`` and ``page`` fields as numbers (absent ones left out)."""
    return {key: int(fields[key]) for key in vocabulary.PLACE_FIELDS if fields.get(key, "").isdigit()}


class ApparatusRole(SphinxRole):
    """Base of the apparatus roles: reading the bracket and warning about it."""

    #: the name in vocabulary.ROLE_FIELDS (the role may be registered under another name)
    fields_of = ""
    #: the fields of a role of an extension outside this project, which vocabulary.ROLE_FIELDS
    #: does not list (names the bracket knows: vocabulary.FIELDS); a role of this project leaves it empty
    fields: ClassVar[tuple[str, ...] | None] = None

    def warn(self, message: str, subtype: str) -> None:
        logger.warning(
            f"{self.name}: {message}: {self.text[:60]!r}",
            location=self.get_location(),
            type="apparatus",
            subtype=subtype,
        )

    def read_fields(self, *, required: bool = True) -> tuple[str, dict[str, str]] | None:
        """The text and checked fields, or None (after a warning) if they cannot be used."""
        try:
            shown, fields = parse_fields(self.text, required=required)
        except FieldError as error:
            self.warn(str(error), error.subtype)
            return None
        problems = check_fields(role_fields(self, self.name), fields)
        declared = self.config.apparatus_responsible
        resp = fields.get("resp")
        if declared and resp and resp not in declared and vocabulary.reviewed_pair(resp) is None:
            problems.append(
                (
                    f"resp {resp!r} is not declared in apparatus_responsible (nor 'proposer; reviewed by reviewer')",
                    "unknown_resp",
                )
            )
        for message, subtype in problems:
            self.warn(message, subtype)
        return None if problems else (shown, fields)

    def next_id(self, kind: str) -> str:
        return get_domain(self.env).next_id(self.env.docname, kind)

    def located(self, node: nodes.Element) -> nodes.Element:
        node.source, node.line = self.get_source_info()
        return node


def role_fields(role: ApparatusRole, name: str) -> tuple[str, ...]:
    """The fields the role registered as ``name`` takes, from their one declaration; an
    ExtensionError naming the role when they are declared nowhere, twice, or name a field the
    bracket does not know."""
    key = role.fields_of or name
    listed = vocabulary.ROLE_FIELDS.get(key)
    if listed is not None and role.fields is not None:
        raise ExtensionError(
            f"apparatus role {name!r}: its fields are declared twice, in vocabulary.ROLE_FIELDS[{key!r}] "
            f"and in {type(role).__qualname__}.fields: declare them in one place"
        )
    declared = listed if listed is not None else role.fields
    if declared is None:
        raise ExtensionError(
            f"apparatus role {name!r} ({type(role).__module__}.{type(role).__qualname__}) has no fields: "
            f"add {key!r} with its fields to vocabulary.ROLE_FIELDS (for a role of an extension outside "
            f"this project: set its class's 'fields')"
        )
    unknown = [field for field in declared if field not in vocabulary.FIELDS]
    if unknown:
        raise ExtensionError(
            f"apparatus role {name!r}: the bracket knows no field {', '.join(map(repr, unknown))}: "
            f"a new field goes into vocabulary.ROLE_FIELDS (vocabulary.FIELDS follows)"
        )
    return declared


def check_roles(app: Sphinx) -> None:
    """``builder-inited``: every apparatus role registered (by this extension or another) has its
    fields declared, so that none fails in the middle of a build."""
    for name, role in roles._roles.items():  # docutils' registry, as Sphinx reads it
        if isinstance(role, ApparatusRole):
            role_fields(role, name)


def setup_fields(app: Sphinx) -> None:
    app.connect("builder-inited", check_roles)
