"""The edition as TEI P5 XML: the same model and editorial data the MyST is made from.

Mapping: abstract → front/div[@type=abstract]; headings open body/div; paragraphs → p[@xml:id];
block quotations → quote; page breaks → pb[@n][@edRef="#W"] where the page begins (before its
first line's lb; break=no when the page begins inside a word, which the MyST marks at the word's
end for the reader); W's lines → lb[@n][@edRef="#W"]
(break=no where a word runs over the line end; rend=hyphen where W's typesetter hyphenated it and
the text drops the hyphen; a break inside an intervention stands inside W's reading, sic);
author's notes → note[@xml:id=n1…][@n][@place=foot] at their markers (wanting ones → gap[@reason]), each
reference to a work followed by ptr[@target] to its bibl; emendations → choice(sic, corr[@resp]
[@cert][@type]): corr holds only adopted readings; kept doubtful readings → sic alone[@ana]
(a reading the editors suggest for one stands in its reason in back: seg[@type=suggestion]);
supplied text → supplied[@reason]; every intervention points to its category (@ana);
editors' notes → note[@resp][@type=editorial][@n: its letter]; the orphan line →
note[@type=fragment] at the head of its page; a URL → ref[@target] to itself (the body renders
the placement stream of placement.py, as emit renders the MyST). Notes, gaps (gap-n43 …) and the
orphan line (fragment-l942) have the ids the HTML edition and apparatus.json give them. Certainty
maps certain/probable/possible to high/medium/low (any other value is an error).
The header declares everyone an @resp names (respStmt: the editors of edition.yaml, and each
proposer and reviewer of an accepted proposal), the witness (its sha256), the editorial
decisions, the register's vocabularies (classDecl: categories, certainties), the language, and
a change for each date an entry of the register was made (revisionDesc); back holds the
bibliography (listBibl: a bibl per BibTeX entry, xml:id its key, what the editors supplied as
supplied[@reason]). Each revision and withdrawal of a register entry by an accepted proposal (the
register's ``history`` and ``withdrawn:``) is a change of its own (type revision/withdrawal;
@when: the register's date of it, none when it has none; @who: its proposer and reviewer;
@target: the entry's element, or, for a withdrawn entry, whose place prints W's reading without
choice, the paragraph, quotation or note that holds its line; none if that has no id, a
heading), its text naming the proposal, W's line, the reading before (readings as mentioned;
certainty, who answered for it, when and why) and what it became or why it was withdrawn.
Built with ElementTree: no text can become markup. The output is valid against TEI P5
(schema/tei_all.rng; `make tei` and tests/test_tei.py check it with jing).
"""

from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import Any

from apparatus.vocabulary import (
    CATEGORIES,
    CATEGORY_GLOSSES,
    REVIEWED_BY,
    fragment_anchor,
    gap_anchor,
    letter,
    note_anchor,
)
from pybtex.database import BibliographyData, Person

from .citations import Reference, detex, supplied_fields
from .model import Document
from .names import name_key
from .placement import (
    Block,
    Cited,
    EditorsNote,
    Event,
    Fragment,
    Intervention,
    Lacuna,
    LineStart,
    LinkClose,
    LinkOpen,
    NoteMarker,
    PageBreak,
    Supplied,
    Text,
    stream,
)
from .register import Anchor, Change, Entry, block_of, entry_changes

TEI = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
CERT = {"certain": "high", "probable": "medium", "possible": "low"}
# the edition's certainties as the principles define them (edition/principles.md, "Certainty")
CERT_GLOSS = {
    "certain": "the error is evident and the correction the only one",
    "probable": "the error is likely and the correction the likeliest of few",
    "possible": "the editors see a difficulty, but W may be right",
}
LANGUAGE = ("en", "English")  # the edition's language (Sphinx's, which conf.py leaves as it is)


def category_id(category: str) -> str:
    """The xml:id of a category of the register in the header's taxonomy (an intervention's @ana)."""
    return f"cat-{category}"


def _cert(entry: Entry) -> str:
    """The TEI certainty of an entry's certainty; a value the vocabulary does not have is an
    error (never a silent default)."""
    if entry.certainty not in CERT:
        raise ValueError(f"register entry {entry.id}: certainty {entry.certainty!r} is not one of {', '.join(CERT)}")
    return CERT[entry.certainty]


def _el(tag: str, attrib: dict[str, str] | None = None, text: str | None = None) -> ET.Element:
    element = ET.Element(tag, attrib or {})
    if text:
        element.text = text
    return element


class _Writer:
    """Append text and elements to an element in order (ElementTree keeps text in .tail)."""

    def __init__(self, parent: ET.Element) -> None:
        self.parent = parent

    def text(self, text: str) -> None:
        if not text:
            return
        if len(self.parent):
            last = self.parent[-1]
            last.tail = (last.tail or "") + text
        else:
            self.parent.text = (self.parent.text or "") + text

    def add(self, element: ET.Element) -> None:
        self.parent.append(element)


def _lb(line: int, join: str, siglum: str = "W") -> ET.Element:
    """W's line ``line`` begins: within a word (break=no), after the typesetter's hyphen (dropped
    from the text, rend=hyphen), or after a space."""
    attrs = {"n": str(line), "edRef": f"#{siglum}"}
    if join not in ("space", "first"):
        attrs["break"] = "no"  # the word (or URL) runs over W's line end
        if join == "drop-hyphen":
            attrs["rend"] = "hyphen"  # W prints a hyphen here; the text does not keep it
    return _el("lb", attrs)


def _pb(n: int, siglum: str, inside_word: bool = False) -> ET.Element:
    """W's page ``n`` begins (xml:id: the siglum and the page number); ``inside_word``: it begins
    inside a word the page before ends with (break=no)."""
    attrs = {"n": str(n), "edRef": f"#{siglum}", XML_ID: f"{siglum}{n}"}
    if inside_word:
        attrs["break"] = "no"
    return _el("pb", attrs)


