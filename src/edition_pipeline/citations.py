"""Find the works cited in the author's notes and match them to the BibTeX database.

A note is split into reference passages at semicolons outside quotations. Each passage is
parsed (author, quoted title, outlet, date, URL, pages; "Ibid."; short forms such as
"Tsururoka, p. 14") and matched to an entry: by its title (allowing the witness's slips), by an
organization named in it, by "Ibid." (the work cited just before), or by a short form (the
last work cited of an author of that name). A passage naming several organizations' works
is divided between them. What matching gets wrong is corrected in editorial/citations.yaml;
passages matched to nothing are reported. The database is read with pybtex.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from apparatus.vocabulary import MONTHS, URL
from pybtex.database import BibliographyData, Person, parse_file

from .diagnostics import InputError
from .editorial import load_yaml
from .model import Document

MONTH = "(?:" + "|".join(MONTHS) + ")"  # English month names whatever the user's locale
DATE = re.compile(MONTH + r"(?:,? \d{1,2})?,? \d{4}")
PAGES = re.compile(r"\bpp?\. ?(\d+(?:[-–]\d+)?)")
QUOTED = re.compile(r"[“”\"]([^“”\"]{6,})[“”\"]")


@dataclass
class Reference:
    note: int
    start: int
    end: int
    text: str
    key: str = ""
    page: str = ""
    how: str = ""  # how it was matched
    fields: dict[str, str] = field(default_factory=dict)


def normalize(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def split_passages(text: str) -> list[tuple[int, int]]:
    """Spans of the reference passages, split at '; ' (quotations in notes are often unclosed,
    so they cannot be trusted to protect a semicolon)."""
    spans = []
    start = 0
    for match in re.finditer(r"; ", text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def parse_passage(text: str) -> dict[str, str]:
    """What a passage says of its work: for candidate entries and for matching."""
    found: dict[str, str] = {}
    quoted = QUOTED.search(text)
    if quoted:
        found["title"] = quoted.group(1).strip(" ,.")
        before = text[: quoted.start()].strip(" ,")
        if before:
            found["author"] = before
    url = URL.search(text)
    if url:
        found["url"] = url.group(0).rstrip(".,;")
    date = DATE.search(text)
    if date:
        found["date"] = date.group(0)
    pages = PAGES.search(text)
    if pages:
        found["pages"] = pages.group(1)
    if re.match(r"^\s*Ibid\.", text):
        found["ibid"] = "yes"
    short = re.match(r"^\s*([A-Z][A-Za-z’'-]+), pp?\. ?\d", text)
    if short:
        found["short"] = short.group(1)
    return found


def _fuzzy_contains(haystack: str, needle: str) -> float:
    """How much of ``needle`` appears, in order, in ``haystack`` (0..1)."""
    if not needle:
        return 0.0
    if f" {needle} " in f" {haystack} ":
        return 1.0
    if len(needle.split()) < 3:
        return 0.0  # a short title must stand whole
    matcher = difflib.SequenceMatcher(None, needle, haystack, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks() if block.size >= 5) / len(needle)


def self_titled(bib: BibliographyData, key: str) -> list[str]:
    """Other entries with the same title as ``key`` (a work published twice)."""
    title = normalize(bib.entries[key].fields.get("title", ""))
    return [k for k, e in bib.entries.items() if k != key and normalize(e.fields.get("title", "")) == title]


def _surname(entry: Any) -> str:
    people = entry.persons.get("author", [])
    return " ".join(people[0].last_names) if people else ""


class Matcher:
    def __init__(self, bib: BibliographyData) -> None:
        self.entries = bib.entries
        self.titles = {key: normalize(e.fields.get("title", "")) for key, e in bib.entries.items()}
        self.orgs = {key: e.fields["organization"] for key, e in bib.entries.items() if "organization" in e.fields}

    def by_title(self, text: str) -> tuple[str, float]:
        norm = normalize(text)
        best, score = "", 0.0
        for key, title in self.titles.items():
            if len(title) < 10:
                continue
            value = _fuzzy_contains(norm, title)
            if value > score:
                best, score = key, value
        return best, score

    def organizations_in(self, text: str) -> list[tuple[int, str]]:
        return sorted((text.find(org), key) for key, org in self.orgs.items() if org in text)


def cite_notes(
    document: Document, bib: BibliographyData, overrides: dict[int, list[dict[str, str]]] | None = None
) -> list[Reference]:
    matcher = Matcher(bib)
    refs: list[Reference] = []
    last_key = ""
    last_by_author: dict[str, str] = {}
    for note in document.notes:
        if not note.text:
            continue
        forced = (overrides or {}).get(note.n)
        if forced:
            for item in forced:
                at = note.text.find(item["text"])
                refs.append(
                    Reference(
                        note.n, at, at + len(item["text"]), item["text"], item["key"], item.get("page", ""), "editorial"
                    )
                )
                last_key = item["key"]
            continue
        for start, end in split_passages(note.text):
            text = note.text[start:end]
            fields = parse_passage(text)
            page = fields.get("pages", "")
            key, score = matcher.by_title(text)
            found: list[tuple[int, int, str, str]] = []
            orgs = matcher.organizations_in(text)
            # an exact title wins; a near one only when no organization of the database is named
            if score == 1.0 or (score >= 0.9 and not [k for _, k in orgs if k != key]):
                found.append((start, end, key, f"title ({score:.2f})"))
                orgs = []
            if not found and orgs:
                for i, (pos, org_key) in enumerate(orgs):
                    stop = orgs[i + 1][0] if i + 1 < len(orgs) else len(text)
                    piece_start = start + (0 if i == 0 else pos)
                    found.append((piece_start, start + stop, org_key, "organization"))
            if not found and re.match(r"^\s*also in\b", text) and last_key:
                same = self_titled(bib, last_key)
                norm = normalize(text)
                for other in same:
                    venue = normalize(
                        bib.entries[other].fields.get("booktitle", bib.entries[other].fields.get("journal", ""))
                    )
                    if venue and f" {venue} " in f" {norm} ":
                        found.append((start, end, other, "also in: the same work elsewhere"))
            if not found and "ibid" in fields and last_key:
                found.append((start, end, last_key, "Ibid."))
            if not found and "short" in fields:
                wanted = fields["short"].lower()
                author = next(
                    (
                        a
                        for a in last_by_author
                        if a == wanted or difflib.SequenceMatcher(None, a, wanted).ratio() >= 0.8
                    ),
                    "",
                )
                if author:
                    found.append((start, end, last_by_author[author], f"short form of {author.title()}"))
            if not found:
                refs.append(Reference(note.n, start, end, text, "", page, "", fields))
                continue
            for a, b, k, how in found:
                refs.append(Reference(note.n, a, b, note.text[a:b], k, page, how, fields))
                last_key = k
                if _surname(bib.entries[k]):
                    last_by_author[_surname(bib.entries[k]).lower()] = k
    return refs


def load_bib(path: Path) -> BibliographyData:
    try:
        return parse_file(str(path), bib_format="bibtex")
    except Exception as error:  # pybtex raises several kinds
        raise InputError(str(path), getattr(error, "lineno", None), f"not a valid BibTeX database: {error}") from None


def load_citation_overrides(path: Path) -> dict[int, list[dict[str, str]]]:
    if not path.exists():
        return {}
    data = load_yaml(path) or {}
    out: dict[int, list[dict[str, str]]] = {}
    for item in data.get("notes") or []:
        if not isinstance(item, dict) or "note" not in item or "references" not in item:
            raise InputError(
                str(path),
                item.get("__line__") if isinstance(item, dict) else None,
                "each entry needs 'note' and 'references'",
            )
        out[int(item["note"])] = [{k: str(v) for k, v in ref.items() if k != "__line__"} for ref in item["references"]]
    return out


def candidate_bibtex(ref: Reference) -> str:
    """A candidate entry for an unmatched passage, for the editors to curate into bib/."""
    f = ref.fields
    author = f.get("author", "")
    key = (
        re.sub(r"[^a-z]", "", (author.split()[-1] if author else "anon").lower())
        + re.sub(r"\D", "", f.get("date", ""))[-4:]
    )
    lines = [f"@misc{{{key or 'candidate'},"]
    for name in ("author", "title", "date", "url", "pages"):
        if f.get(name):
            lines.append(f"  {name} = {{{f[name]}}},")
    lines.append(f"  note = {{from note {ref.note}: {ref.text}}},")
    lines.append("}")
    return "\n".join(lines)


# --- What the bibliography may hold: only what the notes say, or what the editors mark ------

PERSON_FIELDS = ("author", "editor", "bookauthor")
_EDGE = "\"'“”‘’.,;:!?()[]-–—"


def _plain(text: str) -> str:
    """Text for the comparison: white space normalized, dashes as hyphens; case and marks stay."""
    return " ".join(text.replace("–", "-").split())


def _pattern(value: str) -> re.Pattern[str] | None:
    """The value as it must stand in a note: whole words, its inner marks as they are; only the
    marks at its two ends may differ (a title ends with the citation's comma, a name with none)."""
    core = _plain(value).strip(_EDGE + " ")
    return re.compile(r"(?<!\w)" + re.escape(core) + r"(?!\w)") if core else None


def detex(value: str) -> str:
    """A BibTeX value as text: braces dropped, TeX dashes and escapes as characters."""
    value = value.replace("---", "—").replace("--", "–").replace("\\&", "&").replace("~", " ")
    return " ".join(value.replace("{", "").replace("}", "").split())


def _date_forms(value: str) -> list[str]:
    """How the notes may write an ISO date: "December 22, 2016", "September, 2013", "2014"."""
    match = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value)
    if not match:
        return [value]
    year, month, day = match.groups()
    if not month:
        return [year]
    name = MONTHS[int(month) - 1]
    if not day:
        return [f"{name} {year}", f"{name}, {year}"]
    return [f"{name} {int(day)}, {year}", f"{name} {int(day)} {year}"]


