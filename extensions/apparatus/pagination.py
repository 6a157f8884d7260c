"""The witness's own layout: its pages (``{pb}``), its lines (``{lb}``), an orphan line
(``{fragment}``) and text it wants (``{lacuna}``).

``{pb}`5 [line: 101]``` page 5 of the witness begins (at its line 101): a marker in the margin,
anchor ``#W5`` (the siglum comes from ``apparatus_siglum``). ``{lb}`42```, ``{lb}`42-```
(the line before ends in a hyphen the reading text drops), ``{lb}`42 first``` (the first line
of a block): the diplomatic view breaks and numbers the witness's lines. ``{lacuna}`reason
[line: N; page: P]``` and ``{fragment}`text [line: N; page: P]```.

Right after parsing, ``JoinLines`` makes each run of text and line starts one ``lined_text``
(its text, and where in it each line begins): the search index sees whole words, and every
later transform and writer walks one node instead of two for each line of the witness.

The transform ``PlaceOnPages`` gives every apparatus entry the page and line of the witness
where it stands, unless its markup says so itself: the last ``{pb}``/``{lb}`` before it, and
inside an author's note, the place of the note's marker (the line of a wanting note's marker
is the place of its gap) or a line of the note itself.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.writers.html5 import HTML5Translator
from sphinx.writers.latex import LaTeXTranslator
from sphinx.writers.text import TextTranslator

from . import vocabulary
from .domain import Entry, Recorded
from .fields import ApparatusRole, place
from .footentries import entry_latex, in_running_text, prints_nothing
from .markup import element

logger = logging.getLogger(__name__)


class page_break(nodes.Inline, Recorded):
    """TEI ``<pb n="5"/>``: a page of the witness begins here. Attributes: n, ids, line."""

    def entry(self, docname: str) -> Entry:
        return Entry(self["ids"][0], "pb", docname, self.get("para", ""), self["n"], self.get("line"))


class line_break(nodes.Text):
    """TEI ``<lb n="42"/>``: a line of the witness begins. Attributes: n, hyphen (the line-end
    hyphen the reading text drops), first (the first line of a block).

    An empty text, not an element: a role makes one for each of W's lines, and each lives only
    until ``JoinLines`` folds it into a ``lined_text`` right after parsing; a text is one object
    where an element is nine (its attribute lists), and these would be garbage for the collector."""

    def __new__(cls, n: int, hyphen: str, first: bool) -> line_break:
        return str.__new__(cls, "")

    def __init__(self, n: int, hyphen: str, first: bool) -> None:
        self.n, self.hyphen, self.first = n, hyphen, first

    def copy(self) -> line_break:
        return line_break(self.n, self.hyphen, self.first)


class lacuna(nodes.Inline, Recorded, nodes.TextElement):
    """TEI ``<gap reason="…"/>``: text wanting in the witness; the text is the reason."""

    def entry(self, docname: str) -> Entry:
        return Entry(
            self["ids"][0], "gap", docname, self.get("para", ""), self.get("page"), self.get("line"), note=self.astext()
        )


class wanting_note(nodes.Inline, nodes.Element):
    """Print: an author's note whose whole text is wanting (its one paragraph a lacuna), in place of
    the footnote: its marker, and a run-in entry at the page foot (``\\edwantingnote``). ``number``
    is the note's, ``ids`` its anchors and its gap's, ``series`` A or D and ``run`` its run's (the
    runs counted from 0)."""


def wanting_gap(note: nodes.footnote) -> lacuna | None:
    """The lacuna that is a note's whole text, or None."""
    body = [child for child in note.children if not isinstance(child, nodes.label)]
    if len(body) != 1 or not isinstance(body[0], nodes.paragraph):
        return None
    content = [child for child in body[0].children if not (isinstance(child, nodes.Text) and not child.strip())]
    return content[0] if len(content) == 1 and isinstance(content[0], lacuna) else None


