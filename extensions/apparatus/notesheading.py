"""A heading over the notes at the end of an HTML page.

A page's notes (footnotes gathered at its end, as MyST gathers them) follow its last paragraph
with nothing between: the reader does not see where the text ends. In HTML they are set in a
section of their own, titled with ``apparatus_notes_heading`` (default "Notes"; ``""`` sets no
heading): a heading with an id, in the page's own table of contents. Print has no such
section: there the notes are footnotes, at the foot of their pages.

The section is made by a post-transform of the HTML builders (``formats = ("html",)``), so that
no other output and nothing collected from the read document (the blocks of W's text, the
apparatus) sees it; the page's table of contents, collected when the document is read, gets its
entry then, guarded by an ``only`` node (``format_html``) that every other builder drops.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

CLASS = "notes-section"
ONLY = "format_html"


def trailing_notes(document: nodes.document) -> list[nodes.footnote]:
    """The run of footnotes that ends the document (children of the document itself), or []."""
    run: list[nodes.footnote] = []
    for child in reversed(document.children):
        if isinstance(child, nodes.footnote):
            run.insert(0, child)
        elif run or not isinstance(child, nodes.Invisible):
            break
    return run


def notes_id(document: nodes.document, word: str) -> str:
    """An id for the notes' section not used elsewhere in the document: ``notes``, ``notes-1``, …"""
    taken = {i for node in document.findall(nodes.Element) for i in node.get("ids", [])}
    base = nodes.make_id(word) or "notes"
    ident, n = base, 0
    while ident in taken:
        n += 1
        ident = f"{base}-{n}"
    return ident


def _parent_of_notes(document: nodes.document) -> nodes.Element:
    """Where the notes' section stands: in a document with a title (one top-level section), at
    the end of that section (a heading below the title's); otherwise beside the top sections."""
    sections = [c for c in document.children if isinstance(c, nodes.section)]
    return sections[0] if len(sections) == 1 else document


class NotesHeading(SphinxPostTransform):
    """HTML: the trailing notes go into a section titled ``apparatus_notes_heading``."""

    default_priority = 200
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        word = self.config.apparatus_notes_heading
        notes = trailing_notes(self.document)
        if not word or not notes or any(CLASS in s["classes"] for s in self.document.findall(nodes.section)):
            return
        ident = notes_id(self.document, word)
        section = nodes.section("", nodes.title(word, word), ids=[ident], classes=[CLASS])
        for note in notes:
            note.parent.remove(note)
            section += note
        _parent_of_notes(self.document).append(section)
        self.document.ids[ident] = section


def add_toc_entry(app: Sphinx, doctree: nodes.document) -> None:
    """The page's table of contents (read with the document) lists the notes' section, for HTML only."""
    word = app.config.apparatus_notes_heading
    toc = app.env.tocs.get(app.env.docname)
    if not word or not trailing_notes(doctree) or toc is None:
        return
    ref = nodes.reference(
        "", "", nodes.Text(word), internal=True, refuri=app.env.docname, anchorname="#" + notes_id(doctree, word)
    )
    entry = nodes.list_item("", addnodes.compact_paragraph("", "", ref))
    if len([c for c in doctree.children if isinstance(c, nodes.section)]) == 1 and toc.children:
        top = toc[0]  # the title's entry: the notes are listed with its sections
        nested = next((c for c in top.children if isinstance(c, nodes.bullet_list)), None)
        if nested is None:
            nested = nodes.bullet_list()
            top += nested
        nested += addnodes.only("", entry, expr=ONLY)
    else:
        toc += addnodes.only("", entry, expr=ONLY)


def setup_notesheading(app: Sphinx) -> None:
    app.add_post_transform(NotesHeading)
    app.connect("doctree-read", add_toc_entry, priority=600)  # after the table of contents is collected


def setup(app: Sphinx) -> ExtensionMetadata:
    """Loaded by the apparatus extension (``app.setup_extension``), or on its own."""
    setup_notesheading(app)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
