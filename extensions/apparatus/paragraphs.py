"""Citable places: paragraph numbers (``#p12``, ¶ 12), note anchors (``#n12``, n. 12), and the
place of every apparatus entry and citation.

Editors (or the generator) give a paragraph its anchor with a MyST target ``(p12)=``; a
transform puts its number at its start: a link in HTML, a small ¶ number in the margin of the
PDF (the opposite margin from the line numbers; it stacks with the witness's page markers),
``[¶12]`` in text. Every author's note gets the id ``n12`` beside docutils' own. Then each node
that makes an entry or cites a work learns its place (``para``): its paragraph, the abstract,
or its note.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.writers.html5 import HTML5Translator
from sphinx.writers.latex import LaTeXTranslator
from sphinx.writers.text import TextTranslator

from . import vocabulary
from .domain import Citing, Recorded


class paragraph_number(nodes.Inline, nodes.Element):
    """The number of a citable paragraph. Attributes: n, ref (the paragraph's anchor)."""


def footnote_number(node: nodes.Node) -> str:
    """The number of the author's note that holds ``node``, or ""."""
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.footnote):
            return str(parent["names"][0]) if parent["names"] else ""
        parent = parent.parent
    return ""


def citable_place(node: nodes.Node) -> str:
    """The citable place of a node: its paragraph (p12), the abstract, or its author's note (n12)."""
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.footnote):
            return vocabulary.note_anchor(parent["names"][0]) if parent["names"] else ""
        if isinstance(parent, nodes.Element):
            for ident in parent["ids"]:
                if vocabulary.PARAGRAPH_ANCHOR.match(ident) or ident == vocabulary.ABSTRACT_ANCHOR:
                    return str(ident)
        parent = parent.parent
    return ""


class NumberParagraphs(SphinxTransform):
    """Put its number at the start of every paragraph (or quotation) anchored ``p12``."""

    default_priority = 700  # after the targets are propagated (260), before the domain collects (850)

    def apply(self, **kwargs: Any) -> None:
        blocks = [
            n for n in self.document.findall(nodes.Element) if isinstance(n, (nodes.paragraph, nodes.block_quote))
        ]
        for block in blocks:
            match = next((m for m in map(vocabulary.PARAGRAPH_ANCHOR.match, block["ids"]) if m), None)
            if match is None:
                continue
            target = block if isinstance(block, nodes.paragraph) else next(iter(block.findall(nodes.paragraph)), None)
            if target is not None:
                target.insert(0, paragraph_number(n=int(match.group(1)), ref=match.group(0)))


class AnchorNotes(SphinxTransform):
    """Give each author's note the stable id ``n12``, first, so that its markers link to it and
    ``:target`` finds the note; docutils' own id stays (as a second id), so old links still work."""

    default_priority = 701

    def apply(self, **kwargs: Any) -> None:
        markers: dict[str, list[nodes.footnote_reference]] = {}
        for ref in self.document.findall(nodes.footnote_reference):
            markers.setdefault(ref.get("refid", ""), []).append(ref)
        for footnote in self.document.findall(nodes.footnote):
            if not footnote["names"] or not str(footnote["names"][0]).isdigit():
                continue
            anchor = vocabulary.note_anchor(footnote["names"][0])
            if anchor in footnote["ids"] or anchor in self.document.ids:
                continue
            old = footnote["ids"][0] if footnote["ids"] else ""
            footnote["ids"].insert(0, anchor)
            self.document.ids[anchor] = footnote
            for ref in markers.get(old, []) if old else []:
                ref["refid"] = anchor


class PlaceEntries(SphinxTransform):
    """Tell every entry and citation its citable place (``para``)."""

    default_priority = 702

    def apply(self, **kwargs: Any) -> None:
        for node in self.document.findall(nodes.Element):
            if isinstance(node, (Recorded, Citing)):
                node["para"] = citable_place(node)


def visit_paragraph_number_html(self: HTML5Translator, node: paragraph_number) -> None:
    label = vocabulary.paragraph_label(node["n"])
    self.body.append(
        self.starttag(
            node, "a", "", CLASS="pnum", href=f"#{node['ref']}", title=f"Paragraph {node['n']}: cite as {label}"
        )
    )
    self.body.append(f"{node['n']}</a>")
    raise nodes.SkipNode


def visit_paragraph_number_latex(self: LaTeXTranslator, node: paragraph_number) -> None:
    self.body.append(rf"\edpnum{{{int(node['n'])}}}")
    raise nodes.SkipNode


def visit_paragraph_number_text(self: TextTranslator, node: paragraph_number) -> None:
    self.add_text(f"[{vocabulary.paragraph_label(node['n'])}] ")
    raise nodes.SkipNode


def setup_paragraphs(app: Sphinx) -> None:
    app.add_node(
        paragraph_number,
        html=(visit_paragraph_number_html, None),
        latex=(visit_paragraph_number_latex, None),
        text=(visit_paragraph_number_text, None),
    )
    app.add_transform(NumberParagraphs)
    app.add_transform(AnchorNotes)
    app.add_transform(PlaceEntries)
