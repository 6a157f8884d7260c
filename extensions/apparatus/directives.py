"""Directives: the title block, filled from the ``edition_metadata`` configuration value."""

from __future__ import annotations

from docutils import nodes as dn
from sphinx.util.docutils import SphinxDirective

from . import nodes


class TitleBlockDirective(SphinxDirective):
    has_content = False

    def run(self) -> list[dn.Node]:
        meta = self.config.edition_metadata
        missing = [key for key in ("title", "author", "editors", "edition_date") if key not in meta]
        if missing:
            msg = self.state.document.reporter.warning(
                f"edition-titleblock: edition_metadata lacks {', '.join(missing)}", line=self.lineno
            )
            return [msg]
        return [nodes.titleblock(meta=dict(meta))]


class ApparatusListDirective(SphinxDirective):
    """``{apparatus-list}``: the list of emendations and sic, generated from the whole edition."""

    has_content = False

    def run(self) -> list[dn.Node]:
        return [nodes.apparatus_list()]


class ProposalFormDirective(SphinxDirective):
    """``{proposal-form}``: a form that writes a proposal file for ``edition propose FILE``."""

    has_content = False

    def run(self) -> list[dn.Node]:
        return [nodes.proposal_form()]
