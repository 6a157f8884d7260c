"""Print typography of the witness's text: a spaced dash never begins a line.

W sets its dashes spaced ("— as the recent failure shows —"). On screen the browser breaks the
line where it will; in print a line that begins with the dash reads as a new start, so the
space before a spaced dash is made a no-break space, in print only (the text itself, and the
HTML, keep W's space). The replacement keeps every offset: one character for one, so the line
starts a ``lined_text`` records stay where they are.
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

_SPACED_DASH = re.compile(r" (?=[—–] )")


class TieSpacedDashes(SphinxPostTransform):
    default_priority = 800
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for text in list(self.document.findall(nodes.Text)):
            parent = text.parent
            if parent is None or isinstance(parent, (nodes.FixedTextElement, nodes.literal, nodes.raw)):
                continue
            value = str(text)
            if " —" in value or " –" in value:
                tied = _SPACED_DASH.sub("\u00a0", value)
                if tied != value:
                    parent.replace(text, nodes.Text(tied))


def setup_printtype(app: Sphinx) -> None:
    app.add_post_transform(TieSpacedDashes)
