"""The apparatus extension in Sphinx's own test fixtures, one small root per feature
(tests/roots/test-<feature>): HTML, LaTeX (to PDF), text, warnings, parallel builds."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from apparatus import vocabulary
from apparatus.fields import FieldError, parse_fields
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st

SCHEMA = json.loads((Path(__file__).parent.parent / "extensions" / "apparatus" / "apparatus.schema.json").read_text())


def interventions(app) -> list[dict]:
    data = json.loads((app.outdir / "apparatus.json").read_text())
    jsonschema.validate(data, SCHEMA)
    return data["interventions"]


def soup_of(app, page: str = "index") -> BeautifulSoup:
    return BeautifulSoup((app.outdir / f"{page}.html").read_text(), "html.parser")


# readings (emend, sic, supplied) and the list of emendations: test-apparatus


@pytest.mark.sphinx("html", testroot="apparatus")
def test_html_marks_interventions_with_accessible_popovers(app, warning) -> None:
    app.build()
    assert warning.getvalue() == ""
    soup = soup_of(app)
    e1 = soup.select_one("#e1")
    assert e1.select_one(".rdg").get_text() == "wick" and e1.select_one(".wit").get_text() == "wikc"
    assert e1["tabindex"] == "0" and e1["role"] == "button"
    assert e1["aria-controls"] == "e1-pop" and "W reads wikc" in e1["aria-description"]
    assert e1.find_next_sibling(class_="app-pop")["id"] == "e1-pop", "the popover (with its link) is the word's sibling"
    assert e1["class"] == ["app", "app-emendation", "cert-certain"]
    pop = soup.select_one("#e1-pop").get_text(" ")
    assert "W reads" in pop and "wikc" in pop and "Transposed letters." in pop and "EE" in pop and "certain" in pop
    assert soup.select_one("#e1-pop a")["href"] == "apparatus.html#app-e1"
    sic = soup.select_one("#s1")
    assert (
        sic.select_one(".wit-kept").get_text() == "all nigth" and "all night" in soup.select_one("#s1-pop").get_text()
    )
    assert [a.get_text() for a in soup.select("span.pb a.pb-link")] == ["W1", "W2"]
    assert [a.get_text() for a in soup.select("a.pnum")] == ["1", "2"]
    assert soup.select_one("p#p1 a.pnum")["href"] == "#p1"
    assert "wanting in W" in soup.select_one("span.lacuna").get_text()


@pytest.mark.sphinx("html", testroot="apparatus")
def test_apparatus_json_gives_every_entry_its_place_page_and_line(app) -> None:
    app.build()
    got = [(e["type"], e["id"], e["para"], e["page"], e["line"]) for e in interventions(app)]
    assert got == [
        ("pb", "W1", "p1", 1, 1),
        ("emendation", "e1", "p1", 1, 3),  # the markup's own line and page win
        ("pb", "W2", "p1", 2, 2),
        ("sic", "s1", "p1", 2, 2),
        ("emendation", "emendation-1", "p2", 2, 3),
        ("gap", "gap-1", "n1", 2, 2),  # a wanting note: the line of its marker
        ("emendation", "e2", "n2", 2, 3),
    ]
    e1 = interventions(app)[1]
    assert (e1["lemma"], e1["witness"], e1["certainty"], e1["resp"]) == ("wick", "wikc", "certain", "EE")
    dated = {e["id"]: e.get("date") for e in interventions(app)}
    assert dated["e1"] == "2026-11-25" and dated["s1"] is None, "the day of the decision, when the markup gives one"


def test_the_schema_requires_page_and_line() -> None:
    entry = {"id": "gap-1", "type": "gap", "lemma": "", "witness": "", "doc": "index", "para": "n1", "page": 2}
    with pytest.raises(jsonschema.ValidationError, match="'line' is a required property"):
        jsonschema.validate({"witness": "W", "interventions": [entry]}, SCHEMA)
    jsonschema.validate({"witness": "W", "interventions": [{**entry, "line": 2}]}, SCHEMA)


@pytest.mark.sphinx("html", testroot="apparatus")
def test_apparatus_page_lists_entries_linked_both_ways(app) -> None:
    app.build()
    items = soup_of(app, "apparatus").select("ul.apparatus-list > li")
    assert [li["id"] for li in items] == ["app-e1", "app-s1", "app-emendation-1", "app-e2"]
    assert items[0].select_one("a.app-place")["href"] == "index.html#e1"
    assert "wick] wikc W" in items[0].get_text("")
    assert items[3].select_one("a.app-place").get_text() == "n. 2"
    assert items[0].select_one("a.app-place").get_text() == "¶ 1"


@pytest.mark.sphinx("html", testroot="apparatus")
def test_notes_have_stable_anchors_and_keep_docutils_ids(app) -> None:
    app.build()
    soup = soup_of(app)
    notes = soup.select("aside.footnote")
    assert [note["id"] for note in notes] == ["n1", "n2"]
    # docutils' own id stays on the page (as an extra anchor), so links made before still land
    assert all(note.select_one("span[id]") is not None for note in notes)
    assert [a["href"] for a in soup.select("a.footnote-reference")] == ["#n1", "#n2"]


@pytest.mark.sphinx("latex", testroot="apparatus", freshenv=True)
def test_latex_keys_the_apparatus_to_lines_and_defers_it_out_of_footnotes(app) -> None:
    app.build()
    tex = next(app.outdir.glob("*.tex")).read_text()
    assert r"\usepackage[siglum=W]{apparatus}" in tex and (app.outdir / "apparatus.sty").exists()
    # page 1 begins with the paragraph (the margin shows it), page 2 inside it (a bar between words)
    assert r"\edpbopen{1}" in tex and r"\edpb{2}" in tex and r"\edpb{1}" not in tex
    # a single note whose text is wanting is set as every note is (a run of three or more is run in: test_pdf)
    assert r"\begin{footnote}[1]" in tex and r"\edlacuna{" in tex and r"\edwantingnote" not in tex
    assert r"\edpnum{1}" in tex
    # the siglum and a certainty are tied to the words before them: never "wikc / M" across a line end
    assert r"\edapp{e1}{}{wick{]}\enspace wikc~{\itshape \edsiglum}}" in tex
    assert re.search(r"~\\mbox\{\\textit\{\((possible|probable)\)\}\}", tex)
    # the entry for an emendation inside note 2 comes after the note ends, keyed to it
    note_end = tex.index(r"\end{footnote}", tex.index("Ellison"))
    entry = tex.index(r"\edapp{e2}")
    assert entry > note_end and r"\textit{n.\,2}" in tex[entry : entry + 80]
    assert tex.index(r"\edapp{e1}") < tex.index("at dusk"), "outside a note the entry follows its reading"
    assert r"\pageref{app:e1}" in tex and r"\lineref{app:e1}" in tex


@pytest.mark.sphinx("text", testroot="apparatus", freshenv=True)
def test_text_shows_readable_marks(app) -> None:
    app.build()
    text = (app.outdir / "index.txt").read_text()
    assert "[W1]The keeper trimmed the wick [W: wikc] at dusk." in text.replace("\n", " ").replace("  ", " ")
    assert "all nigth [sic]" in text and "[lacuna: The text of note 1 is wanting in W.]" in text


def test_a_parallel_build_writes_the_same_apparatus_json(make_app, rootdir, tmp_path) -> None:
    outputs = []
    for parallel in (0, 2):
        srcdir = tmp_path / f"j{parallel}"
        shutil.copytree(rootdir / "test-apparatus", srcdir)
        app = make_app("html", srcdir=srcdir, parallel=parallel, freshenv=True)
        app.build()
        outputs.append((app.outdir / "apparatus.json").read_text())
        assert len(soup_of(app, "apparatus").select("ul.apparatus-list > li")) == 4
    assert outputs[0] == outputs[1]
    assert len(json.loads(outputs[1])["interventions"]) == 7


def test_an_incremental_build_rewrites_the_list_without_rereading_it(make_app, rootdir, tmp_path) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / "test-apparatus", srcdir)
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    index = srcdir / "index.md"
    index.write_text(index.read_text().replace("id: e1;", "id: e9;"))
    app = make_app("html", srcdir=srcdir)
    app.build()
    items = soup_of(app, "apparatus").select("ul.apparatus-list > li")
    assert items[0]["id"] == "app-e9", "the list follows a change in another document"


# pages, lines, gaps and fragments: test-pagination


@pytest.mark.sphinx("html", testroot="pagination")
def test_pages_lines_gaps_and_fragments_have_their_places(app, warning) -> None:
    app.build()
    assert warning.getvalue() == ""
    got = [(e["type"], e["id"], e["para"], e["page"], e["line"]) for e in interventions(app)]
    assert got == [
        ("pb", "W1", "p1", 1, 1),
        ("pb", "W2", "p1", 2, 4),
        ("fragment", "fragment-1", "p1", 3, 9),  # its own line, as the markup gives it
        ("emendation", "emendation-1", "p1", 2, 5),  # the line its words begin on
        ("sic", "sic-1", "p1", 2, 6),  # after a reading whose words ran on to line 6
        ("gap", "gap-1", "n1", 1, 3),  # the line of note 1's marker
        ("gap", "g2", "n2", 2, 12),
    ]
    soup = soup_of(app)
    lines = [(s["data-n"], s.get("data-hyphen"), s.has_attr("data-first")) for s in soup.select("span.lb")]
    assert lines[:4] == [("1", None, True), ("2", "-", False), ("3", None, False), ("4", None, False)]
    assert [n for n, _, _ in lines] == ["1", "2", "3", "4", "5", "6", "7", "8", "13", "14", "11"], (
        "every line of W, none lost in a reading"
    )
    # a line of W that begins inside W's words of an emendation: its start stands in W's reading
    wit = soup.select_one("#emendation-1 .wit")
    assert wit.get_text() == "ocaen liner" and wit.select_one("span.lb")["data-n"] == "6"
    assert wit.select_one("span.lb").previous_sibling == "ocaen "
    assert soup.select_one("span.fragment#fragment-1").get_text(" ").startswith("orphan line of W:")
    # a word broken at the witness's line end is one word for the search
    index = (app.outdir / "searchindex.js").read_text()
    terms = json.loads(re.search(r'"terms":(\{.*?\})', index).group(1))
    assert "continu" in terms and "tinu" not in terms and "con" not in terms


@pytest.mark.sphinx("html", testroot="pagination")
def test_line_starts_stay_where_they_were_when_smartquotes_rewrites_the_text(app) -> None:
    """The test root keeps Sphinx's default, smartquotes on: it puts a new text in the place of
    every text, and turns '"' into '“' and '--' into '–' (two characters into one). W's line
    start after the dash stays between "here " and "and", none is lost, and the words are educated."""
    app.build()
    start = soup_of(app).select_one('span.lb[data-n="14"]')
    assert start is not None, "the line start is lost"
    assert str(start.previous_sibling).endswith("“it ends – here ") and str(start.next_sibling).startswith("and now”")


def test_a_line_start_moves_with_the_text_smartquotes_rewrote() -> None:
    from apparatus.pagination import moved_offset

    old, new = 'he said "so -- then" and', "he said “so – then” and"
    assert [moved_offset(o, old, new) for o in (0, 8, 9, 12, 13, 14, 15, len(old))] == [
        0,
        8,
        9,
        12,
        12,
        13,
        14,
        len(new),
    ]
    assert moved_offset(3, "same", "same") == 3


@pytest.mark.sphinx("html", testroot="latex")
def test_the_list_gives_a_supplied_entry_its_words_closed_by_one_bracket(app) -> None:
    app.build()
    item = soup_of(app, "apparatus").select_one("li#app-s2 p")
    assert item.select_one(".app-lemma").get_text() == "long"
    assert "long] supplied; wanting in M" in item.get_text() and "]]" not in item.get_text()


@pytest.mark.sphinx("latex", testroot="pagination", freshenv=True)
def test_print_sets_an_orphan_line_of_the_running_text_at_the_foot_keyed_to_its_line(app) -> None:
    """W's orphan line stands between two words of the author's sentence: in print it is kept out of
    the sentence, an entry of the apparatus at the page foot keyed to the line where W has it."""
    app.build()
    tex = next(app.outdir.glob("*.tex")).read_text()
    assert r"\edfragment{fragment-1}{an orphan line}" in tex
    sty = (app.outdir / "apparatus.sty").read_text()
    assert r"\newcommand{\edfragment}[2]{\edapp{#1}{}{" in sty, "an apparatus entry, keyed to its line"


@pytest.mark.sphinx("html", testroot="pagination")
def test_the_contents_name_a_heading_by_its_words_without_its_line_starts(app) -> None:
    app.build()
    entry = soup_of(app).select_one(f"a[href='#{'where-the-tale-ends'}']:not(.headerlink)")
    assert entry is not None and entry.get_text() == "Where the tale ends", "the contents name the section"
    assert entry.select("span.lb") == [], "W's line starts are the diplomatic view's, not the contents'"
    heading = soup_of(app).select_one("h2")
    assert [s["data-n"] for s in heading.select("span.lb")] == ["7", "8"], "the heading itself keeps them"


# editors' notes: test-ednotes


@pytest.mark.sphinx("html", testroot="ednotes", freshenv=True)
def test_editorial_notes_are_lettered_and_supplied_text_is_bracketed(app) -> None:
    app.build()
    soup = soup_of(app)
    assert [m.get_text() for m in soup.select("sup.ednote-mark")] == ["a", "b"]
    assert "The logbook is lost." in soup.select_one("#ed1-pop").get_text()
    assert soup.select_one("aside.footnote .label").get_text(strip=True).strip("[]") == "1", (
        "the author's numbering is untouched"
    )
    supplied = soup.select_one("#s1")
    assert supplied.select_one(".rdg").get_text() == "[book]" and supplied.select_one(".wit").get_text() == ""
    got = [(e["type"], e["id"], e["letter"], e["para"]) for e in interventions(app)]
    assert got == [
        ("pb", "W1", "", "p1"),
        ("note", "ed1", "a", "p1"),
        ("supplied", "s1", "", "p1"),
        ("note", "ed2", "b", "n1"),
    ]


@pytest.mark.sphinx("latex", testroot="ednotes", freshenv=True)
def test_editorial_notes_form_their_own_foot_series_even_inside_author_notes(app) -> None:
    app.build()
    tex = next(app.outdir.glob("*.tex")).read_text()
    # the letter, then the note's place for the list (\edappstart) and its text in the C series
    assert r"\textsuperscript{\textit{a}}\edappstart{ed1}\FootnotetextC{\textit{a}}{The logbook is lost.}" in tex
    assert "[book]" in tex and r"{\itshape supplied; wanting in~\edsiglum}" in tex
    # the entry's lemma is the words, closed by the lemma's bracket once: "book]", not "[book]]"
    assert r"{book{]}\enspace {\itshape supplied" in tex and "[book]]" not in tex
    note_end = tex.index(r"\end{footnote}")
    assert tex.index(r"\FootnotetextC{\textit{b}}") > note_end, "deferred out of the author's note"


# configuration: test-siglum


@pytest.mark.sphinx("html", testroot="siglum")
def test_the_siglum_and_the_editors_come_from_configuration(app, warning) -> None:
    app.build()
    assert warning.getvalue() == ""
    soup = soup_of(app)
    assert soup.select_one("span.pb#V7 a.pb-link").get_text() == "V7"
    assert "V reads" in soup.select_one("#e1-pop").get_text() and "W reads" not in soup.get_text()
    data = json.loads((app.outdir / "apparatus.json").read_text())
    assert data["witness"] == "V"
    resp = {e["id"]: e["resp"] for e in data["interventions"]}
    assert resp == {"V7": "", "e1": "AB", "ed1": "AB", "e2": "CD"}, "the default editor fills in, never overrides"


@pytest.mark.sphinx("html", testroot="siglum", confoverrides={"apparatus_siglum": "not a siglum"})
def test_a_bad_siglum_is_a_configuration_error(make_app, app_params) -> None:
    from sphinx.errors import ConfigError

    args, kwargs = app_params
    with pytest.raises(ConfigError, match="apparatus_siglum"):
        make_app(*args, **kwargs)


@pytest.mark.parametrize(
    ("name", "value"),
    [("apparatus_latex_linenumbers", 2), ("apparatus_responsible", ["AB"]), ("apparatus_resp", 7)],
)
def test_a_value_of_the_wrong_type_is_a_configuration_error(make_app, rootdir, tmp_path, name, value) -> None:
    """Sphinx only warns of a wrong type; the extension stops at builder-inited, naming the value."""
    from sphinx.errors import ConfigError

    shutil.copytree(rootdir / "test-siglum", tmp_path / "src")
    with pytest.raises(ConfigError, match=rf"{name} must be a (bool|dict|str), not"):
        make_app("html", srcdir=tmp_path / "src", confoverrides={name: value})


# malformed markup: test-malformed

MALFORMED = [
    ("Bad page:", "pb", "malformed"),
    ("Bad page field:", "pb", "invalid_value"),
    ("Bad line:", "lb", "malformed"),
    ("No bracket:", "emend", "malformed"),
    ("Unknown key:", "emend", "unknown_key"),
    ("Bad certainty:", "sic", "invalid_value"),
    ("Bad category:", "supplied", "invalid_value"),
    ("No witness reading:", "emend", "missing_field"),
    ("Bad lacuna:", "lacuna", "invalid_value"),
    ("Bad fragment:", "fragment", "unknown_key"),
    ("Bad ednote:", "ednote", "invalid_value"),
    ("Bad date:", "emend", "invalid_value"),
    ("Undeclared editor:", "ednote", "unknown_resp"),
    ("Bad work:", "work", "malformed"),
    ("Bad line starts:", "sic", "invalid_value"),
]


@pytest.mark.sphinx("html", testroot="malformed", freshenv=True)
def test_every_role_warns_of_malformed_fields_with_type_subtype_and_line(app, warning) -> None:
    app.build()
    source = (Path(app.srcdir) / "index.md").read_text().splitlines()
    warnings = warning.getvalue()
    for label, role, subtype in MALFORMED:
        line = next(i for i, text in enumerate(source, 1) if text.startswith(label))
        pattern = rf"index\.md:{line}: WARNING: {role}: .* \[apparatus\.{subtype}\]"
        assert re.search(pattern, warnings), f"{label} {pattern}\n{warnings}"
    assert len(re.findall(r"\[apparatus\.", warnings)) == len(MALFORMED), warnings
    assert interventions(app) == [], "nothing malformed becomes an entry"


# the fields' parser, without Sphinx

_value = (
    st.text(alphabet=st.characters(blacklist_characters="[];\n\r", blacklist_categories=("Cs",)), min_size=1)
    .map(str.strip)
    .filter(lambda v: v and ":" not in v)
)


@given(
    shown=_value,
    fields=st.dictionaries(st.sampled_from(["wit", "cat", "cert", "resp", "id"]), _value, max_size=5),
    note=st.text(alphabet=st.characters(blacklist_characters="\r", blacklist_categories=("Cs",))).map(str.strip),
)
def test_parse_fields_reads_back_what_was_written(shown: str, fields: dict[str, str], note: str) -> None:
    body = "; ".join(f"{k}: {v}" for k, v in fields.items())
    if note and "]" not in note[-1:]:
        body = f"{body}; note: {note}" if body else f"note: {note}"
        fields = {**fields, "note": note}
    if not body:
        return
    assert parse_fields(f"{shown} [{body}]") == (shown, fields)


def test_parse_fields_rejects_brackets_it_cannot_read() -> None:
    with pytest.raises(FieldError):
        parse_fields("lamp [wit: a; wit: b]")
    with pytest.raises(FieldError):
        parse_fields("reason [colour: red]", required=False)
    assert parse_fields("no fields at all", required=False) == ("no fields at all", {})
    # a no-break space after a separator (the emitter's guard in a value) never starts a field
    assert parse_fields("x [wit: a;\u00a0id: forged]") == ("x", {"wit": "a;\u00a0id: forged"})


def test_one_anchor_format_for_paragraphs_notes_and_pages() -> None:
    assert vocabulary.paragraph_anchor(12) == "p12" and vocabulary.note_anchor(12) == "n12"
    assert vocabulary.page_anchor("W", 5) == "W5"
    assert vocabulary.place_label("p12") == "¶ 12" and vocabulary.place_label("n12") == "n. 12"
    assert [vocabulary.letter(i) for i in (0, 25, 26)] == ["a", "z", "aa"]


# the LaTeX package, to PDF: test-latex (its conf.py has no preamble)


@pytest.mark.sphinx("latex", testroot="latex", freshenv=True)
def test_a_project_with_no_preamble_builds_a_pdf_with_the_package(app) -> None:
    app.build()
    assert not app.config.latex_elements.get("preamble")
    result = subprocess.run(
        ["latexmk", "-xelatex", "-interaction=nonstopmode", "-halt-on-error", "test.tex"],
        cwd=app.outdir,
        capture_output=True,
        text=True,
    )
    pdf = Path(app.outdir) / "test.pdf"
    assert result.returncode == 0 and pdf.exists(), result.stdout[-3000:]
    log = (Path(app.outdir) / "test.log").read_text(errors="replace")
    assert "Undefined control sequence" not in log
    assert not re.findall(r"^Overfull \\hbox.*$", log, flags=re.M), (
        "a long URL in an editors' note breaks at its slashes"
    )
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = re.sub(r"\s+", " ", text)
    assert re.search(r"\d+ wick\] wikc M", flat), "a foot entry keyed to its line, with the configured siglum"
    assert re.search(r"all nigth\] sic M; perhaps all night \(possible\)", flat)
    assert "long] supplied; wanting in M (probable)" in flat and "]]" not in flat
    assert re.search(r"n\. 1 Ellison\] Elison M", flat), "an entry from inside a note, labelled with it"
    assert "The logbook is lost." in flat and "the rest is wanting." in flat
    assert "M1" in flat and "M2" in flat, "the witness's pages in the margin"
    assert re.search(r"¶ ?1\b", flat) and re.search(r"¶ ?2\b", flat), "paragraph numbers in the margin"


def test_the_schema_and_the_vocabulary_agree() -> None:
    item = SCHEMA["properties"]["interventions"]["items"]["properties"]
    assert tuple(item["type"]["enum"]) == vocabulary.KINDS
    assert tuple(item["category"]["enum"]) == (*vocabulary.CATEGORIES, "")
    for name, gloss in vocabulary.CATEGORY_GLOSSES.items():  # a reuser reads what each means
        assert f"{name}: {gloss}" in item["category"]["description"], name
    assert tuple(item["certainty"]["enum"]) == (*vocabulary.CERTAINTIES, "")


def test_the_vocabulary_imports_no_sphinx() -> None:
    """The pipeline may import the closed lists without Sphinx (the feature modules load in setup())."""
    code = "import sys, apparatus.vocabulary; print(sorted(m for m in sys.modules if m.startswith(('sphinx', 'docutils'))))"
    extensions = str(Path(__file__).parent.parent / "extensions")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=extensions)
    assert result.stdout.strip() == "[]"


def test_the_pipeline_knows_the_same_categories_certainties_and_fields() -> None:
    """register.py and emit.py take their lists from apparatus.vocabulary: one vocabulary."""
    from edition_pipeline import emit, register

    assert set(register.CATEGORIES) == set(vocabulary.CATEGORIES)
    assert set(register.CERTAINTIES) == set(vocabulary.CERTAINTIES)
    forged = re.search(r"\(\?:([a-z|]+)\):", emit._FORGED.pattern)
    assert forged is not None and set(forged.group(1).split("|")) == set(vocabulary.FIELDS)


# the register's invariants as the build sees them: test-duplicate


@pytest.mark.sphinx("html", testroot="duplicate", freshenv=True)
def test_an_entry_twice_or_two_entries_on_the_same_words_stop_the_build(app, warning) -> None:
    """What a crashed or repeated accept would leave in the generated text: the build says so."""
    app.build()
    warnings = warning.getvalue()
    found = re.findall(r"WARNING: (.*) \[apparatus\.duplicate\]", warnings)
    assert any("'e1' and 'e2'" in w and "line 4" in w for w in found), warnings
    assert any("'e3' appears twice" in w for w in found), warnings
    assert len(found) == 2, warnings  # e4/e5 share a place legitimately; e6 is another line


# back matter in print: test-backmatter (a toctree at the end of the text's last section)


@pytest.mark.sphinx("latex", testroot="backmatter", freshenv=True)
def test_a_page_in_a_toctree_inside_a_section_is_its_subsection_by_default(app) -> None:
    app.build()
    tex = next(app.outdir.glob("*.tex")).read_text()
    assert re.search(r"^\\subsection\{List of emendations\}", tex, flags=re.M), re.findall(
        r"^\\\w*section\{.*\}", tex, re.M
    )


@pytest.mark.sphinx(
    "latex", testroot="backmatter", freshenv=True, confoverrides={"apparatus_back_matter": ["emendations", "works"]}
)
def test_back_matter_stands_beside_the_texts_sections_in_print(app) -> None:
    """Named as back matter, the pages are sections of the book like the text's own, in their order."""
    app.build()
    tex = next(app.outdir.glob("*.tex")).read_text()
    found = re.findall(r"^\\(\w*section)\{(.*)\}", tex, re.M)
    assert found == [
        ("section", "Introduction"),
        ("section", "Conclusion"),
        ("section", "List of emendations"),
        ("section", "Works cited"),
    ], found


