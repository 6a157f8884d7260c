"""The whole edition built for real: zero warnings, HTML notes, PDF text, plain text."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from bs4 import BeautifulSoup
from pypdf import PdfReader

FIRST = "The present crisis over North Korea’s nuclear and missile programs obliges us"
LAST = "no more ignominious paradox can be imagined."
NOTE_42 = "Alexander Bratersky, Igor Kryuchkov"


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00ad", "")).replace("- ", "-")


def test_html_shows_the_article_and_every_surviving_note_with_its_number(html_build) -> None:
    soup = BeautifulSoup((html_build / "index.html").read_text(encoding="utf-8"), "html.parser")
    text = squash(soup.get_text(" "))
    assert FIRST in text and LAST in text
    labels = {}
    for aside in soup.select("aside.footnote"):
        label = aside.select_one(".label").get_text(strip=True).strip("[]")
        labels[int(label)] = squash(aside.get_text(" "))
    assert sorted(labels) == list(range(1, 87))
    assert "Sergey Radchenko" in labels[1] and NOTE_42 in labels[42] and "Jeremy Maxie" in labels[80]
    assert "wanting in the witness" in labels[43] and "breaks off" in labels[39]
    # a gap's id is its note's (gap-n43), not its place in a count that any new gap would shift
    assert soup.find(id="gap-n43").find_parent("aside")["id"] == "n43"
    assert soup.find(id="fragment-l942") is not None
    refs = [a.get_text(strip=True).strip("[]") for a in soup.select("a.footnote-reference")]
    assert refs == [str(n) for n in range(1, 87)]
    assert [a.get_text() for a in soup.select("span.pb a")] == [f"W{n}" for n in range(1, 32)]
    assert soup.find(id="W17") is not None
    assert len(soup.select("blockquote")) == 13


def test_pdf_text_has_first_and_last_sentences_and_note_42(pdf_file) -> None:
    # pdftotext (poppler) keeps the word spaces of justified lines, which pypdf loses
    raw = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf_file), "-"], capture_output=True, text=True, check=True)
    text = squash(raw.stdout)
    reader = PdfReader(str(pdf_file))
    assert "Russo-Japanese Relations and the North Korean Crisis" in text
    assert squash(FIRST) in text
    assert squash(LAST) in text
    assert NOTE_42 in text
    # the editors' metadata, as the edition gives it everywhere: the supplied title in brackets,
    # the attribution said to be the editors'
    assert reader.metadata.title == "[Russo-Japanese Relations and the North Korean Crisis]"
    assert reader.metadata.author == "Stephen Blank (attributed by the editors)"


def test_latex_source_has_one_table_of_contents_and_uses_xelatex(latex_build) -> None:
    tex = (latex_build / "edition.tex").read_text(encoding="utf-8")
    # the edition's print design is its style files, copied beside the .tex
    design = "".join((latex_build / name).read_text(encoding="utf-8") for name in ("edition.sty", "editionfonts.sty"))
    assert r"\tableofcontents" not in tex and tex.count(r"\edtitlepage") == 1
    assert design.count(r"\tableofcontents") == 1, "the contents, on the title page, once"
    assert "EBGaramond12" in design
    assert r"\edpb{31}" in tex


def test_text_build_is_clean_and_readable(text_build) -> None:
    text = squash((text_build / "index.txt").read_text(encoding="utf-8"))
    assert "[W3]" in text and "[orphan line of W: Studies 67" in text
    assert "normalization [W: normalizaiton]" in text


def test_pdf_has_line_numbers_and_a_foot_apparatus_keyed_to_lines(pdf_file) -> None:
    raw = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(pdf_file), "-"], capture_output=True, text=True, check=True
    )
    text = squash(raw.stdout)
    assert re.search(r"\d+ normalization\] normalizaiton W", text), "apparatus entry keyed to a line"
    assert re.search(r"\d+ n\. 2 Tsuruoka\] Tsururoka W", text), "entry for a reading inside note 2"
    assert re.search(r"\d+ the Korean treaty\] sic W; perhaps the Korean crisis \(possible\)", text)
    assert "Editorial principles" in text and "Apparatus" in text
    numbers = re.findall(r"^\s*(\d+)\s{2,}\S", raw.stdout, flags=re.M)
    assert {"5", "10", "15"} <= set(numbers), "every fifth line is numbered in the margin"


def test_apparatus_json_of_the_edition_lists_every_intervention(html_build) -> None:
    import json

    import jsonschema
    from conftest import ROOT

    data = json.loads((html_build / "apparatus.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, json.loads((ROOT / "extensions" / "apparatus" / "apparatus.schema.json").read_text()))
    kinds = [entry["type"] for entry in data["interventions"]]
    assert kinds.count("pb") == 31 and kinds.count("gap") == 43 and kinds.count("fragment") == 1
    assert (
        kinds.count("emendation") == 48
        and kinds.count("sic") == 27
        and kinds.count("supplied") == 1
        and kinds.count("note") == 2
    )
    # every decision carries its day, as the register gives it (an accepted proposal: the day of the review)
    from edition_pipeline.register import load_register

    register = {entry.id: entry.date for entry in load_register(ROOT / "editorial" / "emendations.yaml")}
    dated = {entry["id"]: entry.get("date") for entry in data["interventions"] if entry["id"] in register}
    assert dated == register and dated["e76"] == "2026-12-02" and dated["e02"] == "2026-11-25"
    for entry in data["interventions"]:
        assert entry["type"] in ("gap", "note", "fragment") or ("page" in entry and "line" in entry), entry["id"]
    e02 = next(e for e in data["interventions"] if e["id"] == "e02")
    assert (e02["lemma"], e02["witness"], e02["page"], e02["line"], e02["para"]) == (
        "normalization",
        "normalizaiton",
        3,
        42,
        "p2",
    )


def test_apparatus_json_can_be_used_without_the_repository(html_build) -> None:
    """A reuser who has only the site: the file says whose decisions these are (the ids of resp
    resolve), of which witness, under what licence, points to its schema (published beside it), and
    each entry to its place in the HTML."""
    import json

    from bs4 import BeautifulSoup
    from conftest import ROOT

    data = json.loads((html_build / "apparatus.json").read_text(encoding="utf-8"))
    edition = data["edition"]
    assert edition["date"] == "2026-12-02" and edition["editors"] == ["the Edition Team"]
    assert edition["licence"]["name"] == "CC BY 4.0" and "not ours to license" in edition["licence"]["text"]
    assert len(edition["witness_sha256"]) == 64 and edition["title_supplied"] and edition["author_attributed"]
    assert {entry["resp"] for entry in data["interventions"] if entry.get("resp")} <= set(edition["responsible"])
    schema = html_build / data["schema"]
    assert schema.read_bytes() == (ROOT / "extensions" / "apparatus" / "apparatus.schema.json").read_bytes()
    pages: dict[str, BeautifulSoup] = {}
    for entry in data["interventions"]:
        page, anchor = entry["href"].split("#")
        if page not in pages:
            pages[page] = BeautifulSoup((html_build / page).read_text(encoding="utf-8"), "html.parser")
        assert pages[page].find(id=anchor) is not None, entry["href"]


def _built_plain_project(tmp_path: Path, same_text_as: Path | None = None) -> Path:
    """bench/speed.py's plain project, written and built to HTML (``-W``: no warning); its output folder."""
    import sys

    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root / "bench"))
    try:
        import speed
    finally:
        sys.path.remove(str(root / "bench"))
    plain = tmp_path / "plain"
    speed.write_plain_project(plain, same_text_as=same_text_as)
    out = tmp_path / "out"
    subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-W", "-c", str(plain), str(plain), str(out)],
        check=True,
        capture_output=True,
        env=speed._env(),
    )
    return out


