"""The list of emendations (``{apparatus-list}``) and apparatus.json, both made from the whole
edition.

The list runs in the order of the witness (:func:`witness_order`: W's page, then W's line, so
that the author's notes, which W sets at the foot of a page, follow that page's text), which is
the order of a reader who compares the edition with W. It is preceded by the key to the ids of
the editors who answer for its entries (``apparatus_responsible``) and by the key to the kinds of
mistake its entries name (``vocabulary.CATEGORY_GLOSSES``). apparatus.json keeps the
edition's reading order (the order of its documents and of the places in them), the order a
program walking the text expects.

What the list gives of an entry comes from the declaration of its kind (``vocabulary.Kind``:
whether it is listed, and a template of what follows its place, "wick] wikc W"); this module
names no kind, so a new kind is listed by declaring it.

The directive leaves a placeholder that is always replaced at doctree-resolved (so it has no
visitors). Pages holding a list are rewritten after every build that read anything (they are
not re-read: the list comes from the domain). ``build-finished`` writes
``apparatus.json`` (every entry, in reading order; documented by ``apparatus.schema.json``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective

from . import vocabulary
from .domain import Entry, ListingPlaceholder, get_domain

if TYPE_CHECKING:
    from collections.abc import Iterable


def with_links(text: str) -> list[nodes.Node]:
    """The text of a note, its URLs as links (LaTeX sets a link whose text is its URL with
    ``\\sphinxurl``, which breaks after its slashes and dots: a long URL never runs into the margin)."""
    out: list[nodes.Node] = []
    pos = 0
    for start, end in vocabulary.links(text):  # linked, so that the reader can follow it and print can break it
        if start > pos:
            out.append(nodes.Text(text[pos:start]))
        url = text[start:end]
        out.append(nodes.reference(url, url, refuri=url))
        pos = end
    if pos < len(text):
        out.append(nodes.Text(text[pos:]))
    return out


class apparatus_list(nodes.General, ListingPlaceholder):
    """Placeholder for the generated list of emendations (replaced at doctree-resolved)."""


class ApparatusListDirective(SphinxDirective):
    """``{apparatus-list}``: the list of emendations and sic, generated from the whole edition."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        return [apparatus_list()]


def witness_order(entries: Iterable[Entry]) -> list[Entry]:
    """The entries in the order of the witness: by W's page, then W's line (the notes at a page's
    foot, whose lines follow the page's text, come after that text and before the next page);
    entries on the same line keep their reading order. An entry whose page or line is unknown
    stands after the entry before it in reading order."""
    keyed: list[tuple[tuple[int, int], int, Entry]] = []
    page, line = 0, 0
    for number, entry in enumerate(entries):
        if entry.page is not None and entry.page != page:
            page, line = entry.page, 0
        if entry.line is not None:
            line = entry.line
        keyed.append(((page, line), number, entry))
    return [entry for _, _, entry in sorted(keyed, key=lambda item: item[:2])]


def responsible_key(app: Sphinx, entries: list[Entry]) -> nodes.paragraph | None:
    """Who the ids at the entries' ends are (``apparatus_responsible``), those the list uses, in
    the order the editors declared them; None when the list names no declared id."""
    declared: dict[str, object] = app.config.apparatus_responsible
    used = {entry.resp for entry in entries}
    named = [(key, str(value)) for key, value in declared.items() if key in used]
    if not named:
        return None
    reviewed = any(vocabulary.reviewed_pair(resp) for resp in used)
    return _key(
        ["apparatus-key"],
        "The id in parentheses at the end of an entry names who answers for it: ",
        named,
        "; an entry that came from a reader's proposal names its proposer and its reviewer" if reviewed else "",
    )


def category_key(entries: list[Entry]) -> nodes.paragraph | None:
    """What the kinds named in the entries mean (``vocabulary.CATEGORY_GLOSSES``), those the list
    uses, in the vocabulary's order; None when no entry names one."""
    used = {entry.category for entry in entries}
    named = [(name, gloss) for name, gloss in vocabulary.CATEGORY_GLOSSES.items() if name in used]
    if not named:
        return None
    return _key(["apparatus-key", "apparatus-categories"], "The kind of mistake an entry answers: ", named)