def _witness_reading(tag: str, attrib: dict[str, str], text: str, breaks: list[tuple[int, ET.Element]]) -> ET.Element:
    """W's reading as an element, with W's line breaks inside it where they fall."""
    element = _el(tag, attrib)
    writer = _Writer(element)
    pos = 0
    for offset, lb in breaks:
        writer.text(text[pos:offset])
        writer.add(lb)
        pos = offset
    writer.text(text[pos:])
    return element


def _intervention(
    anchor: Anchor, witness_text: str, ctx: _Context, breaks: list[tuple[int, ET.Element]] | None = None
) -> ET.Element:
    """An emendation: choice(sic, corr), the editors' reading in corr. A kept reading (a sic
    entry): W's words in a sic alone; a reading the editors only suggest is never in a corr (a
    reuser takes the text from corr): it stands in the entry's note in back (``_reason``)."""
    entry = anchor.entry
    cert = _cert(entry)
    resp = ctx.resp(entry.resp)
    inside = breaks or []
    if entry.kind == "emendation":
        choice = _el("choice", {XML_ID: entry.id})
        choice.append(_witness_reading("sic", {}, witness_text, inside))
        corr = {"resp": resp, "cert": cert, "type": entry.category, "ana": f"#{category_id(entry.category)}"}
        choice.append(_el("corr", corr, entry.reading))
        return choice
    if entry.kind == "sic":
        # TEI's sic has no @type: its category is the header's, pointed to by @ana
        attrs = {XML_ID: entry.id, "ana": f"#{category_id(entry.category)}", "resp": resp, "cert": cert}
        return _witness_reading("sic", attrs, witness_text, inside)
    raise ValueError(entry.kind)


def _after(anchor: Anchor, ctx: _Context) -> ET.Element:
    entry = anchor.entry
    resp = ctx.resp(entry.resp)
    if entry.kind == "supplied":
        return _el(
            "supplied",
            {
                XML_ID: entry.id,
                "reason": entry.category,
                "ana": f"#{category_id(entry.category)}",
                "resp": resp,
                "cert": _cert(entry),
            },
            entry.reading,
        )
    attrs = {XML_ID: entry.id, "type": "editorial", "resp": resp}
    if entry.id in ctx.letters:
        attrs["n"] = ctx.letters[entry.id]  # its letter, as the HTML and print show it
    return _el("note", attrs, entry.rationale)


@dataclass
class _Context:
    notes: dict[int, Block]  # the author's notes of the placement stream, by number
    people: _People
    bibl_ids: dict[str, str]  # a work's BibTeX key → the xml:id of its bibl
    siglum: str = "W"  # the witness's xml:id (sourceDesc), which lb and pb point to
    ids: dict[Event, str] = field(default_factory=dict)  # a gap's or an orphan line's id (the HTML's)
    letters: dict[str, str] = field(default_factory=dict)  # an editors' note's id → its letter

    def resp(self, resp: str) -> str:
        return self.people.pointers(resp)


def _myst_order(blocks: list[Block]) -> list[Event]:
    """The events in the order the MyST edition (emit.to_myst) writes them: the abstract, the
    other blocks of text, then the author's notes."""
    order = [b for b in blocks if b.kind == "abstract"]
    order += [b for b in blocks if b.kind not in ("abstract", "note")]
    order += [b for b in blocks if b.kind == "note"]
    return [event for block in order for event in block.events]


def shared_ids(blocks: list[Block]) -> tuple[dict[Event, str], dict[str, str]]:
    """The ids the HTML edition and apparatus.json give: each gap ({lacuna}) the id of its note
    ("gap-n43") and each orphan line ({fragment}) the id of its line ("fragment-l942"), as emit
    writes them into the MyST (vocabulary.gap_anchor, fragment_anchor); and the letters of the
    editors' notes, a, b, … in the order the MyST has them (ednotes.LetterNotes)."""
    ids: dict[Event, str] = {}
    letters: dict[str, str] = {}
    for event in _myst_order(blocks):
        if isinstance(event, Lacuna):
            ids.setdefault(event, gap_anchor(event.note))
        elif isinstance(event, Fragment):
            ids.setdefault(event, fragment_anchor(event.line))
        elif isinstance(event, EditorsNote):
            letters.setdefault(event.anchor.entry.id, letter(len(letters)))
    return ids, letters


def _page_starts_in_words(events: list[Event]) -> dict[int, PageBreak]:
    """The pages that begin inside a word (W's first line of the page continues the word the
    page before ends with): the model sets such a page break after the word, where the reader
    can see it (the MyST keeps it there); TEI sets it where the page begins, before the line's
    lb, with break="no". W's line → its page break."""
    seen: dict[int, LineStart] = {}
    moved: dict[int, PageBreak] = {}
    for event in events:
        if isinstance(event, LineStart):
            seen[event.line] = event
        elif isinstance(event, Intervention):
            seen.update({lb.line: lb for _, lb in event.lines})
        elif isinstance(event, PageBreak) and event.line in seen and seen[event.line].join not in ("space", "first"):
            moved[event.line] = event
    return moved


