"""The book's pages in print: which pages it has, and where the back matter stands.

A toctree at the end of a document sits inside the document's last section, so the LaTeX
builder, which sets each included page where its toctree stands, makes the list of emendations
and the bibliography subsections of the conclusion. The pages named in ``apparatus_back_matter``
are lifted, in print only, out of every enclosing section but the document's own title section:
they become sections of the book at the level of the text's own. HTML is not concerned (each
page is its own document there).

The pages named in ``apparatus_screen_only`` (a form that works only in a browser) are left
out of print, and out of its contents.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from .footentries import ancestors


class LiftBackMatter(SphinxPostTransform):
    default_priority = 200
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        back = set(self.config.apparatus_back_matter)
        placed: dict[int, nodes.Node] = {}  # id(enclosing section) -> the last page lifted after it
        for page in list(self.document.findall(addnodes.start_of_file)):
            if page.get("docname") not in back:
                continue
            sections = [a for a in ancestors(page) if isinstance(a, nodes.section)]
            if len(sections) < 2:  # already beside the text's sections
                continue
            inner, top = sections[-2], sections[-1]  # the text's section that holds it; the title's
            after = placed.get(id(inner), inner)
            page.parent.remove(page)
            top.insert(top.index(after) + 1, page)
            placed[id(inner)] = page


class LeaveOutScreenPages(SphinxPostTransform):
    default_priority = 199  # before the back matter is lifted
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        screen = set(self.config.apparatus_screen_only)
        for page in list(self.document.findall(addnodes.start_of_file)):
            if page.get("docname") in screen and page.parent is not None:
                page.parent.remove(page)


def setup_backmatter(app: Sphinx) -> None:
    app.add_post_transform(LeaveOutScreenPages)
    app.add_post_transform(LiftBackMatter)
