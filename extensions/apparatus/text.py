"""Plain-text visitors: readable marks for the apparatus."""

from __future__ import annotations

from typing import Any

from docutils import nodes as dn

from . import nodes


def depart_nothing(self: Any, node: dn.Element) -> None:
    pass


def visit_page_break(self: Any, node: nodes.page_break) -> None:
    self.add_text(f"[W{node['n']}]")
    raise dn.SkipNode


def visit_lacuna(self: Any, node: nodes.lacuna) -> None:
    self.add_text(f"[lacuna: {node.astext()}]")
    raise dn.SkipNode


def visit_fragment(self: Any, node: nodes.fragment) -> None:
    self.add_text(f"[orphan line of W: {node.astext()}]")
    raise dn.SkipNode


def visit_titleblock(self: Any, node: nodes.titleblock) -> None:
    meta = node["meta"]
    self.add_text(f"{meta['author']}. Edited by {', '.join(meta['editors'])}, {meta['edition_date']}.")
    raise dn.SkipNode


def visit_reading(self: Any, node: nodes.reading) -> None:
    if node["kind"] == "supplied":
        self.add_text(f"[{node.astext()}]")
    elif node["kind"] == "emendation":
        self.add_text(f"{node.astext()} [W: {node.get('wit', '')}]")
    else:
        self.add_text(f"{node.astext()} [sic]")
    raise dn.SkipNode


def visit_paragraph_number(self: Any, node: nodes.paragraph_number) -> None:
    self.add_text(f"[¶{node['n']}] ")
    raise dn.SkipNode


def visit_apparatus_list(self: Any, node: nodes.apparatus_list) -> None:
    raise dn.SkipNode


def visit_work_reference(self: Any, node: dn.Element) -> None:
    self.add_text(node.astext())
    raise dn.SkipNode


def visit_proposal_form(self: Any, node: dn.Element) -> None:
    self.add_text("(The form for proposing a correction is in the HTML edition.)")
    raise dn.SkipNode


def visit_editorial_note(self: Any, node: nodes.editorial_note) -> None:
    self.add_text(f"[{node.get('letter', '*')}: {node.astext()}]")
    raise dn.SkipNode


def visit_line_break(self: Any, node: dn.Element) -> None:
    raise dn.SkipNode