def _fill(writer: _Writer, events: list[Event], ctx: _Context) -> None:
    """Write one block's events (placement.stream) in order: the TEI renderer of the stream, as
    emit is the MyST one. A URL is a ref to itself; W's line starts inside an intervention's
    words stand inside W's reading (sic); each reference passage ends in a ptr to its work; an
    orphan line is a note type=fragment where the stream places it (at the head of its page)."""
    stack = [writer]
    in_words = _page_starts_in_words(events)  # W's line → the page that begins inside a word there
    for i, event in enumerate(events):
        out = stack[-1]
        if isinstance(event, Text):
            out.text(event.text)
        elif isinstance(event, LineStart):
            if i + 1 < len(events) and isinstance(events[i + 1], Fragment):
                continue  # an orphan line is its note (type=fragment, n: its line), not an lb
            if event.line in in_words:
                out.add(_pb(in_words[event.line].n, ctx.siglum, inside_word=True))
            out.add(_lb(event.line, event.join, ctx.siglum))
        elif isinstance(event, PageBreak):
            if in_words.get(event.line) is not event:  # else set before its line's lb
                out.add(_pb(event.n, ctx.siglum))
        elif isinstance(event, Fragment):
            attrs = {"type": "fragment", "place": "foot", "n": str(event.line)}
            if event in ctx.ids:
                attrs[XML_ID] = ctx.ids[event]
            out.add(_el("note", attrs, event.text))
        elif isinstance(event, NoteMarker):
            out.add(_author_note(ctx, event.n))
        elif isinstance(event, Intervention):
            inside = []
            for offset, lb in event.lines:
                if lb.line in in_words:  # a page that begins inside W's reading: in the sic too
                    inside.append((offset, _pb(in_words[lb.line].n, ctx.siglum, inside_word=True)))
                inside.append((offset, _lb(lb.line, lb.join, ctx.siglum)))
            out.add(_intervention(event.anchor, event.witness, ctx, inside))
        elif isinstance(event, (Supplied, EditorsNote)):
            out.add(_after(event.anchor, ctx))
        elif isinstance(event, Cited):
            if event.key in ctx.bibl_ids:
                out.add(_el("ptr", {"target": f"#{ctx.bibl_ids[event.key]}", "type": "bibl"}))
        elif isinstance(event, LinkOpen):
            ref = _el("ref", {"target": event.url})
            out.add(ref)
            stack.append(_Writer(ref))
        elif isinstance(event, LinkClose) and len(stack) > 1:
            stack.pop()
        elif isinstance(event, Lacuna):
            attrs = (
                {"reason": "lost", "unit": "note"}
                if event.kind == "wanting"
                else {"reason": "lost", "extent": "rest of note"}
            )
            if event in ctx.ids:
                attrs[XML_ID] = ctx.ids[event]
            out.add(_el("gap", attrs))
        # WorkOpen/WorkClose: the words that name a work; TEI points to it after the passage's last
        # word (Cited)


def _author_note(ctx: _Context, n: int) -> ET.Element:
    element = _el("note", {XML_ID: note_anchor(n), "n": str(n), "place": "foot", "type": "author"})
    block = ctx.notes.get(n)
    _fill(_Writer(element), block.events if block is not None else [Lacuna("wanting", n)], ctx)
    return element