# the notes' heading: test-latex (a titled page with a note and a toctree)


@pytest.mark.sphinx("html", testroot="latex", freshenv=True)
def test_the_notes_at_the_end_of_a_page_have_a_heading_in_html(app, warning) -> None:
    """The reader sees where the text ends: "Notes" heads the notes, once, with an id, in the page's
    table of contents, and the notes are in its section."""
    app.build()
    assert warning.getvalue() == ""
    soup = soup_of(app)
    headings = [h for h in soup.select("h1, h2, h3") if h.get_text().rstrip("¶") == "Notes"]
    assert len(headings) == 1, [h.get_text() for h in soup.select("h1, h2, h3")]
    heading = headings[0]
    assert heading.name == "h2", "a section of the titled page, below its title"
    section = heading.parent
    assert section.name == "section" and section["id"] == "notes"
    first_note = soup.select_one("aside.footnote")
    assert first_note is not None and section in first_note.parents, "the notes are in the section"
    order = [el for el in soup.find_all(True) if el is heading or el is first_note]
    assert order == [heading, first_note], "the heading comes before the first note"
    assert soup.select_one("p#p2") not in section.descendants, "the text is not in it"
    from sphinx.environment.adapters.toctree import document_toc

    toc = document_toc(app.env, "index", app.builder.tags)
    entries = [r["anchorname"] for r in toc.findall(lambda n: n.tagname == "reference")]
    assert entries[-1] == "#notes", entries