#: The fewest wanting notes in a row that are set run in: one saves no line that way, two at most one
RUN_IN_FROM = 3


class RunInWantingNotes(SphinxPostTransform):
    """LaTeX: an author's note whose whole text is wanting is set run in at the page foot, its
    number, the lacuna's sign and "wanting in W" (``vocabulary.WANTING_NOTE``), so that a page
    of them gives them a line or two, not a line each (a reader of the HTML sees the gap's reason
    at the note). Each stays where its marker is: the note's number in the text.

    A run of fewer than ``RUN_IN_FROM`` is set as the other notes are. So that the numbers read in
    order down a page, one run is set in one series (A), the next in the other (D), and the note
    that follows a run marks its first line (``\\edrunfollows``): a page that holds it sets the run
    before it, among the other notes (``\\edwantingnote``: apparatus.sty)."""

    default_priority = 665  # after Sphinx sets footnotes at their markers (600), marks are parted (660)
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        notes = [note for note in self.document.findall(nodes.footnote) if note.next_node(nodes.label) is not None]
        gaps = [wanting_gap(note) for note in notes]
        run_in = [False] * len(notes)
        start = 0
        while start < len(notes):
            end = start
            while end < len(notes) and gaps[end] is not None:
                end += 1
            if end - start >= RUN_IN_FROM:
                run_in[start:end] = [True] * (end - start)
            start = max(end, start + 1)
        runs, series = -1, ""
        for index, note in enumerate(notes):
            gap = gaps[index]
            if not run_in[index] or gap is None:
                first = note.next_node(nodes.paragraph)
                if index and run_in[index - 1] and first is not None:  # the note that follows a run
                    first.insert(0, nodes.raw("", rf"\edrunfollows{{{series}}}", format="latex"))
                continue
            if index == 0 or not run_in[index - 1]:
                runs += 1
                series = "AD"[runs % 2]
            node = wanting_note(number=number(note), series=series, run=str(runs), ids=[*note["ids"], *gap["ids"]])
            note.replace_self(node)


def number(note: nodes.footnote) -> str:
    label = note.next_node(nodes.label)
    return label.astext() if label is not None else ""


def visit_wanting_note_latex(self: LaTeXTranslator, node: wanting_note) -> None:
    siglum = self.config.apparatus_siglum
    words = entry_latex(self, vocabulary.listed_parts(vocabulary.WANTING_NOTE, {"siglum": siglum}))
    anchors = "".join(self.hypertarget(ident, anchor=True) for ident in node["ids"])
    places = "".join(f"{{{self.encode(node[key])}}}" for key in ("series", "run"))
    self.body.append(rf"\edwantingnote{{{self.encode(node['number'])}}}{{{anchors}}}{{{words}}}{places}")
    raise nodes.SkipNode


class fragment(nodes.Inline, Recorded, nodes.TextElement):
    """An orphan line of the witness outside the text flow, kept where the witness has it."""

    def entry(self, docname: str) -> Entry:
        return Entry(
            self["ids"][0],
            "fragment",
            docname,
            self.get("para", ""),
            self.get("page"),
            self.get("line"),
            witness=self.astext(),  # what it is, the list's template says ("orphan line of W: …")
        )


class PageBreakRole(ApparatusRole):
    """``{pb}`5``` or ``{pb}`5 [line: 101]```."""

    fields_of = "pb"

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        read = self.read_fields(required=False)
        if read is None:
            return [], []
        shown, fields = read
        n = shown.strip()
        if not n.isdigit():
            self.warn("the page number must be a whole number", "malformed")
            return [], []
        anchor = vocabulary.page_anchor(self.config.apparatus_siglum, n)
        return [self.located(page_break(n=int(n), ids=[anchor], **place(fields)))], []


