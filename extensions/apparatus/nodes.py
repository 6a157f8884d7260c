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


class reading(nodes.Inline, nodes.TextElement):
    """TEI ``<choice><corr/><sic/></choice>`` or a kept ``<sic/>``.

    The text is what the edition shows; attributes: kind ('emendation' or 'sic'), wit (the
    witness reading), corr (a suggested reading, for sic), cat, cert, resp, line, page, note,
    ids, and para (the anchor of its paragraph or note, set when collected).
    """


class paragraph_number(nodes.Inline, nodes.Element):
    """The number of a citable paragraph (``#p12``)."""


class apparatus_list(nodes.General, nodes.Element):
    """Placeholder for the generated list of emendations (replaced at doctree-resolved)."""


class work_reference(nodes.Inline, nodes.TextElement):
    """A passage of the author's wording that cites a work: attributes key, page, ids.
    Replaced at doctree-resolved by a link to the work's entry in the bibliography."""


class proposal_form(nodes.General, nodes.Element):
    """The editors' form for proposing a correction (HTML only)."""


class editorial_note(nodes.Inline, nodes.TextElement):
    """TEI ``<note resp="#editor">``: an editors' note, in a lettered series of its own
    (never renumbering the author's notes). Attributes: ids, letter (set when collected), resp."""


class line_break(nodes.Inline, nodes.Element):
    """TEI ``<lb n="42"/>``: a line of the witness begins. Attributes: n, hyphen (the line-end
    hyphen the reading text drops), first (the first line of a block). Shown in the diplomatic view."""