def to_tei(
    document: Document,
    metadata: dict[str, Any],
    anchors: list[Anchor],
    references: list[Reference] | None = None,
    bib: BibliographyData | None = None,
    register: dict[str, Any] | None = None,
) -> str:
    """The edition as a TEI P5 document. ``references``: the notes' citations of works of
    ``bib``, the bibliography (given as listBibl in back, each work cited by ptr from its note).
    ``register``: the register as data (register.register_data), whose entries' ``history`` and
    ``withdrawn:`` list give the revisions and withdrawals (changes in revisionDesc)."""
    entry_ids = {anchor.entry.id for anchor in anchors}
    firsts, changes = entry_changes(register, entry_ids)
    people = _People(metadata, [anchor.entry for anchor in anchors], firsts, changes)
    blocks = stream(document, anchors, references)
    ids, letters = shared_ids(blocks)
    reserved = {*ids.values(), *(note_anchor(note.n) for note in document.notes)}
    reserved |= {"categories", "certainty", *map(category_id, CATEGORIES), *(f"certainty-{c}" for c in CERT)}
    reserved |= {f"{anchor.entry.id}-reason" for anchor in anchors}
    bibl_ids = _bibl_ids(bib, document, anchors, people, metadata, reserved) if bib is not None else {}
    notes = {b.index: b for b in blocks if b.kind == "note"}
    ctx = _Context(notes, people, bibl_ids, _siglum(metadata), ids, letters)

    ET.register_namespace("", TEI)
    root = _el("TEI", {"xmlns": TEI, "{http://www.w3.org/XML/1998/namespace}lang": LANGUAGE[0]})
    header = _header(metadata, people, _hyphenation_counts(document), str(document.witness.get("sha256", "")))
    root.append(header)
    text_el = ET.SubElement(root, "text")
    front = ET.SubElement(text_el, "front")
    body = ET.SubElement(text_el, "body")
    abstract = ET.SubElement(front, "div", {"type": "abstract"})
    div: ET.Element | None = None
    for block in blocks:
        if block.kind == "note":
            continue
        events = block.events
        if block.kind == "abstract":
            p = ET.SubElement(abstract, "p", {XML_ID: block.ident})
        elif block.kind == "heading":
            div = ET.SubElement(body, "div")
            lead = 0
            while lead < len(events) and isinstance(events[lead], (LineStart, PageBreak)):
                lead += 1
            pages = [e for e in events[:lead] if isinstance(e, PageBreak)]
            for pb in pages:  # a page that begins with a heading: its pb opens the div
                div.append(_pb(pb.n, ctx.siglum))
            head = ET.SubElement(div, "head")
            _fill(_Writer(head), [e for e in events if not (isinstance(e, PageBreak) and e in pages)], ctx)
            continue
        else:
            container = div if div is not None else body
            if block.kind == "blockquote":
                quote = ET.SubElement(container, "quote", {XML_ID: block.ident, "n": block.ident[1:]})
                p = ET.SubElement(quote, "p")
            else:
                p = ET.SubElement(container, "p", {XML_ID: block.ident, "n": block.ident[1:]})
        _fill(_Writer(p), events, ctx)
    if not len(abstract):
        front.remove(abstract)
    if not len(front):
        text_el.remove(front)
    if not len(body):
        body.append(_el("p"))  # a witness with no text: the body TEI requires
    entries = [anchor.entry for anchor in anchors]
    present = {el.get(XML_ID) for el in text_el.iter()}
    back = _back([e for e in entries if e.id in present], people, bib, bibl_ids)
    if len(back):
        text_el.append(back)
    places = {change.entry["id"]: _place(document, change.entry, present) for change in changes}
    shown = [c for c in changes if "withdrawn" in c.entry or c.entry["id"] in present]  # and their history
    revisions = _revisions([e for e in entries if e.id in present], people, firsts, shown, places, ctx.siglum)
    if len(revisions):
        header.append(revisions)
    _one_block_a_line(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


BLOCKS = frozenset(
    [
        "TEI",
        "teiHeader",
        "fileDesc",
        "titleStmt",
        "respStmt",
        "publicationStmt",
        "availability",
        "notesStmt",
        "sourceDesc",
        "encodingDesc",
        "editorialDecl",
        "normalization",
        "correction",
        "hyphenation",
        "quotation",
        "classDecl",
        "taxonomy",
        "category",
        "profileDesc",
        "langUsage",
        "revisionDesc",
        "text",
        "front",
        "body",
        "back",
        "div",
        "listBibl",
        "bibl",
    ]
)
"""Elements whose children stand one a line: their content is elements only (or, for bibl, a
list of fields), so the line breaks between the children are not text."""


def _one_block_a_line(element: ET.Element) -> None:
    """A line break before each child of a block (TEI, div, listBibl, …): a validator's messages
    then name a readable line."""
    children = list(element)
    mixed = (element.text or "").strip() or any((child.tail or "").strip() for child in children)
    if element.tag in BLOCKS and children and not mixed:
        element.text = "\n"
        for child in children:
            child.tail = "\n"
    for child in children:
        _one_block_a_line(child)


# --- Header: who is responsible, how the text is encoded -------------------------------------


class _People:
    """Everyone an ``@resp`` names, with an xml:id: the editors of edition.yaml's ``resp`` by
    their key; anyone else a register entry names (a proposal's proposer and its reviewer,
    "Ann Editor; reviewed by Ben Reviewer") by an id made from the name."""

    def __init__(
        self,
        metadata: dict[str, Any],
        entries: list[Entry],
        firsts: dict[str, dict[str, Any]] | None = None,
        changes: list[Change] | None = None,
    ) -> None:
        """``firsts``: an entry's state when it was made, if it has been revised since (its
        proposer and reviewer proposed and accepted the entry); ``changes``: the revisions and
        withdrawals (their proposers and reviewers). Anyone else a state names (an entry as it
        stands, a state between revisions) answers for the entry as the state's place says."""
        declared = metadata.get("resp") or {}
        self.editors = {str(k): str(v) for k, v in declared.items() if k != "__line__"}
        self.ids: dict[str, str] = {}  # name_key → xml:id, in the order names are met
        self.names: dict[str, str] = {}  # id → name, of those not in edition.yaml
        self.roles: dict[str, dict[str, list[str]]] = {}  # id → {role (ROLES): entry ids}
        firsts = firsts or {}
        for entry in entries:
            self._resp(str(firsts.get(entry.id, {}).get("resp", entry.resp)), entry.id)
        for change in changes or []:
            role = "revised" if change.kind == "revision" else "withdrew"
            self._meet(str(change.by.get("proposer", "")), role, str(change.entry["id"]))
            self._meet(str(change.by.get("reviewer", "")), "reviewed", str(change.entry["id"]))
        states = [(e.resp, e.id) for e in entries]
        states += [(str(c.before.get("resp", "")), str(c.entry["id"])) for c in changes or []]
        for resp, entry_id in states:
            self._resp(resp, entry_id, only_new=True)

    def _resp(self, resp: str, entry_id: str, only_new: bool = False) -> None:
        """The people of an entry's ``resp``: who proposed it, who reviewed it."""
        proposer, reviewer = self.split(resp)
        for name, role in ((proposer, "proposed"), (reviewer, "reviewed")):
            if not only_new or (name and self.ident(name) not in self.names):
                self._meet(name, role, entry_id)

    def _meet(self, name: str, role: str, entry_id: str) -> None:
        if name and name not in self.editors:
            ident = self.ident(name)
            self.names.setdefault(ident, name)
            ids = self.roles.setdefault(ident, {}).setdefault(role, [])
            if entry_id not in ids:
                ids.append(entry_id)

    @staticmethod
    def split(resp: str) -> tuple[str, str]:
        """(who answers for an entry, who reviewed it: '' when no one did)."""
        head, _, reviewer = resp.partition(REVIEWED_BY.strip(" ;"))
        return " ".join(head.strip(" ;").split()), " ".join(reviewer.split())

    def ident(self, name: str) -> str:
        """The xml:id of a person: an editor's key, if it is an XML name; else one made from the
        name in ASCII letters, the same for names the register takes for one person
        (names.name_key), another for another person even if the letters agree."""
        if name in self.editors and NCNAME.fullmatch(name):
            return name
        key = name_key(name)
        if key not in self.ids:
            plain = unicodedata.normalize("NFKD", key).encode("ascii", "ignore").decode()
            base = "resp-" + (re.sub(r"[^a-z0-9]+", "-", plain).strip("-") or "anonymous")
            ident, n = base, 1
            while ident in self.ids.values() or ident in self.editors:
                n += 1
                ident = f"{base}-{n}"
            self.ids[key] = ident
        return self.ids[key]

    def pointers(self, resp: str) -> str:
        return " ".join(f"#{self.ident(name)}" for name in self.split(resp) if name)

    def label(self, resp: str) -> str:
        """Who answers for a state, in words: an editor by the name edition.yaml gives (what
        precedes the comma), anyone else as the register names them."""
        proposer, reviewer = self.split(resp)
        named = [
            " ".join(self.editors[n].split(",")[0].split()) if n in self.editors else n for n in (proposer, reviewer)
        ]
        return named[0] + (f", reviewed by {named[1]}" if reviewer else "")


ROLES = {
    "proposed": "proposed the register's entries",
    "revised": "proposed the revision of the register's entries",
    "withdrew": "proposed the withdrawal of the register's entries",
    "reviewed": "reviewed and accepted the proposals of entries",
}
"""What a person named in the register did (respStmt/resp), the entries following."""


def _siglum(metadata: dict[str, Any]) -> str:
    """The witness's siglum, as the xml:id the text's lb and pb point to."""
    siglum = str(metadata.get("siglum") or "W")
    return siglum if NCNAME.fullmatch(siglum) else "W"


def _hyphenation_counts(document: Document) -> dict[str, int]:
    counts = {"drop-hyphen": 0, "keep-hyphen": 0, "lost-hyphen": 0, "no-space": 0}
    for b in document.breaks:
        if b.join in counts:
            counts[b.join] += 1
    return counts


def _header(metadata: dict[str, Any], people: _People, joins: dict[str, int], sha256: str) -> ET.Element:
    header = _el("teiHeader")
    file_desc = ET.SubElement(header, "fileDesc")
    title_stmt = ET.SubElement(file_desc, "titleStmt")
    title_stmt.append(
        _el("title", {"type": "supplied" if metadata.get("title_supplied") else "main"}, str(metadata["title"]))
    )
    if metadata.get("author"):
        author = {"cert": "medium"} if metadata.get("author_note") else {}
        title_stmt.append(_el("author", author, str(metadata["author"])))
    for key, description in people.editors.items():
        # edition.yaml's resp: {key: "Name, what they answer for"}: the name is what precedes the comma
        resp_stmt = ET.SubElement(title_stmt, "respStmt")
        resp_stmt.append(_el("resp", text=" ".join(description.split())))
        resp_stmt.append(_el("name", {XML_ID: people.ident(key)}, " ".join(description.split(",")[0].split())))
    for ident, name in sorted(people.names.items()):
        resp_stmt = ET.SubElement(title_stmt, "respStmt")
        for role, words in ROLES.items():
            if people.roles[ident].get(role):
                resp_stmt.append(_el("resp", text=f"{words} {', '.join(people.roles[ident][role])}"))
        resp_stmt.append(_el("name", {XML_ID: ident}, name))
    pub = ET.SubElement(file_desc, "publicationStmt")
    editors = [str(e) for e in metadata.get("editors") or []]
    pub.append(
        _el("authority", text=", ".join(editors) if editors else "unpublished: the automatic pass of edition convert")
    )
    licence = metadata.get("licence") or {}
    if licence:
        availability = ET.SubElement(pub, "availability")
        terms = " ".join(f"{licence.get('name', '')}. {licence.get('text', '')}".split())
        availability.append(_el("licence", {"target": str(licence["url"])} if licence.get("url") else {}, terms))
    if metadata.get("edition_date"):
        pub.append(_el("date", {"when": str(metadata["edition_date"])}, str(metadata["edition_date"])))
    notes = [(kind, metadata.get(f"{key}_note")) for key, kind in (("title", "title"), ("author", "attribution"))]
    if any(text for _, text in notes):
        notes_stmt = ET.SubElement(file_desc, "notesStmt")
        for kind, text in notes:
            if text:
                notes_stmt.append(_el("note", {"type": kind}, " ".join(str(text).split())))
    source = ET.SubElement(file_desc, "sourceDesc")
    witness = " ".join(str(metadata.get("witness", "")).split()) or "The witness (the automatic pass alone)."
    bibl = ET.SubElement(source, "bibl", {XML_ID: _siglum(metadata)})
    bibl.text = witness
    if sha256:  # the witness file this edition is of, by its SHA-256 (the model's record of it)
        bibl.text += " "
        bibl.append(_el("idno", {"type": "sha256"}, sha256))
    encoding = ET.SubElement(header, "encodingDesc")
    decl = ET.SubElement(encoding, "editorialDecl")
    w = _siglum(metadata)
    hyphenation = (
        f"{w}'s line ends are encoded: each line of {w} that carries text begins with lb (n: its number "
        f"in {w}; edRef: #{w}), save a line the editors cannot place, given as note type=fragment (n: its line). "
        f"Where {w}'s typesetter hyphenated a word at the line end, the text drops the hyphen and the "
        f'break is lb break="no" rend="hyphen" ({joins["drop-hyphen"]}). Where the hyphen at the line '
        "end belongs to the word (a compound, or a URL that has it), the text keeps it, before "
        f'lb break="no" ({joins["keep-hyphen"]}). Where a word runs over the line end without a '
        f"hyphen ({joins['lost-hyphen']} words whose hyphen the text layer lost), or a URL is broken "
        f"without one ({joins['no-space']} URLs or other tokens broken without one), the break is "
        'lb break="no". Every other lb follows a space. A break inside an intervention stands inside '
        f"{w}'s reading (sic), not in the editors' (corr). Each decision and its evidence is "
        "recorded in the document model (edition convert --format json)."
    )
    for tag, text in (
        (
            "normalization",
            "Line-end hyphenation joined (the typesetter's hyphens dropped, real hyphens kept, lost hyphens joined); white space normalized; page furniture not reproduced, pagination given by pb.",
        ),
        (
            "correction",
            "Clear errors are emended: a choice holds W's words (sic) and the editors' reading (corr: "
            "type its category, resp, cert); a corr holds only a reading the edition adopts, so the "
            "reading text is corr in choice and the rest as it stands. A doubtful reading the editors "
            "keep is a sic alone (resp, cert; ana points to its category); the reading they suggest "
            'for it, if any, is never in corr: it stands in the entry\'s note in back, as seg type="suggestion" '
            "holding the words as mentioned. Text the editors supply is in supplied (reason its "
            "category). Every intervention points to its category in the taxonomy of classDecl (ana) "
            "and has a reason in the emendation register, given in back (div type=register, a note "
            "per intervention pointing to it).",
        ),
        ("hyphenation", hyphenation),
        ("quotation", "Quotation marks are kept as the witness has them, save where an emendation says otherwise."),
    ):
        # the hyphenation declaration: line-end hyphens are not in the text (@eol="hard")
        ET.SubElement(decl, tag, {"eol": "hard"} if tag == "hyphenation" else {}).append(_el("p", text=text))
    encoding.append(_vocabularies())
    profile = ET.SubElement(header, "profileDesc")
    ET.SubElement(profile, "langUsage").append(_el("language", {"ident": LANGUAGE[0]}, LANGUAGE[1]))
    return header


def _vocabularies() -> ET.Element:
    """classDecl: the register's closed lists, as the project defines them (apparatus.vocabulary,
    the principles): the categories an intervention points to (@ana), and the certainties with
    the @cert each is encoded as."""
    decl = _el("classDecl")
    categories = _taxonomy(
        decl,
        "categories",
        "The categories of the emendation register: what kind of mistake an emendation or a sic "
        "answers (corr/@type, supplied/@reason; every intervention points to its category by @ana).",
    )
    for category in CATEGORIES:  # each with the gloss the list of emendations gives it
        desc = ET.SubElement(ET.SubElement(categories, "category", {XML_ID: category_id(category)}), "catDesc")
        desc.append(_el("term", text=category))
        desc[0].tail = f": {CATEGORY_GLOSSES[category]}."
    certainty = _taxonomy(
        decl,
        "certainty",
        "How sure the editors are, most sure first: each certainty of the register and the @cert it is encoded as.",
    )
    for name, cert in CERT.items():
        desc = ET.SubElement(ET.SubElement(certainty, "category", {XML_ID: f"certainty-{name}"}), "catDesc")
        desc.append(_el("term", text=name))
        desc.append(_el("att", text="cert"))
        desc.append(_el("val", text=cert))
        desc[0].tail, desc[1].tail, desc[2].tail = ", encoded as ", " ", f": {CERT_GLOSS[name]}."
    return decl


def _taxonomy(decl: ET.Element, ident: str, description: str) -> ET.Element:
    taxonomy = ET.SubElement(decl, "taxonomy", {XML_ID: ident})
    taxonomy.append(_el("desc", text=description))
    return taxonomy


# --- Back: the bibliography, as the notes give it ----------------------------------------------

NCNAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]*")  # ASCII: what every XML parser takes for a name
ORDER = ["author", "bookauthor", "editor", "title", "booktitle", "journal", "series", "number", "volume",
         "pages", "howpublished", "type", "organization", "institution", "publisher", "address", "date",
         "year", "language", "url"]  # fmt: skip


