"""What a reader sees in Chromium: the editors' marks in the notes, furo's "Back to top" pill and the
view switch on a phone, the page without JavaScript, and the snippets of Sphinx's search results."""

from __future__ import annotations

import functools
import http.server
import re
import threading

import pytest
import test_browser
from test_browser import open_edition

browser = test_browser.browser  # the fixture: Debian's Chromium, once for this module

NOTE_MARKS = """() => {
  const style = (sel) => { const el = document.querySelector(sel); if (!el) return null; const c = getComputedStyle(el);
    return {line: c.textDecorationLine, style: c.textDecorationStyle, colour: c.textDecorationColor, color: c.color,
            thickness: parseFloat(c.textDecorationThickness), offset: parseFloat(c.textUnderlineOffset)}; };
  const colour = (value) => { const probe = document.createElement('span'); probe.style.color = value;
    document.querySelector('article').appendChild(probe); const c = getComputedStyle(probe).color; probe.remove(); return c; };
  return {
    textEmendation: style('article section p:not(aside *) > .app-wrap > .app-emendation'),
    noteEmendation: style('aside.footnote .app-emendation'),
    noteSupplied: style('aside.footnote .app-supplied'),
    noteSuppliedWords: style('aside.footnote .app-supplied > .rdg'),
    noteAddress: style('aside.footnote a.reference.external'),
    noteWork: style('aside.footnote a.work-ref'),
    linkColour: colour('var(--color-link)'), markColour: colour('var(--ed-mark)') };
}"""


@pytest.mark.parametrize("scheme", ("light", "dark"))
@pytest.mark.parametrize("width", (1280, 390))
def test_in_the_notes_an_emendation_is_marked_as_in_the_text_and_unlike_a_link(
    browser, html_build, width, scheme
) -> None:
    """The notes are set smaller: the editors' dotted rule, 0.1em of their size, was a hairline there, drawn
    as thin as the rule under a link or a work's title. It is the text's own rule, as thick and as far off."""
    page = open_edition(browser, html_build, width, scheme=scheme)
    s = page.evaluate(NOTE_MARKS)
    text = s["textEmendation"]
    assert text and s["noteEmendation"] and s["noteSupplied"], s
    for kind in ("noteEmendation", "noteSupplied"):  # (the text's rule is one for every intervention)
        note = s[kind]
        assert (note["line"], note["style"], note["colour"]) == (text["line"], text["style"], text["colour"]), (kind, s)
        assert abs(note["thickness"] - text["thickness"]) < 0.05, (kind, "the rule is as thick as in the text", s)
        assert abs(note["offset"] - text["offset"]) < 0.1, (kind, "and as far below the words", s)
    assert s["noteSuppliedWords"]["color"] == s["markColour"], "supplied words in the mark colour, as in the text"
    emendation = s["noteEmendation"]
    assert emendation["thickness"] >= 1.5, ("drawn as dots of 2 px, not a 1 px line", emendation)
    for kind in ("noteAddress", "noteWork"):
        link = s[kind]
        assert link["style"] != emendation["style"], (kind, s)
        if kind == "noteWork":  # a work's title: in the text's colour, under a 1 px rule
            assert emendation["thickness"] - link["thickness"] >= 0.5, (kind, "a rule of its own thickness", s)
        else:  # an address: in the link colour, under the font's own rule ('auto')
            assert link["color"] != emendation["color"], (kind, s)
    address = s["noteAddress"]
    assert address["line"] == "underline" and address["color"] == s["linkColour"], ("an address is still a link", s)
    page.context.close()


PILL_AND_SWITCH = """() => {
  const pill = document.querySelector('.back-to-top'), sw = document.querySelector('.view-switch');
  const box = (el) => { const r = el.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const shown = getComputedStyle(pill).display !== 'none' && pill.getClientRects().length > 0;
  return {y: scrollY, shown, pill: shown ? box(pill) : null, switch: box(sw)};
}"""


@pytest.mark.parametrize("width", (390, 1280))
def test_the_back_to_top_pill_never_covers_the_view_switch(browser, html_build, width) -> None:
    """furo shows its pill when the reader scrolls up: on a phone it stood over "Diplomatic (W)"."""
    page = open_edition(browser, html_build, width, has_touch=width < 600, is_mobile=width < 600)
    frame = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
    top = page.evaluate("document.querySelector('.view-switch').getBoundingClientRect().top + scrollY")
    page.evaluate(f"window.scrollTo(0, {top + 1500})")
    page.evaluate(frame)
    seen, covered = 0, []
    for y in range(int(top + 600), 60, -8):  # scrolling up, a few pixels at a time, to the top
        page.evaluate(f"window.scrollTo(0, {y})")
        page.evaluate(frame)
        r = page.evaluate(PILL_AND_SWITCH)
        if r["shown"]:
            seen += 1
            p, w = r["pill"], r["switch"]
            if p[0] < w[2] and w[0] < p[2] and p[1] < w[3] and w[1] < p[3]:
                covered.append(r)
    assert seen > 10, "the pill is still offered while scrolling up"
    assert covered == [], covered[:3]
    page.context.close()


