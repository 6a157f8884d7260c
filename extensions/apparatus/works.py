"""Citations of works in the author's notes: links to the bibliography and back.

The ``{work}`` role keeps the author's wording and makes it a link to the work's entry,
which sphinxcontrib-bibtex renders (with ``bibtex_cite_id = "bib-{key}"``). Each entry of
the bibliography gets links back to every note that cites it. A key with no entry, and an
entry that no note cites, are warnings (errors under ``-W``).
"""

from __future__ import annotations

from typing import Any

from docutils import nodes as dn
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from . import nodes

logger = logging.getLogger(__name__)


def _cite_domain(env: BuildEnvironment) -> Any:
    try:
        return env.get_domain("cite")
    except Exception:  # noqa: BLE001 - sphinxcontrib.bibtex is not loaded in this project
        return None


def _bib_keys(env: BuildEnvironment) -> set[str]:
    domain = _cite_domain(env)
    return set(domain.bibdata.data.entries) if domain is not None else set()


def _bibliography_doc(env: BuildEnvironment) -> str:
    for key in getattr(_cite_domain(env), "bibliographies", {}):
        return key.docname
    return ""


def collect_works(app: Sphinx, doctree: dn.document) -> None:
    domain = app.env.get_domain("edition")
    refs = domain.data.setdefault("works", {})  # type: ignore[attr-defined]
    refs[app.env.docname] = [
        {"key": node["key"], "id": node["ids"][0], "page": node["page"], "note": node.get("para", "")}
        for node in doctree.findall(nodes.work_reference)
    ]


def _note_label(anchor: str) -> str:
    return f"n. {anchor[5:]}" if anchor.startswith("note-") else anchor


def resolve_works(app: Sphinx, doctree: dn.document, fromdocname: str) -> None:
    env = app.env
    keys = _bib_keys(env)
    bibdoc = _bibliography_doc(env)
    for node in list(doctree.findall(nodes.work_reference)):
        key = node["key"]
        if key not in keys or not bibdoc:
            logger.warning(f"work: no bibliography entry for key {key!r}", location=node)
            node.replace_self(dn.inline("", node.astext(), ids=node["ids"], classes=["work-unresolved"]))
            continue
        ref = dn.reference("", "", internal=True, classes=["work-ref"], ids=node["ids"])
        ref["refuri"] = app.builder.get_relative_uri(fromdocname, bibdoc) + f"#bib-{key}"
        ref["reftitle"] = f"{key}" + (f", {node['page']}" if node["page"] else "")
        ref += dn.Text(node.astext())
        node.replace_self(ref)
    # the entries: on the bibliography page in HTML; anywhere in LaTeX's single assembled tree
    citing: dict[str, list[dict[str, Any]]] = {}
    works = env.get_domain("edition").data.get("works", {})
    for docname in sorted(works):
        for item in works[docname]:
            seen = citing.setdefault(item["key"], [])
            # a citation split across W's lines is one citation: link back to its first piece
            if not any(c["doc"] == docname and c["note"] == item["note"] and c["page"] == item["page"] for c in seen):
                seen.append({**item, "doc": docname})
    entries = [n for n in doctree.findall(dn.Element) if any(str(ident).startswith("bib-") for ident in n["ids"])]
    for item in entries:
        key = next(i for i in item["ids"] if i.startswith("bib-"))[4:]
        if app.builder.format == "latex":
            item.insert(0, dn.raw("", rf"\phantomsection\label{{\detokenize{{{bibdoc}:bib-{key}}}}}", format="latex"))
        cites = citing.get(key, [])
        if not cites:
            continue
        para = dn.paragraph(classes=["cited-in"])
        para += dn.Text("Cited in ")
        for i, cite in enumerate(cites):
            if i:
                para += dn.Text(", ")
            back = dn.reference("", "", internal=True)
            back["refuri"] = app.builder.get_relative_uri(fromdocname, cite["doc"]) + "#" + cite["id"]
            back += dn.Text(_note_label(cite["note"]) + (f" ({cite['page']})" if cite["page"] else ""))
            para += back
        para += dn.Text(".")
        item += para


def check_every_entry_cited(app: Sphinx, env: BuildEnvironment) -> None:
    keys = _bib_keys(env)
    if not keys:
        return
    works = env.get_domain("edition").data.get("works", {})
    cited = {item["key"] for items in works.values() for item in items}
    for key in sorted(keys - cited):
        logger.warning(f"bibliography entry {key!r} is cited by no note", type="edition", subtype="uncited")
