"""Citations of works in the author's notes: links to the bibliography and back.

``{work}`the author's words <key, p. 13>``` keeps the author's wording and makes it a link to
the work's entry, which sphinxcontrib-bibtex renders (with ``bibtex_cite_id = "bib-{key}"``).
Each entry of the bibliography gets links back to every note that cites it (the index of
back-links is built once per build, after all documents are read). A key with no entry, and an
entry that no note cites, are warnings (type ``apparatus``, subtypes ``unknown_work`` and
``uncited``). HTML writes the citation node as its link; other builders get a reference node in
its place when the document is resolved. A ``{cite:empty}`` (sphinxcontrib-bibtex's record that a
note cites the work) is taken out once parsed: it shows nothing.
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.metadata
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.nodes import split_explicit_title
from sphinx.writers.html5 import HTML5Translator

from . import vocabulary
from .bibstyle import THIN, THREE_EM_DASH, dashify, lead
from .domain import Citing, WorkCitation, get_domain
from .fields import ApparatusRole
from .pagination import lined_text

logger = logging.getLogger(__name__)


class work_reference(nodes.Inline, Citing, nodes.TextElement):
    """The author's words that cite a work: attributes key, page, ids, para; refuri, set when the
    document is resolved. HTML writes it as the link to the work's entry in the bibliography;
    for other builders it is replaced by a reference node then."""

    def citation(self, docname: str) -> WorkCitation:
        return WorkCitation(self["key"], self["ids"][0], self["page"], self.get("para", ""), docname)


class WorkRole(ApparatusRole):
    """``{work}`the author's words <key, p. 13>```."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        explicit, text, target = split_explicit_title(self.text)
        key, _, page = target.partition(",")
        key, page = key.strip(), page.strip()
        if not explicit or not key or any(c.isspace() for c in key):
            self.warn("expected 'TEXT <key>' or 'TEXT <key, p. N>'", "malformed")
            return [nodes.Text(self.text)], []
        node = work_reference(self.rawtext, text, key=key, page=page, ids=[self.next_id("cite")])
        return [self.located(node)], []


class DropEmptyCitations(SphinxTransform):
    """A ``{cite:empty}`` tells sphinxcontrib-bibtex that the note cites a work (for the
    bibliography's list), and shows nothing: the role has told it (the cite domain's record of
    citations) by the time the document is parsed, and its node would be resolved, after every
    transform and the pickle, into an empty span that no link targets. It is taken out right after
    parsing (its id too); the record stays."""

    default_priority = 6  # right after the parse, before the transforms that would walk it

    def apply(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(addnodes.pending_xref)):
            if node.get("refdomain") == "cite" and node.get("reftype") == "empty" and node.parent is not None:
                node.parent.remove(node)
                for ident in node["ids"]:
                    if self.document.ids.get(ident) is node:
                        del self.document.ids[ident]


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
        return str(key.docname)
    return ""