def supplied_fields(fields: Any) -> dict[str, str]:
    """``supplied = {field: reason; field: reason}`` as ``{field: reason}`` (a reason may hold
    semicolons not followed by a field name and a colon)."""
    raw = " ".join(str(fields.get("supplied", "")).split())
    marks = list(re.finditer(r"(?:^|;)\s*([A-Za-z]+)\s*:\s*", raw))
    return {
        m.group(1).lower(): raw[m.end() : marks[i + 1].start() if i + 1 < len(marks) else len(raw)].strip()
        for i, m in enumerate(marks)
    }


def note_texts(document: Document, anchors: list[Any] | None = None, *, witness_too: bool = True) -> list[str]:
    """Each note's text as W has it, and (where the register changes it) as the edition reads it:
    emendations replace W's reading, supplied text is inserted after its anchor. Without
    ``witness_too``, a note the register changes is given only as the edition reads it."""
    changed = {a.block[1] for a in anchors or [] if a.block[0] == "n" and a.entry.kind in ("emendation", "supplied")}
    texts = [note.text for note in document.notes if note.text and (witness_too or note.n not in changed)]
    by_note: dict[int, list[Any]] = {}
    for anchor in anchors or []:
        if anchor.block[0] == "n" and anchor.entry.kind in ("emendation", "supplied"):
            by_note.setdefault(anchor.block[1], []).append(anchor)
    for note in document.notes:
        changes = sorted(by_note.get(note.n, []), key=lambda a: (a.start, a.end), reverse=True)
        if not changes:
            continue
        text = note.text
        for anchor in changes:
            if anchor.entry.kind == "supplied":
                text = text[: anchor.end] + anchor.entry.reading + text[anchor.end :]
            else:
                text = text[: anchor.start] + anchor.entry.reading + text[anchor.end :]
        texts.append(text)
    return texts


