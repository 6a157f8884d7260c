"""Recover the printed layout: pages, the body and note regions of each page, fragments.

Rules of the format (all generic, none about one article):

* a line that starts with exactly one space begins a new printed page (line 1 always does);
  a one-line "page" (a page-start line directly followed by another) is not a page but an
  orphan line of page furniture, kept as a fragment;
* a note begins with ``N.<TAB>`` (up to two spaces of indent) at the page foot; the lines
  after it, up to the next note or page, continue it; blank lines there are furniture;
* a note left unfinished at the foot of one page may continue at the foot of the next,
  as a block of lines just before that page's first note.

A text without page starts, or with a long run of text below a page's notes, is not read as
this format: the notes would swallow the body. Both are input errors (exit 2) naming the line,
never a silent guess (``STRAY_TEXT_AFTER_NOTES`` in thresholds.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .diagnostics import InputError
from .thresholds import STRAY_TEXT_AFTER_NOTES
from .witness import Line, Witness

NOTE_START = re.compile(r"^ {0,2}(\d{1,3})\.\t")
_TERMINAL = re.compile(r"[.!?)\]”’\"']$")


def is_page_start(line: Line) -> bool:
    return line.indent == " " and not line.is_blank


def note_number(line: Line) -> int | None:
    match = NOTE_START.match(line.raw)
    return int(match.group(1)) if match else None


def note_body(line: Line) -> str:
    """The text of a note-start line after its number."""
    match = NOTE_START.match(line.raw)
    assert match
    return line.raw[match.end() :].strip(" \t\u00a0")


@dataclass
class NoteLines:
    n: int
    lines: list[Line]
    continued_on: int | None = None  # page where a continuation was found


@dataclass
class Page:
    n: int
    first_line: int
    body: list[Line] = field(default_factory=list)  # text and blank lines of the body
    notes: list[NoteLines] = field(default_factory=list)
    continuation: list[Line] = field(default_factory=list)  # of the previous page's last note


@dataclass
class Fragment:
    line: Line
    after_line: int  # the body line it stands after


@dataclass
class Layout:
    witness: Witness
    pages: list[Page]
    fragments: list[Fragment]


def note_is_unfinished(lines: list[Line]) -> bool:
    """A note whose last line breaks off: ends in a hyphen or without closing punctuation."""
    last = lines[-1].content if lines else ""
    return last.endswith("-") or not _TERMINAL.search(last)


def _looks_like_continuation(block: list[Line]) -> bool:
    first = block[0].content
    token = first.split()[0] if first.split() else ""
    return bool(token) and (token[0].islower() or token[0].isdigit() or "/" in token)


def _split_page_start(witness: Witness) -> tuple[list[list[Line]], list[Line]]:
    """Group lines into pages; return the pages and the orphan (fragment) lines."""
    lines = witness.lines
    groups: list[list[Line]] = []
    orphans: list[Line] = []
    for i, line in enumerate(lines):
        starts = i == 0 or is_page_start(line)
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if starts and i > 0 and nxt is not None and is_page_start(nxt):
            orphans.append(line)
            continue
        if starts or not groups:
            groups.append([line])
        else:
            groups[-1].append(line)
    return groups, orphans


def check_page_starts(witness: Witness, groups: list[list[Line]]) -> None:
    """Refuse a text whose pages cannot be read: no page starts at all, or a page whose notes
    are followed, after a blank line, by a long run of text (a page start is missing there)."""
    if not any(is_page_start(line) for line in witness.lines):
        raise InputError(
            witness.path,
            1,
            "no page starts: no line begins with exactly one space, so the pages, and the notes at "
            "their feet, cannot be told from the body text (mark the first line of each printed page "
            "with one leading space)",
        )
    for group in groups:
        in_notes = False
        run: list[Line] = []
        after_blank = False
        for line in group:
            if note_number(line) is not None:
                in_notes, run, after_blank = True, [], False
            elif line.is_blank:
                after_blank = in_notes
                run = []
            elif in_notes and after_blank:
                run.append(line)
                if len(run) > STRAY_TEXT_AFTER_NOTES:
                    raise InputError(
                        witness.path,
                        run[0].number,
                        f"{len(run)}+ lines of text below the notes of the page that begins at line "
                        f"{group[0].number}: a page start (a line beginning with one space) is probably "
                        "missing here",
                    )


def recover_layout(witness: Witness) -> Layout:
    groups, orphans = _split_page_start(witness)
    orphan_numbers = {line.number for line in orphans}
    pages: list[Page] = []
    last_note: NoteLines | None = None
    last_number = 0
    for n, group in enumerate(groups, 1):
        page = Page(n=n, first_line=group[0].number)
        lines = [line for line in group if line.number not in orphan_numbers]
        first_note = next((i for i, line in enumerate(lines) if note_number(line) is not None), None)
        body_end = len(lines) if first_note is None else first_note
        body = lines[:body_end]
        # A continuation of the previous page's unfinished last note: the block of lines
        # directly before this page's first note.
        if first_note is not None and last_note is not None and note_is_unfinished(last_note.lines):
            j = body_end
            while j > 0 and body[j - 1].is_blank:
                j -= 1
            k = j
            while k > 0 and not body[k - 1].is_blank:
                k -= 1
            block = body[k:j]
            if block and k > 0 and _looks_like_continuation(block):
                page.continuation = block
                last_note.lines.extend(block)
                last_note.continued_on = n
                body = body[:k]
        while body and body[-1].is_blank and first_note is not None:
            body.pop()
        page.body = body
        current: NoteLines | None = None
        for line in lines[body_end:]:
            number = note_number(line)
            if number is not None:
                if number <= last_number:
                    raise InputError(
                        witness.path,
                        line.number,
                        f"note {number} out of sequence (after note {last_number})",
                    )
                last_number = number
                current = NoteLines(number, [line])
                page.notes.append(current)
            elif not line.is_blank and current is not None:
                current.lines.append(line)
        if page.notes:
            last_note = page.notes[-1]
        pages.append(page)
    fragments = [Fragment(line, line.number - 1) for line in orphans]
    if not any(not line.is_blank for page in pages for line in page.body):
        raise InputError(witness.path, 1, "no body text found: not a witness in this format")
    check_page_starts(witness, groups)
    return Layout(witness, pages, fragments)
