"""The placement stream (placement.py) on witnesses written for the tests, and its MyST rendering.

Each test builds a small witness in W's format (pages begin with one space; notes ``N.<TAB>`` at
the page foot), converts it with the real pipeline, and looks at the events of one block: what
stands where, in what order. The MyST renderer (emit.py) is checked on the same events.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from edition_pipeline.citations import Reference
from edition_pipeline.convert import convert_witness
from edition_pipeline.diagnostics import InputError
from edition_pipeline.emit import render_events, to_myst
from edition_pipeline.model import Document, Note
from edition_pipeline.placement import (
    Cited,
    EditorsNote,
    Fragment,
    Intervention,
    Lacuna,
    LineStart,
    LinkClose,
    LinkOpen,
    NoteMarker,
    PageBreak,
    Text,
    WorkClose,
    WorkOpen,
    cited_at,
    stream,
)
from edition_pipeline.register import Anchor, Entry, anchor_entries, verify_rendering
from edition_pipeline.witness import parse_witness_text

HEAD = (
    " The Keepers of the Light \n"  # 1: page 1 begins
    "\n"
    "Lighthouses were kept by families who lived beside the \n"  # 3
    "lamp and wrote in their logbooks every night of the year; \n"  # 4
    "the records, now at https://www.exmaple.org/light/\n"  # 5
    "house/logbooks,1 show how the recieved \n"  # 6
    "wisdom of the keepers passed from one gener-\n"  # 7
    "ation to the next, and how the oil \n"  # 8
    "\n"
    "  1.\t Ellison, Keepers, p. 4. \n"  # 10
)
ORPHAN = " Page furniture: the end of a stray note, p. 9. \n"  # 11: a one-line page
TAIL = " ran low in the long winters of the north. \n\nA second paragraph stands on the second page. \n"


def document(text: str) -> Document:
    return convert_witness(parse_witness_text(text))


def entry(id: str, line: int, witness: str, reading: str = "", kind: str = "emendation", category: str = "spelling"):
    return Entry(id, line, witness, reading, kind, category, "certain", f"Why {id}.", "ED", "2026-01-01", 1)


def events_of(doc: Document, ident: str, entries: list[Entry] | None = None, refs=None) -> list:
    anchors = anchor_entries(doc, entries or [], "register.yaml")
    return next(block for block in stream(doc, anchors, refs) if block.ident == ident).events


def kinds(events: list) -> list[str]:
    return [type(e).__name__ for e in events]


def joined(events: list) -> str:
    return "".join(e.text for e in events if isinstance(e, Text))


def test_the_events_follow_the_text_line_by_line() -> None:
    doc = document(HEAD + TAIL)
    events = events_of(doc, "p1")
    starts = [e for e in events if isinstance(e, LineStart)]
    assert [(s.line, s.hyphen, s.first) for s in starts] == [
        (3, False, True),
        (4, False, False),
        (5, False, False),
        (6, False, False),
        (7, False, False),
        (8, True, False),  # "gener-" / "ation": the reading text drops the hyphen
        (11, False, False),  # page 2
    ]
    assert joined(events) == doc.paragraphs[1].text.replace("[^1]", "")
    # each line start stands right before the first words of its line
    after = [events[i + 1] for i, e in enumerate(events) if isinstance(e, LineStart) and e.line in (4, 8)]
    assert [e.text[:10] for e in after] == ["lamp and w", "ation to t"]


def test_a_page_break_inside_a_paragraph_stands_before_the_line_start_of_the_page() -> None:
    events = events_of(document(HEAD + TAIL), "p1")
    i = events.index(PageBreak(2, 11))
    assert events[i + 1] == LineStart(11)  # the page begins, then its first line
    assert isinstance(events[i + 2], Text) and events[i + 2].text.startswith("ran low")
    assert isinstance(events[i - 1], Text) and events[i - 1].text.endswith("how the oil ")
    # MyST writes the line start first: the diplomatic view sets the page's marker on the new line
    assert "how the oil {lb}`11`{pb}`2 [line: 11]` ran low" in render_events(events)


def test_a_note_marker_after_a_url_closes_the_link_first() -> None:
    events = events_of(document(HEAD + TAIL), "p1")
    i = kinds(events).index("LinkOpen")
    url = "https://www.exmaple.org/light/house/logbooks"
    assert events[i : i + 7] == [
        LinkOpen(url),
        Text("https://www.exmaple.org/light/"),
        LineStart(6, "no-space"),  # the URL runs over the line end
        Text("house/logbooks"),
        LinkClose(url),
        Text(","),
        NoteMarker(1),
    ]


def test_a_reading_over_a_line_end_is_one_intervention_without_the_inner_line_start() -> None:
    doc = document(HEAD + TAIL)
    events = events_of(doc, "p1", [entry("e1", 6, "recieved wisdom", "received wisdom")])
    (found,) = [e for e in events if isinstance(e, Intervention)]
    assert found.witness == "recieved wisdom" and found.anchor.entry.id == "e1"
    assert found.lines == ((len("recieved "), LineStart(7)),)  # for TEI, which keeps it inside W's reading
    i = events.index(found)
    assert isinstance(events[i + 1], Text) and events[i + 1].text.startswith(" of the keepers")
    assert LineStart(7) not in events  # the reading replaces W's words whole, line start and all
    assert LineStart(8, "drop-hyphen") in events
    myst = render_events(events)
    assert "{emend}`received wisdom [wit: recieved wisdom; cat: spelling;" in myst


def test_an_emendation_inside_a_url_gives_the_link_its_reading() -> None:
    events = events_of(document(HEAD + TAIL), "p1", [entry("e2", 5, "exmaple", "example", category="url")])
    url = "https://www.example.org/light/house/logbooks"
    i = kinds(events).index("LinkOpen")
    assert events[i] == LinkOpen(url)
    assert kinds(events[i : i + 7]) == ["LinkOpen", "Text", "Intervention", "Text", "LineStart", "Text", "LinkClose"]
    myst = render_events(events)
    assert "[https://www.{emend}`example [wit: exmaple;" in myst
    assert f"{{lb}}`6`house/logbooks](<{url}>)" in myst


def test_the_register_check_accepts_a_link_whose_target_reads_an_emendation() -> None:
    """convert's check (the reading text is W plus the register, nothing else changed) reads the
    link's text; its target, which carries the emendation's reading, is no text of its own."""
    doc = document(HEAD + TAIL)
    anchors = anchor_entries(doc, [entry("e2", 5, "exmaple", "example", category="url")], "register.yaml")
    myst, plain = to_myst(doc, {"title": "T"}, anchors), to_myst(doc, {"title": "T"}, [])
    verify_rendering(myst, plain, doc, anchors, "register.yaml")
    broken = myst.replace("{emend}`example [wit: exmaple;", "{emend}`exemple [wit: exmaple;")
    with pytest.raises(InputError, match="e2 renders"):
        verify_rendering(broken, plain, doc, anchors, "register.yaml")


def test_an_orphan_line_heads_the_page_its_page_start_space_opens() -> None:
    doc = document(HEAD + ORPHAN + TAIL)
    assert [(f.line, f.after_line) for f in doc.fragments] == [(11, 10)]
    note = entry("ed1", 11, "Page furniture", kind="note", category="conjecture")
    events = events_of(doc, "p1", [note])
    i = kinds(events).index("PageBreak")
    assert kinds(events[i : i + 5]) == ["PageBreak", "LineStart", "Fragment", "EditorsNote", "LineStart"]
    assert events[i] == PageBreak(2, 11)  # the page begins with its orphan line
    assert events[i + 1] == LineStart(11)
    assert events[i + 2] == Fragment(11, "Page furniture: the end of a stray note, p. 9.", 2)
    assert isinstance(events[i + 3], EditorsNote) and events[i + 3].anchor.entry.id == "ed1"
    assert events[i + 4] == LineStart(12)
    # the sentence runs on around it: "the oil" / "ran low"
    assert joined(events).endswith("and how the oil ran low in the long winters of the north.")
    myst = render_events(events)
    assert (
        "how the oil {lb}`11`{pb}`2 [line: 11]` {fragment}`Page furniture: the end of a stray note, p. 9. "
        "[line: 11; page: 2; id: fragment-l11]`{ednote}`Why ed1. [resp: ED; date: 2026-01-01; id: ed1]` {lb}`12`ran low"
        in myst
    )


def test_an_orphan_line_before_a_page_that_opens_a_paragraph_is_its_first_line() -> None:
    text = HEAD.replace("and how the oil \n", "and how the oil ran low.\n") + ORPHAN + " A new paragraph. \n"
    doc = document(text)
    events = events_of(doc, "p2")
    assert events[:5] == [
        PageBreak(2, 11),
        LineStart(11, "first"),
        Fragment(11, "Page furniture: the end of a stray note, p. 9.", 2),
        LineStart(12),  # no longer the block's first line: the orphan line is
        Text("A new paragraph."),
    ]
    assert not any(isinstance(e, Fragment) for e in events_of(doc, "p1"))


def test_a_work_over_a_line_end_is_one_reference_in_two_roles() -> None:
    doc = document(HEAD + TAIL)
    note = doc.note(1)
    assert note is not None and note.text == "Ellison, Keepers, p. 4."
    ref = Reference(1, 0, len("Ellison, Keepers"), "Ellison, Keepers", key="ellison", page="4")
    events = events_of(doc, "n1", refs=[ref])
    assert kinds(events) == ["LineStart", "WorkOpen", "Text", "WorkClose", "Cited", "Text"]
    assert events[1] == WorkOpen("ellison", "ellison, p. 4") and events[3] == WorkClose("ellison")
    assert events[4] == Cited("ellison")  # the passage ends here: TEI's pointer to the work
    wide = Document(
        doc.witness,
        doc.pages,
        [],
        [Note(1, "Ellison, The Keepers of the Light, p. 4.", "present", 10, 11, 1, 3, [[10, 0], [11, 13]])],
        [],
        [],
    )
    ref = Reference(1, 0, len("Ellison, The Keepers of the Light"), "", key="ellison", page="4")
    (block,) = [b for b in stream(wide, [], [ref]) if b.ident == "n1"]
    assert kinds(block.events) == [
        "LineStart",
        "WorkOpen",
        "Text",
        "LineStart",
        "Text",
        "WorkClose",
        "Cited",
        "Text",
    ]
    myst = render_events(block.events)
    assert myst == (
        "{lb}`10 first`{work}`Ellison, The <ellison, p. 4>` "
        "{lb}`11`{work}`Keepers of the Light <ellison, p. 4>`{cite:empty}`ellison`, p. 4."
    )


RUN_TOGETHER = (
    " The Keepers of the Light \n\nLighthouses were kept by families.1 \n\n"
    "  1.\t Ann Ellison, The Keepers of the Light, Oban, \n"  # 5
    "2001, Leith, Harbour Logbooks, 1999. \n"  # 6: two sources run together (", " for "; ")
)


def test_a_work_s_pointer_stands_before_an_emendation_that_holds_its_last_word_and_the_next_s_first() -> None:
    """The emendation "2001, Leith" → "2001; Leith" divides two sources: the first passage ends
    inside it, the second begins inside it. The first work's pointer (Cited) stands right after
    its last word outside the emendation, where its {work} closes: not after the emendation,
    which would put it after the second work's first word."""
    doc = document(RUN_TOGETHER)
    text = doc.note(1).text
    first, second = "Ann Ellison, The Keepers of the Light, Oban, 2001", "Leith, Harbour Logbooks, 1999"
    refs = [
        Reference(1, text.index(p), text.index(p) + len(p), p, key=k)
        for k, p in (("ellison", first), ("harbour", second))
    ]
    events = events_of(doc, "n1", [entry("e1", 6, "2001, Leith", "2001; Leith", category="punctuation")], refs)
    assert kinds(events) == [
        "LineStart", "WorkOpen", "Text", "WorkClose", "Cited", "Text", "LineStart", "Intervention",
        "Text", "WorkOpen", "Text", "WorkClose", "Cited", "Text",
    ]  # fmt: skip
    assert events[2:6] == [
        Text("Ann Ellison, The Keepers of the Light, Oban"),
        WorkClose("ellison"),
        Cited("ellison"),
        Text(", "),
    ]
    assert events[10:13] == [Text("Harbour Logbooks, 1999"), WorkClose("harbour"), Cited("harbour")]
    myst = render_events(events)  # the MyST is as it was: the pointer is TEI's alone
    assert myst.startswith("{lb}`5 first`{work}`Ann Ellison, The Keepers of the Light, Oban <ellison>`")