def test_the_speed_benchmark_builds_the_same_text_and_notes_without_the_apparatus(html_build, tmp_path) -> None:
    """bench/speed.py's plain project (generated from the model) must be a fair baseline: the same
    pages, paragraphs (by anchor), quotations, notes and first and last sentences, the same theme;
    none of the apparatus."""
    out = _built_plain_project(tmp_path)
    assert sorted(p.name for p in out.glob("*.html")) == sorted(p.name for p in html_build.glob("*.html"))
    edition, baseline = (
        BeautifulSoup((d / "index.html").read_text(encoding="utf-8"), "html.parser") for d in (html_build, out)
    )

    def anchors(soup: BeautifulSoup) -> list[str]:
        return [tag["id"] for tag in soup.find_all(id=re.compile(r"^p\d+$"))]

    assert anchors(baseline) == anchors(edition) and len(anchors(edition)) > 50
    assert len(baseline.select("aside.footnote")) == len(edition.select("aside.footnote")) == 86
    assert len(baseline.select("blockquote")) == len(edition.select("blockquote"))
    text = squash(baseline.get_text(" "))
    assert FIRST in text and LAST in text and NOTE_42 in text
    assert all(soup.select_one('link[href*="styles/furo"]') for soup in (edition, baseline)), "the same theme"
    assert not baseline.select("span.app, span.lb, span.pb") and edition.select("span.app, span.lb, span.pb")


