"""Doctree nodes for editorial interventions (TEI names in the docstrings)."""

from __future__ import annotations

from docutils import nodes


class page_break(nodes.Inline, nodes.Element):
    """TEI ``<pb n="..."/>``: a page of the witness begins here. Attributes: n, ids."""


class lacuna(nodes.Inline, nodes.TextElement):
    """TEI ``<gap reason="..."/>``: text wanting in the witness; the text is the reason."""


class fragment(nodes.Inline, nodes.TextElement):
    """An orphan line of the witness outside the text flow, kept where the witness has it."""


class titleblock(nodes.General, nodes.Element):
    """The edition's title block: author, editor, date, witness; rendered per builder."""
