"""Accessibility (WCAG 2.2 AA) in real Chromium: what a mouse, keyboard or screen-reader user meets.
The accessibility tree is Chromium's own (the DevTools protocol), as a screen reader gets it."""

from __future__ import annotations

import re

import pytest
import test_browser
from test_browser import open_edition

browser = test_browser.browser  # the fixture: Debian's Chromium, once for this module


def ax_nodes(page, selector: str) -> list[dict]:
    """The accessibility tree under the first element matching `selector` (itself first), in document
    order, without the ignored nodes: each {role, name, description, props}."""
    cdp = page.context.new_cdp_session(page)
    root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    backend = cdp.send("DOM.describeNode", {"nodeId": node})["node"]["backendNodeId"]
    tree = cdp.send("Accessibility.getFullAXTree")["nodes"]
    by_id = {n["nodeId"]: n for n in tree}
    start = [n for n in tree if n.get("backendDOMNodeId") == backend]
    out: list[dict] = []

    def value(n, key):
        return (n.get(key) or {}).get("value")

    def walk(n):
        if not n.get("ignored"):
            out.append(
                {
                    "role": value(n, "role"),
                    "name": value(n, "name") or "",
                    "description": value(n, "description") or "",
                    "props": {p["name"]: p["value"].get("value") for p in n.get("properties", [])},
                }
            )
        for c in n.get("childIds", []):
            if c in by_id:
                walk(by_id[c])

    if start:
        walk(start[0])
    cdp.detach()
    return out


# JS: the contrast of a colour (any CSS form, alpha composited) against another, as WCAG defines it
CONTRAST = """([fg, bg]) => {
  const c = document.createElement('canvas'); c.width = c.height = 1; const x = c.getContext('2d');
  const rgb = (colour, under) => { x.clearRect(0, 0, 1, 1); if (under) { x.fillStyle = under; x.fillRect(0, 0, 1, 1); }
    x.fillStyle = colour; x.fillRect(0, 0, 1, 1); return Array.from(x.getImageData(0, 0, 1, 1).data).slice(0, 3); };
  const back = rgb(bg, '#fff'), front = rgb(fg, 'rgb(' + back.join(',') + ')');
  const lum = (v) => { const [r, g, b] = v.map(u => { u /= 255; return u <= 0.03928 ? u / 12.92 : ((u + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const [a, b] = [lum(front), lum(back)].sort((p, q) => q - p); return (a + 0.05) / (b + 0.05);
}"""


# 1. furo's theme toggle, under the sections that apparatus.css makes position: relative


@pytest.mark.parametrize("path", ("index.html", "principles.html", "propose.html"))
def test_the_theme_toggle_can_be_clicked_on_a_wide_screen(browser, html_build, path) -> None:
    page = open_edition(browser, html_build, 1280, path=path)
    toggle = page.locator(".content-icon-container .theme-toggle")
    box = toggle.bounding_box()
    before = page.evaluate("document.body.dataset.theme")
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    after = page.evaluate("document.body.dataset.theme")
    assert after != before, f"a click on the theme toggle left the theme {before!r}"
    page.context.close()


# 2. the focus ring on the editors' words (1.4.11: 3:1 against the page)


@pytest.mark.parametrize("scheme", ("light", "dark"))
def test_the_focus_ring_on_a_corrected_word_is_seen(browser, html_build, scheme) -> None:
    page = open_edition(browser, html_build, 1280, scheme=scheme)
    page.keyboard.press("Tab")  # (Chromium's :focus-visible, as for a keyboard user)
    rings = []
    for selector in (
        "#e02 [tabindex='0'], #e02[tabindex='0']",
        ".fragment + .app-note [tabindex='0'], .fragment + .app-note[tabindex='0']",
    ):
        target = page.locator(selector).first
        target.focus()
        ring = page.evaluate(
            """(sel) => { const f = document.activeElement, mark = f.querySelector(':scope > .ednote-mark') || f;
            const c = getComputedStyle(mark); return [c.outlineStyle, parseFloat(c.outlineWidth), c.outlineColor,
            getComputedStyle(document.body).backgroundColor]; }""",
            selector,
        )
        assert ring[0] != "none" and ring[1] >= 2, ring
        rings.append((selector, page.evaluate(CONTRAST, [ring[2], ring[3]])))
    assert all(ratio >= 3 for _, ratio in rings), rings
    page.context.close()


