"""The witness's own layout: its pages (``{pb}``), its lines (``{lb}``), an orphan line
(``{fragment}``) and text it wants (``{lacuna}``).

``{pb}`5 [line: 101]``` page 5 of the witness begins (at its line 101): a marker in the margin,
anchor ``#W5`` (the siglum comes from ``apparatus_siglum``). ``{lb}`42```, ``{lb}`42-```
(the line before ends in a hyphen the reading text drops), ``{lb}`42 first``` (the first line
of a block): the diplomatic view breaks and numbers the witness's lines. ``{lacuna}`reason
[line: N; page: P]``` and ``{fragment}`text [line: N; page: P]```.

The transform ``PlaceOnPages`` gives every apparatus entry the page and line of the witness
where it stands, unless its markup says so itself: the last ``{pb}``/``{lb}`` before it, and
inside an author's note, the place of the note's marker (the line of a wanting note's marker
is the place of its gap) or a line of the note itself.
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.writers.html5 import HTML5Translator
from sphinx.writers.latex import LaTeXTranslator
from sphinx.writers.text import TextTranslator

from . import vocabulary
from .domain import Entry, Recorded
from .fields import ApparatusRole, place


class page_break(nodes.Inline, Recorded):
    """TEI ``<pb n="5"/>``: a page of the witness begins here. Attributes: n, ids, line."""

    def entry(self, docname: str) -> Entry:
        return Entry(self["ids"][0], "pb", docname, self.get("para", ""), self["n"], self.get("line"))


class line_break(nodes.Inline, nodes.Element):
    """TEI ``<lb n="42"/>``: a line of the witness begins. Attributes: n, hyphen (the line-end
    hyphen the reading text drops), first (the first line of a block)."""


class lacuna(nodes.Inline, Recorded, nodes.TextElement):
    """TEI ``<gap reason="…"/>``: text wanting in the witness; the text is the reason."""

    def entry(self, docname: str) -> Entry:
        return Entry(
            self["ids"][0], "gap", docname, self.get("para", ""), self.get("page"), self.get("line"), note=self.astext()
        )


class fragment(nodes.Inline, Recorded, nodes.TextElement):
    """An orphan line of the witness outside the text flow, kept where the witness has it."""

    def entry(self, docname: str) -> Entry:
        return Entry(
            self["ids"][0],
            "fragment",
            docname,
            self.get("para", ""),
            self.get("page"),
            self.get("line"),
            witness=self.astext(),
            note="orphan line of the witness, outside the text flow",
        )


class PageBreakRole(ApparatusRole):
    """``{pb}`5``` or ``{pb}`5 [line: 101]```."""

    fields_of = "pb"

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        read = self.read_fields(required=False)
        if read is None:
            return [], []
        shown, fields = read
        n = shown.strip()
        if not n.isdigit():
            self.warn("the page number must be a whole number", "malformed")
            return [], []
        anchor = vocabulary.page_anchor(self.config.apparatus_siglum, n)
        return [self.located(page_break(n=int(n), ids=[anchor], **place(fields)))], []


class LineBreakRole(ApparatusRole):
    """``{lb}`42```, ``{lb}`42-``` or ``{lb}`42 first```."""

    fields_of = "pb"
    _SHAPE = re.compile(r"\s*(\d+)(-?)\s*(first)?\s*")

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        match = self._SHAPE.fullmatch(self.text)
        if not match:
            self.warn("expected a line number, '42-' or '42 first'", "malformed")
            return [], []
        return [line_break(n=int(match.group(1)), hyphen=match.group(2), first=bool(match.group(3)))], []


class TextRole(ApparatusRole):
    """``{lacuna}`` and ``{fragment}``: the text becomes one node, with a stable id."""

    def __init__(self, node_class: type[lacuna | fragment], kind: str) -> None:
        super().__init__()
        self.node_class = node_class
        self.kind = kind

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        read = self.read_fields(required=False)
        if read is None:
            return [nodes.Text(self.text)], []
        shown, fields = read
        ident = fields.get("id") or self.next_id(self.kind)
        node = self.node_class(self.rawtext, shown, ids=[ident], **place(fields))
        return [self.located(node)], []


class PlaceOnPages(SphinxTransform):
    """Give every entry the page and line of the witness where it stands (see the module)."""

    default_priority = 703  # after the places (702), before the domain collects (850)

    def apply(self, **kwargs: Any) -> None:
        # one pass: the notes stand after the text (MyST sets them at the end), so every marker
        # is placed before its note is reached
        at_marker: dict[str, tuple[int | None, int | None]] = {}
        page: int | None = None
        line: int | None = None
        for node in self.document.findall(nodes.Element):
            if isinstance(node, nodes.footnote):
                page, line = next((at_marker[ref] for ref in node["backrefs"] if ref in at_marker), (None, None))
            elif isinstance(node, page_break):
                node.setdefault("line", line)
                page, line = node["n"], node["line"]
            elif isinstance(node, line_break):
                line = node["n"]
            elif isinstance(node, nodes.footnote_reference) and node["ids"]:
                at_marker[node["ids"][0]] = (page, line)
            elif isinstance(node, Recorded):
                node.setdefault("page", page)
                node.setdefault("line", line)


class lined_text(nodes.Inline, nodes.TextElement):
    """HTML only: a run of text with the witness's line starts inside it, as one text (so the
    search index sees "exacerbate", not "exacer" and "bate"). Attribute: pieces, the run's
    texts and line breaks in order (a str, or the attributes of a ``line_break``)."""


class JoinLines(SphinxPostTransform):
    """HTML: each run of text and line starts becomes one ``lined_text``."""

    default_priority = 900
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        parents = {id(lb.parent): lb.parent for lb in self.document.findall(line_break) if lb.parent is not None}
        for parent in parents.values():
            children: list[nodes.Node] = []
            run: list[nodes.Node] = []
            for child in [*parent.children, None]:
                if isinstance(child, (nodes.Text, line_break)):
                    run.append(child)
                    continue
                children += self._joined(run)
                run = []
                if child is not None:
                    children.append(child)
            parent.children = []
            parent.extend(children)

    @staticmethod
    def _joined(run: list[nodes.Node]) -> list[nodes.Node]:
        if not any(isinstance(node, line_break) for node in run):
            return run
        pieces = [node.attributes.copy() if isinstance(node, line_break) else node.astext() for node in run]
        text = "".join(piece for piece in pieces if isinstance(piece, str))
        return [lined_text("", text, pieces=pieces)]


# HTML


def visit_page_break_html(self: HTML5Translator, node: page_break) -> None:
    anchor, n, siglum = node["ids"][0], node["n"], self.config.apparatus_siglum
    self.body.append(
        self.starttag(node, "span", "", CLASS="pb", role="note", **{"aria-label": f"Page {n} of the witness begins"})
    )
    self.body.append(
        f'<a class="pb-link" href="#{anchor}" title="Page {n} of witness {self.encode(siglum)} begins here">'
    )
    self.body.append(f"{self.encode(anchor)}</a></span>")
    raise nodes.SkipNode


def visit_line_break_html(self: HTML5Translator, node: line_break) -> None:
    attributes = {"data-n": str(int(node["n"]))}
    if node["hyphen"]:
        attributes["data-hyphen"] = node["hyphen"]
    if node["first"]:
        attributes["data-first"] = ""
    self.body.append(self.starttag(node, "span", "", CLASS="lb", **attributes) + "</span>")
    if node.parent is not None:  # (a line break inside a lined_text has no parent)
        raise nodes.SkipNode


def visit_lined_text_html(self: HTML5Translator, node: lined_text) -> None:
    for piece in node["pieces"]:
        if isinstance(piece, str):
            self.visit_Text(nodes.Text(piece))
        else:
            visit_line_break_html(self, line_break(**piece))
    raise nodes.SkipNode


def visit_lacuna_html(self: HTML5Translator, node: lacuna) -> None:
    self.body.append(self.starttag(node, "span", "", CLASS="lacuna", role="note"))
    self.body.append(f'<span class="lacuna-mark" aria-hidden="true">⟨…⟩</span> {self.encode(node.astext())}</span>')
    raise nodes.SkipNode


def visit_fragment_html(self: HTML5Translator, node: fragment) -> None:
    siglum = self.config.apparatus_siglum
    self.body.append(
        self.starttag(
            node,
            "span",
            "",
            CLASS="fragment",
            role="note",
            title="An orphan line of the witness, outside the text flow",
        )
    )
    self.body.append(
        f'<span class="fragment-label">orphan line of {self.encode(siglum)}:</span> {self.encode(node.astext())}</span>'
    )
    raise nodes.SkipNode


# LaTeX (macros in apparatus.sty)


def visit_page_break_latex(self: LaTeXTranslator, node: page_break) -> None:
    alone = isinstance(node.parent, nodes.paragraph) and len(node.parent.children) == 1
    # a page that begins with a heading: the marker goes in the margin, with no line of its own
    macro = "edpbalone" if alone else "edpb"
    self.body.append(self.hypertarget(node["ids"][0], anchor=True) + rf"\{macro}{{{int(node['n'])}}}")
    raise nodes.SkipNode


def visit_lacuna_latex(self: LaTeXTranslator, node: lacuna) -> None:
    self.body.append(self.hypertarget(node["ids"][0], anchor=True) + rf"\edlacuna{{{self.encode(node.astext())}}}")
    raise nodes.SkipNode


def visit_fragment_latex(self: LaTeXTranslator, node: fragment) -> None:
    self.body.append(self.hypertarget(node["ids"][0], anchor=True) + rf"\edfragment{{{self.encode(node.astext())}}}")
    raise nodes.SkipNode


def visit_line_break_latex(self: LaTeXTranslator, node: line_break) -> None:
    raise nodes.SkipNode  # print is cited by its own lines; the witness's are in the HTML diplomatic view


# text


def visit_page_break_text(self: TextTranslator, node: page_break) -> None:
    self.add_text(f"[{node['ids'][0]}]")
    raise nodes.SkipNode


def visit_lacuna_text(self: TextTranslator, node: lacuna) -> None:
    self.add_text(f"[lacuna: {node.astext()}]")
    raise nodes.SkipNode


def visit_fragment_text(self: TextTranslator, node: fragment) -> None:
    self.add_text(f"[orphan line of {self.config.apparatus_siglum}: {node.astext()}]")
    raise nodes.SkipNode


def visit_line_break_text(self: TextTranslator, node: line_break) -> None:
    raise nodes.SkipNode


def setup_pagination(app: Sphinx) -> None:
    app.add_node(
        page_break,
        html=(visit_page_break_html, None),
        latex=(visit_page_break_latex, None),
        text=(visit_page_break_text, None),
    )
    app.add_node(
        line_break,
        html=(visit_line_break_html, None),
        latex=(visit_line_break_latex, None),
        text=(visit_line_break_text, None),
    )
    app.add_node(
        lacuna, html=(visit_lacuna_html, None), latex=(visit_lacuna_latex, None), text=(visit_lacuna_text, None)
    )
    app.add_node(
        fragment, html=(visit_fragment_html, None), latex=(visit_fragment_latex, None), text=(visit_fragment_text, None)
    )
    app.add_role("pb", PageBreakRole())
    app.add_role("lb", LineBreakRole())
    app.add_role("lacuna", TextRole(lacuna, "gap"))
    app.add_role("fragment", TextRole(fragment, "fragment"))
    app.add_node(lined_text, html=(visit_lined_text_html, None))
    app.add_transform(PlaceOnPages)
    app.add_post_transform(JoinLines)