def _key(classes: list[str], lead: str, named: list[tuple[str, str]], tail: str = "") -> nodes.paragraph:
    """A key before the list: ``lead``, then each term in bold with what it means, then ``tail``."""
    key = nodes.paragraph(classes=classes)
    key += nodes.Text(lead)
    for number, (term, meaning) in enumerate(named):
        if number:
            key += nodes.Text("; ")
        key += nodes.strong("", term)
        key += nodes.Text(f", {meaning}")
    key += nodes.Text(tail + ".")
    return key


def listed_words(template: str, entry: Entry, siglum: str) -> list[nodes.Node]:
    """What the list gives of ``entry`` after its place, from its kind's template
    (``vocabulary.listed_parts``): its words in their classes (``app-lemma``, ``app-wit``), the
    editors' words in italics."""
    values = {"lemma": entry.lemma, "witness": entry.witness, "siglum": siglum, "letter": entry.letter}
    out: list[nodes.Node] = []
    italic: nodes.emphasis | None = None
    for name, text, in_italics in vocabulary.listed_parts(template, values):
        classes = vocabulary.LISTING_WORDS[name] if name else ""
        node: nodes.Node = nodes.inline("", text, classes=[classes]) if classes else nodes.Text(text)
        if not in_italics:
            italic = None
            out.append(node)
            continue
        if italic is None:
            italic = nodes.emphasis()
            out.append(italic)
        italic += node
    return out


def _item(app: Sphinx, fromdocname: str, entry: Entry, template: str) -> nodes.list_item:
    siglum = app.config.apparatus_siglum
    # a reading's entry may be revised or withdrawn by a proposal (propose.js links it); a note or an orphan line not
    revisable = ["app-revisable"] if entry.type in vocabulary.READING_ROLES.values() else []
    item = nodes.list_item(ids=[f"app-{entry.id}"], classes=["app-entry", f"app-{entry.type}", *revisable])
    para = nodes.paragraph()
    ref = nodes.reference("", "", internal=True, classes=["app-place"])
    ref["refuri"] = app.builder.get_relative_uri(fromdocname, entry.doc) + "#" + entry.id
    ref += nodes.Text(vocabulary.place_label(entry.para, initial=True))
    para += ref
    where = f" · {vocabulary.page_anchor(siglum, entry.page)}" if entry.page else ""
    where += f", l. {entry.line}" if entry.line else ""
    para += nodes.inline("", where + " ", classes=["app-where"])
    if app.builder.format == "latex":  # print's own place of the reading: its page and line in this book
        para += nodes.raw("", rf"\ (p.~\pageref{{app:{entry.id}}}, l.~\lineref{{app:{entry.id}}})\ ", format="latex")
    para += listed_words(template, entry, siglum)
    detail = ", ".join(v for v in (entry.category, entry.certainty) if v)
    para += nodes.Text(f" — {entry.type}" + (f", {detail}" if detail else "") + ". ")
    para += nodes.inline("", "", *with_links(entry.note), classes=["app-note"])
    if entry.resp:
        para += nodes.Text(f" ({entry.resp})")
    item += para
    return item


def replace_apparatus_lists(app: Sphinx, doctree: nodes.document, fromdocname: str) -> None:
    placeholders = list(doctree.findall(apparatus_list))
    if not placeholders:
        return
    domain = get_domain(app.env)
    listed = {entry.type: domain.kind(entry.type).listed for entry in domain.all_entries()}
    entries = witness_order(entry for entry in domain.all_entries() if listed[entry.type] is not None)
    keys = [key for key in (responsible_key(app, entries), category_key(entries)) if key is not None]
    for node in placeholders:
        if not entries:
            node.replace_self(nodes.paragraph("", "No emendations are recorded."))
            continue
        listing = nodes.bullet_list(classes=["apparatus-list"])
        listing += [_item(app, fromdocname, entry, cast("str", listed[entry.type])) for entry in entries]
        node.replace_self([*(key.deepcopy() for key in keys), listing])