MONOGRAPHS = frozenset(["book", "techreport", "phdthesis", "mastersthesis", "manual", "proceedings", "booklet"])


def _bibl_ids(
    bib: BibliographyData,
    document: Document,
    anchors: list[Anchor],
    people: _People,
    metadata: dict[str, Any],
    reserved: set[str],
) -> dict[str, str]:
    """Each entry's xml:id: its BibTeX key, unless that is no XML name or another id has it
    (``reserved``: the ids of the notes, gaps, categories, reasons …)."""
    taken = set(document.paragraph_anchors()) | {a.entry.id for a in anchors} | set(map(people.ident, people.editors))
    taken |= reserved
    siglum = _siglum(metadata)
    taken |= set(people.names) | {f"{siglum}{page.n}" for page in document.pages} | {siglum}
    ids: dict[str, str] = {}
    for key in bib.entries:
        ident = key if NCNAME.fullmatch(key) else "bib-" + re.sub(r"[^A-Za-z0-9_.\-]+", "-", key)
        while ident in taken:
            ident = "bib-" + ident
        taken.add(ident)
        ids[key] = ident
    return ids


def _value(element: ET.Element, value: str, reason: str | None) -> ET.Element:
    """``value`` into ``element``: wholly supplied (``reason`` given, no brackets in the value),
    partly supplied (the bracketed parts), or the notes' own."""
    if reason is None:
        element.text = value
        return element
    if "[" not in value:
        element.append(_el("supplied", {"reason": reason}, value))
        return element
    writer = _Writer(element)
    pos = 0
    for match in re.finditer(r"\[([^\]]*)\]", value):
        writer.text(value[pos : match.start()])
        writer.add(_el("supplied", {"reason": reason}, match.group(1)))
        pos = match.end()
    writer.text(value[pos:])
    return element