@pytest.mark.sphinx("latex", testroot="latex", freshenv=True)
def test_print_has_no_notes_heading_its_notes_are_footnotes(app, warning) -> None:
    app.build()
    tex = next(app.outdir.glob("*.tex")).read_text()
    assert "Notes" not in tex and "{notes}" not in tex, re.findall(r".*Notes.*", tex)
    assert r"\begin{footnote}" in tex or r"\footnote" in tex


@pytest.mark.sphinx("html", testroot="latex", freshenv=True, confoverrides={"apparatus_notes_heading": ""})
def test_an_empty_notes_heading_sets_none(app) -> None:
    app.build()
    soup = soup_of(app)
    assert soup.select_one("aside.footnote") is not None
    assert not soup.select("section.notes-section") and "Notes" not in soup.get_text()


@pytest.mark.parametrize("value", [" Notes", "Notes\nand more", 3])
def test_a_bad_notes_heading_is_a_configuration_error(make_app, rootdir, tmp_path, value) -> None:
    from sphinx.errors import ConfigError

    shutil.copytree(rootdir / "test-siglum", tmp_path / "src")
    with pytest.raises(ConfigError, match="apparatus_notes_heading"):
        make_app("html", srcdir=tmp_path / "src", confoverrides={"apparatus_notes_heading": value})
