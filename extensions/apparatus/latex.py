"""LaTeX: line numbers (lineno), a line-keyed foot apparatus (manyfoot series B), margin pages.

Entries for interventions inside the author's notes cannot be footnotes within footnotes
(the inner insert is lost), so they are deferred and set right after the note, keyed to the
line of its marker and labelled with the note's number.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes as dn
from sphinx.writers.latex import LaTeXTranslator

from . import nodes

PREAMBLE = r"""
% apparatus: line numbers, foot apparatus keyed to lines, original pagination in the margin
\usepackage[modulo]{lineno}
\modulolinenumbers[5]
\renewcommand{\linenumberfont}{\normalfont\scriptsize\oldstylenums}
\usepackage[para]{manyfoot}
\DeclareNewFootnote[para]{B}
\DeclareNewFootnote{C}
\SelectFootnoteRule[default]{B}
\newcommand{\edpb}[1]{\textbar\ifinner\else\marginpar{\raggedright\footnotesize\itshape W#1}\fi}
\newcommand{\edpbalone}[1]{\vspace*{-\baselineskip}\noindent\marginpar{\raggedright\footnotesize\itshape\vspace*{\baselineskip}\vspace*{\parskip}W#1}}
\newcommand{\edlacuna}[1]{{\normalfont[\,\ldots\,]}\ \textit{#1}}
\newcommand{\edfragment}[1]{{\footnotesize[\textit{orphan line of W:} #1]}}
\newcommand{\edapp}[3]{\hypertarget{app:#1}{}\linelabel{app:#1}\FootnotetextB{}{\textbf{\lineref{app:#1}}#2\enspace #3\enskip}}
\newcommand{\edsic}[1]{#1\textsuperscript{\kern.1em\textit{sic}}}
% links keep the words' own typography (Sphinx would set cross-references in italic)
\protected\def\sphinxcrossref#1{#1}
% the bibliography: no labels (they mean nothing in a notes-style article), hanging indent; no heading
% of its own (Sphinx sets the entries at the end of the book, right after the Bibliography page)
\makeatletter
\renewcommand{\@biblabel}[1]{}
\renewenvironment{sphinxthebibliography}[1]{%
  \list{}{\leftmargin=1.5em\itemindent=-1.5em\itemsep=0.35em\parsep=0pt
  \labelwidth=0pt\labelsep=0pt\usecounter{enumiv}}\sloppy\small}{\endlist}
\makeatother
"""


def depart_nothing(self: Any, node: dn.Element) -> None:
    pass


class ApparatusLaTeXTranslator(LaTeXTranslator):
    """Sphinx's translator, plus: apparatus entries deferred out of footnotes."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.apparatus_deferred: list[str] = []

    def depart_footnote(self, node: dn.Element) -> None:
        super().depart_footnote(node)
        if self.apparatus_deferred:
            self.body.append("".join(self.apparatus_deferred))
            self.apparatus_deferred.clear()


def _in_footnote(node: dn.Node) -> str:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, dn.footnote):
            return parent["names"][0] if parent["names"] else "?"
        parent = parent.parent
    return ""


def visit_reading(self: Any, node: nodes.reading) -> None:
    ident = node["ids"][0]
    shown = self.encode(node.astext())
    self.body.append(self.hypertarget(ident, anchor=True))
    if node["kind"] == "emendation":
        self.body.append(shown)
        entry = rf"{shown}]\enspace {self.encode(node.get('wit', ''))}\ \textit{{W}}"
    elif node["kind"] == "supplied":
        self.body.append(f"[{shown}]")
        entry = rf"[{shown}]]\enspace\textit{{supplied; wanting in}} W"
    else:
        self.body.append(rf"\edsic{{{shown}}}")
        entry = rf"{shown}]\enspace\textit{{sic}} W"
        if node.get("corr"):
            entry += rf"; \textit{{fort.}} {self.encode(node['corr'])}"
    cert = node.get("cert", "certain")
    if cert != "certain":
        entry += rf" \textit{{({cert})}}"
    note = _in_footnote(node)
    where = rf"\ \textit{{n.\,{note}}}" if note else ""
    markup = rf"\edapp{{{ident}}}{{{where}}}{{{entry}}}"
    if note:
        self.apparatus_deferred.append(markup)
    else:
        self.body.append(markup)
    raise dn.SkipNode


def visit_page_break(self: Any, node: nodes.page_break) -> None:
    alone = isinstance(node.parent, dn.paragraph) and len(node.parent.children) == 1
    # a page that begins with a heading: the marker goes in the margin, with no line of its own
    macro = "edpbalone" if alone else "edpb"
    self.body.append(self.hypertarget(f"W{node['n']}", anchor=True) + rf"\{macro}{{{node['n']}}}")
    raise dn.SkipNode


def visit_lacuna(self: Any, node: nodes.lacuna) -> None:
    self.body.append(self.hypertarget(node["ids"][0], anchor=True) + rf"\edlacuna{{{self.encode(node.astext())}}}")
    raise dn.SkipNode


def visit_fragment(self: Any, node: nodes.fragment) -> None:
    self.body.append(self.hypertarget(node["ids"][0], anchor=True) + rf"\edfragment{{{self.encode(node.astext())}}}")
    raise dn.SkipNode


def visit_titleblock(self: Any, node: nodes.titleblock) -> None:
    raise dn.SkipNode  # the PDF's title block is \maketitle, set from conf.py


def visit_paragraph_number(self: Any, node: nodes.paragraph_number) -> None:
    raise dn.SkipNode  # the PDF is cited by page and line


def visit_apparatus_list(self: Any, node: nodes.apparatus_list) -> None:
    raise dn.SkipNode


def visit_work_reference(self: Any, node: dn.Element) -> None:
    self.body.append(self.encode(node.astext()))
    raise dn.SkipNode


def visit_proposal_form(self: Any, node: dn.Element) -> None:
    raise dn.SkipNode  # a form has no place in print


def visit_editorial_note(self: Any, node: nodes.editorial_note) -> None:
    """A lettered note of the editors at the page foot (series C); out of a footnote, deferred."""
    letter = node.get("letter", "*")
    self.body.append(self.hypertarget(node["ids"][0], anchor=True) + rf"\textsuperscript{{\textit{{{letter}}}}}")
    markup = rf"\FootnotetextC{{\textit{{{letter}}}}}{{{self.encode(node.astext())}}}"
    if _in_footnote(node):
        self.apparatus_deferred.append(markup)
    else:
        self.body.append(markup)
    raise dn.SkipNode


def visit_line_break(self: Any, node: dn.Element) -> None:
    raise dn.SkipNode  # print is cited by its own lines; W's lines are in the HTML diplomatic view
