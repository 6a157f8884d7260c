"""The PDF as a publisher expects it: contents, the article on a recto, running heads, print
wording, uniform link colour, and no overfull or underfull box. One build (the session's)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

META = yaml.safe_load((ROOT / "editorial" / "edition.yaml").read_text(encoding="utf-8"))
TITLE, AUTHOR = META["title"], META["author"]


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00ad", "")).strip()


@pytest.fixture(scope="module")
def pages(pdf_file: Path) -> list[str]:
    """The text of each page (pdftotext -layout), page 1 first."""
    raw = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(pdf_file), "-"], capture_output=True, text=True, check=True
    ).stdout
    return raw.split("\f")[:-1]


def headings(latex_build: Path) -> list[str]:
    """The section headings of the edition as the LaTeX source has them, in order."""
    tex = (latex_build / "edition.tex").read_text(encoding="utf-8")
    found = re.findall(r"^\\(?:sub)?section\{(.+)\}$", tex, flags=re.M)
    return [squash(h.replace(r"\sphinxhyphen{}", "-")) for h in found]


def article_opening(pages: list[str]) -> int:
    """The page number (1-based) on which the article opens: its title, then the author."""
    for n, text in enumerate(pages[1:], start=2):
        lines = [squash(line) for line in text.splitlines() if line.strip()]
        if TITLE in lines[:3] and any(AUTHOR.upper() == line.upper() for line in lines[:5]):
            return n
    raise AssertionError("no page opens with the article's title and author")


def test_the_log_has_no_overfull_or_underfull_box(pdf_file: Path) -> None:
    log = pdf_file.with_suffix(".log").read_text(encoding="utf-8", errors="replace")
    bad = re.findall(r"^(?:Overfull|Underfull) \\[hv]box.*$", log, flags=re.M)
    assert bad == [], bad


def test_the_first_page_has_a_contents_list_of_the_editorial_matter_with_pages(
    pages: list[str], latex_build: Path
) -> None:
    assert "Contents" in pages[0]
    first = pages[0].split("Contents", 1)[1]
    entries = {
        squash(m.group(1)).rstrip(" ."): int(m.group(2)) for m in re.finditer(r"^\s*(\S.*?)\s+(\d+)\s*$", first, re.M)
    }
    for name in ("Editorial principles", "The witness", "Apparatus", "Bibliography", TITLE):
        assert name in entries, (name, entries)
    assert entries["Editorial principles"] < entries[TITLE] < entries["Apparatus"] < entries["Bibliography"]
    # each entry's page is where its heading stands
    for name, page in entries.items():
        assert name in squash(pages[page - 1]), (name, page)


def test_the_article_opens_on_a_new_recto_with_its_title_and_author(pages: list[str]) -> None:
    opening = article_opening(pages)
    assert opening % 2 == 1, f"the article opens on page {opening}, a verso"
    before = squash(pages[opening - 2])
    assert "Abstract" not in before and "Introduction" not in before
    assert "Abstract" in squash(pages[opening - 1])


def test_running_heads_give_author_and_short_title_on_versos_and_the_section_on_rectos(
    pages: list[str], latex_build: Path
) -> None:
    short = META.get("short_title") or TITLE.split(":")[0]
    sections = headings(latex_build)
    opening = article_opening(pages)
    checked = 0
    for n in range(opening + 1, len(pages) + 1):
        lines = [line for line in pages[n - 1].splitlines() if line.strip()]
        if not lines:
            continue  # a blank verso before a recto opening
        head = squash(lines[0])
        if n % 2 == 0:
            assert head.startswith(str(n)), (n, head)
            assert AUTHOR.upper() in head.upper() and short.upper() in head.upper(), (n, head)
        else:
            assert head.endswith(str(n)), (n, head)
            title = head[: -len(str(n))].strip()
            assert title and any(s.startswith(title) or title.startswith(s) for s in sections), (n, head)
        checked += 1
    assert checked >= 10


def test_print_says_nothing_meant_for_the_screen(pages: list[str]) -> None:
    text = squash(" ".join(pages)).lower()
    for words in ("hover", "click", "tap a", "the form below", "index.html#", "fill in the form"):
        assert words not in text, words


def test_links_are_not_coloured_on_the_article_pages(pdf_file: Path, pages: list[str], tmp_path: Path) -> None:
    """Rendered, the text pages are black on white: no coloured link text in the text or notes."""
    opening = article_opening(pages)
    subprocess.run(
        ["pdftoppm", "-r", "60", "-f", str(opening), "-l", str(opening + 3), str(pdf_file), str(tmp_path / "p")],
        capture_output=True,
        check=True,
    )
    images = sorted(tmp_path.glob("p-*.ppm"))
    assert len(images) == 4
    coloured = 0
    for image in images:
        _, size, _, data = image.read_bytes().split(b"\n", 3)
        width, height = map(int, size.split())
        pixels = data[: width * height * 3]
        for i in range(0, len(pixels), 3):
            r, g, b = pixels[i], pixels[i + 1], pixels[i + 2]
            if max(r, g, b) - min(r, g, b) > 40:
                coloured += 1
    assert coloured == 0, f"{coloured} coloured pixels"


def test_line_numbers_stand_in_the_outer_margin(pdf_file: Path, pages: list[str]) -> None:
    """Verso: numbers at the left of the text; recto: at the right (the witness's pages and the
    paragraph numbers take the inner margin)."""
    opening = article_opening(pages)
    for n in (opening + 1, opening + 2):
        lines = pages[n - 1].splitlines()
        if n % 2 == 0:
            numbered = [line for line in lines if re.match(r"^\s*\d+\s{2,}[A-Za-z“‘]", line)]
        else:
            numbered = [line for line in lines if re.search(r"[a-z,.;:”’)]\s{2,}\d+\s*$", line)]
        assert len(numbered) >= 3, (n, lines[:12])