def _person_names(entry: Any, role: str) -> list[str]:
    persons = list(entry.persons.get(role, []))
    if role in entry.fields:  # a person field pybtex keeps as text (bookauthor)
        persons = [Person(p) for p in re.split(r"\s+and\s+", detex(entry.fields[role])) if p]
    names = []
    for person in persons:
        parts = person.first_names + person.middle_names + person.prelast_names + person.last_names
        names.append("et al." if str(person) == "others" else detex(" ".join(parts + person.lineage_names)))
    return names


def _bibl(entry: Any, ident: str) -> ET.Element:
    """One work as a bibl: each field of the entry as its TEI element, in a fixed order; a field
    this mapping does not know as a note of its name. Nothing is added that the entry lacks."""
    bibl = _el("bibl", {XML_ID: ident, "type": entry.type})
    supplied = supplied_fields(entry.fields)
    fields = {name.lower(): detex(value) for name, value in entry.fields.items() if name.lower() != "supplied"}
    contained = "booktitle" in fields or "journal" in fields
    names = [n for n in ORDER if n in fields or n in entry.persons] + sorted(
        n for n in set(fields) | set(entry.persons) if n not in ORDER
    )
    for name in names:
        reason = supplied.get(name)
        if name in ("author", "bookauthor", "editor"):
            tag = "editor" if name == "editor" else "author"
            attrs = {"role": "bookauthor"} if name == "bookauthor" else {}
            for person in _person_names(entry, name):
                bibl.append(_value(_el(tag, attrs), person, reason))
            continue
        value = fields[name]
        if name == "title":
            # a part of a book or journal; a book or report; else (a web page, a statement) no level
            level = "a" if contained else "m" if entry.type.lower() in MONOGRAPHS else ""
            element = _el("title", {"level": level} if level else {})
        elif name == "booktitle":
            element = _el("title", {"level": "m"})
        elif name == "journal":
            element = _el("title", {"level": "j"})
        elif name == "series":
            series = _el("series")
            series.append(_value(_el("title", {"level": "s"}), value, reason))
            if "number" in fields:
                series.append(_value(_el("biblScope", {"unit": "number"}), fields["number"], supplied.get("number")))
            bibl.append(series)
            continue
        elif name == "number":
            if "series" in fields:
                continue  # with its series
            element = _el("biblScope", {"unit": "issue"})
        elif name == "volume":
            element = _el("biblScope", {"unit": "volume"})
        elif name == "pages":
            element = _el("biblScope", {"unit": "page"})
            pages = re.fullmatch(r"\s*([^\s\-–—]+)\s*(?:-+|–|—)\s*([^\s\-–—]+)\s*", value)
            if pages and reason is None:  # a range (BibTeX's "60--76", detexed "60–76"): where it begins, ends
                element.set("from", pages.group(1))
                element.set("to", pages.group(2))
        elif name in ("publisher", "institution"):
            element = _el("publisher")
        elif name == "organization":
            element = _el("orgName")
        elif name == "address":
            element = _el("pubPlace")
        elif name in ("date", "year"):
            iso = re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value)
            element = _el("date", {"when": value} if iso and reason is None else {})
        elif name == "language":
            element = _el("textLang")
        elif name == "url" and re.match(r"https?://", value):
            element = _el("ref", {"target": value})
        elif name == "url":
            element = _el("idno", {"type": "URL"})  # an address the notes give without a scheme: not linked
        else:
            element = _el("note", {"type": name})
        bibl.append(_value(element, value, reason))
    return bibl