def index_citations(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Once per build, after reading: the back-link index; the bibliography page is rewritten."""
    get_domain(env).index_citations()
    bibdoc = _bibliography_doc(env)
    return [bibdoc] if bibdoc else []


def _print_typography(entry: nodes.Element) -> None:
    """In print, the entry's narrow space between quotation marks is TeX's thin space (1/6 em,
    where the font's U+202F is as wide as a word space), and its 3-em dash is the font's single
    glyph (U+2E3B), not three em dashes with gaps between them."""
    for text in list(entry.findall(nodes.Text)):
        value = str(text)
        if THIN not in value and THREE_EM_DASH not in value:
            continue
        pieces: list[nodes.Node] = []
        for i, part in enumerate(value.replace(THREE_EM_DASH, "\u2e3b").split(THIN)):
            if i:
                pieces.append(nodes.raw("", r"\,", format="latex"))
            if part:
                pieces.append(nodes.Text(part))
        assert text.parent is not None
        text.parent.replace(text, pieces)


def _name_the_dash(entry: nodes.Element, name: str) -> None:
    """On screen, the 3-em dash that stands for a repeated name is an abbreviation of it: the
    name shows on hover and is what a screen reader can say, in place of three dashes."""
    para = next(entry.findall(nodes.paragraph), None)
    text = next(para.findall(nodes.Text), None) if para is not None else None
    if text is None or text.parent is None or not str(text).startswith(THREE_EM_DASH):
        return
    rest = str(text)[len(THREE_EM_DASH) :]
    dash = nodes.abbreviation(THREE_EM_DASH, THREE_EM_DASH, explanation=name, classes=["repeated-name"])
    text.parent.replace(text, [dash, nodes.Text(rest)] if rest else [dash])


def _join_across_line_starts(ref: work_reference) -> None:
    """A work's words that run over a line end of W are two ``{work}`` roles in the MyST (a line
    start cannot stand inside a role): they become one citation again, the line start inside it,
    so that a reader (and a screen reader) meets one link, not "…Statesman" and "ship"."""
    while ref.parent is not None:
        parent = ref.parent
        at = next(i for i, child in enumerate(parent.children) if child is ref)
        if at + 2 >= len(parent):
            return
        between, after = parent[at + 1], parent[at + 2]
        if not (isinstance(between, lined_text) and not between.strip()):
            return
        if not (isinstance(after, work_reference) and (after["key"], after["page"]) == (ref["key"], ref["page"])):
            return
        parent.children[at + 1 : at + 3] = []
        after.parent = None  # merged: the loop over the citations passes it by
        moved = [between, *after.children]
        after.children = []
        ref.extend(moved)
        ref["ids"] += after["ids"]


class JoinWorksAcrossLineStarts(SphinxTransform):
    """Right after W's lines are joined (``JoinLines``, 5), before the places and the domain."""

    default_priority = 7

    def apply(self, **kwargs: Any) -> None:
        for ref in list(self.document.findall(work_reference)):
            _join_across_line_starts(ref)


def resolve_works(app: Sphinx, doctree: nodes.document, fromdocname: str) -> None:
    env = app.env
    references: list[work_reference] = []
    entries: list[nodes.Element] = []
    for node in doctree.findall(nodes.Element):  # one pass for both
        if isinstance(node, work_reference):
            references.append(node)
        elif node["ids"] and any(str(i).startswith("bib-") for i in node["ids"]):
            entries.append(node)
    if not references and not entries:
        return
    keys = _bib_keys(env)
    bibdoc = _bibliography_doc(env)
    html = app.builder.format == "html"
    for node in references:
        key = node["key"]
        if key not in keys or not bibdoc:
            logger.warning(
                f"work: no bibliography entry for key {key!r}", location=node, type="apparatus", subtype="unknown_work"
            )
            node.replace_self(nodes.inline("", node.astext(), ids=node["ids"], classes=["work-unresolved"]))
            continue
        uri = app.builder.get_relative_uri(fromdocname, bibdoc) + f"#bib-{key}"
        if html:  # written as the link by visit_work_reference_html: no node made for it
            node["refuri"] = uri
            continue
        # no title: the link's text is the reference itself (a BibTeX key would describe it to no reader)
        ref = nodes.reference("", "", internal=True, classes=["work-ref"], ids=node["ids"], refuri=uri)
        children, node.children = node.children, []
        ref.extend(children)
        node.replace_self(ref)
    # the entries: on the bibliography page in HTML; anywhere in LaTeX's single assembled tree
    citing = get_domain(env).citing
    bibdata = _cite_domain(env).bibdata.data.entries if entries else {}
    for item in entries:
        key = next(i for i in item["ids"] if i.startswith("bib-"))[4:]
        if app.builder.format == "html":
            _name_the_dash(item, lead(bibdata[key])[1] if key in bibdata else "")
        if app.builder.format == "latex":
            _print_typography(item)
            item.insert(
                0, nodes.raw("", rf"\phantomsection\label{{\detokenize{{{bibdoc}:bib-{key}}}}}", format="latex")
            )
        cites = citing.get(key, [])
        if not cites:
            continue
        para = nodes.paragraph(classes=["cited-in"])
        # notes only: "n. 15" or "nn. 15, 22" (Chicago); a paragraph among them: each its label
        numbers = [vocabulary.NOTE_ANCHOR.match(cite.para) for cite in cites]
        notes_only = all(numbers)
        para += nodes.Text("Cited in " + (("nn. " if len(cites) > 1 else "n. ") if notes_only else ""))
        for i, (cite, number) in enumerate(zip(cites, numbers, strict=True)):
            if i:
                para += nodes.Text(", ")
            back = nodes.reference("", "", internal=True)
            back["refuri"] = app.builder.get_relative_uri(fromdocname, cite.doc) + "#" + cite.id
            # the work's pages, "citing pp. 60–76" (as in the entry): a bare "(p. 27)" would read,
            # in print, as a page of this book
            page = f" (citing {dashify(cite.page)})" if cite.page else ""
            label = number.group(1) if notes_only and number else vocabulary.place_label(cite.para)
            back += nodes.Text(label + page)
            para += back
        para += nodes.Text(".")
        if app.builder.format == "latex":  # the back-links never stand alone at the head of a page
            item += nodes.raw("", r"\nopagebreak[4]", format="latex")
        item += para


def check_every_entry_cited(app: Sphinx, env: BuildEnvironment) -> None:
    keys = _bib_keys(env)
    if not keys:
        return
    cited = {cite.key for cites in get_domain(env).works.values() for cite in cites}
    for key in sorted(keys - cited):
        logger.warning(f"bibliography entry {key!r} is cited by no note", type="apparatus", subtype="uncited")


def _scan_entry_points_once() -> None:
    """pybtex and sphinxcontrib-bibtex look up each plugin (the plaintext backend once per
    citation) by scanning every installed package's entry points, a scan of 10-20 ms each time,
    about 0.3 s for this edition. Installed packages do not change during a build: both modules
    get one scan, shared, and each selection (group and name) is made once. Listed before
    ``sphinxcontrib.bibtex`` in ``extensions``, the extension makes the scan before
    sphinxcontrib-bibtex is imported, so that its module-level look-ups share it too."""
    everything = importlib.metadata.entry_points()
    selected: dict[tuple[tuple[str, Any], ...], Any] = {}

    def entry_points(**params: Any) -> Any:
        key = tuple(sorted(params.items()))
        if key not in selected:
            selected[key] = everything.select(**params)
        return selected[key]

    for module in ("pybtex.plugin", "sphinxcontrib.bibtex.plugin"):
        with contextlib.suppress(ImportError):
            importlib.import_module(module).__dict__["entry_points"] = entry_points


def visit_work_reference_html(self: HTML5Translator, node: work_reference) -> None:
    """The citation as the link to the work's entry, as a resolved reference would be written
    (``visit_reference``: its classes, the link, the first id on the link and the others after
    it); ``refuri`` is set when the document is resolved (``resolve_works``)."""
    self.body.append(self.starttag(node, "a", "", CLASS="work-ref reference internal", href=node["refuri"]))


def depart_work_reference_html(self: HTML5Translator, node: work_reference) -> None:
    self.body.append("</a>")


def visit_citation_html(self: HTML5Translator, node: nodes.citation) -> None:
    """docutils' own entry of a bibliography, with the role its list requires: docutils gives it the
    deprecated DPUB role doc-biblioentry inside a role=list, which a screen reader does not take
    for the list's items (axe: aria-required-children, aria-deprecated-role)."""
    HTML5Translator.visit_citation(self, node)
    self.body[-1] = self.body[-1].replace('role="doc-biblioentry"', 'role="listitem"')


def setup_works(app: Sphinx) -> None:
    app.add_node(nodes.citation, override=True, html=(visit_citation_html, HTML5Translator.depart_citation))
    # HTML writes it as a link; other builders get a reference node for it at doctree-resolved
    app.add_node(work_reference, html=(visit_work_reference_html, depart_work_reference_html))
    app.add_role("work", WorkRole())
    app.add_transform(DropEmptyCitations)
    app.add_transform(JoinWorksAcrossLineStarts)
    app.connect("env-updated", index_citations)
    app.connect("doctree-resolved", resolve_works)
    app.connect("env-check-consistency", check_every_entry_cited)
    _scan_entry_points_once()
