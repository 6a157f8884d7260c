"""At doctree-read: number citable paragraphs and record every intervention in text order."""

from __future__ import annotations

import contextlib
import re
from typing import Any

from docutils import nodes as dn
from sphinx.application import Sphinx

from . import nodes

PARAGRAPH_ID = re.compile(r"^p(\d+)$")


def _anchor(node: dn.Node) -> str:
    """The citable place of a node: its paragraph (p12), the abstract, or its author's note."""
    parent = node.parent
    while parent is not None:
        if isinstance(parent, dn.footnote):
            return f"note-{parent['names'][0] if parent['names'] else ''}"
        idents: list[str] = parent.get("ids", []) if isinstance(parent, dn.Element) else []
        for ident in idents:
            if PARAGRAPH_ID.match(ident) or ident == "abstract":
                return ident
        parent = parent.parent
    return ""


def number_paragraphs(doctree: dn.document) -> None:
    blocks: list[dn.Element] = [*doctree.findall(dn.paragraph), *doctree.findall(dn.block_quote)]
    for node in blocks:
        match = next((m for m in map(PARAGRAPH_ID.match, node["ids"]) if m), None)
        if match is None:
            continue
        target = node if isinstance(node, dn.paragraph) else next(iter(node.findall(dn.paragraph)), None)
        if target is not None:
            target.insert(0, nodes.paragraph_number(n=int(match.group(1)), ref=node["ids"][0]))


def letter(number: int) -> str:
    """a, b, …, z, aa, ab, …: the editors' notes are lettered."""
    text = ""
    number += 1
    while number:
        number, rest = divmod(number - 1, 26)
        text = chr(ord("a") + rest) + text
    return text


def entry_for(node: dn.Element, docname: str) -> dict[str, Any]:
    anchor = _anchor(node)
    if isinstance(node, nodes.editorial_note):
        return {
            "id": node["ids"][0],
            "type": "note",
            "lemma": "",
            "witness": "",
            "note": node.astext(),
            "resp": node.get("resp", ""),
            "letter": node.get("letter", ""),
            "para": anchor,
        }
    if isinstance(node, nodes.page_break):
        pb: dict[str, Any] = {
            "id": f"W{node['n']}",
            "type": "pb",
            "page": node["n"],
            "lemma": "",
            "witness": "",
            "para": anchor,
        }
        if node.get("line"):
            pb["line"] = node["line"]
        return pb
    if isinstance(node, nodes.lacuna):
        return {"id": node["ids"][0], "type": "gap", "lemma": "", "witness": "", "note": node.astext(), "para": anchor}
    if isinstance(node, nodes.fragment):
        return {
            "id": node["ids"][0],
            "type": "fragment",
            "lemma": "",
            "witness": node.astext(),
            "note": "orphan line of W, outside the text flow",
            "para": anchor,
        }
    shown = node.astext()
    kind = node["kind"]
    entry: dict[str, Any] = {
        "id": node["ids"][0],
        "type": kind,
        "lemma": shown if kind in ("emendation", "supplied") else node.get("corr", ""),
        "witness": node.get("wit", "") if kind == "emendation" else shown,
        "category": node.get("cat", ""),
        "certainty": node.get("cert", ""),
        "note": node.get("note", ""),
        "resp": node.get("resp", ""),
        "para": anchor,
    }
    for key in ("page", "line"):
        if str(node.get(key, "")).isdigit():
            entry[key] = int(node[key])
    return entry


def collect_interventions(app: Sphinx, doctree: dn.document) -> None:
    docname = app.env.docname
    number_paragraphs(doctree)
    listing_docs = app.env.get_domain("edition").data.setdefault("listing_docs", [])  # type: ignore[attr-defined]
    if any(doctree.findall(nodes.apparatus_list)) and docname not in listing_docs:
        listing_docs.append(docname)
    domain = app.env.get_domain("edition")
    domain.interventions[docname] = []  # type: ignore[attr-defined]
    kinds = (nodes.page_break, nodes.lacuna, nodes.fragment, nodes.reading, nodes.editorial_note)
    for number, note in enumerate(doctree.findall(nodes.editorial_note)):
        note["letter"] = letter(number)
    for work in doctree.findall(nodes.work_reference):
        work["para"] = _anchor(work)
    found: list[dn.Element] = [n for n in doctree.findall(dn.Element) if isinstance(n, kinds)]
    for node in found:
        node["para"] = _anchor(node)
        domain.note_intervention(docname, entry_for(node, docname))  # type: ignore[attr-defined]


def outdated_listings(app: Sphinx, env: Any, added: set[str], changed: set[str], removed: set[str]) -> list[str]:
    """Pages generated from the whole edition (the list of emendations, the bibliography with its
    back-links) are rewritten whenever any document changes, so they are never stale."""
    if not (added or changed or removed):
        return []
    pages = list(env.get_domain("edition").data.get("listing_docs", []))
    with contextlib.suppress(Exception):  # sphinxcontrib.bibtex may not be loaded
        pages += [key.docname for key in env.get_domain("cite").bibliographies]
    return [page for page in pages if page in env.found_docs]