def rewrite_listings(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """After reading: the pages that hold a list are written again (never re-read)."""
    return sorted(get_domain(env).listing_docs)


def write_apparatus_json(app: Sphinx, exception: Exception | None) -> None:
    """Write apparatus.json beside the HTML: every entry, in reading order."""
    if exception is not None or app.builder.format != "html":
        return
    payload: dict[str, Any] = {"witness": app.config.apparatus_siglum}
    edition = edition_record(app.config.apparatus_metadata, app.config.apparatus_responsible)
    if edition:
        payload["edition"] = edition
    payload["schema"] = SCHEMA.name
    domain = get_domain(app.env)
    payload["interventions"] = [
        {**entry.as_json(), "href": f"{app.builder.get_target_uri(entry.doc)}#{entry.id}"}
        for entry in domain.all_entries()
    ]
    out = Path(app.outdir)
    for name, text in (
        (SCHEMA.name, published_schema(sorted(domain.extension_kinds()))),
        ("apparatus.json", json_by_lines(payload)),
    ):
        temp = out / f".{name}.tmp"
        temp.write_text(text, encoding="utf-8")
        temp.replace(out / name)


def json_by_lines(payload: dict[str, Any]) -> str:
    """JSON to read and to diff: each key of the object on a line of its own, and each item of
    a list there one to a line, compact. (Made by json's C encoder: with ``indent`` json uses
    its pure-Python one, some twenty times slower, for the edition's 2,000 values or so.)"""

    def value(v: Any) -> str:
        if isinstance(v, list) and v:
            return "[\n" + ",\n".join("    " + json.dumps(item, ensure_ascii=False) for item in v) + "\n  ]"
        return json.dumps(v, ensure_ascii=False)

    return (
        "{\n" + ",\n".join(f"  {json.dumps(k, ensure_ascii=False)}: {value(v)}" for k, v in payload.items()) + "\n}\n"
    )


SCHEMA = Path(__file__).with_name("apparatus.schema.json")  # published beside apparatus.json


def published_schema(extension_kinds: list[str]) -> str:
    """apparatus.schema.json as published beside apparatus.json: as it stands, or, when entries
    are of kinds an extension outside the project declares, with those kinds added to its enum
    (the file then describes the apparatus.json beside it)."""
    text = SCHEMA.read_text(encoding="utf-8")
    if not extension_kinds:
        return text
    schema = json.loads(text)
    kind = schema["properties"]["interventions"]["items"]["properties"]["type"]
    kind["enum"] += extension_kinds
    kind["description"] += f"; declared by an extension of this edition: {', '.join(extension_kinds)}"
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def edition_record(meta: dict[str, Any], responsible: dict[str, Any]) -> dict[str, Any]:
    """What apparatus.json says of its edition, from the editors' metadata (only what they state):
    a reuser needs no repository to know whose decisions these are, of which witness, under what
    licence."""
    record: dict[str, Any] = {}
    for key in ("title", "author", "witness_sha256"):
        if meta.get(key):
            record[key] = str(meta[key])
    if meta.get("title"):
        record["title_supplied"] = bool(meta.get("title_supplied"))
    if meta.get("author"):
        record["author_attributed"] = bool(meta.get("author_note"))
    if meta.get("editors"):
        record["editors"] = [str(name) for name in meta["editors"]]
    if meta.get("edition_date"):
        record["date"] = str(meta["edition_date"])
    if responsible:
        record["responsible"] = {str(k): str(v) for k, v in responsible.items()}
    licence = meta.get("licence") or {}
    if licence.get("name"):
        record["licence"] = {k: " ".join(str(licence[k]).split()) for k in ("name", "url", "text") if licence.get(k)}
    return record


def setup_listing(app: Sphinx) -> None:
    app.add_node(apparatus_list)  # always replaced at doctree-resolved: no visitors
    app.add_directive("apparatus-list", ApparatusListDirective)
    app.connect("doctree-resolved", replace_apparatus_lists)
    app.connect("env-updated", rewrite_listings)
    app.connect("build-finished", write_apparatus_json)
