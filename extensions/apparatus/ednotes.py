"""Editors' notes: ``{ednote}`NOTE [resp: ET; id: ed1; line: 942; page: 30]```.

TEI ``<note resp="#ET">``: a note of the editors at this place, lettered a, b, … in a series
of its own (the author's numbered notes are never renumbered). HTML: a lettered mark with a
popover. Print: a lettered foot series of its own (manyfoot series C), set after the author's
note when it stands in one. Text: ``[a: NOTE]``.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.latex.nodes import footnotemark
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.writers.html5 import HTML5Translator
from sphinx.writers.latex import LaTeXTranslator
from sphinx.writers.text import TextTranslator

from . import vocabulary
from .domain import Entry, Recorded
from .fields import ApparatusRole, place
from .footentries import FootEntry, HasFootEntry, in_running_text, prints_nothing
from .markup import element
from .pagination import fragment


class editorial_note(nodes.Inline, Recorded, HasFootEntry, nodes.TextElement):
    """Attributes: ids, resp, date, line, page, letter (set by LetterNotes), para."""

    def entry(self, docname: str) -> Entry:
        return Entry(
            self["ids"][0],
            "note",
            docname,
            self.get("para", ""),
            self.get("page"),
            self.get("line"),
            note=self.astext(),
            resp=self.get("resp", ""),
            letter=self.get("letter", ""),
            date=self.get("date", ""),
        )

    def foot_entry(self, note: str) -> nodes.Element:
        return editorial_note_entry(ident=self["ids"][0], letter=self["letter"], text=self.astext())


class editorial_note_entry(nodes.Inline, FootEntry):
    """Print only: the editors' note at the page foot (placed by footentries.PlaceFootEntries)."""


class EditorialNoteRole(ApparatusRole):
    fields_of = "ednote"

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        read = self.read_fields(required=False)
        if read is None:
            return [nodes.Text(self.text)], []
        shown, fields = read
        ident = fields.get("id") or self.next_id("ednote")
        resp = fields.get("resp") or self.config.apparatus_resp
        node = editorial_note(self.rawtext, shown, ids=[ident], resp=resp, **place(fields))
        if fields.get("date"):
            node["date"] = fields["date"]
        return [self.located(node)], []


class LetterNotes(SphinxTransform):
    """Letter the editors' notes of a document a, b, … in text order."""

    default_priority = 700

    def apply(self, **kwargs: Any) -> None:
        for number, note in enumerate(self.document.findall(editorial_note)):
            note["letter"] = vocabulary.letter(number)


class SeparateAdjacentMarks(SphinxPostTransform):
    """LaTeX: two note marks side by side (an editors' letter and an author's number, of two series)
    read as one ("a54"): a superscript comma (``\\edmarksep``, apparatus.sty) parts them ("a,54").
    Marks are adjacent when only what prints nothing stands between them (an anchor, a foot entry)."""

    default_priority = 660  # after Sphinx sets footnotes at their marks (600) and the foot entries (650)
    formats = ("latex",)

    marks = (editorial_note, nodes.footnote, nodes.footnote_reference, footnotemark)

    def run(self, **kwargs: Any) -> None:
        for mark in list(self.document.findall(lambda n: isinstance(n, self.marks) and not n.get("cue_elsewhere"))):
            parent = mark.parent
            if parent is None or isinstance(mark, nodes.footnote) and not isinstance(parent, nodes.TextElement):
                continue  # a note's own text, not a mark in the running text
            following = parent[parent.index(mark) + 1 :]
            for node in following:
                if isinstance(node, self.marks) and not node.get("cue_elsewhere"):
                    parent.insert(parent.index(node), nodes.raw("", r"\edmarksep{}", format="latex"))
                    break
                if not prints_nothing(node):
                    break


class CueWithTheWords(SphinxPostTransform):
    """LaTeX: an editors' note on an orphan line of W, which print sets at the page foot as an entry of
    the apparatus, has its letter there, after the line's words ("… 893-915.ᵇ"), not in the running
    text where nothing of the line stands ("and | ᵇ mutual"); its note stays on the page. The orphan
    line carries the letter as its ``cue``; the note, ``cue_elsewhere``."""

    default_priority = 655  # before marks side by side are parted (660)
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for note in list(self.document.findall(editorial_note)):
            parent = note.parent
            at = parent.index(note) - 1
            while at >= 0 and prints_nothing(parent[at]):
                at -= 1
            words = parent[at] if at >= 0 else None
            if isinstance(words, fragment) and in_running_text(words) and not words.get("cue"):
                words["cue"] = note["letter"]
                note["cue_elsewhere"] = True


def visit_editorial_note_html(self: HTML5Translator, node: editorial_note) -> None:
    ident = node["ids"][0]
    letter = self.encode(node["letter"])
    pop = element(self, "span", f"editors' note {letter}", CLASS="app-pop-head")
    pop += element(self, "span", self.encode(node.astext()), CLASS="app-pop-note")
    if node.get("resp"):
        pop += element(self, "span", f"— {self.encode(node['resp'])}", CLASS="app-pop-where")
    self.body.append(
        self.starttag(node, "span", "", CLASS="app app-note", tabindex="0", **{"aria-describedby": f"{ident}-pop"})
    )
    self.body.append(
        element(self, "sup", letter, CLASS="ednote-mark", **{"aria-label": f"editors' note {node['letter']}"})
    )
    self.body.append(element(self, "span", pop, CLASS="app-pop", role="tooltip", ids=[f"{ident}-pop"]))
    self.body.append("</span>")
    raise nodes.SkipNode


def visit_editorial_note_latex(self: LaTeXTranslator, node: editorial_note) -> None:
    cue = "" if node.get("cue_elsewhere") else rf"\textsuperscript{{\textit{{{node['letter']}}}}}"
    self.body.append(self.hypertarget(node["ids"][0], anchor=True) + cue)
    raise nodes.SkipNode


def visit_editorial_note_entry_latex(self: LaTeXTranslator, node: editorial_note_entry) -> None:
    # the note's place in this book, where its entry stands in the running text (the line of its letter, or of
    # the author's note's marker): the list of emendations gives its page and line (\edappstart, apparatus.sty)
    start = rf"\edappstart{{{node['ident']}}}" if node.get("ident") else ""
    self.body.append(start + rf"\FootnotetextC{{\textit{{{node['letter']}}}}}{{{self.encode(node['text'])}}}")
    raise nodes.SkipNode


def visit_editorial_note_text(self: TextTranslator, node: editorial_note) -> None:
    self.add_text(f"[{node['letter']}: {node.astext()}]")
    raise nodes.SkipNode


def setup_ednotes(app: Sphinx) -> None:
    app.add_node(
        editorial_note,
        html=(visit_editorial_note_html, None),
        latex=(visit_editorial_note_latex, None),
        text=(visit_editorial_note_text, None),
    )
    app.add_node(editorial_note_entry, latex=(visit_editorial_note_entry_latex, None))
    app.add_role("ednote", EditorialNoteRole())
    app.add_transform(LetterNotes)
    app.add_post_transform(CueWithTheWords)
    app.add_post_transform(SeparateAdjacentMarks)
