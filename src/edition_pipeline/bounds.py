"""Bounds on what an editor writes: every limit on editorial text, named and explained in one place.

The thresholds of the automatic pass are in thresholds.py; these are limits on input. They
apply to proposals (when proposed, listed, accepted or rejected, and to the options of the
command line) and to the emendation register whenever it is loaded. A value beyond a bound is
an exit-2 error naming the file and the line of its key, never something a build trips on later.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from typing import Any

from apparatus import vocabulary

from .diagnostics import InputError
from .names import confusable_letters, same_person, visible

READING_MAX = 200
"""Characters in a reading (and in the witness reading it replaces). An apparatus entry shows
a word or a phrase; the longest reading of the register is under 40 characters, and a reading
that runs to several printed lines is a passage to rewrite, not an emendation. A 1,000-character
reading broke `make pdf`."""

RATIONALE_MAX = 2000
"""Characters in a rationale or a reviewer's comment: room for a paragraph with its evidence
(the longest rationale of the register is under 500), not for a document pasted in by mistake."""

NAME_MAX = 100
"""Characters in an editor's name (proposer, reviewer, resp): a full name with titles fits; the
name is printed in the apparatus and the responsibility statement."""

TOKEN_MAX = 50
"""Characters in an unbreakable token (a run without a space or a hyphen) that is not a URL.
LaTeX breaks lines only at spaces and hyphens, and the list of emendations sets a reading after
its indented place and lemma: measured in the PDF (tests/test_hostile.py), 50 x's fit and 60 run
22pt into the margin; a very long token makes `make pdf` fail (a 1,000-character reading did;
xdvipdfmx crashed at 5,000). Letters differ in width, so this guards the build and the margin
against gross overruns; it is not a typographic guarantee for a word of 50 m's."""

URL_MAX = 200
"""Characters in a URL, the one kind of long token allowed (an address cannot be split without
changing it). The longest URL of the witness and the bibliography has 141 characters; a longer
address is better given as a DOI or an archive's short link. The apparatus sets a URL in a
reading or rationale as plain text today, so one longer than TOKEN_MAX overruns the line in the
PDF (measured: 475pt for 200 characters; the build still succeeds)."""


# --- how the bounds are checked ------------------------------------------------------------------

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Control characters, tab and newline apart: refused in every editorial file and option, since
they make the TEI not well-formed and can rewrite what a reviewer's terminal shows."""


RULES: dict[str, dict[str, str]] = {
    # schema -> {key: rule}; a key at any depth of the file (defaults included)
    "proposal": {
        "witness": "reading",
        "reading": "reading",
        "rationale": "rationale",
        "comment": "comment",
        "proposer": "name",
        "reviewer": "name",
    },
    "emendations": {
        "witness": "reading",
        "reading": "reading",
        "rationale": "rationale",
        "resp": "resp",
        "proposer": "name",
        "reviewer": "name",
    },
}
"""Which bound each field of a data file keeps (checked whenever it is loaded). A proposal's dates
are days (YYYY-MM-DD, not after today), checked when proposed and when reviewed (``date_problem``). The
register's own dates are not held to it here: a record an editor adds by hand may give a day in
words, which the TEI keeps without a ``@when``; the build refuses an entry's own date in any other
form than a day, naming its line in the generated MyST."""

_BREAKS = re.compile(r"[\s\-\u2010-\u2014]+")
"""Where LaTeX may break a line of an editor's text (spaces, hyphens, dashes): the runs between
them are the unbreakable tokens that TOKEN_MAX and URL_MAX bound."""


def date_problem(value: str) -> str | None:
    """What is wrong with the day of an editors' decision (None: nothing): a day of the calendar
    as YYYY-MM-DD, not after today (the machine's local day, as the commands date a decision). A build reads the same field later and stops on any
    other form; a day to come records no decision."""
    try:
        day = datetime.date.fromisoformat(value) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else None
    except ValueError:
        return f"{value!r} is not a day of the calendar (YYYY-MM-DD)"
    if day is None:
        return f"{value!r}: a day is written YYYY-MM-DD (2026-11-25)"
    if day > datetime.date.today():  # the editor's own day, as `edition` dates a decision by default
        return f"{value!r} is after today: a decision's day is the day it was made"
    return None


