"""The edition as TEI P5 XML: the same model and editorial data the MyST is made from.

Mapping: abstract → front/div[@type=abstract]; headings open body/div; paragraphs → p[@xml:id];
block quotations → quote; page breaks → pb[@n][@edRef="#W"]; W's lines → lb[@n][@break=no within a word]; author's notes → note[@n][@place=foot]
at their markers (wanting ones → gap[@reason]); emendations → choice(sic, corr[@resp][@cert]);
kept doubtful readings → sic (with a corr in choice when a reading is suggested); supplied text →
supplied[@reason]; editors' notes → note[@resp][@type=editorial]; the orphan line → note[@type=fragment].
Certainty maps certain/probable/possible to high/medium/low. The header carries the editorial
declaration. Built with ElementTree: no text can become markup.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Any

from .model import Document, Paragraph
from .register import Anchor

TEI = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
CERT = {"certain": "high", "probable": "medium", "possible": "low"}
MARKER = re.compile(r"\[\^(\d+)\]")


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


def _intervention(anchor: Anchor, witness_text: str) -> ET.Element:
    entry = anchor.entry
    cert = CERT.get(entry.certainty, "medium")
    resp = f"#{entry.resp.split(';')[0].strip()}"
    if entry.kind == "emendation":
        choice = _el("choice", {XML_ID: entry.id})
        choice.append(_el("sic", text=witness_text))
        choice.append(_el("corr", {"resp": resp, "cert": cert, "type": entry.category}, entry.reading))
        return choice
    if entry.kind == "sic":
        if entry.reading:
            choice = _el("choice", {XML_ID: entry.id})
            choice.append(_el("sic", {"resp": resp, "cert": cert}, witness_text))
            choice.append(_el("corr", {"resp": resp, "cert": cert, "type": "conjecture"}, entry.reading))
            return choice
        return _el("sic", {XML_ID: entry.id, "resp": resp, "cert": cert}, witness_text)
    raise ValueError(entry.kind)


def _after(anchor: Anchor) -> ET.Element:
    entry = anchor.entry
    resp = f"#{entry.resp.split(';')[0].strip()}"
    if entry.kind == "supplied":
        return _el(
            "supplied",
            {XML_ID: entry.id, "reason": entry.category, "resp": resp, "cert": CERT[entry.certainty]},
            entry.reading,
        )
    return _el("note", {XML_ID: entry.id, "type": "editorial", "resp": resp}, entry.rationale)


@dataclass
class _Context:
    document: Document
    note_anchors: dict[int, list[Anchor]]
    fragments: dict[int, str]
    fragment_notes: dict[int, list[Anchor]]
    joins: dict[int, str]


def _fill(
    writer: _Writer,
    text: str,
    anchors: list[Anchor],
    ctx: _Context,
    paragraph: Paragraph | None = None,
    line_offsets: list[list[int]] | None = None,
) -> None:
    """Write ``text`` with its line and page breaks, note markers and interventions, in order."""
    events: list[tuple[int, int, str, Any]] = []
    taken = [(a.start, a.end) for a in anchors]
    offsets = line_offsets or []
    for i, (line, offset) in enumerate(offsets):
        if not any(a < offset < b for a, b in taken):
            before = offsets[i - 1][0] if i else 0
            events.append((offset, offset, "lb", (line, ctx.joins.get(before, "space") if i else "first")))
    for pb in paragraph.page_breaks if paragraph else []:
        events.append((pb.offset, pb.offset, "pb", pb))
    for match in MARKER.finditer(text):
        events.append((match.start(), match.end(), "marker", int(match.group(1))))
    for anchor in anchors:
        if anchor.entry.kind in ("supplied", "note"):
            events.append((anchor.end, anchor.end, "after", anchor))
        else:
            events.append((anchor.start, anchor.end, "over", anchor))
    pos = 0
    for start, end, kind, value in sorted(events, key=lambda e: (e[0], e[1])):
        writer.text(text[pos:start])
        if kind == "lb":
            line, join = value
            attrs = {"n": str(line), "edRef": "#W"}
            if join not in ("space", "first"):
                attrs["break"] = "no"  # the word runs over W's line end
            writer.add(_el("lb", attrs))
        elif kind == "pb":
            fragment = ctx.fragments.get(value.line - 1)
            if fragment is not None:
                writer.add(_el("note", {"type": "fragment", "place": "foot", "n": str(value.line - 1)}, fragment))
                for note in ctx.fragment_notes.get(value.line - 1, []):
                    writer.add(_after(note))
            writer.add(_el("pb", {"n": str(value.n), "edRef": "#W", XML_ID: f"W{value.n}"}))
        elif kind == "marker":
            writer.add(_author_note(ctx, value))
        elif kind == "after":
            writer.text(text[start:end])
            writer.add(_after(value))
        else:
            writer.add(_intervention(value, text[start:end]))
        pos = max(pos, end)
    writer.text(text[pos:])


def _author_note(ctx: _Context, n: int) -> ET.Element:
    note = ctx.document.note(n)
    element = _el("note", {"n": str(n), "place": "foot", "type": "author"})
    if note is None or note.status == "wanting":
        element.append(_el("gap", {"reason": "lost", "resp": "#ET", "unit": "note"}))
        return element
    _fill(_Writer(element), note.text, ctx.note_anchors.get(n, []), ctx, None, note.line_offsets)
    if note.status == "truncated":
        element.append(_el("gap", {"reason": "lost", "extent": "rest of note"}))
    return element


def to_tei(document: Document, metadata: dict[str, Any], anchors: list[Anchor]) -> str:
    by_block: dict[tuple[str, int], list[Anchor]] = {}
    for anchor in anchors:
        by_block.setdefault(anchor.block, []).append(anchor)
    ctx = _Context(
        document,
        {key[1]: found for key, found in by_block.items() if key[0] == "n"},
        {f.line: f.text for f in document.fragments},
        {key[1]: found for key, found in by_block.items() if key[0] == "f"},
        {b.line: b.join for b in document.breaks},
    )

    ET.register_namespace("", TEI)
    root = _el("TEI", {"xmlns": TEI})
    root.append(_header(metadata))
    text_el = ET.SubElement(root, "text")
    front = ET.SubElement(text_el, "front")
    body = ET.SubElement(text_el, "body")
    abstract = ET.SubElement(front, "div", {"type": "abstract"})
    div: ET.Element | None = None
    anchors_of = document.paragraph_anchors()
    for index, paragraph in enumerate(document.paragraphs):
        here = by_block.get(("p", index), [])
        if paragraph.kind == "abstract":
            p = ET.SubElement(abstract, "p")
        elif paragraph.kind == "heading":
            div = ET.SubElement(body, "div")
            for pb in paragraph.page_breaks:
                div.append(_el("pb", {"n": str(pb.n), "edRef": "#W", XML_ID: f"W{pb.n}"}))
            head = ET.SubElement(div, "head")
            _fill(_Writer(head), paragraph.text, here, ctx)
            continue
        else:
            ident = anchors_of[index]
            container = div if div is not None else body
            if paragraph.kind == "blockquote":
                quote = ET.SubElement(container, "quote", {XML_ID: ident, "n": ident[1:]})
                p = ET.SubElement(quote, "p")
            else:
                p = ET.SubElement(container, "p", {XML_ID: ident, "n": ident[1:]})
        _fill(_Writer(p), paragraph.text, here, ctx, paragraph, paragraph.line_offsets)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _header(metadata: dict[str, Any]) -> ET.Element:
    header = _el("teiHeader")
    file_desc = ET.SubElement(header, "fileDesc")
    title_stmt = ET.SubElement(file_desc, "titleStmt")
    title_stmt.append(
        _el("title", {"type": "supplied" if metadata.get("title_supplied") else "main"}, str(metadata["title"]))
    )
    if metadata.get("title_note"):
        title_stmt.append(_el("note", {"type": "title"}, " ".join(str(metadata["title_note"]).split())))
    author = _el("author", {"cert": "medium"} if metadata.get("author_note") else {}, str(metadata.get("author", "")))
    title_stmt.append(author)
    for key, name in (metadata.get("resp") or {}).items():
        if key == "__line__":
            continue
        resp_stmt = ET.SubElement(title_stmt, "respStmt")
        resp_stmt.append(_el("resp", text="edited by"))
        resp_stmt.append(_el("name", {XML_ID: str(key)}, str(name)))
    pub = ET.SubElement(file_desc, "publicationStmt")
    pub.append(_el("date", {"when": str(metadata.get("edition_date", ""))}, str(metadata.get("edition_date", ""))))
    source = ET.SubElement(file_desc, "sourceDesc")
    source.append(
        _el("bibl", {XML_ID: str(metadata.get("siglum", "W"))}, " ".join(str(metadata.get("witness", "")).split()))
    )
    encoding = ET.SubElement(header, "encodingDesc")
    decl = ET.SubElement(encoding, "editorialDecl")
    for tag, text in (
        (
            "normalization",
            "Line-end hyphenation joined (the typesetter's hyphens dropped, real hyphens kept, lost hyphens joined); white space normalized; page furniture not reproduced, pagination given by pb.",
        ),
        (
            "correction",
            "Clear errors emended in choice/sic+corr with resp and cert; doubtful readings kept as sic; every intervention has a reason in the emendation register.",
        ),
        (
            "hyphenation",
            "End-of-line hyphens of the witness are not encoded; each decision is recorded in the document model (edition convert --format json).",
        ),
        ("quotation", "Quotation marks are kept as the witness has them, save where an emendation says otherwise."),
    ):
        ET.SubElement(decl, tag).append(_el("p", text=text))
    return header