def unsupported_fields(bib: BibliographyData, notes: list[str]) -> list[tuple[str, str, str]]:
    """(key, field, value) for every field value of the database that no note gives and that is
    not marked supplied. Names are compared as the notes write them ("Michito Tsuruoka"); an
    ISO date as the notes write dates; in a field marked supplied, the text outside the square
    brackets must still be the notes'. The field ``supplied`` must name fields the entry has."""
    haystacks = [_plain(text) for text in notes]

    def given(value: str) -> bool:
        pattern = _pattern(value)
        return pattern is None or any(pattern.search(h) for h in haystacks)

    problems: list[tuple[str, str, str]] = []
    for key, entry in bib.entries.items():
        supplied = supplied_fields(entry.fields)
        for name in supplied:
            if name not in {f.lower() for f in entry.fields} | set(entry.persons):
                problems.append((key, "supplied", f"names no field of the entry: {name}"))
        people = dict(entry.persons)
        for name in PERSON_FIELDS:
            if name in entry.fields:  # a person field pybtex reads as plain text (bookauthor)
                people[name] = [Person(p) for p in re.split(r"\s+and\s+", detex(entry.fields[name])) if p]
        for role, persons in people.items():
            for person in persons:
                parts = person.first_names + person.middle_names + person.prelast_names + person.last_names
                full = "et al" if str(person) == "others" else " ".join(parts)
                if role not in supplied and not given(detex(full)):
                    problems.append((key, role, full))
        for name, raw in entry.fields.items():
            name = name.lower()
            if name in PERSON_FIELDS or name == "supplied":
                continue
            value = detex(raw)
            forms = [value]
            if name in supplied:
                if "[" not in value:
                    continue  # wholly the editors': printed in brackets with its reason
                # the notes' words outside the brackets, or the whole where the notes as the
                # edition reads them have the same supplement ("Consul[tations]")
                forms = [re.sub(r"\[[^\]]*\]", "", value), value.replace("[", "").replace("]", "")]
            if name == "date":
                forms = _date_forms(forms[0])
            if not any(given(form) for form in forms):
                problems.append((key, name, raw))
    return problems


