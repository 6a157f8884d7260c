"""Readings: ``{emend}`` (the edition corrects the witness), ``{sic}`` (the witness's reading
kept, flagged) and ``{supplied}`` (editors' text where the witness has none).

``{emend}`READING [wit: WITNESS READING; cat: spelling; cert: certain; resp: ET; line: 42;
page: 3; id: e02; note: …]```, ``{sic}`WITNESS READING [corr: SUGGESTION; cert: possible;
note: …]```; ``lb: 16:567`` (line 567 of W begins 16 characters into W's reading; ``16:567-``
after a hyphen the reading drops) when W's words run across a line end;
``{supplied}`TEXT [cat: omission; cert: probable; note: …]``` (the note says why; ``reason: …``,
TEI's ``supplied/@reason``, may stand for it or before it: both are kept, the reason first, as
the entry's one note). One node, three kinds (TEI ``choice/corr+sic``, ``sic``, ``supplied``;
``vocabulary.READING_ROLES``). HTML: the reading with a popover; the diplomatic view shows the
witness's reading. Print: the reading in the text, its entry at the page foot keyed to the line
(``42 normalization] normalizaiton W``). Text: ``reading [W: …]``.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator
from sphinx.writers.latex import LaTeXTranslator
from sphinx.writers.text import TextTranslator

from . import vocabulary
from .domain import Entry, Recorded
from .fields import ApparatusRole, place
from .footentries import HasFootEntry, start_latex
from .markup import disclosure, element, popover
from .pagination import lined_html
from .printtype import latex_text


class reading(nodes.Inline, Recorded, HasFootEntry, nodes.TextElement):
    """The text is what the edition shows; attributes: kind (one of vocabulary.READING_ROLES' kinds),
    wit (the witness's reading), corr (a suggested reading, for sic), cat, cert, resp, date, line,
    page, note, ids, para (its citable place), and starts: W's line starts inside W's reading
    (``[offset, n, hyphen, first]``, as a ``lined_text`` has them), when its words run across
    a line end of W."""

    def entry(self, docname: str) -> Entry:
        shown, kind = self.astext(), self["kind"]
        return Entry(
            self["ids"][0],
            kind,
            docname,
            self.get("para", ""),
            self.get("page"),
            self.get("line"),
            lemma=shown if kind in ("emendation", "supplied") else self.get("corr", ""),
            witness=self.get("wit", "") if kind == "emendation" else ("" if kind == "supplied" else shown),
            note=self.get("note", ""),
            category=self.get("cat", ""),
            certainty=self.get("cert", ""),
            resp=self.get("resp", ""),
            date=self.get("date", ""),
        )


class witness_words(nodes.raw):
    """HTML only: W's words of an emendation for the search index (Sphinx's indexer reads a raw
    HTML node's text), after the reading; never written (W's words are in the reading's markup)."""


def index_witness_words(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """A reader who searches for W's spelling ("normalizaiton") finds the page where W has it: W's
    words of each emendation go into the search index (apparatus.js keeps them in the snippet of
    a page found by them, apparatus.css marks the edition's reading where W's is hidden)."""
    if app.builder.format != "html" or getattr(app.builder, "indexer", None) is None:
        return
    for node in list(doctree.findall(reading)):
        if node["kind"] == "emendation" and node.get("wit"):
            # W's words as they are: never written, only read by the indexer (which would index "&amp;" as "amp")
            node.parent.insert(node.parent.index(node) + 1, witness_words("", node["wit"], format="html"))


def visit_witness_words_html(self: HTML5Translator, node: witness_words) -> None:
    raise nodes.SkipNode  # its words are for the index alone: the page has them in the reading's markup


def reason_and_note(reason: str, note: str) -> str:
    """The note of supplied text from ``reason`` and ``note``: both, the reason first, joined by
    "; " (by a space after a reason that ends in a stop): nothing an editor wrote is dropped."""
    if not (reason and note):
        return reason or note
    return f"{reason}{'' if reason[-1] in '.;:!?' else ';'} {note}"


class ReadingRole(ApparatusRole):
    def __init__(self, role: str) -> None:
        super().__init__()
        self.kind = vocabulary.READING_ROLES[role]
        self.fields_of = role

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        read = self.read_fields()
        if read is None:
            return [nodes.Text(self.text)], []
        shown, fields = read
        if self.kind == "emendation" and "wit" not in fields:
            self.warn("wit (the witness reading) is required", "missing_field")
            return [nodes.Text(shown)], []
        if "reason" in fields:
            fields["note"] = reason_and_note(fields.pop("reason"), fields.get("note", ""))
        fields.setdefault("resp", self.config.apparatus_resp)
        ident = fields.pop("id", "") or self.next_id(self.kind)
        starts: list[list[object]] = []
        if "lb" in fields:  # W's line starts inside W's reading
            read_starts = vocabulary.line_starts(fields.pop("lb"), len(fields.get("wit", shown)))
            if read_starts is None:
                self.warn("lb must be 'OFFSET:LINE' or 'OFFSET:LINE-', in order, inside W's reading", "invalid_value")
                return [nodes.Text(shown)], []
            starts = [[offset, line, hyphen, False] for offset, line, hyphen in read_starts]
        node = reading(self.rawtext, shown, kind=self.kind, ids=[ident], **{**fields, **place(fields)})
        if starts:
            node["starts"] = starts
        return [self.located(node)], []


# HTML


def _describe(node: reading) -> str:
    return " · ".join([node["kind"], *(node[key] for key in ("cat", "cert") if node.get(key))])


def _summary(node: reading, siglum: str) -> str:
    """A short account of what the editors did, for a screen reader (the word's description): the
    popover's first lines, without its note, place and link."""
    kind = node["kind"]
    if kind == "emendation":  # both readings: in the diplomatic view the word shown is W's
        said = f"{siglum} reads {node.get('wit', '')}; the edition reads {node.astext()}"
    elif kind == "supplied":
        said = f"supplied by the editors: wanting in {siglum}"
    else:
        said = f"kept as {siglum} reads it" + (f"; perhaps {node['corr']}" if node.get("corr") else "")
    return f"{_describe(node)}; {said}"


def visit_reading_html(self: HTML5Translator, node: reading) -> None:
    enc = self.encode
    kind, siglum = node["kind"], self.config.apparatus_siglum
    shown = enc(node.astext())
    said = []
    if kind == "emendation":
        # W's words set off as a box, not in quotation marks: W's own marks stay W's
        quoted = element(self, "span", enc(node.get("wit", "")), CLASS="app-pop-words")
        said.append(element(self, "span", f"{enc(siglum)} reads {quoted}", CLASS="app-pop-wit"))
        # the diplomatic view shows W's words in the text: the popover gives the edition's (CSS shows it there only)
        ours = element(self, "span", shown, CLASS="app-pop-words")
        said.append(element(self, "span", f"the edition reads {ours}", CLASS="app-pop-rdg"))
    elif kind == "supplied":
        said.append(element(self, "span", f"supplied by the editors: wanting in {enc(siglum)}", CLASS="app-pop-wit"))
    else:
        said.append(element(self, "span", f"kept as {enc(siglum)} reads it", CLASS="app-pop-wit"))
        if node.get("corr"):
            quoted = element(self, "span", enc(node["corr"]), CLASS="app-pop-words")
            said.append(element(self, "span", f"perhaps {quoted}", CLASS="app-pop-wit"))
    pop = popover(self, node, _describe(node), said, node.astext())
    starts = node.get("starts", [])  # W's line starts in W's reading, for the diplomatic view
    if kind == "emendation":
        inner = element(self, "span", shown, CLASS="rdg") + element(
            self, "span", lined_html(self, node.get("wit", ""), starts), CLASS="wit"
        )
    elif kind == "supplied":
        inner = element(self, "span", f"[{shown}]", CLASS="rdg") + element(self, "span", CLASS="wit")
    else:
        inner = element(self, "span", lined_html(self, node.astext(), starts), CLASS="wit-kept") + element(
            self, "span", "sic", CLASS="sic-mark", **{"aria-hidden": "true"}
        )
    disclosure(
        self,
        node,
        inner,
        pop,
        kind=kind,
        description=_summary(node, siglum),
        # supplied words have no text in the diplomatic view (W has none): their names say what stands there
        words=node.astext() if kind != "supplied" else f"[{node.astext()}]",
        label=f"[{node.astext()}] (supplied)" if kind == "supplied" else "",
    )
    raise nodes.SkipNode


# LaTeX (macros in apparatus.sty)


def visit_reading_latex(self: LaTeXTranslator, node: reading) -> None:
    shown = latex_text(self, node.astext())  # a web address breaks as a URL does
    self.body.append(start_latex(self, node))  # its entry keyed to the line where its words begin
    if node["kind"] == "emendation":
        self.body.append(shown)
    elif node["kind"] == "supplied":
        self.body.append(f"[{shown}]")
    else:
        self.body.append(rf"\edsic{{{shown}}}")
    raise nodes.SkipNode


# text


def visit_reading_text(self: TextTranslator, node: reading) -> None:
    if node["kind"] == "supplied":
        self.add_text(f"[{node.astext()}]")
    elif node["kind"] == "emendation":
        self.add_text(f"{node.astext()} [{self.config.apparatus_siglum}: {node.get('wit', '')}]")
    else:
        self.add_text(f"{node.astext()} [sic]")
    raise nodes.SkipNode


def setup_readings(app: Sphinx) -> None:
    app.add_node(
        reading, html=(visit_reading_html, None), latex=(visit_reading_latex, None), text=(visit_reading_text, None)
    )
    app.add_node(witness_words, html=(visit_witness_words_html, None))
    app.connect("doctree-resolved", index_witness_words, priority=900)  # after every listener that reads the text
    for role in vocabulary.READING_ROLES:
        app.add_role(role, ReadingRole(role))
