"""Nothing is changed silently: collate the witness with the edition as a reader gets it.

The witness W, after its declared normalizations only (line-end hyphenation joined, white
space, page furniture, note markers: see the principles), is collated word by word with the
text of the built HTML. In the diplomatic view there must be no variant at all; in the
reading text every variant must fall inside an apparatus element whose witness reading is
exactly what W has there.
"""

from __future__ import annotations

import difflib
import re

from bs4 import BeautifulSoup

MARKER = re.compile(r"\[\^\d+\]")


def witness_words(document) -> list[str]:
    """W after the declared normalizations, in the edition's order: body, then the notes."""
    texts = [p.text for p in document.paragraphs] + [n.text for n in document.notes if n.text]
    return MARKER.sub(" ", " ".join(texts)).split()


def edition_tokens(html: str, view: str) -> list[tuple[str, str]]:
    """(word, apparatus id or '') for the article's text and notes as the view shows them."""
    soup = BeautifulSoup(html, "html.parser")
    article = soup.select_one("article[role=main]")
    drop = [
        "h1",
        ".titleblock",
        ".view-switch",
        "noscript",  # the switch's stand-in without JavaScript (takeaway.py)
        "a.headerlink",
        "a.pnum",
        "span.pb",
        ".app-pop",
        "span.lacuna",
        "span.fragment",
        "p.rubric",
        "section.notes-section > h2",  # the editors' heading over the notes (notesheading.py)
        "a.footnote-reference",
        "aside.footnote > .label",
        ".toctree-wrapper",
        ".sic-mark",
        ".ednote-mark",
    ]
    drop.append(".wit" if view == "reading" else ".rdg")
    for selector in drop:
        for node in article.select(selector):
            node.decompose()
    for app in article.select(".app"):
        app.insert_before(soup.new_string("\u2983" + app["id"] + "\u2984"))
        app.insert_after(soup.new_string("\u2985"))
        app.unwrap()
    for block in article.select("p, li, h2, h3, blockquote, aside, div, section"):
        block.insert_after(soup.new_string(" "))
    notes = article.select("aside.footnote")
    for note in notes:
        note.extract()
    text = article.get_text("") + " " + " ".join(n.get_text("") for n in notes)
    # walk the characters: a word belongs to the apparatus element(s) it overlaps
    tokens: list[tuple[str, str]] = []
    outside.clear()
    current, word, ids, i, plain = "", "", set(), 0, ""
    while i < len(text):
        char = text[i]
        if char == "\u2983":
            end = text.index("\u2984", i)
            current = text[i + 1 : end]
            i = end + 1
            continue
        if char == "\u2985":
            current = ""
        elif char.isspace():
            if word:
                tokens.append((word, ",".join(sorted(ids - {""}))))
                outside.append(plain)
            word, ids, plain = "", set(), ""
        else:
            word += char
            ids.add(current)
            plain += "" if current else char
        i += 1
    if word:
        tokens.append((word, ",".join(sorted(ids - {""}))))
        outside.append(plain)
    return tokens


outside: list[str] = []  # for each token of the last call: its characters outside apparatus elements


def test_the_diplomatic_text_is_the_witness_word_for_word(document, html_build) -> None:
    html = (html_build / "index.html").read_text(encoding="utf-8")
    got = [w for w, _ in edition_tokens(html, "diplomatic")]
    expected = witness_words(document)
    diff = [op for op in difflib.SequenceMatcher(a=expected, b=got, autojunk=False).get_opcodes() if op[0] != "equal"]
    assert not diff, [(expected[i1:i2], got[j1:j2]) for _, i1, i2, j1, j2 in diff[:5]]


def test_every_variant_of_the_reading_text_is_in_the_apparatus(html_build) -> None:
    """The reading text differs from the diplomatic text (= W, by the test above) only inside
    apparatus elements: every change the editors made is marked and explained."""
    html = (html_build / "index.html").read_text(encoding="utf-8")
    reading = edition_tokens(html, "reading")
    reading_outside = list(outside)
    diplomatic = edition_tokens(html, "diplomatic")
    diplomatic_outside = list(outside)
    unaccounted = []
    matcher = difflib.SequenceMatcher(a=[w for w, _ in diplomatic], b=[w for w, _ in reading], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        # outside the apparatus elements both views must read the same, character for character
        if "".join(diplomatic_outside[i1:i2]) != "".join(reading_outside[j1:j2]):
            unaccounted.append(([w for w, _ in diplomatic[i1:i2]], [w for w, _ in reading[j1:j2]]))
    assert not unaccounted, unaccounted[:5]
    soup = BeautifulSoup(html, "html.parser")
    assert len(soup.select(".app-emendation")) == 48 and len(soup.select(".app-supplied")) == 1