# 3. a popover shown by hover is dismissed by Escape wherever focus is (1.4.13)


def test_escape_dismisses_a_hovered_popover_while_focus_is_elsewhere(browser, html_build) -> None:
    page = open_edition(browser, html_build, 1280)
    page.locator(".view-switch button").first.focus()
    word = page.locator("#e02")
    word.scroll_into_view_if_needed()
    word.hover()
    popover = page.locator("#e02-pop")
    assert popover.is_visible()
    page.keyboard.press("Escape")
    assert not popover.is_visible(), "Escape left the hovered popover shown"
    assert page.evaluate("document.activeElement.closest('.view-switch') !== null"), "focus stays where it was"
    page.mouse.move(5, 5)
    word.hover()
    assert popover.is_visible(), "hovered again, it shows again"
    page.context.close()


# 4. the diplomatic view's line numbers of W are not read in the sentence (1.3.2)


def test_a_screen_reader_does_not_read_ws_line_numbers_in_the_diplomatic_view(browser, html_build) -> None:
    page = open_edition(browser, html_build, 1280, view="diplomatic")
    shown = page.evaluate("getComputedStyle(document.querySelector('#p2 .lb'), '::after').content")
    assert shown != "none" and shown != "normal", "the line numbers are still shown"
    numbers = page.evaluate("[...document.querySelectorAll('#p2 .lb[data-n]')].map(l => l.dataset.n)")
    assert len(numbers) > 3
    texts = [n["name"].strip() for n in ax_nodes(page, "#p2") if n["role"] == "StaticText"]
    read = [t for t in texts if t in numbers]
    assert read == [], f"line numbers read in the text of ¶ 2: {read}"
    page.context.close()


# 5. the editors' words: a disclosure button with a short description; the popover a region it controls


def ax_of(page, selector: str) -> dict:
    return ax_nodes(page, selector)[0]


def test_a_corrected_word_is_a_button_that_says_what_it_shows_and_whether_it_is_open(browser, html_build) -> None:
    page = open_edition(browser, html_build, 1280)
    word = page.locator("#e02")
    node = ax_of(page, "#e02")
    assert node["role"] == "button", node
    assert node["name"] == "normalization (emended)", node
    assert "W reads normalizaiton" in node["description"] and "in the apparatus" not in node["description"], node
    assert node["props"].get("expanded") is False, node
    controlled = page.evaluate("document.getElementById(document.getElementById('e02').getAttribute('aria-controls'))")
    assert controlled is not None
    pop = page.locator("#" + word.get_attribute("aria-controls"))
    assert pop.get_attribute("role") != "tooltip" and pop.locator("a").count() == 1
    assert page.evaluate("!document.getElementById('e02').contains(document.getElementById('e02-pop'))"), (
        "the popover, which holds a link, is not inside the button"
    )
    word.focus()
    node = ax_of(page, "#e02")
    # focus shows the popover as a preview: the word is not yet open (its link is not in the Tab order)
    assert node["props"].get("expanded") is False and pop.is_visible(), node
    assert node["name"] == "normalization (emended)", "the shown popover is not read as the word's name"
    page.keyboard.press("Enter")
    node = ax_of(page, "#e02")
    assert node["props"].get("expanded") is True and pop.is_visible(), "Enter opens the word"
    # its link says which entry (76 links all "in the apparatus" read alike in a screen reader's list)
    assert ax_of(page, "#e02-pop a")["name"] == "normalization: in the apparatus"
    page.keyboard.press("Enter")
    assert not pop.is_visible() and word.get_attribute("aria-expanded") == "false"
    page.keyboard.press("Enter")
    assert pop.is_visible() and word.get_attribute("aria-expanded") == "true"
    page.keyboard.press("Escape")
    assert not pop.is_visible() and word.get_attribute("aria-expanded") == "false"
    page.locator(".view-switch button").first.focus()
    word.hover()
    assert pop.is_visible() and word.get_attribute("aria-expanded") == "true", "hover shows it, and says so"
    page.mouse.move(5, 5)
    page.wait_for_timeout(50)
    assert not pop.is_visible() and word.get_attribute("aria-expanded") == "false"
    page.context.close()