class LineBreakRole(ApparatusRole):
    """``{lb}`42```, ``{lb}`42-``` or ``{lb}`42 first```."""

    fields_of = "pb"
    _SHAPE = re.compile(r"\s*(\d+)(-?)\s*(first)?\s*")

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        match = self._SHAPE.fullmatch(self.text)
        if not match:
            self.warn("expected a line number, '42-' or '42 first'", "malformed")
            return [], []
        return [line_break(n=int(match.group(1)), hyphen=match.group(2), first=bool(match.group(3)))], []


class TextRole(ApparatusRole):
    """``{lacuna}`` and ``{fragment}``: the text becomes one node, with a stable id."""

    def __init__(self, node_class: type[lacuna | fragment], kind: str) -> None:
        super().__init__()
        self.node_class = node_class
        self.kind = kind

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        read = self.read_fields(required=False)
        if read is None:
            return [nodes.Text(self.text)], []
        shown, fields = read
        ident = fields.get("id") or self.next_id(self.kind)
        node = self.node_class(self.rawtext, shown, ids=[ident], **place(fields))
        return [self.located(node)], []


class lined_text(nodes.Text):
    """A run of text with the witness's line starts inside it, as one text (so the search index
    sees "exacerbate", not "exacer" and "bate"). Attribute ``starts``: one ``[offset, n, hyphen,
    first]`` for each line start in the run: where in the text it stands, and the attributes of
    its ``line_break``.

    A text, not an element: there is one for each run of W's lines between two pieces of markup
    (308 in this edition's article), and every transform, the pickled doctree and the writers
    walk it. A writer without its own visitor writes it as text (Sphinx's translators look a
    visitor up along the class's bases). A transform that puts a new text in its place must use
    ``retext`` to keep its line starts; SmartQuotes, which does not, is followed by
    ``RestoreLinedTexts``."""

    def __new__(cls, text: str, starts: list[list[Any]] | None = None) -> lined_text:
        return str.__new__(cls, text)

    def __init__(self, text: str, starts: list[list[Any]] | None = None) -> None:
        self.starts = starts if starts is not None else []

    # one node among others, found and removed as elements are, by identity: a text compares by
    # its words, and docutils' Element.remove and Element.index (list.remove and list.index)
    # would take the first text with the same words, a " " or "" before it, for this one
    def __eq__(self, other: object) -> bool:
        return self is other

    def __ne__(self, other: object) -> bool:
        return self is not other

    __hash__ = object.__hash__

    def copy(self) -> lined_text:
        return lined_text(str(self), [list(start) for start in self.starts])

    def deepcopy(self) -> lined_text:
        return self.copy()

    def segments(self) -> list[tuple[str, list[Any] | None]]:
        """The text cut at the line starts: (text before a start, that start), …, (rest, None)."""
        return segments(str(self), self.starts)


def retext(node: nodes.Text, text: str) -> nodes.Text:
    """A text to put in ``node``'s place with ``text`` for its words, a local rewriting of its own
    (a dash tied, a quotation mark educated): a ``lined_text`` keeps its line starts, each moved
    to the same place in the new words (``moved_offset``)."""
    if not isinstance(node, lined_text):
        return nodes.Text(text)
    old = str(node)
    return lined_text(text, [[moved_offset(start[0], old, text), *start[1:]] for start in node.starts])


def segments(text: str, starts: list[list[Any]]) -> list[tuple[str, list[Any] | None]]:
    """``text`` cut at line starts ``[offset, n, hyphen, first]``: (text before a start, that
    start), …, (the rest, None). A ``lined_text`` and a reading over W's line ends carry them."""
    at, out = 0, list[tuple[str, list[Any] | None]]()
    for start in starts:
        out.append((text[at : start[0]], start))
        at = start[0]
    out.append((text[at:], None))
    return out


