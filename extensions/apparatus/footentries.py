"""LaTeX: entries at the page foot, never inside an author's footnote; nodes that print leaves out.

A node that has an entry at the page foot (a reading's apparatus entry, an editors' note)
inherits ``HasFootEntry`` and makes that entry as a node of its own. ``PlaceFootEntries``, a
post-transform for LaTeX only, puts each entry right after its node, or, when the node stands
in an author's note, right after that note (a footnote inside a footnote is lost in LaTeX):
the entry is then keyed to the line of the note's marker and labelled with the note.

A node that has no place in print (the screen's title block, the proposal form) inherits
``NotInPrint``: ``RemoveFromPrint`` takes it out of the LaTeX doctree, so it needs no LaTeX visitor.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from .paragraphs import footnote_number


class HasFootEntry(nodes.Element):
    """Base of the nodes that have an entry at the page foot in print."""

    def foot_entry(self, note: str) -> nodes.Element:
        """The entry, as a node; ``note`` is the number of the author's note it stands in, or ""."""
        raise NotImplementedError


class FootEntry(nodes.Element):
    """Base of the entries themselves: set at the page foot, they print nothing where they stand."""


class PlaceFootEntries(SphinxPostTransform):
    default_priority = 650  # after Sphinx places each footnote at its marker (LaTeXFootnoteTransform, 600)
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        after: dict[int, int] = {}  # id(footnote) -> entries already placed after it
        of_note: dict[int, list[nodes.Element]] = {}  # id(footnote) -> its entries, in order
        for node in list(self.document.findall(HasFootEntry)):
            footnote = next((a for a in ancestors(node) if isinstance(a, nodes.footnote)), None)
            entry = node.foot_entry(footnote_number(node))
            if footnote is None:
                node.parent.insert(node.parent.index(node) + 1, entry)
                continue
            placed = after.get(id(footnote), 0)
            footnote.parent.insert(footnote.parent.index(footnote) + 1 + placed, entry)
            after[id(footnote)] = placed + 1
            of_note.setdefault(id(footnote), []).append(entry)
        for entries in of_note.values():
            number_same_words(entries)


def number_same_words(entries: list[nodes.Element]) -> None:
    """The entries of one author's note share one key (the line of the note's marker): two on the
    same words would read alike, so each gets its occurrence, as reledmac numbers the same word
    twice in a line ("Institute¹]", "Institute²]"): ``occurrence`` = (n, of)."""
    shown = [str(entry.get("shown", "")) for entry in entries]
    for at, (entry, words) in enumerate(zip(entries, shown, strict=True)):
        if words and (of := shown.count(words)) > 1:
            entry["occurrence"] = (shown[: at + 1].count(words), of)


class NotInPrint(nodes.Element):
    """Base of the nodes that print leaves out (removed by RemoveFromPrint)."""


class RemoveFromPrint(SphinxPostTransform):
    default_priority = 100
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(NotInPrint)):
            node.parent.remove(node)


def ancestors(node: nodes.Node) -> list[nodes.Element]:
    found = []
    parent = node.parent
    while parent is not None:
        found.append(parent)
        parent = parent.parent
    return found


def in_running_text(node: nodes.Node) -> bool:
    """The node stands in a paragraph of the line-numbered text: not in an author's note (whose
    entries are keyed to the note's marker), not in a heading."""
    above = ancestors(node)
    block = next((a for a in above if isinstance(a, (nodes.paragraph, nodes.title))), None)
    return isinstance(block, nodes.paragraph) and not any(isinstance(a, nodes.footnote) for a in above)


def prints_nothing(node: nodes.Node) -> bool:
    """What stands in print's line and sets nothing there: an anchor, a foot entry (set at the page
    foot), an empty string, or a mark that print sets elsewhere (``cue_elsewhere``: an editors'
    note whose letter went with the orphan line it is on, ``ednotes.CueWithTheWords``)."""
    if isinstance(node, nodes.Text):
        return not str(node)
    if isinstance(node, nodes.target):
        return not node.astext()
    return isinstance(node, FootEntry) or (isinstance(node, nodes.Element) and bool(node.get("cue_elsewhere")))


def setup_footentries(app: Sphinx) -> None:
    app.add_post_transform(PlaceFootEntries)
    app.add_post_transform(RemoveFromPrint)
