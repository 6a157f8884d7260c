"""A reader in real Chromium: popovers, the reading/diplomatic switch, page-break links, phone width."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser():
    assert Path(CHROMIUM).exists(), "Debian's chromium must be installed (make test installs it)"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, html_build):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto((html_build / "index.html").as_uri())
    yield page
    context.close()


def test_focusing_an_emendation_shows_its_popover(page) -> None:
    popover = page.locator("#e02-pop")
    assert not popover.is_visible()
    page.locator("#e02").focus()
    assert popover.is_visible()
    text = popover.inner_text()
    assert "W reads" in text and "normalizaiton" in text and "certain" in text and "Transposed letters" in text
    page.keyboard.press("Escape")
    assert not popover.is_visible()


def test_the_view_switch_shows_the_witness_and_is_remembered(page, html_build) -> None:
    word = page.locator("#e02")
    assert word.locator(".rdg").is_visible() and not word.locator(".wit").is_visible()
    page.get_by_role("button", name="Diplomatic (W)").click()
    assert word.locator(".wit").is_visible() and word.locator(".wit").inner_text() == "normalizaiton"
    assert not word.locator(".rdg").is_visible()
    page.goto((html_build / "apparatus.html").as_uri())
    assert page.locator("body").get_attribute("data-view") == "diplomatic"
    page.goto((html_build / "index.html").as_uri())
    assert page.get_by_role("button", name="Diplomatic (W)").get_attribute("aria-pressed") == "true"
    page.get_by_role("button", name="Reading text").click()
    assert page.locator("#e02 .rdg").is_visible()


def test_follow_a_page_break_link_and_a_paragraph_anchor(page) -> None:
    page.locator("#W5 a").click()
    assert page.url.endswith("#W5")
    top = page.evaluate("document.querySelector('#W5 a').getBoundingClientRect().top")
    assert 0 <= top < 900, "the page-break marker is scrolled into view"
    page.locator("a.pnum[href='#p12']").click()
    assert page.url.endswith("#p12")


def test_apparatus_entry_links_to_its_place(browser, html_build) -> None:
    page = browser.new_page()
    page.goto((html_build / "apparatus.html").as_uri())
    page.locator("#app-e02 a.app-place").click()
    page.wait_for_url("**/index.html#e02")
    page.close()


def test_phone_width_has_no_horizontal_scroll_and_tap_opens_a_popover(browser, html_build) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844}, has_touch=True)
    page.goto((html_build / "index.html").as_uri())
    assert page.evaluate("document.documentElement.scrollWidth") <= 392
    page.locator("#e03").tap()
    assert page.locator("#e03-pop").is_visible()
    box = page.locator("#e03-pop").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    page.close()


def test_from_a_note_to_its_work_and_back(browser, html_build) -> None:
    page = browser.new_page()
    page.goto((html_build / "index.html").as_uri())
    link = page.locator("a.work-ref[href$='#bib-tsuruoka2017strategic']").first
    link.click()
    page.wait_for_url("**/bibliography.html#bib-tsuruoka2017strategic")
    assert "Tsuruoka, Michito" in page.locator("#bib-tsuruoka2017strategic").inner_text()
    page.locator("#bib-tsuruoka2017strategic .cited-in a").first.click()
    page.wait_for_url("**/index.html#cite-*")
    page.close()


def test_selecting_words_offers_a_proposal_form_that_writes_the_proposal(browser, html_build) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto((html_build / "index.html").as_uri() + "#p2")
    page.evaluate(
        """() => { const p = document.getElementById('p2'); const w = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
        let n; while ((n = w.nextNode())) { const i = n.data.indexOf('chased after Moscow');
          if (i >= 0) { const r = document.createRange(); r.setStart(n, i); r.setEnd(n, i + 19);
            const s = getSelection(); s.removeAllRanges(); s.addRange(r); break; } } }"""
    )
    page.locator("#p2").dispatch_event("mouseup")
    page.locator(".propose-button").click()
    page.wait_for_url("**/propose.html?*")
    expect(page.locator("input[name=where]")).to_have_value("p2")
    expect(page.locator("input[name=witness]")).to_have_value("chased after Moscow")
    page.fill("input[name=reading]", "chased after Moscow")
    page.fill("textarea[name=rationale]", "Test.")
    page.fill("input[name=proposer]", "Ann")
    page.click("button[type=submit]")
    expect(page.locator(".proposal-yaml")).to_contain_text("where:")
    proposal = page.locator(".proposal-yaml").inner_text()
    assert 'where: "p2"' in proposal and 'witness: "chased after Moscow"' in proposal and 'proposer: "Ann"' in proposal
    assert page.locator(".proposal-command").inner_text().startswith("edition propose --where 'p2'")
    page.close()


def test_a_paragraph_number_gives_a_citation_with_its_page_of_w(page) -> None:
    page.locator("a.pnum[href='#p12']").click()
    box = page.locator(".cite-box")
    expect(box).to_contain_text("¶ 12 (W8)")
    expect(box).to_contain_text("Stephen Blank")
    assert box.inner_text().endswith("index.html#p12") or "index.html#p12" in box.inner_text()


def test_the_diplomatic_view_shows_the_lines_of_w_with_their_hyphens(page) -> None:
    page.get_by_role("button", name="Diplomatic (W)").click()
    paragraph = page.locator("#p2")
    left = paragraph.bounding_box()["x"]
    starts = page.evaluate(
        """() => Array.from(document.querySelectorAll('#p2 .lb:not([data-first])')).map(lb => {
             const r = document.createRange(); r.setStartAfter(lb);
             let n = lb.nextSibling; while (n && n.nodeType !== 3) n = n.firstChild || n.nextSibling;
             r.setStart(n, 0); r.setEnd(n, 1); return r.getBoundingClientRect().x; })"""
    )
    assert len(starts) == 11, "lines 36-46 of W begin inside paragraph 2"
    assert all(abs(x - left) < 2 for x in starts), "each line of W starts at the left edge"
    assert paragraph.locator(".lb[data-n='38']").get_attribute("data-hyphen") == "-"
    hyphen = page.evaluate("getComputedStyle(document.querySelector('#p2 .lb[data-n=\"38\"]'), '::before').content")
    assert hyphen.startswith('"-')
    page.get_by_role("button", name="Reading text").click()
    assert not paragraph.locator(".lb").first.is_visible()