@pytest.mark.parametrize("view", ("reading", "diplomatic"))
def test_browse_mode_hears_which_words_the_editors_touched(browser, html_build, view) -> None:
    page = open_edition(browser, html_build, 1280, view=view)
    names = {kind: ax_of(page, f"article .app-{kind}")["name"] for kind in ("emendation", "sic", "supplied")}
    assert names["emendation"].endswith(" (emended)"), names
    assert names["sic"].endswith(" [sic]"), names
    assert names["supplied"].endswith("] (supplied)"), names
    # what is shown, copied and searched is the text alone
    shown = page.evaluate("document.querySelector('article').innerText")
    assert "(emended)" not in shown and "(supplied)" not in shown
    page.context.close()


# 6. the cite box: described by its citation; it closes when focus leaves it; Enter on a ¶ number leaves focus in it


def test_the_cite_box_is_described_by_its_citation_and_closes_when_focus_leaves_it(browser, html_build) -> None:
    page = open_edition(browser, html_build, 1280, permissions=["clipboard-read", "clipboard-write"])
    opener = page.get_by_role("button", name="Cite ¶ 12")
    opener.focus()
    page.keyboard.press("Enter")
    box = page.locator(".cite-box")
    assert box.count() == 1
    dialog = ax_of(page, ".cite-box")
    assert (
        dialog["role"] == "dialog" and dialog["description"].startswith("Cite as:") and "¶ 12" in dialog["description"]
    ), dialog
    page.keyboard.press("Tab")  # Copy → Close
    page.keyboard.press("Tab")  # → out of the box: it closes, and focus is not lost to the page
    assert box.count() == 0, "the box stayed open (and over the text) after focus left it"
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Cite ¶ 12"
    opener.focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Shift+Tab")  # backwards out of it: the same
    assert box.count() == 0 and page.evaluate("document.activeElement.getAttribute('aria-label')") == "Cite ¶ 12"
    opener.focus()
    page.keyboard.press("Enter")
    page.locator("#p3 a.pnum").focus()  # focus moved elsewhere (as by a click on a control)
    page.wait_for_timeout(50)
    assert box.count() == 0
    page.context.close()


def test_enter_on_a_paragraph_number_leaves_focus_in_the_cite_box(browser, html_build) -> None:
    page = open_edition(browser, html_build, 1280, permissions=["clipboard-read", "clipboard-write"])
    page.locator("a.pnum[href='#p2']").focus()
    page.keyboard.press("Enter")
    page.wait_for_timeout(100)
    assert page.url.endswith("#p2")
    assert page.locator(".cite-box").count() == 1
    assert page.evaluate("document.activeElement.closest('.cite-box') !== null"), page.evaluate(
        "document.activeElement.outerHTML"
    )
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.matches('a.pnum[href=\"#p2\"]')"), (
        "Escape gives focus back to the number"
    )
    page.context.close()


# 7. at <= 67em furo's closed drawers (the site's navigation, "On this page") keep no Tab stops off the screen


def tab_stops(page, count: int) -> list[tuple[str, float, float]]:
    stops = []
    for _ in range(count):
        page.keyboard.press("Tab")
        stops.append(
            page.evaluate(
                """() => { const a = document.activeElement, r = a.getBoundingClientRect();
                return [(a.getAttribute('aria-label') || a.textContent || a.className).trim().slice(0, 30), r.left, r.right]; }"""
            )
        )
    return stops


@pytest.mark.parametrize("width", (375, 1000))
def test_closed_drawers_keep_no_tab_stops_off_the_screen(browser, html_build, width) -> None:
    page = open_edition(browser, html_build, width)
    stops = tab_stops(page, 30)
    off = [s for s in stops if s[2] <= 0 or s[1] >= width]
    assert off == [], f"Tab stops off the screen: {off}"
    # opened, the drawer's links are reached and seen
    page.locator("label.nav-overlay-icon").first.click()
    page.wait_for_timeout(400)
    if width < 1072:  # (furo: the navigation is a drawer below 67em)
        link = page.locator(".sidebar-drawer .sidebar-tree a").first
        link.focus()
        assert page.evaluate("document.activeElement.closest('.sidebar-drawer') !== null")
        box = link.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width
    page.context.close()


