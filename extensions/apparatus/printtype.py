"""What print does with words and references that a screen does not need.

A spaced dash never begins a line. W sets its dashes spaced ("— as the recent failure shows —"). On screen the browser breaks the
line where it will; in print a line that begins with the dash reads as a new start, so the
space before a spaced dash is made a no-break space, in print only (the text itself, and the
HTML, keep W's space). The replacement keeps every offset: one character for one, so the line
starts a ``lined_text`` records stay where they are. The dashes are tied once the document is
resolved, so that text the apparatus writes then (the list of emendations) is tied too.

A reference to another page of the edition (``{doc}``) is followed by the page where that part
begins (", p. 3"): a printed book has no links to follow, and the page's title alone reads as
part of the sentence.
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

_SPACED_DASH = re.compile(r" (?=[—–] )")


def tie_spaced_dashes(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.format != "latex":
        return
    for text in list(doctree.findall(nodes.Text)):
        parent = text.parent
        if parent is None or isinstance(parent, (nodes.FixedTextElement, nodes.literal, nodes.raw)):
            continue
        value = str(text)
        if " —" in value or " –" in value:
            tied = _SPACED_DASH.sub("\u00a0", value)
            if tied != value:
                parent.replace(text, nodes.Text(tied))


class PageOfReference(SphinxPostTransform):
    """``{doc}`principles``` in print: the title, then ", p. N"."""

    default_priority = 20  # after the references are resolved (10)
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for ref in list(self.document.findall(nodes.reference)):
            uri = ref.get("refuri", "")
            first = ref.children[0] if ref.children else None
            if not uri.startswith("%") or "#" in uri or not isinstance(first, nodes.inline):
                continue  # the LaTeX builder writes "%docname" for a reference to a whole document
            if not {"doc", "std-doc"} & set(first["classes"]) or ref.parent is None:
                continue
            label = uri[1:] + "::doc"
            page = nodes.raw("", rf",~p.~\pageref*{{\detokenize{{{label}}}}}", format="latex")
            ref.parent.insert(ref.parent.index(ref) + 1, page)


def setup_printtype(app: Sphinx) -> None:
    app.add_post_transform(PageOfReference)
    app.connect("doctree-resolved", tie_spaced_dashes, priority=900)  # after the list of emendations (500)