class JoinLines(SphinxTransform):
    """Each run of text and line starts becomes one ``lined_text``, right after parsing: every
    later transform, the pickled doctree and the writers see one node for a run of the
    witness's lines, not a text and a node for every line."""

    default_priority = 5  # first: the transforms after it walk the smaller tree

    def apply(self, **kwargs: Any) -> None:
        parents: dict[int, nodes.Element] = {}
        for lb in self.document.findall(line_break):
            if lb.parent is not None:
                parents.setdefault(id(lb.parent), lb.parent)
        for parent in parents.values():
            children: list[nodes.Node] = []
            run: list[nodes.Node] = []
            for child in parent.children:
                if isinstance(child, (nodes.Text, line_break)):
                    run.append(child)
                    continue
                children += self._joined(run)
                run = []
                children.append(child)
            children += self._joined(run)
            for child in children:  # the parent's own children, and the new texts (as append would set it)
                child.parent = parent
            parent.children = children

    @staticmethod
    def _joined(run: list[nodes.Node]) -> list[nodes.Node]:
        if not any(isinstance(node, line_break) for node in run):
            return run
        texts: list[str] = []
        starts: list[list[Any]] = []
        at = 0
        for node in run:
            if isinstance(node, line_break):
                starts.append([at, node.n, node.hyphen, node.first])
            else:
                texts.append(node.astext())
                at += len(texts[-1])
        return [lined_text("".join(texts), starts)]


class _LineStartsThroughSmartQuotes(SphinxTransform):
    """Sphinx's SmartQuotes (priority 750, on unless ``smartquotes = False``) puts a new plain text
    in the place of every text of a block, one for one and in order: a ``lined_text`` would lose
    its line starts. The texts are counted before it (749), and after it (751) each ``lined_text``'s
    successor becomes one again, its line starts carried over (where a quotation mark was educated,
    one character for one; where ``--`` became "–", moved to the same place in the new text)."""

    _STASH = "_apparatus_lined_texts"  # on the document, from the one transform to the other

    def texts(self) -> list[nodes.Text]:
        return list(self.document.findall(nodes.Text))


class CountLinedTexts(_LineStartsThroughSmartQuotes):
    default_priority = 749

    def apply(self, **kwargs: Any) -> None:
        if self.config.smartquotes is False:
            return
        texts = self.texts()
        lined = {i: text for i, text in enumerate(texts) if isinstance(text, lined_text)}
        if lined:
            setattr(self.document, self._STASH, (len(texts), lined))


class RestoreLinedTexts(_LineStartsThroughSmartQuotes):
    default_priority = 751

    def apply(self, **kwargs: Any) -> None:
        stash = self.document.__dict__.pop(self._STASH, None)
        if stash is None:
            return
        count, lined = stash
        texts = self.texts()
        if len(texts) != count:  # not SmartQuotes's one for one: another transform came between
            logger.warning(
                "the witness's line starts could not be kept through a transform that replaced texts",
                location=self.document,
                type="apparatus",
                subtype="line_starts",
            )
            return
        for i, old in lined.items():
            new = texts[i]
            if new is old or new.parent is None:
                continue
            new.parent.replace(new, retext(old, str(new)))


def moved_offset(offset: int, old: str, new: str) -> int:
    """Where ``offset`` in ``old`` stands in ``new``, a local rewriting of it (SmartQuotes: "--"
    to "–", "..." to "…"): in text both share, the same character; inside rewritten text, its start."""
    if old == new:
        return offset
    for tag, i1, i2, j1, _ in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if i1 <= offset < i2:
            return j1 + (offset - i1 if tag == "equal" else 0)
    return len(new)