@pytest.mark.parametrize("width", (1280, 390))
def test_without_javascript_the_page_says_a_diplomatic_view_needs_it(browser, html_build, width) -> None:
    page = open_edition(browser, html_build, width, java_script_enabled=False)
    assert page.locator(".view-switch").count() == 0 and page.locator("article button:visible").count() == 0
    note = page.locator("article .view-switch-nojs")
    assert note.is_visible(), "nothing says that a diplomatic view exists"
    said = note.inner_text()
    assert "diplomatic view (W’s own readings and line breaks) needs JavaScript" in said, said
    # what the note promises holds without the script: a correction shows W's reading on hover, and
    # the link goes to the list of emendations
    word = page.locator("article .app-emendation").first
    word.scroll_into_view_if_needed()
    word.hover()
    pop = page.locator("#" + word.get_attribute("aria-controls"))  # (the word's sibling)
    assert pop.is_visible() and "W reads" in pop.inner_text()
    assert note.locator("a").get_attribute("href") == "apparatus.html"
    page.emulate_media(media="print")
    assert not note.is_visible(), "nothing about a screen's switch on paper"
    page.context.close()
    # a page whose views do not differ says nothing of them; with the script the switch stands there instead
    page = open_edition(browser, html_build, width, java_script_enabled=False, path="apparatus.html")
    assert page.locator(".view-switch-nojs").count() == 0
    page.context.close()
    page = open_edition(browser, html_build, width)
    assert page.locator(".view-switch").is_visible() and not page.locator(".view-switch-nojs").is_visible()
    assert page.locator(".view-switch button").all_inner_texts() == ["Reading text", "Diplomatic (W)"]
    page.context.close()


@pytest.fixture(scope="module")
def served(html_build):
    """The HTML over HTTP: search fetches each page found for its snippet (a file:// page may not fetch)."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(html_build)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    thread.join()


def _snippets(browser, served, query: str) -> dict[str, str]:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{served}/search.html?q={query}")
    page.wait_for_function(
        "document.querySelectorAll('ul.search > li').length > 0 &&"
        " document.querySelectorAll('ul.search > li').length === document.querySelectorAll('ul.search > li p.context').length",
        timeout=15000,
    )
    found = page.evaluate(
        "Object.fromEntries([...document.querySelectorAll('ul.search > li')].map(li =>"
        " [li.querySelector('a').getAttribute('href'), li.querySelector('p.context').textContent]))"
    )
    page.close()
    return found


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("discord", "signs of Russo-Chinese discord. Since then, Japanese analysts"),  # a note number ([6])
        ("exacerbate", "play in Russo-Japanese relations and the efforts to normalize"),  # a sic mark and its popover
        ("modest", "a modest gravitation. Indeed, they s"),  # a note number, then a new paragraph
        ("pipeline", "Federation.” Neither is Russia prepared to discuss"),  # a note number, a paragraph number (14)
        ("Michito", "As Michito Tsuruoka observed, Russo-Japanese"),  # W's reading (Tsururoka) and its popover
        ("fundamental", "reason for seeking to improve relations with Russia"),  # W's page marker (W5)
    ],
)
def test_search_snippets_read_as_the_text(browser, served, query, words) -> None:
    """Sphinx makes a result's snippet from the page's text (searchtools.js: the textContent of its main
    block): the note numbers, paragraph numbers, page markers, W's readings and the popovers' words were
    glued into it ("discord.[6]", "6Indeed", "relations.W3", "playsicW reads … in the apparatus")."""
    found = _snippets(browser, served, query)
    text = [s for href, s in found.items() if href.startswith("index.html")]
    assert text, found
    snippet = text[0]
    assert words in snippet, snippet
    assert not re.search(r"\S\[\d+\]|\bW\d+\b|\bsic\b|W reads|in the apparatus|\bcite\b", snippet), snippet
    assert not re.search(r"\d[A-Z]|[a-z][.,;”’]?\d", snippet), ("a number glued to a word", snippet)


def test_a_search_for_ws_spelling_finds_the_page_and_shows_both_readings(browser, served) -> None:
    """W's "normalizaiton" (emended to "normalization"), "Tsururoka" (to "Tsuruoka"): a reader who
    searches for W's spelling is led to the article, not only to the list of emendations, and the
    snippet says why: the edition's reading, then W's. A word of the edition's text alone keeps
    W's readings out of its snippet."""
    for query, words in (
        ("normalizaiton", "normalization [W: normalizaiton]"),
        ("Tsururoka", "Tsuruoka [W: Tsururoka]"),
    ):
        found = _snippets(browser, served, query)
        text = [s for href, s in found.items() if href.startswith("index.html")]
        assert text and words in text[0], found
        assert any(href.startswith("apparatus.html") for href in found), found
    found = _snippets(browser, served, "Michito")
    assert "[W:" not in next(s for href, s in found.items() if href.startswith("index.html"))


BRACKETS = """() => { const out = {};
  for (const [name, el] of [['title', document.querySelector('article h1')],
                            ['label', Array.from(document.querySelectorAll('article p.rubric')).find(p => p.textContent.trim() === 'Abstract')]]) {
    const before = getComputedStyle(el, '::before').content, link = el.querySelector('.headerlink');
    const after = link ? getComputedStyle(link, '::before').content : getComputedStyle(el, '::after').content;
    out[name] = [before, after];
  }
  return out; }"""


@pytest.mark.parametrize("view", ("reading", "diplomatic"))
def test_the_diplomatic_view_brackets_the_editors_title_and_label(browser, html_build, view) -> None:
    """The diplomatic view shows W's text: the title the editors supplied and their label "Abstract", which
    W does not have, stand there in square brackets (the reading view sets them as the edition's own)."""
    page = open_edition(browser, html_build, 1366, view=view)
    marks = page.evaluate(BRACKETS)
    if view == "diplomatic":
        # (seen, not read: '"[" / ""' gives the bracket no alternative text)
        assert marks == {"title": ['"[" / ""', '"]" / ""'], "label": ['"[" / ""', '"]" / ""']}, marks
    else:
        assert all(mark in ("none", "normal", '""') for pair in marks.values() for mark in pair), marks
    page.context.close()