def test_the_speed_baseline_with_the_same_text_shows_the_lists_text_and_the_bibliographys(html_build, tmp_path) -> None:
    """The goal's baseline (bench/speed.py, ``same_text_as``) holds the text the extension writes on
    the editors' pages, as plain MyST: every entry of the list of emendations, with its words,
    and every entry of the bibliography with its anchor; and still none of the apparatus."""
    out = _built_plain_project(tmp_path, same_text_as=html_build)

    def soup(folder: Path, page: str) -> BeautifulSoup:
        return BeautifulSoup((folder / f"{page}.html").read_text(encoding="utf-8"), "html.parser")

    words = re.compile(r"\w+")
    edition_list, plain_list = soup(html_build, "apparatus"), soup(out, "apparatus")
    entries = edition_list.select("li.app-entry")
    items = plain_list.select("article li")
    assert len(entries) == len(items) > 70
    for entry, item in zip(entries, items, strict=True):
        assert words.findall(entry.get_text()) == words.findall(item.get_text())
    edition_bib, plain_bib = soup(html_build, "bibliography"), soup(out, "bibliography")
    cited = [e["id"] for e in edition_bib.select("div.citation")]
    assert len(cited) > 50 and all(plain_bib.find(id=key) is not None for key in cited)
    for entry in edition_bib.select("div.citation"):
        shown = " ".join(p.get_text() for p in entry.find_all("p"))
        assert words.findall(shown) == words.findall(plain_bib.find(id=entry["id"]).get_text()), entry["id"]
    assert not plain_list.select("span.app, span.lb, span.pb, .app-pop")


def test_every_line_of_w_in_the_text_has_its_one_line_start_in_the_html(html_build, document) -> None:
    """The diplomatic view breaks and numbers W's lines at the reading text's line starts: each
    line of W that the text, the notes or an orphan line hold has exactly one, including a line
    that begins inside the words of an emendation or a sic."""
    from bs4 import BeautifulSoup

    expected = {line for block in (*document.paragraphs, *document.notes) for line, _ in block.line_offsets}
    expected |= {fragment.line for fragment in document.fragments}
    soup = BeautifulSoup((html_build / "index.html").read_text(encoding="utf-8"), "html.parser")
    starts = [int(span["data-n"]) for span in soup.select("article span.lb")]
    assert len(starts) == len(set(starts)), "a line of W begins twice"
    assert set(starts) == expected, f"missing {sorted(expected - set(starts))}, extra {sorted(set(starts) - expected)}"
    inside = soup.select("article .app .wit span.lb, article .app .wit-kept span.lb")
    assert inside, "no line of W begins inside an intervention's words: the case is not tested"


