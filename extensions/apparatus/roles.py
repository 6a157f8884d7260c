"""Roles editors write by hand: ``{pb}`5```, ``{lacuna}`reason```, ``{fragment}`text```."""

from __future__ import annotations

from docutils import nodes as dn
from sphinx.util.docutils import SphinxRole

from . import nodes


class PageBreakRole(SphinxRole):
    def run(self) -> tuple[list[dn.Node], list[dn.system_message]]:
        n = self.text.strip()
        if not n.isdigit():
            msg = self.inliner.reporter.warning(
                f"pb: the page number must be a whole number, not {n!r}", line=self.lineno
            )
            return [], [msg]
        node = nodes.page_break(n=int(n), ids=[f"W{n}"])
        node.source, node.line = self.get_source_info()
        self.env.get_domain("edition").note_intervention(  # type: ignore[attr-defined]
            self.env.docname, {"id": f"W{n}", "type": "pb", "page": int(n), "lemma": "", "witness": ""}
        )
        return [node], []


class LacunaRole(SphinxRole):
    def run(self) -> tuple[list[dn.Node], list[dn.system_message]]:
        domain = self.env.get_domain("edition")
        ident = domain.next_id(self.env.docname, "gap")  # type: ignore[attr-defined]
        node = nodes.lacuna(self.rawtext, self.text, ids=[ident])
        node.source, node.line = self.get_source_info()
        domain.note_intervention(  # type: ignore[attr-defined]
            self.env.docname, {"id": ident, "type": "gap", "lemma": "", "witness": "", "note": self.text}
        )
        return [node], []


class FragmentRole(SphinxRole):
    def run(self) -> tuple[list[dn.Node], list[dn.system_message]]:
        domain = self.env.get_domain("edition")
        ident = domain.next_id(self.env.docname, "fragment")  # type: ignore[attr-defined]
        node = nodes.fragment(self.rawtext, self.text, ids=[ident])
        domain.note_intervention(  # type: ignore[attr-defined]
            self.env.docname,
            {"id": ident, "type": "fragment", "lemma": "", "witness": self.text, "note": "orphan line of W"},
        )
        return [node], []