def test_where_a_pointer_stands_beside_words_held_whole_in_one_element() -> None:
    """cited_at: right after the passage's last word; before held words (an intervention, a URL)
    that hold its last word and run on past it, after its last word outside them; after held
    words it ends with, or that hold the whole passage; at its end when held words follow it."""
    text = "Ann Ellison, Keepers, 2001, Leith, Logs, 1999."
    end = text.index("2001") + 4
    held = (text.index("2001"), text.index("Leith") + 5)
    assert cited_at(text, 0, end, [held]) == text.index(", 2001")  # "Keepers|, 2001, Leith"
    assert cited_at(text, 0, end + 1, [held]) == text.index(", 2001"), "the passage's separator aside"
    assert cited_at(text, 0, held[1], [held]) == held[1], "its last words are an intervention's"
    assert cited_at(text, 0, held[0] - 2, [held]) == held[0] - 2, "an intervention right after it"
    assert cited_at(text, held[0], end, [held]) == held[1], "no word of the passage outside it"
    assert cited_at(text, 0, end, [(0, 3), held, (len(text) - 5, len(text) - 1)]) == text.index(", 2001")
    assert cited_at(text, 0, len(text) - 1, [(0, 3), held]) == len(text) - 1, "held words inside it: its end"


def test_headings_carry_their_line_starts_and_wanting_notes_a_lacuna() -> None:
    doc = document(HEAD + TAIL.replace("of the north. ", "of the north.2 "))
    blocks = stream(doc)
    heading = blocks[0]
    assert heading.kind == "heading" and heading.events[:2] == [PageBreak(1, 1), LineStart(1, "first")]
    assert NoteMarker(2) in blocks[1].events
    wanting = next(b for b in blocks if b.ident == "n2")
    assert wanting.events == [Lacuna("wanting", 2)]
    myst = to_myst(doc, {"title": "T"})
    assert "## {lb}`1 first`The Keepers of the Light" in myst
    assert (
        "[^2]: {lacuna}`The text of note 2 is wanting in the witness; its marker stands in the text. [id: gap-n2]`"
        in myst
    ), "the gap's id is its note's: it stays when another gap is found or withdrawn"


