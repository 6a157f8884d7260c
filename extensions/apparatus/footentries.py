"""LaTeX: entries at the page foot, never inside an author's footnote; nodes that print leaves out.

A node that has an entry at the page foot (a reading's apparatus entry, an editors' note)
inherits ``HasFootEntry`` and makes that entry as a node of its own: a ``domain.Recorded`` node
needs no code for it (its entry is ``listed_entry``, its words as the list of emendations gives
them, from its kind's template), and its LaTeX visitor begins with ``start_latex``. ``PlaceFootEntries``, a
post-transform for LaTeX only, puts each entry right after its node, or, when the node stands
in an author's note, right after that note (a footnote inside a footnote is lost in LaTeX):
the entry is then keyed to the line of the note's marker and labelled with the note.

A node that has no place in print (the screen's title block, the proposal form) inherits
``NotInPrint``: ``RemoveFromPrint`` takes it out of the LaTeX doctree, so it needs no LaTeX visitor.
"""

from __future__ import annotations

import itertools
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.writers.latex import LaTeXTranslator

from . import vocabulary
from .domain import Recorded, get_domain
from .paragraphs import footnote_number


class HasFootEntry(nodes.Element):
    """Base of the nodes that have an entry at the page foot in print."""

    def foot_entry(self, note: str) -> nodes.Element:
        """The entry, as a node; ``note`` is the number of the author's note it stands in, or "".
        For a ``Recorded`` node: its entry as the list of emendations gives it (``listed_entry``)."""
        if not isinstance(self, Recorded):
            raise NotImplementedError(f"{type(self).__qualname__}: a foot entry of a node that makes no entry")
        entry = self.entry("")  # its words as the list has them: the foot gives them in the same template
        return listed_entry(
            ident=entry.id,
            kind=entry.type,
            shown=self.astext(),  # the words the text shows (number_same_words numbers the same words twice)
            lemma=entry.lemma,
            witness=entry.witness,
            cert=entry.certainty,
            in_note=note,
        )


class FootEntry(nodes.Element):
    """Base of the entries themselves: set at the page foot, they print nothing where they stand."""


class listed_entry(nodes.Inline, FootEntry):
    """Print only: the page-foot entry of a ``Recorded`` node (a reading, a new role's words) in its
    kind's template, as the list of emendations gives it (placed by PlaceFootEntries)."""


def start_latex(self: LaTeXTranslator, node: nodes.Element) -> str:
    """What a LaTeX visitor of a node with a foot entry writes before its words: the node's anchor,
    and, in the line-numbered text, ``\\edappstart`` (apparatus.sty), which keys its entry to the
    line where its words begin and gives the list of emendations its page and line."""
    ident = node["ids"][0]
    start = self.hypertarget(ident, anchor=True)
    return start + (rf"\edappstart{{{ident}}}" if in_running_text(node) else "")


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


def _italic_run(parts: list[tuple[str, str, bool]], start: int) -> list[str]:
    """The names of the parts in italics from ``start`` on, up to the first that is not."""
    run = itertools.takewhile(lambda part: part[2], parts[start:])
    return [name for name, _, _ in run]


def entry_latex(self: LaTeXTranslator, parts: list[tuple[str, str, bool]], occurrence: str = "") -> str:
    """An entry's words (``vocabulary.listed_parts``) as print's apparatus sets them: the editors'
    words in italics (``\\itshape``), the siglum as ``\\edsiglum``, an en space after the lemma's bracket, the
    siglum tied to the words before it (never alone at a line's start), and ``occurrence`` (which of
    the same words twice in one note) raised after the first word."""
    from .printtype import latex_text, tie  # (printtype builds on pagination, which builds on this module)

    pieces: list[tuple[str, bool]] = []
    first_word = True
    for index, (name, text, italic) in enumerate(parts):
        if name == "siglum":
            latex = r"\edsiglum"
        elif name:
            latex = latex_text(self, tie(text))  # "December~22": tied as in the text (printtype)
            if first_word and occurrence:
                latex += rf"\textsuperscript{{{occurrence}}}"
            first_word = False
        elif text.startswith("] ") and all(part[0] for part in parts[:index]):  # the lemma's bracket
            latex = self.encode("]") + r"\enspace " + self.encode(text[2:])
        else:
            latex = self.encode(text)
            siglum_next = index + 1 < len(parts) and parts[index + 1][0] == "siglum"
            if latex.endswith(" ") and (siglum_next or not italic and "siglum" in _italic_run(parts, index + 1)):
                latex = latex[:-1] + "~"  # "sic~W", "wanting in~W": never the siglum alone at a line's start
        pieces.append((latex, italic))
    out: list[str] = []
    for italic, run in itertools.groupby(pieces, key=lambda piece: piece[1]):
        words = "".join(latex for latex, _ in run)
        # no italic correction: it opens a gap before the semicolon of "sic W; perhaps" in the book's italic
        out.append(rf"{{\itshape {words}}}" if italic else words)
    return "".join(out)


def visit_listed_entry_latex(self: LaTeXTranslator, node: listed_entry) -> None:
    # the list's template of the entry's kind (vocabulary.ENTRY_KINDS): the foot and the list say the same
    template = get_domain(self.builder.env).kind(node["kind"]).listed or "{lemma}]"
    values = {"lemma": node["lemma"], "witness": node["witness"], "siglum": self.config.apparatus_siglum}
    occurrence = node["occurrence"][0] if node.get("occurrence") else ""
    entry = entry_latex(self, vocabulary.listed_parts(template, values), occurrence)
    if node["cert"] and node["cert"] != "certain":
        entry += rf"~\mbox{{\textit{{({node['cert']})}}}}"  # never "(proba-/ble)", never alone on a line
    # the line's number and the note's stay together: no break between them
    where = rf"~\textit{{n.\,{self.encode(node['in_note'])}}}" if node["in_note"] else ""
    self.body.append(rf"\edapp{{{node['ident']}}}{{{where}}}{{{entry}}}")
    raise nodes.SkipNode


def setup_footentries(app: Sphinx) -> None:
    app.add_node(listed_entry, latex=(visit_listed_entry_latex, None))
    app.add_post_transform(PlaceFootEntries)
    app.add_post_transform(RemoveFromPrint)
