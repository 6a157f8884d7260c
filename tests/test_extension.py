"""The apparatus extension in Sphinx's own test fixtures: HTML, LaTeX, text, parallel build."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from bs4 import BeautifulSoup

SCHEMA = json.loads((Path(__file__).parent.parent / "extensions" / "apparatus" / "apparatus.schema.json").read_text())


@pytest.mark.sphinx("html", testroot="apparatus")
def test_html_marks_interventions_with_accessible_popovers(app, warning) -> None:
    app.build()
    soup = BeautifulSoup((app.outdir / "index.html").read_text(), "html.parser")
    e1 = soup.select_one("#e1")
    assert e1.select_one(".rdg").get_text() == "wick" and e1.select_one(".wit").get_text() == "wikc"
    assert e1["tabindex"] == "0" and e1["aria-describedby"] == "e1-pop"
    pop = soup.select_one("#e1-pop").get_text(" ")
    assert "W reads" in pop and "wikc" in pop and "Transposed letters." in pop and "EE" in pop and "certain" in pop
    assert soup.select_one("#e1-pop a")["href"] == "apparatus.html#app-e1"
    sic = soup.select_one("#s1")
    assert sic.select_one(".wit-kept").get_text() == "all nigth" and "all night" in sic.get_text()
    assert [a.get_text() for a in soup.select("span.pb a.pb-link")] == ["W1", "W2"]
    assert [a.get_text() for a in soup.select("a.pnum")] == ["1", "2"]
    assert soup.select_one("p#p1 a.pnum")["href"] == "#p1"
    assert "wanting in W" in soup.select_one("span.lacuna").get_text()


@pytest.mark.sphinx("html", testroot="apparatus", freshenv=True)
def test_malformed_markup_warns_with_the_source_location(app, warning) -> None:
    app.build()
    text = warning.getvalue()
    assert "index.md:" in text
    assert "pb: the page number must be a whole number" in text
    assert "emend: expected 'READING [key: value; ...]'" in text
    assert "cert must be one of certain, probable, possible" in text
    assert "supplied: cert must be one of" in text


@pytest.mark.sphinx("html", testroot="apparatus")
def test_apparatus_json_lists_every_intervention_with_its_place(app) -> None:
    app.build()
    data = json.loads((app.outdir / "apparatus.json").read_text())
    jsonschema.validate(data, SCHEMA)
    got = [(e["type"], e["id"], e["para"]) for e in data["interventions"]]
    assert got == [
        ("pb", "W1", "p1"),
        ("emendation", "e1", "p1"),
        ("pb", "W2", "p1"),
        ("sic", "s1", "p1"),
        ("emendation", "emendation-1", "p2"),
        ("gap", "gap-1", "note-1"),
        ("emendation", "e2", "note-2"),
    ]
    e1 = data["interventions"][1]
    assert (e1["lemma"], e1["witness"], e1["certainty"], e1["resp"], e1["page"], e1["line"]) == (
        "wick",
        "wikc",
        "certain",
        "EE",
        1,
        3,
    )


@pytest.mark.sphinx("html", testroot="apparatus")
def test_apparatus_page_lists_entries_linked_both_ways(app) -> None:
    app.build()
    soup = BeautifulSoup((app.outdir / "apparatus.html").read_text(), "html.parser")
    items = soup.select("ul.apparatus-list > li")
    assert [li["id"] for li in items] == ["app-e1", "app-s1", "app-emendation-1", "app-e2"]
    assert items[0].select_one("a.app-place")["href"] == "index.html#e1"
    assert "wick] wikc W" in items[0].get_text("")
    assert items[3].select_one("a.app-place").get_text() == "n. 2"


@pytest.mark.sphinx("latex", testroot="apparatus", freshenv=True)
def test_latex_keys_the_apparatus_to_lines_and_defers_it_out_of_footnotes(app) -> None:
    app.build()
    tex = next(app.outdir.glob("*.tex")).read_text()
    assert r"\edpb{1}" in tex and r"\edlacuna{" in tex
    assert r"\edapp{e1}{}{wick]\enspace wikc\ \textit{W}}" in tex
    # the entry for an emendation inside note 2 comes after the note ends, keyed to it
    note_end = tex.index(r"\end{footnote}", tex.index("Ellison"))
    entry = tex.index(r"\edapp{e2}")
    assert entry > note_end and r"\textit{n.\,2}" in tex[entry : entry + 80]
    assert r"\pageref{app:e1}" in tex and r"\lineref{app:e1}" in tex


@pytest.mark.sphinx("text", testroot="apparatus", freshenv=True)
def test_text_shows_readable_marks(app) -> None:
    app.build()
    text = (app.outdir / "index.txt").read_text()
    assert "[W1]The keeper trimmed the wick [W: wikc] at dusk." in text.replace("\n", " ").replace("  ", " ")
    assert "all nigth [sic]" in text and "[lacuna: The text of note 1 is wanting in W.]" in text


@pytest.mark.sphinx("html", testroot="apparatus", parallel=2, freshenv=True)
def test_parallel_build_collects_the_same_interventions(app) -> None:
    app.build()
    data = json.loads((app.outdir / "apparatus.json").read_text())
    assert len(data["interventions"]) == 7
    soup = BeautifulSoup((app.outdir / "apparatus.html").read_text(), "html.parser")
    assert len(soup.select("ul.apparatus-list > li")) == 4


@pytest.mark.sphinx("html", testroot="ednotes", freshenv=True)
def test_editorial_notes_are_lettered_and_supplied_text_is_bracketed(app) -> None:
    app.build()
    soup = BeautifulSoup((app.outdir / "index.html").read_text(), "html.parser")
    assert [m.get_text() for m in soup.select("sup.ednote-mark")] == ["a", "b"]
    assert "The logbook is lost." in soup.select_one("#n1-pop").get_text()
    assert soup.select_one("aside.footnote .label").get_text(strip=True).strip("[]") == "1", (
        "the author's numbering is untouched"
    )
    supplied = soup.select_one("#s1")
    assert supplied.select_one(".rdg").get_text() == "[book]" and supplied.select_one(".wit").get_text() == ""
    data = json.loads((app.outdir / "apparatus.json").read_text())
    got = [(e["type"], e["id"], e.get("letter", ""), e["para"]) for e in data["interventions"]]
    assert got == [("note", "n1", "a", "p1"), ("supplied", "s1", "", "p1"), ("note", "n2", "b", "note-1")]


@pytest.mark.sphinx("latex", testroot="ednotes", freshenv=True)
def test_editorial_notes_form_their_own_foot_series_even_inside_author_notes(app) -> None:
    app.build()
    tex = next(app.outdir.glob("*.tex")).read_text()
    assert r"\textsuperscript{\textit{a}}\FootnotetextC{\textit{a}}{The logbook is lost.}" in tex
    assert "[book]" in tex and r"\textit{supplied; wanting in} W" in tex
    note_end = tex.index(r"\end{footnote}")
    assert tex.index(r"\FootnotetextC{\textit{b}}") > note_end, "deferred out of the author's note"