class PlaceOnPages(SphinxTransform):
    """Give every entry the page and line of the witness where it stands (see the module)."""

    default_priority = 703  # after the places (702), before the domain collects (850)

    def apply(self, **kwargs: Any) -> None:
        # one pass: the notes stand after the text (MyST sets them at the end), so every marker
        # is placed before its note is reached
        at_marker: dict[str, tuple[int | None, int | None]] = {}
        page: int | None = None
        line: int | None = None
        for node in self.document.findall():
            if isinstance(node, lined_text):
                line = node.starts[-1][1] if node.starts else line
            elif not isinstance(node, nodes.Element):
                continue
            elif isinstance(node, nodes.footnote):
                page, line = next((at_marker[ref] for ref in node["backrefs"] if ref in at_marker), (None, None))
            elif isinstance(node, page_break):
                node.setdefault("line", line)
                page, line = node["n"], node["line"]
            elif isinstance(node, nodes.footnote_reference) and node["ids"]:
                at_marker[node["ids"][0]] = (page, line)
            elif isinstance(node, Recorded):
                node.setdefault("page", page)
                node.setdefault("line", line)
                if node.get("starts"):  # a reading over W's line ends: what follows is on its last line
                    line = node["starts"][-1][1]


def contents_by_words(app: Sphinx, doctree: nodes.document) -> None:
    """The contents (the sidebar's, a toctree's) name a section by its words: Sphinx copies a
    heading's nodes into them, and W's line starts in a heading are the diplomatic view's, not
    the contents'. Run after Sphinx's collector has made the document's contents."""
    toc = app.env.tocs.get(app.env.docname)
    for node in list(toc.findall(lined_text)) if toc is not None else []:
        node.parent.replace(node, nodes.Text(str(node)))


class UnnumberedLabels(SphinxPostTransform):
    """LaTeX: a rubric that holds no line of the witness (a label of the editors' over a part of the
    text: "Abstract") is not counted by the line numbering the apparatus is keyed to; the author's
    headings, lines of W, are (``\\edlabelbegin``, ``\\edlabelend``: apparatus.sty)."""

    default_priority = 660
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for rubric in list(self.document.findall(nodes.rubric)):
            if any(True for _ in rubric.findall(lined_text)):
                continue
            parent = rubric.parent
            parent.insert(parent.index(rubric), nodes.raw("", r"\edlabelbegin", format="latex"))
            parent.insert(parent.index(rubric) + 1, nodes.raw("", r"\edlabelend", format="latex"))


# HTML


def visit_page_break_html(self: HTML5Translator, node: page_break) -> None:
    anchor, n, siglum = node["ids"][0], node["n"], self.config.apparatus_siglum
    # a screen reader hears the marker once and short: its shown label, then which page ("W5, page 5"); the
    # longer title, shown to the pointer over it, is the marker's box's (not read as the link's description)
    title = f"Page {n} of witness {siglum} begins here"
    # its line (W's first line of the page): the diplomatic view sets the marker at that line's start, where a word
    # that runs across the page end puts it a word later in the reading text ("rela-|tions." reads "relations.|")
    line = {"data-line": str(node["line"])} if node.get("line") else {}
    self.body.append(
        self.starttag(node, "span", "", CLASS="pb pb-open" if opens_its_block(node) else "pb", title=title, **line)
    )
    label = f"{anchor}, page {n}"
    self.body.append(
        element(self, "a", self.encode(anchor), CLASS="pb-link", href=f"#{anchor}", **{"aria-label": label})
    )
    self.body.append("</span>")
    raise nodes.SkipNode


def lined_html(self: HTML5Translator, text: str, starts: list[list[Any]]) -> str:
    """``text`` encoded as visit_Text encodes it, each line start an empty span that the
    diplomatic view turns into a line break with its number: the markup ``starttag`` makes
    (attributes in its order, values through its ``attval``), written out, as W has a line
    start every seventy characters or so (847 of them here) and ``starttag`` is general."""
    out: list[str] = []
    for piece, start in segments(text, starts):
        out.append(self.encode(piece))
        if start is not None:
            _, n, hyphen, first = start
            out.append(
                '<span class="lb"'
                + (' data-first=""' if first else "")
                + (f' data-hyphen="{self.attval(hyphen)}"' if hyphen else "")
                + f' data-n="{int(n)}"></span>'
            )
    return "".join(out)