# 8. the proposal form: hints and the check tied to their fields, the state of the check, the fields required


def test_the_proposal_form_ties_its_hints_and_check_to_the_fields(browser, html_build) -> None:
    page = open_edition(browser, html_build, 1280, path="propose.html")
    where = ax_of(page, "input[name=where]")
    assert "paragraph" in where["description"], where
    assert page.locator("input[name=proposer]").get_attribute("autocomplete") == "name"
    assert "optional" in page.locator("label:has(input[name=reading])").inner_text()
    assert "required" in page.locator(".proposal-form").inner_text(), (
        "nothing tells the reader which fields are required"
    )
    page.fill("input[name=where]", "p3")
    page.fill("input[name=witness]", "zzzz")
    witness = ax_of(page, "input[name=witness]")
    assert page.locator("input[name=witness]").get_attribute("aria-invalid") == "true"
    assert "exactly as the diplomatic view" in witness["description"] and "Not accepted" in witness["description"], (
        witness
    )
    page.fill("input[name=witness]", "the two countries")
    page.fill("input[name=where]", "p2")
    page.fill("input[name=witness]", "chased after Moscow")
    assert page.locator("input[name=witness]").get_attribute("aria-invalid") in (None, "false")
    assert "Found once" in ax_of(page, "input[name=witness]")["description"]
    page.fill("input[name=reading]", "chased Moscow")
    page.fill("textarea[name=rationale]", "Test.")
    page.fill("input[name=proposer]", "Ann")
    page.click("button[type=submit]")
    assert page.locator(".proposal-output").is_visible()
    assert page.evaluate("document.activeElement.closest('.proposal-output') !== null"), "the result is not announced"
    page.context.close()


# 9. the bibliography's entries are the items of their list (not the deprecated doc-biblioentry)


def test_the_bibliography_entries_are_items_of_their_list(browser, html_build) -> None:
    page = open_edition(browser, html_build, 1280, path="bibliography.html")
    script = (test_browser.AXE).read_text(encoding="utf-8")
    page.add_script_tag(content=script)
    result = page.evaluate(
        "axe.run(document, {runOnly: {type: 'rule', values: ['aria-required-children', 'aria-deprecated-role']}})"
    )
    assert [v["id"] for v in result["violations"]] == []
    roles = {
        n["role"] for n in ax_nodes(page, ".citation-list")[1:] if n["role"] not in ("StaticText", "InlineTextBox")
    }
    assert "listitem" in roles, roles
    page.context.close()
    # in the page itself, not set by a script: a reader without JavaScript gets the same list
    html = (html_build / "bibliography.html").read_text(encoding="utf-8")
    assert "doc-biblioentry" not in html and html.count('role="listitem"') == 53


# 11. at 320 px no page marker of W lies over a ¶ number or its "cite" (2.5.8)


@pytest.mark.parametrize("width", (320, 390))
def test_no_page_marker_covers_a_cite_control_on_a_phone(browser, html_build, width) -> None:
    page = open_edition(browser, html_build, width)
    covered = page.evaluate(
        """() => [...document.querySelectorAll('article a.pnum, article .cite-p')].filter(e => e.getClientRects().length)
          .flatMap(e => { e.scrollIntoView({block: 'center', behavior: 'instant'}); const r = e.getBoundingClientRect();
            const points = [];  // a grid over the whole target, its edges included
            for (let i = 0; i <= 6; i++) for (let j = 0; j <= 6; j++)
              points.push([r.left + 0.5 + (r.width - 1) * i / 6, r.top + 0.5 + (r.height - 1) * j / 6]);
            return points.map(([x, y]) => document.elementFromPoint(x, y))
              .filter(hit => hit && !e.contains(hit) && hit.closest('.pb-link'))
              .map(hit => [e.getAttribute('aria-label') || e.textContent, hit.textContent]).slice(0, 1); })"""
    )
    assert covered == [], covered
    page.context.close()


