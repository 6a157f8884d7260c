"""The editorial apparatus for Sphinx: emendations, sic, lacunae, page breaks, fragments.

``setup()`` only wires: node classes and their per-builder visitors, roles, directives, the
domain that collects every intervention across documents (parallel safe), the generated list
of emendations, and the apparatus.json writer. This extension knows nothing of OCR or of one
article; it reads only its MyST markup and the ``edition_metadata`` configuration value.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from . import bibstyle, collect, directives, domain, html, latex, listing, nodes, roles, text, works

NODES = (
    "page_break",
    "lacuna",
    "fragment",
    "titleblock",
    "reading",
    "paragraph_number",
    "apparatus_list",
    "work_reference",
    "proposal_form",
    "editorial_note",
    "line_break",
)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("edition_metadata", {}, "env", types=[dict])
    for name in NODES:
        app.add_node(
            getattr(nodes, name),
            html=(getattr(html, f"visit_{name}"), html.depart_nothing),
            latex=(getattr(latex, f"visit_{name}"), latex.depart_nothing),
            text=(getattr(text, f"visit_{name}"), text.depart_nothing),
        )
    app.add_role("pb", roles.PageBreakRole())
    app.add_role("lacuna", roles.TextNodeRole(nodes.lacuna, "gap"))
    app.add_role("fragment", roles.TextNodeRole(nodes.fragment, "fragment"))
    app.add_role("emend", roles.ReadingRole("emendation"))
    app.add_role("sic", roles.ReadingRole("sic"))
    app.add_role("work", roles.WorkRole())
    app.add_role("supplied", roles.ReadingRole("supplied"))
    app.add_role("ednote", roles.EditorialNoteRole())
    app.add_role("lb", roles.LineBreakRole())
    bibstyle.register()
    app.add_directive("edition-titleblock", directives.TitleBlockDirective)
    app.add_directive("apparatus-list", directives.ApparatusListDirective)
    app.add_directive("proposal-form", directives.ProposalFormDirective)
    app.add_domain(domain.EditionDomain)
    app.set_translator("latex", latex.ApparatusLaTeXTranslator)
    app.connect("doctree-read", collect.collect_interventions)
    app.connect("env-get-outdated", collect.outdated_listings)
    app.connect("doctree-read", works.collect_works)
    app.connect("doctree-resolved", listing.process_apparatus_lists)
    app.connect("doctree-resolved", works.resolve_works)
    app.connect("env-check-consistency", works.check_every_entry_cited)
    app.connect("builder-inited", html.add_static_path)
    app.connect("build-finished", html.write_apparatus_json)
    app.add_css_file("apparatus.css")
    app.add_js_file("apparatus.js")
    app.add_js_file("propose.js")
    app.setup_extension(__name__ + ".takeaway")  # downloads, citation, licence, block texts
    return {"version": "0.2", "env_version": 2, "parallel_read_safe": True, "parallel_write_safe": True}