def visit_lined_text_html(self: HTML5Translator, node: lined_text) -> None:
    # a lined_text never stands in a literal: its text is encoded as visit_Text encodes it
    self.body.append(lined_html(self, str(node), node.starts))
    raise nodes.SkipNode


def spaced_from_words(node: nodes.Element) -> str:
    """A space before the editors' mark of a gap where W's words run into it ("Consul[tations] ⟨…⟩",
    where a note breaks off): the mark is theirs, not a letter of the word before it."""
    before = node.previous_sibling()
    text = before.astext() if before is not None else ""
    return " " if text and not text[-1].isspace() else ""


def visit_lacuna_html(self: HTML5Translator, node: lacuna) -> None:
    self.body.append(spaced_from_words(node) + self.starttag(node, "span", "", CLASS="lacuna", role="note"))
    self.body.append(element(self, "span", "⟨…⟩", CLASS="lacuna-mark", **{"aria-hidden": "true"}))
    self.body.append(f" {self.encode(node.astext())}</span>")
    raise nodes.SkipNode


def visit_fragment_html(self: HTML5Translator, node: fragment) -> None:
    siglum = self.config.apparatus_siglum
    self.body.append(
        self.starttag(
            node,
            "span",
            "",
            CLASS="fragment",
            role="note",
            title="An orphan line of the witness, outside the text flow",
        )
    )
    self.body.append(element(self, "span", f"orphan line of {self.encode(siglum)}:", CLASS="fragment-label"))
    self.body.append(f" {self.encode(node.astext())}</span>")
    raise nodes.SkipNode


def opens_its_block(node: nodes.Node) -> bool:
    """No text of its paragraph (or heading) comes before the node: the block's own start then
    shows the place, and no bar is set between words."""
    block = node.parent
    while block is not None and not isinstance(block, nodes.paragraph | nodes.title):
        block = block.parent
    if block is None:
        return False
    for item in block.findall():
        if item is node:
            return True
        if isinstance(item, nodes.Text) and item.astext().strip():
            return False
    return False


# LaTeX (macros in apparatus.sty)


def visit_page_break_latex(self: LaTeXTranslator, node: page_break) -> None:
    alone = isinstance(node.parent, nodes.paragraph) and len(node.parent.children) == 1
    # a page that begins with a heading: the marker goes in the margin, with no line of its own
    macro = "edpbalone" if alone else ("edpbopen" if opens_its_block(node) else "edpb")
    # the anchor inside the macro (\edpb, \edpbopen), after the space before it is taken back and
    # before the space after it (a target outside would stop the one or keep the other)
    anchor = self.hypertarget(node["ids"][0], anchor=True)
    if macro == "edpbalone":
        self.body.append(rf"\{macro}{{{int(node['n'])}}}" + anchor)
    else:
        self.body.append(rf"\{macro}{{{int(node['n'])}}}{{{anchor}}}")
    raise nodes.SkipNode


def visit_lacuna_latex(self: LaTeXTranslator, node: lacuna) -> None:
    space = spaced_from_words(node)
    self.body.append(
        space + self.hypertarget(node["ids"][0], anchor=True) + rf"\edlacuna{{{self.encode(node.astext())}}}"
    )
    raise nodes.SkipNode


def visit_fragment_latex(self: LaTeXTranslator, node: fragment) -> None:
    """In the running text an entry of the apparatus at the page foot, keyed to its line (apparatus.sty);
    in an author's note or a heading, where no entry is keyed, where W has it."""
    ident, words = node["ids"][0], self.encode(node.astext())
    self.body.append(self.hypertarget(ident, anchor=True))
    if in_running_text(node):
        # the letter of an editors' note on it (ednotes.CueWithTheWords) goes with its words to the foot
        cue = rf"\textsuperscript{{\textit{{{node['cue']}}}}}" if node.get("cue") else ""
        self.body.append(rf"\edfragment{{{ident}}}{{{words}{cue}}}")
    else:
        self.body.append(rf"\edfragmentinline{{{words}}}")
    raise nodes.SkipNode


