"""A reader in real Chromium: the page renders, a page-break link is followed, phone width works."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

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


def test_follow_a_page_break_link_and_read_a_note(browser, html_build) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto((html_build / "index.html").as_uri())
    assert "North Korean Crisis" in page.title()
    page.locator("#W5 a").click()
    assert page.url.endswith("#W5")
    marker = page.locator("#W5 a")
    assert marker.is_visible()
    top = page.evaluate("document.querySelector('#W5 a').getBoundingClientRect().top")
    assert 0 <= top < 900, "the page-break marker is scrolled into view"
    page.locator("a.footnote-reference", has_text="42").first.click()
    assert "#id" in page.url or "42" in page.url
    page.close()


def test_phone_width_has_no_horizontal_scroll(browser, html_build) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto((html_build / "index.html").as_uri())
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 392
    page.close()
