"""Editors' proposals: a correction proposed, reviewed by a second editor, then landed.

A proposal is one small YAML file in editorial/proposals/, anchored like a register entry (a
paragraph or note, and the exact witness reading there, which fixes the witness line). A
second editor (never the proposer) accepts it, which appends an entry to the emendation
register, or rejects it with a reason; either way the proposal file stays, as the record.

A proposal may instead revise a register entry (``revise: e12``: a new reading and/or
certainty, with its rationale) or withdraw it (``withdraw: e12``: the edition prints W's
reading there). Accepting it changes the entry in place, its earlier state kept in the
entry's ``history`` with the proposal, proposer, reviewer and date; or moves the entry, as it
last stood, under ``withdrawn:``. Nothing an editor wrote is lost: proposal files are created,
never replaced, and the register's entries are only appended to or changed with their record.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml
from apparatus.vocabulary import REVIEWED_BY

from .bounds import RULES, check_text, reading_form_problem
from .diagnostics import InputError
from .editorial import key_lines, load_yaml, strip_lines
from .model import Document
from .names import clean_name, same_person, visible
from .project import GENERATED, Project, crash_point, write_atomic
from .register import (
    CATEGORIES,
    CERTAINTIES,
    KINDS,
    STATE_FIELDS,
    Anchor,
    Entry,
    Named,
    anchor_entries,
    block_of,
    collision,
    load_register,
    register_data,
    register_names,
    withdrawn_entries,
)
from .registerfile import entry_text, insert_item, item_lines, ordered, sequence_of

FIELDS = ("id", "where", "witness", "reading", "kind", "category", "certainty", "rationale", "proposer", "date")


@dataclass
class Proposal:
    id: str
    where: str  # 'p12' (paragraph), 'n13' (author's note) or 'line 42'
    witness: str
    reading: str
    kind: str
    category: str
    certainty: str
    rationale: str
    proposer: str
    date: str
    line: int = 0
    status: str = "open"
    review: dict[str, str] = field(default_factory=dict)
    revise: str = ""  # the register entry it revises, or
    withdraw: str = ""  # the register entry it withdraws ('' for a new correction)
    was: dict[str, str] = field(default_factory=dict)  # that entry's reading and certainty when proposed
    problem: str = ""  # a filed proposal whose words are no longer found where it says (never stored)

    @property
    def action(self) -> str:
        return "revise" if self.revise else "withdraw" if self.withdraw else ""

    @property
    def target(self) -> str:
        return self.revise or self.withdraw


def block_name(where: str) -> str:
    """A place as the command names it: 'note-13' is n13 and '¶ 3' (as the site labels a paragraph) p3;
    the proposal form reads them alike (propose.js)."""
    where = where.strip()
    if where.startswith("note-"):
        return "n" + where[5:]
    paragraph = re.fullmatch(r"¶\s*(\d+)", where)
    return f"p{paragraph.group(1)}" if paragraph else where


def locate(document: Document, where: str, witness: str) -> int:
    """The witness line where ``witness`` begins in the block ``where`` (0 if not found once)."""
    where = block_name(where)
    blocks = {anchor: (text, offsets) for anchor, text, offsets in document.text_blocks()}
    if re.fullmatch(r"line \d+", where):
        line = int(where.split()[1])
        candidates = [(t, o) for t, o in blocks.values() if any(n == line for n, _ in o)]
    elif where in blocks:
        candidates = [blocks[where]]
        line = 0
    else:
        return 0
    for text, offsets in candidates:
        hits = [m.start() for m in re.finditer(re.escape(witness), text)]
        if line:
            hits = [h for h in hits if max((n for n, s in offsets if s <= h), default=0) == line]
        if len(hits) == 1:
            return max(n for n, s in offsets if s <= hits[0])
    return 0


OPTIONS = {"proposer": "--by"}  # a field's option on the command line, where not --<field>
COMMAND_LINE = "command line"


def occurrences(document: Document, witness: str) -> list[tuple[str, int]]:
    """Every place of ``witness`` in the text: (block anchor, the witness line it begins on)."""
    found: list[tuple[str, int]] = []
    if not witness:
        return found
    for anchor, text, offsets in document.text_blocks():
        for match in re.finditer(re.escape(witness), text):
            found.append((anchor, max((n for n, s in offsets if s <= match.start()), default=0)))
    return found


def place_now(document: Document, proposal: Proposal) -> str:
    """Where a filed proposal's words stand in the text now: the block (p12, n13) that holds its
    witness words on its witness line. A proposal is anchored by W's line, which never changes; the
    paragraph it names was that paragraph's number when it was filed, and a structure override may
    have joined or parted paragraphs since. ``proposal.where`` as filed when the words are not found."""
    filed = block_name(proposal.where)
    found = [anchor for anchor, line in occurrences(document, proposal.witness) if line == proposal.line]
    if not found or filed in found:
        return filed
    return f"{found[0]} (filed as {filed})" if not re.fullmatch(r"line \d+", filed) else found[0]


def _places(found: list[tuple[str, int]]) -> str:
    shown = [f"{anchor} (line {line})" for anchor, line in found[:8]]
    more = f" and {len(found) - 8} more" if len(found) > 8 else ""
    return ", ".join(shown) + more


def not_located(document: Document, where: str, witness: str) -> str:
    """Why ``witness`` is not found once at ``where``, with where W does have it (to help)."""
    found = occurrences(document, witness)
    block = block_name(where)
    if re.fullmatch(r"line \d+", block):
        number = int(block.split()[1])
        here = [(a, n) for a, n in found if n == number]
    else:
        here = [(a, n) for a, n in found if a == block]
    if len(here) > 1:
        return (
            f"the witness reading {witness!r} occurs {len(here)} times in {where} (lines "
            f"{', '.join(str(n) for n in dict.fromkeys(n for _, n in here))}): give more of its words, "
            "so that it is found once"
        )
    message = f"the witness reading {witness!r} is not found exactly once in {where}"
    if found:
        message += f"; W has it in {_places(found)}"
    elif near := nearly(document, witness):
        shown = ", ".join(f"{words!r} in {anchor} (line {line})" for anchor, line, words in near[:3])
        message += (
            f"; W has it nowhere as written, but reads {shown}: copy W's own characters (its quotation marks, "
            "apostrophes and spaces; a word W divides at a line's end, whole)"
        )
    else:
        message += "; W has it nowhere (copy the words exactly as W reads them, its spelling kept)"
    return message


_LOOSE = {**dict.fromkeys("'‘’`", "['‘’`]"), **dict.fromkeys('"“”', '["“”]'), "-": "-?"}


def nearly(document: Document, witness: str) -> list[tuple[str, int, str]]:
    """Where W has ``witness`` but for what a copy by hand changes without a reader seeing it:
    straight for curly quotation marks and apostrophes, spaces of other widths or doubled, a
    composed letter typed as a letter and its accent, invisible characters, and the hyphen of a
    word W divides at a line's end (as the diplomatic view shows it), with the line end itself
    where a copy from the PDF keeps it as a space or a line break: (block, line, W's words)."""
    typed = "".join(c for c in unicodedata.normalize("NFC", witness) if unicodedata.category(c) != "Cf")
    chunks = re.findall(r"\s+|\S+", typed.strip())
    pattern = "".join(
        # white space after a hyphen may be the line end a copy from the PDF or the page keeps ("inconclu- sive")
        (r"\s*" if i and chunks[i - 1].endswith("-") else r"\s+")
        if chunk[0].isspace()
        else "".join(_LOOSE.get(c, re.escape(c)) for c in chunk)
        for i, chunk in enumerate(chunks)
    )
    found: list[tuple[str, int, str]] = []
    for anchor, text, offsets in document.text_blocks() if pattern else []:
        for match in re.finditer(pattern, text):
            found.append((anchor, max((n for n, s in offsets if s <= match.start()), default=0), match.group()))
    return found


def names_a_place(document: Document, where: str) -> bool:
    """Is ``where`` a block of the edition ('p12', '¶ 12', 'n13', 'note-13') or a witness line ('line 42')?"""
    where = block_name(where)
    if re.fullmatch(r"line \d+", where):
        number = int(where.split()[1])
        return any(n == number for _, _, offsets in document.text_blocks() for n, _ in offsets)
    return any(anchor == where for anchor, _, _ in document.text_blocks())


def whole_words(document: Document, where: str, witness: str, line: int) -> str:
    """'' when ``witness`` begins and ends at word boundaries where it stands; else why not,
    naming the whole word(s) (a selection 'sive negotiations' of W's 'inconclu-/sive')."""
    for _anchor, text, offsets in document.text_blocks():
        for match in re.finditer(re.escape(witness), text):
            if max((n for n, s in offsets if s <= match.start()), default=0) != line:
                continue
            start, end = match.start(), match.end()
            inside_start = start > 0 and text[start - 1].isalnum() and witness[0].isalnum()
            inside_end = end < len(text) and text[end].isalnum() and witness[-1].isalnum()
            if not (inside_start or inside_end):
                return ""
            while start > 0 and text[start - 1].isalnum():
                start -= 1
            while end < len(text) and text[end].isalnum():
                end += 1
            edges = " and ".join(side for side, bad in (("begins", inside_start), ("ends", inside_end)) if bad)
            return (
                f"the witness reading {witness!r} {edges} inside a word of {where}: a correction takes "
                f"whole words; select {text[start:end]!r}"
            )
    return ""


def validate(
    data: dict[str, Any], path: str, document: Document, lines: dict[str, int] | None = None, filed: bool = False
) -> Proposal:
    """A proposal's fields checked: each present and not empty (a missing field is never
    stored as '' or 'None'), no control character, within its bound (bounds.py), names in
    one script per word. From a file, load_yaml checked them with their lines already; the
    errors found here name the line of their key (``lines``). A proposal being made is also held
    to what a new correction must be (``proposing_problem``, its date a day); a ``filed`` one (read
    from editorial/proposals/) is not, and one whose words are no longer found where it says (the
    text changed under it) keeps its witness line, with the reason in ``problem``."""
    where = data.get("__line__")
    lines = lines or {}
    cli = path == COMMAND_LINE

    def at(key: str) -> int | None:
        return lines.get(key, where)

    for key in FIELDS:
        if key == "id":
            continue
        value = data.get(key)
        label = OPTIONS.get(key, f"--{key}") if cli else f"'{key}'"
        optional = key == "reading" and (data.get("kind") in ("sic", "note") or bool(data.get("withdraw")))
        if value is None or not visible(str(value)):
            if optional:
                data[key] = ""
                continue
            closed = {"kind": KINDS, "category": CATEGORIES, "certainty": CERTAINTIES}.get(key)
            hint = f": one of {', '.join(sorted(closed))}" if closed else ""
            if not cli and key not in data:  # a file without the key: no line to name, so say what to add
                hint += f" (add a line '{key}: …' to the file)"
            raise InputError(path, at(key), f"a proposal needs {label} (not empty){hint}")
        check_text(path, at(key), label, value, RULES["proposal"].get(key, "comment"))
    if not filed:
        check_text(path, at("date"), OPTIONS.get("date", "--date") if cli else "'date'", data["date"], "date")
    for key in ("proposer",):
        data[key] = clean_name(str(data[key]))
    if data["kind"] not in KINDS:
        raise InputError(path, at("kind"), f"kind must be one of {sorted(KINDS)}")
    if data["category"] not in CATEGORIES:
        raise InputError(path, at("category"), f"category must be one of {sorted(CATEGORIES)}")
    if data["certainty"] not in CERTAINTIES:
        raise InputError(path, at("certainty"), f"certainty must be one of {sorted(CERTAINTIES)}")
    if data.get("revise") or data.get("withdraw"):  # the entry's place: anchored by the register
        line = data.get("line")
        if not isinstance(line, int) or isinstance(line, bool) or line < 1:
            raise InputError(path, at("line"), "a revision or withdrawal needs 'line', the entry's witness line")
        return _proposal(data, line)
    stored = data.get("line")
    line = 0
    if isinstance(stored, int) and not isinstance(stored, bool) and stored > 0:
        # a proposal already filed is anchored by W's line, which never changes: its paragraph's number may
        # (a structure override joins or parts paragraphs), and a closed proposal is history
        line = locate(document, f"line {stored}", str(data["witness"]))
    line = line or locate(document, str(data["where"]), str(data["witness"]))
    if not line and filed and isinstance(stored, int) and stored > 0:  # its history stands; its review says what to do
        proposal = _proposal(data, stored)
        proposal.problem = not_located(document, f"line {stored}", str(data["witness"]))
        return proposal
    if not line:
        message = not_located(document, str(data["where"]), str(data["witness"]))
        if not names_a_place(document, str(data["where"])):
            raise InputError(
                path,
                at("where"),
                f"there is no {data['where']} (a paragraph p12, an author's note n13 or a witness line 'line 42'): "
                + message,
            )
        raise InputError(path, at("witness"), message)
    partial = whole_words(document, str(data["where"]), str(data["witness"]), line)
    if partial:
        raise InputError(path, at("witness"), partial)
    proposal = _proposal(data, line)
    problem = None if filed else proposing_problem(proposal, document)
    if problem:
        key, message = problem
        raise InputError(path, at(key), f"{OPTIONS.get(key, '--' + key) if cli else repr(key)}: {message}")
    return proposal


def proposing_problem(proposal: Proposal, document: Document) -> tuple[str, str] | None:
    """What a new correction may not be, as (its key, why), or None: words with white space
    around them or a line break or an invisible character in them (``bounds.reading_form_problem``),
    an emendation that reads as W does, words across W's page break. Checked when it is proposed
    and again when it is accepted (a proposal filed before a rule was made)."""
    if proposal.action:  # a revision's reading: its form alone (its words are the entry's)
        problem = reading_form_problem(proposal.reading) if proposal.reading else None
        return ("reading", problem) if problem else None
    for key in ("witness", "reading"):
        problem = reading_form_problem(getattr(proposal, key))
        if problem:
            return key, problem
    if proposal.problem:
        return "witness", proposal.problem
    across = across_pages(document, proposal.witness, proposal.line)
    if across:
        return "witness", across
    if proposal.kind == "emendation" and visible(proposal.reading) == visible(proposal.witness):
        return "reading", f"the reading {proposal.reading!r} is W's own: an emendation changes W's words"
    return None


def across_pages(document: Document, witness: str, line: int) -> str:
    """'' when ``witness``, beginning on ``line``, ends on the same page of W, or crosses a page
    break only inside a word W divides there; else why it may not be corrected as one: an entry
    stands on one page of W, and W's page break between its words would move."""
    firsts = {page.first_line for page in document.pages}
    for _anchor, text, offsets in document.text_blocks():
        for match in re.finditer(re.escape(witness), text):
            if max((n for n, s in offsets if s <= match.start()), default=0) != line:
                continue
            # each page that begins inside the words: where its first line starts in the text
            starts = [(n, s) for n, s in offsets if match.start() < s < match.end() and n in firsts]
            for first, at in starts:
                while at < len(text) and not text[at - 1].isspace():
                    at += 1  # inside a word W divides at the page's end ('govern-|ment'): the break follows the word
                if at >= match.end():
                    continue
                number = next(page.n for page in document.pages if page.first_line == first)
                return (
                    f"the witness reading {witness!r} runs across W's page break (page {number} begins at line "
                    f"{first}): a correction stays on one page of W; propose the words on each page apart"
                )
            return ""
    return ""


def _proposal(data: dict[str, Any], line: int) -> Proposal:
    fields = {k: str(data.get(k, "")) for k in FIELDS}
    return Proposal(
        **fields,
        line=line,
        status=str(data.get("status", "open")),
        review={k: str(v) for k, v in (data.get("review") or {}).items() if k != "__line__"},
        revise=str(data.get("revise") or ""),
        withdraw=str(data.get("withdraw") or ""),
        was={k: str(v) for k, v in (data.get("was") or {}).items() if k != "__line__"},
    )


REVIEW_KEYS = ("status", "review")  # set by `edition accept/reject`, never by a proposal's author
FROM_ENTRY = ("where", "witness", "kind", "category", "line", "was")  # a revision's: taken from its entry


def read_file(path: Path) -> tuple[dict[str, Any], dict[str, int]]:
    """A proposal file to import (saved from the HTML form, or written by hand): its fields and
    the line of each key. A status or review in it is refused: the reviewer sets those."""
    data = load_yaml(path, schema="proposal")
    if not isinstance(data, dict):  # the schema refuses any other shape; this is for mypy
        raise InputError(str(path), 1, "a proposal file holds one proposal as keys and values")
    lines = key_lines(path)
    for key in REVIEW_KEYS:
        if (
            key in data
            and not (key == "status" and data[key] == "open")
            and not (key == "review" and not strip_lines(data[key]))
        ):
            raise InputError(
                str(path),
                lines.get(key, 1),
                f"'{key}:' is not for a proposal file: a proposal's status and review are set by "
                "`edition accept` or `edition reject`, never by the file; remove the line"
                + (" and what follows it" if key == "review" else ""),
            )
    if "was" in data:
        raise InputError(
            str(path), lines.get("was", 1), "'was:' is not for a proposal file: `edition propose` sets it; remove it"
        )
    data = {k: v for k, v in data.items() if k not in ("__line__", *REVIEW_KEYS)}
    return data, lines


def load_proposal(path: Path, document: Document) -> Proposal:
    if not path.is_file():
        raise InputError(str(path), None, "no such proposal" if not path.exists() else "not a file")
    data = load_yaml(path, schema="proposal")
    if not isinstance(data, dict):
        raise InputError(str(path), 1, "a proposal is a mapping of fields")
    proposal = validate(data, str(path), document, filed=True)
    if proposal.status != "open" and same_person(proposal.review.get("reviewer", ""), proposal.proposer):
        raise InputError(str(path), 1, f"{proposal.id} is {proposal.status} by its own proposer")
    if proposal.id != path.stem:
        raise InputError(str(path), 1, f"id {proposal.id!r} does not match the file name")
    return proposal


def load_proposals(folder: Path, document: Document) -> list[Proposal]:
    return [load_proposal(path, document) for path in sorted(folder.glob("*.yaml"))] if folder.is_dir() else []


def next_id(folder: Path) -> str:
    numbers = [int(m.group(1)) for p in folder.glob("*.yaml") if (m := re.match(r"P(\d+)$", p.stem))]
    return f"P{max(numbers, default=0) + 1:04d}"


def dump(proposal: Proposal) -> str:
    data = asdict(proposal)
    del data["problem"]
    for key in ("revise", "withdraw", "was"):  # a new correction's file is as it always was
        if not data[key]:
            del data[key]
    if proposal.action:  # the entry it names first; a withdrawal proposes no reading (W's is printed)
        data = {"id": data.pop("id"), proposal.action: data.pop(proposal.action), **data}
        if proposal.withdraw:
            del data["reading"]
    header = "# An editor's proposal (see README: proposing a correction). Reviewed by another editor.\n"
    return header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def register_entry(proposal: Proposal, entry_id: str, reviewer: str, date: str) -> str:
    """The YAML text of a register entry for an accepted proposal (appended, comments kept)."""
    entry = {
        "id": entry_id,
        "line": proposal.line,
        "witness": proposal.witness,
        **({"reading": proposal.reading} if proposal.reading else {}),
        "kind": proposal.kind,
        "category": proposal.category,
        "certainty": proposal.certainty,
        "rationale": proposal.rationale,
        "resp": f"{proposal.proposer}{REVIEWED_BY}{reviewer}",
        "date": date,
        "proposal": proposal.id,
    }
    return entry_text(entry)


def next_entry_id(entries: list[Entry], withdrawn: Iterable[str] = ()) -> str:
    """The next id: after every id ever given, those of withdrawn entries too (never reused)."""
    ids = [e.id for e in entries] + list(withdrawn)
    numbers = [int(m.group(1)) for i in ids if (m := re.fullmatch(r"e(\d+)", i))]
    return f"e{max(numbers, default=0) + 1:02d}"


# --- Revising or withdrawing a register entry ---------------------------------------------------


def changed_register(
    project: Project, proposal: Proposal, reviewer: str, date: str, source: str, line: int | None
) -> str:
    """The register's text once ``proposal`` (a revision or withdrawal) is applied: the entry
    changed in place with its earlier state appended to its history, or moved, as it last stood,
    under 'withdrawn:'. Every other line is kept; the result is checked by reading it back."""
    path = project.register_path
    text = path.read_text(encoding="utf-8")
    data = strip_lines(register_data(path, text))
    entry_id = proposal.target
    items = data["entries"]
    index = next((i for i, item in enumerate(items) if str(item.get("id")) == entry_id), None)
    if index is None:
        raise InputError(source, line, gone(project, proposal, entry_id, text))
    old = ordered({**(data.get("defaults") or {}), **items[index]})
    was = {"reading": str(old.get("reading", "")), "certainty": str(old.get("certainty", ""))}
    if proposal.was and was != proposal.was:
        raise InputError(
            source,
            line,
            f"register entry {entry_id} has changed since {proposal.id} was proposed: it read "
            f"{proposal.was.get('reading', '')!r} ({proposal.was.get('certainty', '')}), now {was['reading']!r} "
            f"({was['certainty']}, {old.get('resp', '')}, {old.get('date', '')}): reject {proposal.id}, or propose "
            f"again on {entry_id} as it stands now",
        )
    change = {"proposal": proposal.id, "proposer": proposal.proposer, "reviewer": reviewer, "date": date}
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    sequence = sequence_of(root, "entries") if root is not None else None
    if sequence is None:  # register_data read a list of entries: not reached
        raise InputError(str(path), 1, "expected a mapping with 'entries' (a list)")
    node = sequence.value[index]
    start, end = item_lines(text, node, str(path), f"register entry {entry_id} (line {node.start_mark.line + 1})")
    comment = text[node.end_mark.index : end].strip()
    kept = f"{'  '}{comment}\n" if comment else ""
    withdrawn = list(data.get("withdrawn") or [])
    if proposal.revise:
        state = {k: old[k] for k in STATE_FIELDS if k in old}
        new = {k: v for k, v in old.items() if k != "history"}
        if proposal.reading or "reading" in old:
            new["reading"] = proposal.reading
        new.update(
            certainty=proposal.certainty,
            rationale=proposal.rationale,
            resp=f"{proposal.proposer}{REVIEWED_BY}{reviewer}",
            date=date,
            proposal=proposal.id,
        )
        new = ordered(new)
        new["history"] = [*(old.get("history") or []), {**state, "revised": change}]
        expected_entries = [*items[:index], new, *items[index + 1 :]]
        result = text[:start] + entry_text(new) + kept + text[end:]
    else:
        record = {**old, "withdrawn": {**change, "rationale": proposal.rationale}}
        expected_entries = [*items[:index], *items[index + 1 :]]
        withdrawn.append(record)
        result = text[:start] + kept + text[end:]
        result = insert_item(
            result,
            "withdrawn",
            entry_text(record),
            "\n# Entries withdrawn by an accepted proposal (edition accept): each as it last stood, with the\n"
            "# withdrawal; the edition prints W's reading there. Their ids are never used again.\n",
        )
    back = strip_lines(register_data(path, result))
    if back.get("entries") != expected_entries or (back.get("withdrawn") or []) != withdrawn:
        raise InputError(
            str(path),
            node.start_mark.line + 1,
            f"register entry {entry_id} could not be changed in place; nothing written",
        )
    return result


def gone(project: Project, proposal: Proposal | None, entry_id: str, text: str | None = None) -> str:
    """Why there is no register entry ``entry_id`` to revise or withdraw: withdrawn, or never."""
    path = project.register_path
    withdrawn = withdrawn_entries(path, text) if path.exists() else {}
    verb = f"{proposal.id} cannot be accepted; reject it" if proposal else "nothing filed"
    if entry_id in withdrawn:
        record = withdrawn[entry_id]
        by = record["withdrawn"]
        return (
            f"register entry {entry_id} was withdrawn by {by['proposal']} ({by['date']}; its record stands under "
            f"'withdrawn:' in {path}, line {record['__line__']}): the edition prints W's {record['witness']!r} there, "
            f"and an id is never used again; {verb}. To correct those words, propose a new correction "
            f"(edition propose --where 'line {record['line']}' --witness {record['witness']!r} --reading ...)"
        )
    ids = [e.id for e in _entries(project)]
    numbered = sorted((int(m.group(1)), i) for i in ids if (m := re.fullmatch(r"e(\d+)", i)))
    shown = (
        ", ".join(
            ([f"{numbered[0][1]} … {numbered[-1][1]}"] if numbered else [])
            + [i for i in ids if i not in dict(numbered).values()]
        )
        or "none"
    )
    return f"there is no register entry {entry_id!r} in {path} (its ids: {shown}); {verb}"


def from_entry(project: Project, document: Document, data: dict[str, Any], source: str, lines: dict[str, int]) -> None:
    """Fill a revision or withdrawal from the register entry it names (its place, witness
    reading, kind, category; what it reads now), refusing what cannot be proposed."""
    cli = source == COMMAND_LINE
    action = "revise" if data.get("revise") else "withdraw"
    label = f"--{action}" if cli else f"'{action}'"
    at = lines.get(action)
    if data.get("revise") and data.get("withdraw"):
        raise InputError(source, at, "a proposal revises one entry or withdraws it, not both")
    for key in FROM_ENTRY:
        if data.get(key) is not None:
            option = f"--{key}" if cli else f"'{key}'"
            raise InputError(
                source, lines.get(key, at), f"{option} is not for {label}: the entry's {key} is its own; leave it out"
            )
    if data.get("withdraw"):
        for key in ("reading", "certainty"):
            if data.get(key) is not None:
                option = f"--{key}" if cli else f"'{key}'"
                raise InputError(
                    source,
                    lines.get(key, at),
                    f"{option} is not for {label}: a withdrawn entry leaves W's reading in the edition; leave it out",
                )
    entry_id = str(data[action])
    entry = next((e for e in _entries(project) if e.id == entry_id), None)
    if entry is None:
        raise InputError(source, at, f"{label} {entry_id}: " + gone(project, None, entry_id))
    reading, certainty = data.get("reading"), data.get("certainty")
    if action == "revise":
        new_reading = entry.reading if reading is None else str(reading)
        new_certainty = entry.certainty if certainty is None else str(certainty)
        option = "--reading" if cli else "'reading'"
        if entry.kind == "note" and visible(new_reading):
            raise InputError(
                source, lines.get("reading", at), f"{option}: {entry_id} is an editors' note: it has no reading"
            )
        if entry.kind in ("emendation", "supplied") and not visible(new_reading):
            raise InputError(
                source, lines.get("reading", at), f"{option}: a {entry.kind} needs its reading (not empty)"
            )
        if entry.kind == "emendation" and new_reading == entry.witness:
            raise InputError(
                source,
                lines.get("reading", at),
                f"{option} {new_reading!r} is W's reading: to print W's reading, withdraw {entry_id} "
                f"({'--withdraw' if cli else 'withdraw:'} {entry_id})",
            )
        if (new_reading, new_certainty) == (entry.reading, entry.certainty):
            options = "--reading or --certainty" if cli else "'reading:' or 'certainty:'"
            raise InputError(
                source,
                at,
                f"{label} {entry_id} changes nothing: {entry_id} already reads {entry.reading!r} ({entry.certainty}); "
                f"give a different {options}",
            )
        data["reading"], data["certainty"] = new_reading, new_certainty
    else:
        data["reading"], data["certainty"] = "", entry.certainty
    data.update(
        where=block_of(document, entry.line) or f"line {entry.line}",
        witness=entry.witness,
        kind=entry.kind,
        category=entry.category,
        line=entry.line,
        was={"reading": entry.reading, "certainty": entry.certainty},
    )


# --- Transactions: each holds the project's lock -----------------------------------------------


def proposal_path(project: Project, proposal_id: str) -> Path:
    if not re.fullmatch(r"P\d{1,9}", proposal_id):
        raise InputError("command line", None, f"{proposal_id!r} is not a proposal id (P0001, P0002, ...)")
    return project.proposals / f"P{int(proposal_id[1:]):04d}.yaml"  # P1 is P0001, as `edition proposals` lists it


def propose(
    project: Project, data: dict[str, Any], source: str, lines: dict[str, int] | None = None
) -> tuple[Proposal, Path]:
    """File a new proposal: validated against the witness, never replacing another, never
    repeating an open one (the same words, witness reading and reading; for a revision or
    withdrawal, the same entry and change)."""
    with project.locked():
        document = project.document()
        folder = project.proposals
        data["id"] = next_id(folder)
        data["status"], data["review"] = "open", {}
        if data.get("revise") or data.get("withdraw"):
            from_entry(project, document, data, source, lines or {})
        proposal = validate(data, source, document, lines)
        if not proposal.action:
            refuse_collision(project, document, proposal, source, (lines or {}).get("witness"))
        for other in load_proposals(folder, document):
            if (
                other.status == "open"
                and (other.action, other.target, other.kind, other.line, other.witness, other.reading)
                == (
                    proposal.action,
                    proposal.target,
                    proposal.kind,
                    proposal.line,
                    proposal.witness,
                    proposal.reading,
                )
                and (not proposal.action or other.certainty == proposal.certainty)
            ):
                raise InputError(
                    source,
                    (lines or {}).get("witness"),
                    f"this repeats open proposal {other.id} ({folder / (other.id + '.yaml')}: {other.witness!r} → "
                    f"{other.reading!r}, line {other.line}, by {other.proposer}): nothing filed; "
                    f"a second editor reviews {other.id}",
                )
        path = folder / f"{proposal.id}.yaml"
        remove_strays(project, proposal.id, own_file_only=True)  # what a killed propose of this id left
        write_atomic(path, dump(proposal), exclusive=True)
        return proposal, path


def as_entry(proposal: Proposal, entry_id: str = "proposal") -> Entry:
    return Entry(
        id=entry_id,
        line=proposal.line,
        witness=proposal.witness,
        reading=proposal.reading,
        kind=proposal.kind,
        category=proposal.category,
        certainty=proposal.certainty,
        rationale=proposal.rationale,
        resp=proposal.proposer,
        date=proposal.date,
        source_line=0,
        proposal=proposal.id,
    )


def entry_named(entry: Entry) -> str:
    """A register entry as a message names it: its id and where it came from."""
    origin = (
        f"accepted from {entry.proposal}"
        if entry.proposal
        else f"{entry.witness!r} → {entry.reading!r}, line {entry.line}"
    )
    return f"register entry {entry.id} ({origin})"


def refuse_collision(
    project: Project, document: Document, proposal: Proposal, source: str, line: int | None = None
) -> None:
    """A proposal on words a register entry already touches is refused, naming the entry."""
    anchors = project.anchors(document)
    candidate = anchor_entries(document, [as_entry(proposal)], source)[0]
    other = collision(candidate, anchors)
    if other is not None:
        entry = other.entry
        raise InputError(
            source,
            line,
            f"the proposal overlaps {entry_named(entry)}: to change that entry, propose its revision or "
            f"withdrawal (edition propose --revise {entry.id} ... or --withdraw {entry.id}; README: proposing a "
            "correction)",
        )


def overlapping(proposals: list[Proposal], document: Document, register: list[Anchor]) -> dict[str, list[str]]:
    """For each open proposal, what it overlaps: other open proposals (only one of them can be
    accepted) and register entries (it cannot be accepted)."""
    # a revision touches its own entry; a proposal whose words are no longer found stands nowhere
    open_ = [p for p in proposals if p.status == "open" and not p.action and not p.problem]
    anchors = anchor_entries(document, [as_entry(p, p.id) for p in open_], "proposals")
    found: dict[str, list[str]] = {}
    for anchor in anchors:
        for others, prefix in ((anchors, ""), (register, "register entry ")):
            for other in others:
                if other is not anchor and collision(anchor, [other]) is not None:
                    found.setdefault(anchor.entry.id, []).append(prefix + other.entry.id)
    return found


def entry_conflicts(proposals: list[Proposal], entries: list[Entry]) -> dict[str, list[str]]:
    """For each open revision or withdrawal, why it conflicts: another open one on the same
    entry (only one can be accepted), its entry withdrawn or changed since it was proposed
    (it cannot be accepted)."""
    current = {e.id: e for e in entries}
    open_ = [p for p in proposals if p.status == "open" and p.action]
    found: dict[str, list[str]] = {}
    for p in open_:
        said = found.setdefault(p.id, [])
        others = [o.id for o in open_ if o is not p and o.target == p.target]
        if others:
            said.append(f"{', '.join(others)} also changes {p.target}: only one of them can be accepted")
        entry = current.get(p.target)
        if entry is None:
            said.append(f"{p.target} is no longer in the register: it cannot be accepted; reject it")
        elif p.was and p.was != {"reading": entry.reading, "certainty": entry.certainty}:
            said.append(
                f"{p.target} has changed since (now {entry.reading!r}, {entry.certainty}): it cannot be accepted; "
                "reject it"
            )
        if not said:
            del found[p.id]
    return found


@dataclass
class Outcome:
    proposal: Proposal
    entry: str = ""
    resumed: bool = False
    nothing_to_do: bool = False
    cleaned: list[Path] = field(default_factory=list)  # temporary files an interrupted accept left


def reviewed(reviewer: str | None, comment: str | None, date: str, required: bool) -> tuple[str, str]:
    """The reviewer's name (recorded with white space collapsed) and comment, checked: a name
    and, for a rejection, a reason are required and may not be empty or invisible."""
    name = check_text(COMMAND_LINE, None, "--reviewer", reviewer, "name")
    if required and (comment is None or not visible(comment)):
        raise InputError(COMMAND_LINE, None, "a rejection needs --comment (the reason, kept with the proposal)")
    text = check_text(COMMAND_LINE, None, "--comment", comment or "", "comment", required=False)
    check_text(COMMAND_LINE, None, "--date", date, "date")
    return clean_name(name), text


def _open_for_review(project: Project, proposal_id: str, reviewer: str, document: Document) -> tuple[Path, Proposal]:
    path = proposal_path(project, proposal_id)
    proposal = load_proposal(path, document)
    if proposal.status == "open" and same_person(reviewer, proposal.proposer):
        raise InputError(str(path), 1, "a proposal is reviewed by a second editor, not by its proposer")
    return path, proposal


def reject(project: Project, proposal_id: str, reviewer: str | None, comment: str | None, date: str) -> Outcome:
    reviewer, comment = reviewed(reviewer, comment, date, required=True)
    with project.locked():
        path, proposal = _open_for_review(project, proposal_id, reviewer, project.document())
        if proposal.status != "open":
            raise InputError(str(path), 1, f"proposal {proposal_id} is already {proposal.status}")
        if proposal.id in register_names_of(project):
            raise InputError(
                str(path), 1, f"proposal {proposal_id} is in the register: an accept was interrupted; rerun accept"
            )
        proposal.status = "rejected"
        proposal.review = {"reviewer": reviewer, "date": date, "comment": comment}
        outcome = Outcome(proposal, cleaned=remove_strays(project, proposal.id, own_file_only=True))
        write_atomic(path, dump(proposal))
        return outcome


def remove_strays(project: Project, proposal_id: str, own_file_only: bool = False) -> list[Path]:
    """Remove the temporary files a killed accept of ``proposal_id`` left (of the register, the
    generated edition and the proposal's file; their process is dead), or, ``own_file_only``, a
    killed propose or reject (of the proposal's file alone). Called under the lock."""
    targets = {project.proposals / f"{proposal_id}.yaml"}
    if not own_file_only:
        targets |= {project.register_path, project.edition / GENERATED}
    removed: list[Path] = []
    for path, target, _pid in project.stray_temporaries():
        if target in targets:
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def _entries(project: Project) -> list[Entry]:
    return load_register(project.register_path) if project.register_path.exists() else []


def register_names_of(project: Project) -> dict[str, Named]:
    return register_names(project.register_path) if project.register_path.exists() else {}


def accept(project: Project, proposal_id: str, reviewer: str | None, comment: str | None, date: str) -> Outcome:
    """Land a proposal: register entry, then the generated edition, then the proposal's status.

    Each file is replaced atomically, in that order. The register entry names its proposal, so
    it is the journal: if the process dies (or the disk fills) after writing it, `edition check`
    flags the open proposal and the stale edition, and running accept again finds the entry and
    finishes the rest. Accepting an accepted proposal changes nothing."""
    reviewer, comment = reviewed(reviewer, comment, date, required=False)
    with project.locked():
        document = project.document()
        path, proposal = _open_for_review(project, proposal_id, reviewer, document)
        if proposal.status == "rejected":
            raise InputError(str(path), 1, f"proposal {proposal_id} is already rejected")
        entries = _entries(project)
        landed = register_names_of(project).get(proposal.id)
        problem = proposing_problem(proposal, document) if landed is None and proposal.status == "open" else None
        if problem:
            field_name, message = problem
            raise InputError(
                str(path),
                key_lines(path).get(field_name),
                f"{field_name}: {message}: reject {proposal.id} and propose again",
            )
        if proposal.status == "accepted" and landed is None:
            raise InputError(str(path), 1, f"proposal {proposal_id} is accepted but no register entry names it")
        withdrawn = withdrawn_entries(project.register_path) if project.register_path.exists() else {}
        new_id = proposal.target or next_entry_id(entries, withdrawn)
        outcome = Outcome(proposal, landed.entry if landed else new_id)
        outcome.cleaned = remove_strays(project, proposal.id)
        if landed is None and proposal.action:
            key = key_lines(path).get(proposal.action)
            new = changed_register(project, proposal, reviewer, date, str(path), key)
            outputs = project.render(document, project.anchors(document, register_text=new))  # checked before writing
            write_atomic(project.register_path, new)
            crash_point("register")
            review = {"reviewer": reviewer, "date": date, "comment": comment, "entry": outcome.entry}
        elif landed is None:
            candidate = anchor_entries(document, [as_entry(proposal)], str(path))[0]
            other = collision(candidate, project.anchors(document))
            if other is not None:
                entry = other.entry
                raise InputError(
                    str(path),
                    key_lines(path).get("witness"),
                    f"proposal {proposal.id} ({proposal.witness!r}, line {proposal.line}) overlaps "
                    f"{entry_named(entry)}: reject it, or correct {entry.id} by a revision or withdrawal "
                    f"(edition propose --revise {entry.id} ... or --withdraw {entry.id})",
                )
            old = project.register_path.read_text(encoding="utf-8") if project.register_path.exists() else "entries:\n"
            new = insert_item(old, "entries", register_entry(proposal, outcome.entry, reviewer, date))
            if [e.id for e in load_register(project.register_path, new)] != [e.id for e in entries] + [outcome.entry]:
                raise InputError(
                    str(project.register_path),
                    None,
                    f"entry {outcome.entry} could not be added after the register's last entry (write its entries "
                    "as '- {...}' lines); nothing written",
                )
            outputs = project.render(document, project.anchors(document, register_text=new))  # checked before writing
            write_atomic(project.register_path, new)
            crash_point("register")
            review = {"reviewer": reviewer, "date": date, "comment": comment, "entry": outcome.entry}
        else:  # landed before: finish what an interrupted accept left (or find nothing to do)
            outputs = project.render(document, project.anchors(document))
            review = proposal.review or {
                "reviewer": landed.reviewer or reviewer,
                "date": landed.date or date,
                "comment": comment,
                "entry": landed.entry,
            }
            stale = [name for name, text in outputs.items() if not current(project.edition / name, text)]
            outcome.nothing_to_do = proposal.status == "accepted" and not stale
            outcome.resumed = not outcome.nothing_to_do
        try:
            for name, text in outputs.items():
                if not current(project.edition / name, text):
                    write_atomic(project.edition / name, text)
            crash_point("edition")
            if proposal.status != "accepted" or proposal.review != review:
                proposal.status, proposal.review = "accepted", review
                write_atomic(path, dump(proposal))
            crash_point("status")
        except OSError as error:
            raise InputError(
                str(error.filename or path),
                None,
                f"{error.strerror or error}: register entry {outcome.entry} is written, the edition or the "
                f"proposal's status is not; `edition check` lists what is left; run `edition accept {proposal_id}` "
                "again to finish",
            ) from None
        return outcome


def current(path: Path, text: str) -> bool:
    """The file holds exactly ``text`` (a generated file is up to date)."""
    return path.is_file() and path.read_text(encoding="utf-8") == text


def interrupted_accepts(proposals: Iterable[Proposal], names: dict[str, Named]) -> dict[str, str]:
    """Proposals whose accept was interrupted: still open, yet named by the register (an entry
    it made, revised or withdrew): proposal id -> entry id."""
    return {p.id: names[p.id].entry for p in proposals if p.status == "open" and p.id in names}
