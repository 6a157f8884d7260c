"""The editorial apparatus for Sphinx: readings, the witness's pages and lines, editors' notes,
cited works, the title block, the list of emendations and apparatus.json.

One module per feature, each with its nodes, role or directive, visitors and ``setup_x(app)``
(in the manner of sphinx-design); ``setup()`` only calls them. The registration is explicit, so
that a search finds it: a new feature module is imported in ``setup()`` below and its
``setup_x(app)`` called there, a line each (README.md, "Adding a role", lists the rest). The
extension knows nothing of OCR or of one article: it reads its MyST markup and its
``apparatus_*`` configuration values.

The feature modules are imported by ``setup()``, not here: ``import apparatus.vocabulary``
(the closed lists and anchor formats) imports no Sphinx, so the conversion pipeline may use it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

__version__ = "0.3"


def setup(app: Sphinx) -> ExtensionMetadata:
    from . import (
        backmatter,
        bibstyle,
        config,
        domain,
        ednotes,
        fields,
        footentries,
        listing,
        pagination,
        paragraphs,
        printtype,
        proposalform,
        readings,
        titleblock,
        works,
    )

    config.setup_config(app)
    fields.setup_fields(app)  # every apparatus role's fields declared, checked when the builder starts
    app.add_domain(domain.EditionDomain)
    app.connect("env-check-consistency", domain.check_entries)
    paragraphs.setup_paragraphs(app)
    readings.setup_readings(app)
    pagination.setup_pagination(app)
    ednotes.setup_ednotes(app)
    footentries.setup_footentries(app)
    backmatter.setup_backmatter(app)
    works.setup_works(app)
    titleblock.setup_titleblock(app)
    listing.setup_listing(app)
    proposalform.setup_proposalform(app)
    printtype.setup_printtype(app)
    bibstyle.register()
    app.setup_extension(__name__ + ".takeaway")  # downloads, citation, licence, block texts
    app.setup_extension(__name__ + ".notesheading")  # HTML: the heading over a page's notes
    # env_version: 6 since an orphan line's entry carries no fixed note (pagination.fragment.entry)
    return {"version": __version__, "env_version": 6, "parallel_read_safe": True, "parallel_write_safe": True}