def _back(entries: list[Entry], people: _People, bib: BibliographyData | None, ids: dict[str, str]) -> ET.Element:
    """The register's reasons (a note per intervention, pointing to it) and the bibliography."""
    back = _el("back")
    reasons = [e for e in entries if e.kind != "note"]  # an editors' note is its own reason
    if reasons:
        div = ET.SubElement(back, "div", {"type": "register"})
        div.append(_el("head", text="The editors' reasons, one for each intervention of the register."))
        for entry in reasons:
            div.append(_reason(entry, people))
    if bib is not None and bib.entries:
        div = ET.SubElement(back, "div", {"type": "bibliography"})
        list_bibl = ET.SubElement(div, "listBibl")
        list_bibl.append(
            _el(
                "head",
                text="Works cited in the notes, with only what the notes give; what the editors supplied is marked supplied, with its reason.",
            )
        )
        for key, entry in bib.entries.items():
            list_bibl.append(_bibl(entry, ids[key]))
    return back


def _reason(entry: Entry, people: _People) -> ET.Element:
    """The register's reason for an intervention, pointing to it; for a kept reading (sic) with a
    suggested one, the suggestion after it (seg type=suggestion, its words as mentioned): the
    only place a reading the edition does not adopt stands."""
    attrs = {XML_ID: f"{entry.id}-reason", "type": "rationale", "target": f"#{entry.id}"}
    note = _el("note", {**attrs, "resp": people.pointers(entry.resp)}, " ".join(entry.rationale.split()))
    if entry.kind == "sic" and entry.reading:
        note.text = (note.text or "") + " "
        seg = ET.SubElement(note, "seg", {"type": "suggestion"})
        seg.text = "Suggested reading, not adopted: "
        seg.append(_el("mentioned", text=entry.reading))
    return note


# --- revisionDesc: the register's decisions, revisions and withdrawals ---------------------------

ISO_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def _place(document: Document, entry: dict[str, Any], present: set[str | None]) -> str:
    """The xml:id of the element nearest a register entry's witness line: the entry's own (an
    entry in the text), else (a withdrawn entry, whose place prints W's reading) that of the
    paragraph, quotation, note or orphan line that holds the line; '' when none has an id (a
    heading)."""
    line = entry.get("line")
    near = (block_of(document, line), fragment_anchor(line)) if isinstance(line, int) else ()
    own = () if "withdrawn" in entry else (str(entry["id"]),)
    for ident in (*own, *near):
        if ident and ident in present:
            return ident
    return ""


def _dated(attrs: dict[str, str], date: str) -> str:
    """Set ``when`` from a date of the register; what a change's text says of a date that is no
    ISO date (nothing of a missing one: no date is supplied)."""
    if ISO_DATE.fullmatch(date):
        attrs["when"] = date
        return ""
    return f" ({date})" if date else ""


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if not text or text.endswith((".", "!", "?")) else text + "."