# 12. W's page markers: each a target of 24 x 24 px at least on a phone (2.5.8), over no other target

# JS: for each marker, is there a square of 24 x 24 px over it (its centre on the marker's middle line, within
# the marker's width) of which every point goes to the marker?
MARKER_TARGETS = """() => [...document.querySelectorAll('article .pb-link')].filter(l => l.getClientRects().length).map(l => {
  l.scrollIntoView({block: 'center', behavior: 'instant'}); const r = l.getBoundingClientRect();
  const free = (cx, cy) => { for (let i = 0; i <= 8; i++) for (let j = 0; j <= 8; j++) {
      const hit = document.elementFromPoint(cx - 11.5 + 23 * i / 8, cy - 11.5 + 23 * j / 8);
      if (!hit || !l.contains(hit)) return false; } return true; };
  let square = false;
  for (let cx = r.left; cx <= r.right && !square; cx += 1) square = free(cx, r.top + r.height / 2);
  return [l.textContent, Math.round(r.width), Math.round(r.height), square]; })"""
# JS: the targets (links, buttons, the editors' words) whose middle a page marker takes
TARGETS_TAKEN = """() => [...document.querySelectorAll('article a, article button, article [tabindex="0"]')]
  .filter(e => !e.closest('.pb') && e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden')
  .flatMap(e => { e.scrollIntoView({block: 'center', behavior: 'instant'});
    return [...e.getClientRects()].filter(q => q.width > 2 && q.height > 2).map(q => {
      const hit = document.elementFromPoint(q.left + q.width / 2, q.top + q.height / 2);
      return hit && hit.closest('.pb-link') ? [e.className || e.tagName, e.textContent.slice(0, 30), hit.textContent] : null; })
    .filter(Boolean); })"""


@pytest.mark.parametrize("view", ("reading", "diplomatic"))
@pytest.mark.parametrize("width", (320, 375))
def test_a_page_marker_is_a_target_of_24_px_on_a_phone(browser, html_build, width, view) -> None:
    page = open_edition(browser, html_build, width, view=view)
    markers = page.evaluate(MARKER_TARGETS)
    assert len(markers) >= 30
    small = [m for m in markers if not m[3]]
    assert small == [], f"markers without 24 x 24 px of their own: {small}"
    assert page.evaluate(TARGETS_TAKEN) == [], "a marker's box lies over another target"
    # nothing of the line moved: the marker's box is its own, the words stand where they stood
    assert page.evaluate("getComputedStyle(document.querySelector('#W5 .pb-link'), '::after').position") == "absolute"
    page.context.close()


def test_in_the_diplomatic_view_a_page_marker_stands_in_its_line(browser, html_build) -> None:
    # (its target box made no marker leave its place: in the line, boxed, where W's page begins)
    page = open_edition(browser, html_build, 1280, view="diplomatic")
    out = page.evaluate(
        """() => [...document.querySelectorAll('article .pb-link')].map(l => { const r = l.getBoundingClientRect(),
          p = l.closest('p, blockquote, aside').getBoundingClientRect();
          return [l.textContent, r.left >= p.left - 1 && r.right <= p.right + 1]; }).filter(x => !x[1])"""
    )
    assert out == [], out
    page.context.close()


# 13. the notes' links are told from the notes' text by more than colour (1.4.1): a rule seen against the page


NOTE_LINKS = """() => [...document.querySelectorAll('article aside.footnote p a[href]')].filter(a => a.getClientRects().length)
  .map(a => { const s = getComputedStyle(a), text = getComputedStyle(a.parentElement);
    return [a.className || a.getAttribute('href').slice(0, 20), s.color, text.color, s.textDecorationLine, s.textDecorationStyle,
            s.textDecorationColor, parseFloat(s.textDecorationThickness) || 1]; })"""


