"""The edition's title block: ``{edition-titleblock}``, filled from ``apparatus_metadata``
(title, author, editors, edition date; optionally title_note, author_note, witness).

HTML and text show it at the directive's place. Print sets its title page from the LaTeX
preamble of the project (``\\maketitle``): the node is not in print (footentries.NotInPrint).
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.writers.html5 import HTML5Translator
from sphinx.writers.text import TextTranslator

from .footentries import NotInPrint
from .vocabulary import reader_date

logger = logging.getLogger(__name__)

REQUIRED = ("title", "author", "editors", "edition_date")


class titleblock(nodes.General, NotInPrint):
    """Attribute: meta (the metadata it shows)."""


class TitleBlockDirective(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        meta: dict[str, Any] = self.config.apparatus_metadata
        missing = [key for key in REQUIRED if key not in meta]
        if missing:
            logger.warning(
                f"edition-titleblock: apparatus_metadata lacks {', '.join(missing)}",
                location=self.get_location(),
                type="apparatus",
                subtype="missing_field",
            )
            return []
        return [titleblock(meta=dict(meta))]


def visit_titleblock_html(self: HTML5Translator, node: titleblock) -> None:
    meta = node["meta"]
    enc = self.encode
    self.body.append(self.starttag(node, "div", "", CLASS="titleblock"))
    if meta.get("title_supplied"):
        self.body.append(
            f'<p class="title-supplied">{enc(meta.get("title_note", "Title supplied by the editor."))}</p>'
        )
    author = enc(meta["author"])
    if meta.get("author_note"):
        author += f' <span class="attribution">({enc(meta["author_note"])})</span>'
    self.body.append(f'<p class="author">{author}</p>')
    self.body.append(
        f'<p class="editors">Edited by {enc(", ".join(meta["editors"]))} · edition of {enc(reader_date(meta["edition_date"]))}</p>'
    )
    if meta.get("witness"):
        self.body.append(f'<p class="witness-line">{enc(meta["witness"])}</p>')
    self.body.append("</div>")
    raise nodes.SkipNode


def visit_titleblock_text(self: TextTranslator, node: titleblock) -> None:
    meta = node["meta"]
    self.add_text(f"{meta['author']}. Edited by {', '.join(meta['editors'])}, {reader_date(meta['edition_date'])}.")
    raise nodes.SkipNode


def setup_titleblock(app: Sphinx) -> None:
    app.add_node(
        titleblock,
        html=(visit_titleblock_html, None),
        text=(visit_titleblock_text, None),
    )
    app.add_directive("edition-titleblock", TitleBlockDirective)