def _state(out: _Writer, entry: dict[str, Any], state: dict[str, Any], siglum: str, people: _People | None) -> None:
    """One sentence: what a state of an entry printed or suggested (its readings as mentioned
    words), its certainty and (``people`` given) who answered for it, when, and why."""
    witness, reading, kind = str(entry.get("witness", "")), str(state.get("reading") or ""), entry.get("kind")
    rationale = " ".join(str(state.get("rationale", "")).split())
    parts: list[str | ET.Element]
    if kind == "emendation":
        parts = [
            "the edition read ",
            _el("mentioned", text=reading),
            f" for {siglum}'s ",
            _el("mentioned", text=witness),
        ]
    elif kind == "supplied":
        parts = ["the editors supplied ", _el("mentioned", text=reading), f" after {siglum}'s "]
        parts.append(_el("mentioned", text=witness))
    elif kind == "sic":
        parts = [f"{siglum}'s ", _el("mentioned", text=witness), " was kept"]
        if reading:
            parts += [", the editors suggesting ", _el("mentioned", text=reading)]
    else:  # an editors' note: its words are its rationale
        parts = [f"the editors' note after {siglum}'s ", _el("mentioned", text=witness), f" read: {rationale}"]
        rationale = ""
    said = [str(state.get("certainty", ""))]
    if people is not None:
        said.append(", ".join(filter(None, [people.label(str(state.get("resp", ""))), str(state.get("date", ""))])))
    parts.append(f" ({'; '.join(filter(None, said))})")
    parts.append(f": {_sentence(rationale)}" if people is not None and rationale else ".")
    for part in parts:
        if isinstance(part, str):
            out.text(part)
        else:
            out.add(part)


def _change(change: Change, people: _People, place: str, siglum: str) -> ET.Element:
    """A revision or withdrawal as a change: dated from the register, by the proposal's proposer
    and reviewer, pointing to the entry's element (a withdrawn entry: ``place``, the element that
    holds its line), its text what the entry was before and (a revision) what it became."""
    by = change.by
    proposer, reviewer = str(by.get("proposer", "")), str(by.get("reviewer", ""))
    attrs = {"type": change.kind, "who": people.pointers(f"{proposer}{REVIEWED_BY}{reviewer}")}
    note = _dated(attrs, str(by.get("date", "")).strip())
    if place:
        attrs["target"] = f"#{place}"
    entry, done = change.entry, "revised" if change.kind == "revision" else "withdrawn"
    element = _el("change", attrs)
    out = _Writer(element)
    out.text(f"Register entry {entry['id']}, {siglum}'s line {entry.get('line')}: {done} by proposal ")
    out.text(f"{by.get('proposal', '')}{note}, proposed by {proposer}, reviewed by {reviewer}")
    if change.after is not None:
        out.text(". Before: ")
        _state(out, entry, change.before, siglum, people)
        out.text(" After: ")
        _state(out, entry, change.after, siglum, None)
        return element
    out.text(f": the edition prints {siglum}'s ")
    out.add(_el("mentioned", text=str(entry.get("witness", ""))))
    rationale = _sentence(str(by.get("rationale", "")))
    out.text(f". Reason: {rationale} The entry last stood: " if rationale else ". The entry last stood: ")
    _state(out, entry, change.before, siglum, people)
    return element


def _revisions(
    entries: list[Entry],
    people: _People,
    firsts: dict[str, dict[str, Any]] | None = None,
    changes: list[Change] | None = None,
    places: dict[str, str] | None = None,
    siglum: str = "W",
) -> ET.Element:
    """revisionDesc: a change for each date of decision the register holds (the date an entry was
    made: its ``date``, or its first state's if it has been revised since), pointing to the
    entries decided that day, with who answers for them; an accepted proposal is named with the
    entry it became. A change for each revision and withdrawal (``changes``), dated by the
    register's record of it. The most recent first; a change on the day an entry was made follows
    those that changed it that day. A date that is no ISO date is given as the register writes it
    (no @when): such changes, which cannot be ordered in time, follow the dated ones; an undated
    revision or withdrawal comes last (no date is supplied), the register's latest first. An entry
    without a date is in no change of a date."""
    firsts, places = firsts or {}, places or {}
    by_date: dict[str, list[tuple[Entry, dict[str, Any]]]] = {}
    for entry in entries:
        made = firsts.get(entry.id, {"date": entry.date, "resp": entry.resp, "proposal": entry.proposal})
        date = str(made.get("date", "")).strip()
        if date:
            by_date.setdefault(date, []).append((entry, made))
    dated: list[tuple[tuple[bool, str, int, int], ET.Element]] = []
    for date, decided in by_date.items():
        resps = [str(made.get("resp", "")) for _, made in decided]
        who = list(dict.fromkeys(p for resp in resps for p in people.pointers(resp).split()))
        attrs = {"who": " ".join(who), "target": " ".join(f"#{e.id}" for e, _ in decided)}
        note = _dated(attrs, date)
        text = f"Register entries decided{note}: {', '.join(e.id for e, _ in decided)}."
        proposals = [
            f"proposal {m['proposal']} accepted as register entry {e.id}" for e, m in decided if m.get("proposal")
        ]
        if proposals:
            text += " P" + "; ".join(proposals)[1:] + "."
        dated.append(((bool(ISO_DATE.fullmatch(date)), date, 0, 0), _el("change", attrs, text)))
    undated: list[ET.Element] = []
    for seq, change in enumerate(changes or [], start=1):
        element = _change(change, people, places.get(str(change.entry["id"]), ""), siglum)
        date = str(change.by.get("date", "")).strip()
        if date:
            dated.append(((bool(ISO_DATE.fullmatch(date)), date, 1, seq), element))
        else:
            undated.insert(0, element)
    revisions = _el("revisionDesc")
    for _, element in sorted(dated, key=lambda item: item[0], reverse=True):
        revisions.append(element)
    for element in undated:
        revisions.append(element)
    return revisions