@pytest.mark.parametrize("scheme", ("light", "dark"))
def test_the_links_in_the_notes_are_seen_apart_from_their_text(browser, html_build, scheme) -> None:
    page = open_edition(browser, html_build, 1280, scheme=scheme)
    ground = page.evaluate("getComputedStyle(document.body).backgroundColor")
    links = page.evaluate(NOTE_LINKS)
    assert len(links) > 100
    bad, kinds = [], set()
    for kind, colour, text, line, style, rule, _ in links:
        kinds.add(kind)
        by_colour = page.evaluate(CONTRAST, [colour, text]) >= 3
        by_rule = "underline" in line and style != "none" and page.evaluate(CONTRAST, [rule, ground]) >= 3
        if not (by_colour or by_rule):
            bad.append((kind, colour, text, line, rule))
    assert bad == [], f"{len(bad)} links told apart by colour alone, e.g. {bad[:3]}"
    assert {"reference external", "work-ref reference internal"} <= kinds, kinds
    page.context.close()


# 14. a page marker is announced short: what it shows and which page ("W5, page 5"), nothing more


def test_a_page_marker_is_announced_short(browser, html_build) -> None:
    page = open_edition(browser, html_build, 1280)
    read = [n for n in ax_nodes(page, "#W5") if n["role"] not in ("StaticText", "InlineTextBox", "generic")]
    assert [(n["role"], n["name"], n["description"]) for n in read] == [("link", "W5, page 5", "")], read
    assert page.locator("#W5 .pb-link").inner_text() == "W5", "the label shown is kept"
    # the pointer still gets the longer explanation
    assert page.evaluate("document.querySelector('#W5 .pb-link').closest('[title]').title").startswith("Page 5 of")
    names = [n["name"] for n in ax_nodes(page, "article") if n["role"] == "link" and ", page " in n["name"]]
    assert len(names) >= 30 and all(len(name) <= 16 for name in names), names[:5]
    page.context.close()


# 15. at 82em and wider the theme's landmarks (the site's contents, "On this page") have names (1.3.1, 2.4.1)

LANDMARKS = ("navigation", "complementary", "region", "search", "form", "banner", "contentinfo", "main")


@pytest.mark.parametrize("path", ("index.html", "principles.html", "bibliography.html"))
def test_the_landmarks_have_names_on_a_wide_screen(browser, html_build, path) -> None:
    page = open_edition(browser, html_build, 1400, path=path)
    cdp = page.context.new_cdp_session(page)
    tree = cdp.send("Accessibility.getFullAXTree")["nodes"]
    found = [
        ((n.get("role") or {}).get("value"), ((n.get("name") or {}).get("value") or "").strip())
        for n in tree
        if not n.get("ignored") and (n.get("role") or {}).get("value") in LANDMARKS
    ]
    unnamed = [role for role, name in found if not name and role in ("navigation", "complementary", "region")]
    assert unnamed == [], f"landmarks without a name: {found}"
    named = [(role, name) for role, name in found if name]
    assert len(set(named)) == len(named), named
    assert ("complementary", "Contents") in found, found
    if path != "bibliography.html":  # (a page of one heading has no "On this page")
        assert ("complementary", "On this page") in found, found
    page.context.close()


# 16. forced colours (Windows' high contrast): the editors' marks are drawn in system colours, not by backgrounds

SYSTEM = """() => { const e = document.createElement('span'); document.body.appendChild(e); const out = {};
  for (const c of ['Canvas', 'CanvasText', 'LinkText', 'Highlight', 'HighlightText', 'GrayText']) {
    e.style.color = c; out[c] = getComputedStyle(e).color; }
  e.remove(); return out; }"""
FORCED_MARKS = """() => { const style = (sel, pseudo) => { const e = document.querySelector(sel); if (!e) return null;
    const s = getComputedStyle(e, pseudo || null);
    return {color: s.color, background: s.backgroundColor, line: s.textDecorationLine, rule: s.textDecorationColor,
            border: s.borderBottomStyle + ' ' + s.borderBottomColor + ' ' + parseFloat(s.borderBottomWidth),
            outline: s.outlineStyle + ' ' + s.outlineColor + ' ' + parseFloat(s.outlineWidth)}; };
  return {emended: style('article .app-emendation'), sic: style('article .app-sic'), supplied: style('article .app-supplied'),
          suppliedWords: style('article .app-supplied .rdg'), wit: style('article .app-emendation .wit'),
          marker: style('article .pb-link'), lacuna: style('article .lacuna'), lacunaMark: style('article .lacuna-mark'),
          number: style("article .lb[data-n='2']", '::after'), pressed: style('.view-switch button[aria-pressed=true]'),
          unpressed: style('.view-switch button[aria-pressed=false]'), noteLink: style('aside.footnote a.reference.external'),
          work: style('aside.footnote a.work-ref')}; }"""