def test_an_orphan_line_heading_a_page_that_opens_with_a_heading_stands_before_it() -> None:
    text = (
        HEAD.replace("and how the oil \n", "and how the oil ran low.\n")
        + ORPHAN
        + " A New Heading \n\nA new paragraph. \n"
    )
    doc = document(text)
    assert [p.kind for p in doc.paragraphs] == ["heading", "paragraph", "heading", "paragraph"]
    events = stream(doc)[2].events
    assert kinds(events)[:4] == ["PageBreak", "LineStart", "Fragment", "LineStart"]
    myst = to_myst(doc, {"title": "T"})
    assert (
        "{lb}`11 first`{pb}`2 [line: 11]`{fragment}`Page furniture: the end of a stray note, p. 9. "
        "[line: 11; page: 2; id: fragment-l11]`\n\n## {lb}`12 first`A New Heading\n" in myst
    )


# --- the second renderer: TEI ------------------------------------------------------------------

TEI_NS = "{http://www.tei-c.org/ns/1.0}"


def tei_of(doc: Document, entries: list[Entry]) -> ET.Element:
    from edition_pipeline.tei import to_tei

    anchors = anchor_entries(doc, entries, "register.yaml")
    return ET.fromstring(to_tei(doc, {"title": "T", "resp": {"ED": "E. Editor, the edition"}}, anchors))