def test_a_popover_shows_ws_words_as_w_has_them_with_no_quotation_marks_of_its_own(html_build) -> None:
    """W reads “Introduction, Gilbert: the popover must not add quotation marks around W's words
    (a reader could not tell W's marks from the display's): W's words stand in a box, exactly."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup((html_build / "index.html").read_text(encoding="utf-8"), "html.parser")
    emendations = soup.select("article .app-emendation")
    assert emendations and not soup.select("article .app-pop q")
    with_marks = 0
    for app in emendations:
        pop = soup.find(id=app["aria-controls"])  # the popover the word controls, beside it
        shown = pop.select_one(".app-pop-wit .app-pop-words")
        assert shown is not None and shown.get_text() == app.select_one(".wit").get_text(), app["id"]
        with_marks += any(mark in shown.get_text() for mark in '“”‘’"')
    assert with_marks >= 5, "the readings with quotation marks of W's own are among them"


def _pdf_text(pdf_file) -> str:
    raw = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf_file), "-"], capture_output=True, text=True, check=True)
    return squash(raw.stdout)


def test_a_back_reference_names_the_works_page_so_that_print_never_reads_it_as_its_own(html_build, pdf_file) -> None:
    """ "Cited in n. 79 (p. 27)" on page 27 of the book reads as a page of the book: the page a
    note cites is the work's, and says so, alike in HTML and print."""
    bib = BeautifulSoup((html_build / "bibliography.html").read_text(encoding="utf-8"), "html.parser")
    html_backs = [" ".join(p.get_text().split()) for p in bib.select(".cited-in")]
    printed = _pdf_text(pdf_file)
    back_reference = re.compile(r"Cited in (?:nn?\. )?[^.]*?(?:\(\w* ?pp?\. [^)]*\)[^.]*?)*\.")
    printed_backs = back_reference.findall(printed[printed.index("Bibliography The") :])
    pages = re.compile(r"\((?:citing )?pp?\. [^)]*\)")
    for backs in (html_backs, printed_backs):
        cited = [m.group() for back in backs for m in pages.finditer(back)]
        assert cited and all(c.startswith("(citing p") for c in cited), cited
    assert "Cited in n. 79 (citing p. 27)." in html_backs and "Cited in n. 79 (citing p. 27)." in printed


SCREEN_ONLY = ("link targets", "#W1", "edition convert", "cite this edition", "links back", "Follow an entry")


def test_print_says_what_print_has_and_the_screen_what_the_screen_has(html_build, pdf_file) -> None:
    """The editorial pages: what only a screen has (link targets, commands, the citation form, links)
    is said on screen, and print says what the page holds (margins, page and line, the foot)."""
    printed = _pdf_text(pdf_file)
    front = printed[: printed.index(FIRST[:40])]  # the principles and the witness, before the article
    back = printed[printed.index("Every place where this edition") :]  # the apparatus and the bibliography
    for words in SCREEN_ONLY:
        assert words not in front and words not in back, words
    screen = ""
    for page in ("principles", "apparatus", "bibliography"):
        soup = BeautifulSoup((html_build / f"{page}.html").read_text(encoding="utf-8"), "html.parser")
        screen += squash(soup.select_one("article").get_text(" "))
    for words in SCREEN_ONLY:
        assert words in screen, words
    assert "margin markers W1–W31 in the inner margin" in front and "link targets #W1" in screen
    assert "the page and line of this edition, where the entry stands again in the apparatus at the foot" in back
    assert "Each entry ends with the notes that cite it." in back


def test_the_footer_claims_only_the_editors_matter(html_build) -> None:
    """Every page's footer names the editors' copyright; on pages that carry the author's text it
    must not read as a claim to that text (the licence says it is not the editors' to license)."""
    from bs4 import BeautifulSoup

    for page in ("index.html", "apparatus.html"):
        footer = BeautifulSoup((html_build / page).read_text(encoding="utf-8"), "html.parser").select_one(".copyright")
        text = " ".join(footer.get_text().split())
        assert "the Edition Team (the editorial matter; the article's text is its author's)" in text, text


def test_the_mark_of_a_gap_stands_apart_from_the_word_before_it(html_build, pdf_file) -> None:
    """Note 39 breaks off in W at "Consul-": the editors' gap mark follows the word (and its supplied ending) with
    a space, in HTML and in print, not glued to it as a letter ("Consul[tations]⟨…⟩")."""
    soup = BeautifulSoup((html_build / "index.html").read_text(encoding="utf-8"), "html.parser")
    note = soup.select_one("aside.footnote#n39")
    for hidden in note.select(".wit, .app-pop, .lb"):
        hidden.decompose()
    text = " ".join(note.get_text().split())
    assert "Consul[tations] ⟨…⟩ Note 39 breaks off" in text, text
    printed = subprocess.run(["pdftotext", str(pdf_file), "-"], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Consul\[tations\] \[ … \] Note 39 breaks off", " ".join(printed.split())), "print"