def uncorrected_fields(bib: BibliographyData, document: Document, anchors: list[Any]) -> list[tuple[str, str, str]]:
    """(key, field, value) for every field value that the notes give only as W has them where the
    register corrects them: the entry repeats a reading the edition corrects (a correction accepted
    in a note that the entry copies must be made in the entry too)."""
    everything = set(unsupported_fields(bib, note_texts(document, anchors)))
    as_read = unsupported_fields(bib, note_texts(document, anchors, witness_too=False))
    return [problem for problem in as_read if problem not in everything]


def uncorrected_problems(path: Path, bib: BibliographyData, document: Document, anchors: list[Any]) -> list[str]:
    """``uncorrected_fields`` as `edition check` reports them: the file and line of the field, the
    register entries that correct its words, and what to do."""
    lines = path.read_text(encoding="utf-8").splitlines()
    notes = [a for a in anchors if a.block[0] == "n" and a.entry.kind == "emendation"]
    problems = []
    for key, name, value in uncorrected_fields(bib, document, anchors):
        start = next((n for n, line in enumerate(lines) if re.match(rf"\s*@\w+\s*\{{\s*{re.escape(key)}\s*,", line)), 0)
        at = next(
            (n for n in range(start, len(lines)) if re.match(rf"\s*{re.escape(name)}\s*=", lines[n], re.IGNORECASE)),
            start,
        )
        fixes = sorted(
            {f"{a.entry.id}: {a.entry.witness} → {a.entry.reading}" for a in notes if a.entry.witness in value}
        )
        problems.append(
            f"{path}:{at + 1}: {key}, {name} = {value!r} copies W's words where the register corrects them in the "
            f"notes ({'; '.join(fixes) or 'see the notes citing it'}): write the edition's reading in the entry"
        )
    return problems
