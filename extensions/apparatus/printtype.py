r"""What print does with words and references that a screen does not need.

A spaced dash never begins a line. W sets its dashes spaced ("— as the recent failure shows —"). On screen the browser breaks the
line where it will; in print a line that begins with the dash reads as a new start, so the
space before a spaced dash is made a no-break space, in print only (the text itself, and the
HTML, keep W's space). The replacement keeps every offset: one character for one, so the line
starts a ``lined_text`` records stay where they are. The dashes are tied once the document is
resolved, so that text the apparatus writes then (the list of emendations) is tied too.

So a day and its month ("2 December 2026", "June 2, 2017") are not parted at a line's end (Chicago
6.121 and 10.41): the space between them is a no-break space in print, by the same means.

A web address that is not a link ("www.russia-direct.org" as W prints it, a reading of the
apparatus, a bare domain in the bibliography) breaks in print as a URL does (Chicago 14.18: before
a slash, a period, a hyphen and the like, never with a hyphen added), not as a word: a line that
ended "www.russia-" would make the address's own hyphen read as the typesetter's. Such an address
is set as ``\edaddress`` (apparatus.sty, the rule links already follow): in running text through
an inline of the class ``edaddress``, in the readings through :func:`latex_text`. An address is
a run of characters without spaces that begins with a scheme (``https://``) or ``www.``, or a
lower-case domain name in one of the generic top-level domains (``russia-direct.org``; a country
code alone, ``gazeta.ru``, would take file names such as ``conf.py`` with it); the punctuation
that ends a sentence or a clause after it is not part of it.

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
from sphinx.writers.latex import LaTeXTranslator

from . import vocabulary
from .pagination import retext

_SPACED_DASH = re.compile(r" (?=[—–] )")
_MONTH = "|".join(vocabulary.MONTHS)
# the space between a day and its month ("2 December", "June 2"), as Chicago 6.121 keeps them on one line
_DAY_MONTH = re.compile(rf"(?<![\d,.])(\d{{1,2}}) (?=(?:{_MONTH})\b)|\b((?:{_MONTH})) (?=\d{{1,2}}\b(?![\d.:/]))")
_LINK_SCHEME = re.compile(r"^(?:https?|ftp|mailto):")


def addresses(text: str) -> list[tuple[str, bool]]:
    """``text`` cut into runs: (run, it is a web address), in order, nothing left out."""
    runs, at = [], 0
    for found in vocabulary.ADDRESS.finditer(text):
        if found.start() > at:
            runs.append((text[at : found.start()], False))
        runs.append((found.group(), True))
        at = found.end()
    if at < len(text) or not runs:
        runs.append((text[at:], False))
    return runs


def latex_text(translator: LaTeXTranslator, text: str) -> str:
    """``text`` as LaTeX (the translator's escaping), its web addresses set as ``\\edaddress``."""
    return "".join(
        rf"\edaddress{{{translator.encode(run)}}}" if address else translator.encode(run)
        for run, address in addresses(text)
    )


def set_addresses(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """In print, each web address in the text (not a link's: links break by the same rule, not in
    a heading, code or raw LaTeX) becomes an inline of the class ``edaddress``."""
    if app.builder.format != "latex":
        return
    for text in list(doctree.findall(nodes.Text)):
        parent = text.parent
        if parent is None or "." not in text:
            continue
        if any(
            isinstance(up, (nodes.FixedTextElement, nodes.literal, nodes.raw, nodes.title))
            or (isinstance(up, nodes.inline) and "edaddress" in up["classes"])
            or (isinstance(up, nodes.reference) and _LINK_SCHEME.match(up.get("refuri", "")))
            for up in _ancestors(parent)
        ):
            continue
        runs = addresses(str(text))
        if not any(address for _, address in runs):
            continue
        index = parent.index(text)
        parent.remove(text)
        for offset, (run, address) in enumerate(runs):
            node = nodes.inline(run, run, classes=["edaddress"]) if address else nodes.Text(run)
            parent.insert(index + offset, node)


def _ancestors(node: nodes.Node) -> list[nodes.Node]:
    found = []
    while node is not None:
        found.append(node)
        node = node.parent
    return found


def tie(text: str) -> str:
    """``text`` with a no-break space where print keeps two words on one line: before a spaced
    dash, between a day and its month; one character for one."""
    if " —" in text or " –" in text:
        text = _SPACED_DASH.sub("\u00a0", text)
    if " " in text and any(char.isdigit() for char in text):
        text = _DAY_MONTH.sub(lambda found: (found.group(1) or found.group(2)) + "\u00a0", text)
    return text


def tie_words(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.format != "latex":
        return
    for text in list(doctree.findall(nodes.Text)):
        parent = text.parent
        if parent is None or isinstance(parent, (nodes.FixedTextElement, nodes.literal, nodes.raw)):
            continue
        tied = tie(str(text))
        if tied != str(text):
            parent.replace(text, retext(text, tied))


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
    app.connect("doctree-resolved", tie_words, priority=900)  # after the list of emendations (500)
    app.connect("doctree-resolved", set_addresses, priority=901)  # the list of emendations too
