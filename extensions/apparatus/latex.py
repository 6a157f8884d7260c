"""LaTeX visitors; the macros they call are defined in ``latex_preamble`` (see PREAMBLE)."""

from __future__ import annotations

from typing import Any

from docutils import nodes as dn

from . import nodes

PREAMBLE = r"""
% apparatus: original pagination in the margin, lacunae, fragments
\newcommand{\edpb}[1]{\phantomsection\label{W#1}\textbar\ifinner\else\marginpar{\raggedright\footnotesize\itshape W#1}\fi}
\newcommand{\edlacuna}[1]{{\normalfont[\,\ldots\,]}\ \textit{#1}}
\newcommand{\edfragment}[1]{{\footnotesize[\textit{orphan line of W:} #1]}}
"""


def depart_nothing(self: Any, node: dn.Element) -> None:
    pass


def visit_page_break(self: Any, node: nodes.page_break) -> None:
    self.body.append(rf"\edpb{{{node['n']}}}")
    raise dn.SkipNode


def visit_lacuna(self: Any, node: nodes.lacuna) -> None:
    self.body.append(rf"\edlacuna{{{self.encode(node.astext())}}}")
    raise dn.SkipNode


def visit_fragment(self: Any, node: nodes.fragment) -> None:
    self.body.append(rf"\edfragment{{{self.encode(node.astext())}}}")
    raise dn.SkipNode


def visit_titleblock(self: Any, node: nodes.titleblock) -> None:
    raise dn.SkipNode  # the PDF's title block is \maketitle, set from conf.py
