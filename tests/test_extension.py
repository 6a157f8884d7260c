"""The apparatus extension in Sphinx's own test fixtures: HTML, LaTeX, text, parallel build."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup


@pytest.mark.sphinx("html", testroot="apparatus")
def test_html_page_breaks_lacuna_and_json(app, warning) -> None:
    app.build()
    soup = BeautifulSoup((app.outdir / "index.html").read_text(), "html.parser")
    assert [a.get_text() for a in soup.select("span.pb a.pb-link")] == ["W1", "W2"]
    assert soup.select_one("#W2 a")["href"] == "#W2"
    assert "wanting in W" in soup.select_one("span.lacuna").get_text()
    assert "E. Editor" in soup.select_one("div.titleblock").get_text()
    data = json.loads((app.outdir / "apparatus.json").read_text())
    assert [(e["type"], e["id"]) for e in data["interventions"]] == [("pb", "W1"), ("pb", "W2"), ("gap", "gap-1")]
    assert "pb: the page number must be a whole number" in warning.getvalue()
    assert "index.md" in warning.getvalue()


@pytest.mark.sphinx("latex", testroot="apparatus")
def test_latex_marks_pages_in_the_margin(app) -> None:
    app.build()
    tex = next(app.outdir.glob("*.tex")).read_text()
    assert r"\edpb{1}" in tex and r"\edpb{2}" in tex and r"\edlacuna{" in tex


@pytest.mark.sphinx("text", testroot="apparatus")
def test_text_shows_readable_marks(app) -> None:
    app.build()
    text = (app.outdir / "index.txt").read_text()
    assert "[W1]The keeper" in text and "[lacuna: The text of note 1 is wanting in W.]" in text


@pytest.mark.sphinx("html", testroot="apparatus", parallel=2)
def test_parallel_build_collects_the_same_interventions(app) -> None:
    app.build()
    data = json.loads((app.outdir / "apparatus.json").read_text())
    assert len(data["interventions"]) == 3
