"""At doctree-resolved: replace the apparatus-list placeholder with the list of emendations."""

from __future__ import annotations

from typing import Any

from docutils import nodes as dn
from sphinx.application import Sphinx

from . import nodes


def place_label(entry: dict[str, Any]) -> str:
    para = entry.get("para", "")
    if para.startswith("p") and para[1:].isdigit():
        return f"¶ {para[1:]}"
    if para.startswith("note-"):
        return f"n. {para[5:]}"
    return para or "—"


def _item(app: Sphinx, fromdocname: str, entry: dict[str, Any]) -> dn.list_item:
    item = dn.list_item(ids=[f"app-{entry['id']}"], classes=["app-entry", f"app-{entry['type']}"])
    para = dn.paragraph()
    ref = dn.reference("", "", internal=True, classes=["app-place"])
    ref["refuri"] = app.builder.get_relative_uri(fromdocname, entry["doc"]) + "#" + entry["id"]
    ref += dn.Text(place_label(entry))
    para += ref
    where = f" · W{entry['page']}" if "page" in entry else ""
    where += f", l. {entry['line']}" if "line" in entry else ""
    para += dn.inline("", where + " ", classes=["app-where"])
    para += dn.raw("", rf"\ (p.~\pageref{{app:{entry['id']}}}, l.~\lineref{{app:{entry['id']}}})\ ", format="latex")
    if entry["type"] == "emendation":
        para += dn.inline("", entry["lemma"], classes=["app-lemma"])
        para += dn.Text("] ")
        para += dn.inline("", entry["witness"], classes=["app-wit"])
        para += dn.emphasis("", " W")
    elif entry["type"] == "supplied":
        para += dn.inline("", f"[{entry['lemma']}]", classes=["app-lemma"])
        para += dn.Text("] ")
        para += dn.emphasis("", "supplied; wanting in W")
    else:
        para += dn.inline("", entry["witness"], classes=["app-wit"])
        para += dn.Text("] ")
        para += dn.emphasis("", "sic W")
        if entry.get("lemma"):
            para += dn.Text("; perhaps ")
            para += dn.inline("", entry["lemma"], classes=["app-lemma"])
    detail = ", ".join(v for v in (entry.get("category"), entry.get("certainty")) if v)
    para += dn.Text(f" — {entry['type']}" + (f", {detail}" if detail else "") + ". ")
    para += dn.inline("", entry.get("note", ""), classes=["app-note"])
    if entry.get("resp"):
        para += dn.Text(f" ({entry['resp']})")
    item += para
    return item


def process_apparatus_lists(app: Sphinx, doctree: dn.document, fromdocname: str) -> None:
    domain = app.env.get_domain("edition")
    docnames = [app.config.root_doc, *sorted(d for d in app.env.found_docs if d != app.config.root_doc)]
    entries = [e for e in domain.all_interventions(docnames) if e["type"] in ("emendation", "sic", "supplied")]  # type: ignore[attr-defined]
    for node in list(doctree.findall(nodes.apparatus_list)):
        if not entries:
            node.replace_self(dn.paragraph("", "No emendations are recorded."))
            continue
        listing = dn.bullet_list(classes=["apparatus-list"])
        for entry in entries:
            listing += _item(app, fromdocname, entry)
        node.replace_self(listing)