def reading_form_problem(value: str) -> str | None:
    """What is wrong with the form of a reading or a witness reading an editor proposes (None:
    nothing): white space around it, a tab or a line break in it, an invisible character. Each
    made a reading that passed the register's checks and printed wrongly ("great majorityof").
    Checked when a correction is proposed and when it is accepted, not when a filed proposal is
    only read: a proposal filed before this rule stays readable, and can be rejected."""
    if value != value.strip():
        return f"{value!r} begins or ends with white space: give the words alone (the spaces around them stay W's)"
    if "\t" in value or len(value.splitlines()) > 1:
        return f"{value!r} holds a tab or a line break: a reading is one line of text"
    hidden = next((c for c in value if unicodedata.category(c) == "Cf"), None)
    if hidden is not None:
        return f"{value!r} holds an invisible character (U+{ord(hidden):04X}): type the words alone"
    return None


def text_problem(value: str, rule: str) -> str | None:
    """What is wrong with an editor's ``value`` for a field kept by ``rule`` (None: nothing):
    'reading', 'rationale' (required), 'comment' (may be
    empty), 'name' (required, with letters, one script per word, no ';'), 'resp' (a name, or
    'proposer; reviewed by reviewer', two people), 'date' (``date_problem``)."""
    if rule == "date":
        return date_problem(value)
    if rule == "resp":
        names = value.split(vocabulary.REVIEWED_BY)
        for name in names:
            problem = text_problem(name, "name")
            if problem:
                return problem
        if len(names) == 2 and same_person(*names):
            return f"{value!r}: the reviewer is the proposer (names compare after normalisation)"
        return None
    limit = {
        "reading": READING_MAX,
        "rationale": RATIONALE_MAX,
        "comment": RATIONALE_MAX,
        "name": NAME_MAX,
    }[rule]
    if rule in ("rationale", "name") and not visible(value):
        return "empty (white space and invisible characters only): say who or why"
    if rule == "name":
        if ";" in unicodedata.normalize("NFKC", value):  # a fullwidth '；' is one too
            return f"{value!r}: a name may not hold ';', which parts the proposer from the reviewer in 'resp'"
        if not any(c.isalpha() for c in value):
            return f"{value!r}: a name is written in letters"
    if len(value) > limit:
        return f"{len(value)} characters, more than the {limit} a {rule} may have (bounds.py)"
    for token in _BREAKS.split(value):
        url = bool(vocabulary.ADDRESS_START.match(token))
        most = URL_MAX if url else TOKEN_MAX
        if len(token) > most:
            what = "a URL" if url else "a word without a space or a hyphen"
            return f"{what} of {len(token)} characters ({token[:30]!r}...): at most {most}, or LaTeX cannot break the line (bounds.py)"
    if rule == "name":
        letters = confusable_letters(value)
        if letters:
            return (
                f"{value!r} mixes scripts with look-alike letters: {', '.join(letters)}; "
                "write each word of a name in one script"
            )
    return None


def check_text(source: str, line: int | None, label: str, value: Any, rule: str, required: bool = True) -> str:
    """``value`` (given as ``label``, e.g. '--by') checked as ``rule``; a missing or empty
    required value, a control character or a bound exceeded is an InputError. Returns it."""
    if value is None or (required and not visible(str(value))):
        raise InputError(source, line, f"{label} is required and may not be empty")
    text = str(value)
    if any(unicodedata.category(c) == "Cs" for c in text):
        raise InputError(source, line, f"{label}: not UTF-8")
    bad = CONTROL.search(text)
    if bad:
        raise InputError(source, line, f"{label}: control character U+{ord(bad.group()):04X}")
    problem = text_problem(text, rule)
    if problem:
        raise InputError(source, line, f"{label}: {problem}")
    return text