def sequence(element: ET.Element) -> list[str]:
    """The children of an element as tags with their telling attribute, and its text, in order."""
    out = []
    if (element.text or "").strip():
        out.append(element.text.strip())
    for child in element:
        tag = child.tag.replace(TEI_NS, "")
        out.append(f"{tag} {child.get('type') or child.get('n') or child.get('target') or ''}".strip())
        if (child.tail or "").strip():
            out.append(child.tail.strip())
    return out


def test_tei_renders_the_same_stream_page_head_fragment_and_link() -> None:
    note = entry("ed1", 11, "Page furniture", kind="note", category="conjecture")
    fix = entry("e2", 5, "exmaple", "example", category="url")
    spans = entry("e1", 6, "recieved wisdom", "received wisdom")
    root = tei_of(document(HEAD + ORPHAN + TAIL), [note, fix, spans])
    p = root.find(f".//{TEI_NS}p[@n='1']")
    assert p is not None
    shown = sequence(p)
    # the page begins with its orphan line (a note for the line, no lb), then the page's text
    at = shown.index("pb 2")
    assert shown[at : at + 4] == ["pb 2", "note fragment", "note editorial", "lb 12"]
    assert not [lb for lb in p.iter(f"{TEI_NS}lb") if lb.get("n") == "11"]
    # the URL is one ref to the URL the reading text shows, W's line break and the emendation inside
    (ref,) = p.iter(f"{TEI_NS}ref")
    assert ref.get("target") == "https://www.example.org/light/house/logbooks"
    assert sequence(ref) == ["https://www.", "choice", ".org/light/", "lb 6", "house/logbooks"]
    assert ref.find(f"{TEI_NS}lb").get("break") == "no"  # the URL runs over W's line end
    # a reading over a line end: W's line break inside W's reading (sic), not in the editors'
    choice = next(c for c in p.iter(f"{TEI_NS}choice") if c.get("{http://www.w3.org/XML/1998/namespace}id") == "e1")
    assert sequence(choice.find(f"{TEI_NS}sic")) == ["recieved", "lb 7", "wisdom"]
    assert choice.find(f"{TEI_NS}corr").text == "received wisdom"
    # the note marker after the URL: the author's note, after the comma
    assert shown[shown.index("ref https://www.example.org/light/house/logbooks") + 1 :][:2] == [",", "note author"]