def visit_lined_text_latex(self: LaTeXTranslator, node: lined_text) -> None:
    """Only the text: print is cited by its own lines; the witness's are in the HTML diplomatic view."""
    LaTeXTranslator.visit_Text(self, node)


# text


def visit_page_break_text(self: TextTranslator, node: page_break) -> None:
    self.add_text(f"[{node['ids'][0]}]")
    raise nodes.SkipNode


def visit_lacuna_text(self: TextTranslator, node: lacuna) -> None:
    self.add_text(f"[lacuna: {node.astext()}]")
    raise nodes.SkipNode


def visit_fragment_text(self: TextTranslator, node: fragment) -> None:
    self.add_text(f"[orphan line of {self.config.apparatus_siglum}: {node.astext()}]")
    raise nodes.SkipNode


def visit_lined_text_text(self: TextTranslator, node: lined_text) -> None:
    """Only the text (its line starts are the HTML diplomatic view's)."""
    TextTranslator.visit_Text(self, node)


class OneSpaceWhereAnOrphanLineWas(SphinxPostTransform):
    """LaTeX: an orphan line in the running text goes to the page foot, and leaves its two spaces
    ("and | [line] mutual"): one is kept. The space after it is dropped when the words before it end
    in a space or a page's marker (which sets its own). What prints nothing (an anchor, a foot entry,
    an editors' note whose letter went with the line) is passed over."""

    default_priority = 656  # after an editors' note's letter has gone with the line (ednotes, 655)
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for line in list(self.document.findall(fragment)):
            parent = line.parent
            if parent is None or not in_running_text(line):
                continue
            at = parent.index(line)
            before = next((n for n in reversed(parent[:at]) if not prints_nothing(n)), None)
            after = next((n for n in parent[at + 1 :] if not prints_nothing(n)), None)
            spaced = isinstance(before, page_break) or (before is not None and before.astext()[-1:].isspace())
            if spaced and isinstance(after, nodes.Text) and str(after)[:1] == " ":
                parent.replace(after, retext(after, str(after)[1:]))


def setup_pagination(app: Sphinx) -> None:
    app.add_node(
        page_break,
        html=(visit_page_break_html, None),
        latex=(visit_page_break_latex, None),
        text=(visit_page_break_text, None),
    )
    app.add_node(line_break)  # always joined into a lined_text right after parsing: no visitors
    app.add_node(
        lined_text,
        html=(visit_lined_text_html, None),
        latex=(visit_lined_text_latex, LaTeXTranslator.depart_Text),
        text=(visit_lined_text_text, TextTranslator.depart_Text),
    )
    app.add_node(
        lacuna, html=(visit_lacuna_html, None), latex=(visit_lacuna_latex, None), text=(visit_lacuna_text, None)
    )
    app.add_node(
        fragment, html=(visit_fragment_html, None), latex=(visit_fragment_latex, None), text=(visit_fragment_text, None)
    )
    app.add_role("pb", PageBreakRole())
    app.add_role("lb", LineBreakRole())
    app.add_role("lacuna", TextRole(lacuna, "gap"))
    app.add_role("fragment", TextRole(fragment, "fragment"))
    app.add_transform(JoinLines)
    app.add_transform(CountLinedTexts)
    app.add_transform(RestoreLinedTexts)
    app.add_transform(PlaceOnPages)
    app.connect("doctree-read", contents_by_words, priority=600)  # after Sphinx's TocTreeCollector (500)
    app.add_node(wanting_note, latex=(visit_wanting_note_latex, None))
    app.add_post_transform(RunInWantingNotes)
    app.add_post_transform(UnnumberedLabels)
    app.add_post_transform(OneSpaceWhereAnOrphanLineWas)
