"""The editorial apparatus for Sphinx: page breaks, lacunae, fragments, the title block.

``setup()`` only wires: node classes and their visitors, roles, directives, the domain that
collects every intervention across documents (parallel safe), and the apparatus.json writer.
This extension knows nothing of OCR or of one article; it reads only its MyST markup and
the ``edition_metadata`` configuration value.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from . import directives, domain, html, latex, nodes, roles, text


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("edition_metadata", {}, "env", types=[dict])
    for node, visitors in (
        (nodes.page_break, (html.visit_page_break, latex.visit_page_break, text.visit_page_break)),
        (nodes.lacuna, (html.visit_lacuna, latex.visit_lacuna, text.visit_lacuna)),
        (nodes.fragment, (html.visit_fragment, latex.visit_fragment, text.visit_fragment)),
        (nodes.titleblock, (html.visit_titleblock, latex.visit_titleblock, text.visit_titleblock)),
    ):
        html_visit, latex_visit, text_visit = visitors
        app.add_node(
            node,
            html=(html_visit, html.depart_nothing),
            latex=(latex_visit, latex.depart_nothing),
            text=(text_visit, text.depart_nothing),
        )
    app.add_role("pb", roles.PageBreakRole())
    app.add_role("lacuna", roles.LacunaRole())
    app.add_role("fragment", roles.FragmentRole())
    app.add_directive("edition-titleblock", directives.TitleBlockDirective)
    app.add_domain(domain.EditionDomain)
    app.connect("build-finished", html.write_apparatus_json)
    app.add_css_file("apparatus.css")
    app.connect("builder-inited", html.add_static_path)
    return {"version": "0.1", "env_version": 1, "parallel_read_safe": True, "parallel_write_safe": True}