def test_the_tei_of_the_test_witness_is_valid_tei_p5(tmp_path) -> None:
    import shutil
    import subprocess

    from conftest import ROOT

    note = entry("ed1", 11, "Page furniture", kind="note", category="conjecture")
    root = tei_of(document(HEAD + ORPHAN + TAIL), [note, entry("e2", 5, "exmaple", "example", category="url")])
    path = tmp_path / "t.xml"
    path.write_text(ET.tostring(root, encoding="unicode"), encoding="utf-8")
    assert shutil.which("jing"), "jing (Debian package jing) is needed: make packages-test"
    result = subprocess.run(["jing", str(ROOT / "schema" / "tei_all.rng"), str(path)], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout


INTERRUPTED = (
    " The Keepers of the Light \n\nLighthouses were kept by families.1 \n\n"
    "  1.\t Ann Elison, The Keepers of the Light, Oban, 2001. \n"  # 5: a misspelt name inside the citation
)


def test_a_citation_interrupted_by_an_emendation_is_linked_on_both_sides_of_it() -> None:
    """Every part of a passage that no intervention claims links to its work: the words before
    the editors' reading and after it, each a {work} of the same key, with one {cite:empty}."""
    doc = document(INTERRUPTED)
    text = doc.note(1).text
    passage = "Ann Elison, The Keepers of the Light, Oban, 2001"
    ref = Reference(1, text.index(passage), text.index(passage) + len(passage), passage, key="ellison")
    events = events_of(doc, "n1", [entry("e1", 5, "Elison", "Ellison", category="name")], [ref])
    assert kinds(events) == [
        "LineStart", "WorkOpen", "Text", "WorkClose", "Text", "Intervention", "Text", "WorkOpen", "Text",
        "WorkClose", "Cited", "Text",
    ]  # fmt: skip
    assert events[2] == Text("Ann") and events[8] == Text("The Keepers of the Light, Oban, 2001")
    myst = render_events(events)
    assert myst.count("{work}") == 2 and myst.count("{cite:empty}`ellison`") == 1


def test_a_kind_the_placement_and_the_emitter_do_not_know_is_an_error_naming_it() -> None:
    """A kind added to the register but not taught to placement and emit fails loudly, naming the
    kind and the entry: never printed as a sic or an editors' note."""
    from edition_pipeline.emit import apparatus_role
    from edition_pipeline.placement import Supplied, point_event

    unclear = Anchor(entry("u1", 1, "Tokyo", kind="unclear"), ("p", 0), 0, 5, 1)
    with pytest.raises(ValueError, match=r"'unclear' \(entry u1\)"):
        apparatus_role(unclear)
    with pytest.raises(ValueError, match=r"'unclear' \(entry u1\)"):
        point_event(unclear)
    assert isinstance(point_event(Anchor(entry("s1", 1, "x", "y", kind="supplied"), ("p", 0), 0, 1, 1)), Supplied)
    assert isinstance(point_event(Anchor(entry("n1", 1, "x", kind="note"), ("p", 0), 0, 1, 1)), EditorsNote)