@pytest.mark.parametrize("scheme", ("light", "dark"))
@pytest.mark.parametrize("view", ("reading", "diplomatic"))
def test_the_editors_marks_stay_seen_in_forced_colours(browser, html_build, view, scheme) -> None:
    page = open_edition(browser, html_build, 1280, scheme=scheme, view=view, forced_colors="active")
    assert page.evaluate("matchMedia('(forced-colors: active)').matches")
    system = page.evaluate(SYSTEM)
    ink = {system["CanvasText"], system["LinkText"], system["Highlight"]}
    marks = page.evaluate(FORCED_MARKS)

    def drawn(value: str) -> bool:  # "solid rgb(…) 1": a line drawn in a system colour
        style, _, rest = value.partition(" ")
        colour, _, width = rest.rpartition(" ")
        return style not in ("none", "hidden") and colour in ink and float(width) >= 1

    for kind in ("emended", "sic", "supplied"):
        assert "underline" in marks[kind]["line"] and marks[kind]["rule"] in ink, (kind, marks[kind], system)
    for kind in ("noteLink", "work"):
        assert "underline" in marks[kind]["line"] and marks[kind]["rule"] in ink, (kind, marks[kind], system)
    assert drawn(marks["marker"]["border"]), marks["marker"]
    assert drawn(marks["lacuna"]["border"]) and marks["lacunaMark"]["color"] in ink
    assert marks["suppliedWords"]["color"] in ink
    # the pressed view is told from the other by more than a background the system paints over
    assert marks["pressed"]["background"] != marks["unpressed"]["background"], (marks["pressed"], marks["unpressed"])
    assert page.evaluate(CONTRAST, [marks["pressed"]["color"], marks["pressed"]["background"]]) >= 4.5
    if view == "diplomatic":
        assert drawn(marks["wit"]["outline"]) or drawn(marks["wit"]["border"]), marks["wit"]
        assert marks["number"]["color"] in ink, marks["number"]
    # a popover, shown, has its frame
    page.locator("#e02").focus()
    frame = page.evaluate(
        "getComputedStyle(document.getElementById('e02-pop')).borderTopStyle + ' ' + "
        "getComputedStyle(document.getElementById('e02-pop')).borderTopColor + ' ' + "
        "parseFloat(getComputedStyle(document.getElementById('e02-pop')).borderTopWidth)"
    )
    assert drawn(frame), frame
    words = page.evaluate(
        "(() => { const s = getComputedStyle(document.querySelector('#e02-pop .app-pop-words'));"
        " return s.borderTopStyle + ' ' + s.borderTopColor + ' ' + parseFloat(s.borderTopWidth); })()"
    )
    assert drawn(words), words
    # on a phone, W's page marker stands over its line: framed there too
    page.set_viewport_size({"width": 375, "height": 800})
    assert drawn(page.evaluate(FORCED_MARKS)["marker"]["border"])
    page.context.close()


# 17. a link to a work in the bibliography is not described by its BibTeX key


def test_a_link_to_a_work_is_not_described_by_its_key(browser, html_build) -> None:
    page = open_edition(browser, html_build, 1280)
    cdp = page.context.new_cdp_session(page)
    tree = cdp.send("Accessibility.getFullAXTree")["nodes"]
    links = []
    for n in tree:
        props = {p["name"]: p["value"].get("value") for p in n.get("properties", [])}
        if (n.get("role") or {}).get("value") == "link" and "#bib-" in (props.get("url") or ""):
            key = props["url"].split("#bib-")[1]
            links.append((key, (n.get("description") or {}).get("value") or ""))
    assert len(links) >= 61
    keyed = [(key, said) for key, said in links if key in said]
    assert keyed == [], f"{len(keyed)} links described by their key, e.g. {keyed[:3]}"
    page.context.close()
    # nor without JavaScript: the page as built gives them no title
    built = (html_build / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'<a [^>]*class="[^"]*work-ref[^>]*title=', built) == []
