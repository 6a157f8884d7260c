"""Notes and bibliography: the database, the generic extraction, links both ways, print."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT
from pybtex.database import parse_file

from edition_pipeline.citations import cite_notes, parse_passage, split_passages
from edition_pipeline.convert import convert_witness
from edition_pipeline.witness import parse_witness_text


def test_the_database_parses_with_unique_readable_keys() -> None:
    text = (ROOT / "bib" / "edition.bib").read_text(encoding="utf-8")
    keys = re.findall(r"^@\w+\{([^,]+),", text, flags=re.M)
    assert len(keys) == len(set(keys)), "duplicate keys"
    data = parse_file(str(ROOT / "bib" / "edition.bib"))
    assert len(data.entries) == len(keys) >= 50
    assert all(re.fullmatch(r"[a-z]+\d{4}[a-z0-9]+", key) for key in keys), "author/org + year + word"
    assert data.entries["tsuruoka2017strategic"].persons["author"][0].last_names == ["Tsuruoka"]


def test_every_reference_in_the_notes_is_matched_and_every_entry_cited() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "edition_pipeline.cli", "citations", "witness/000_3a5a0b6ac34543a2.txt"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout
    assert "0 unmatched" in result.stderr and "0 uncited" in result.stderr


def test_passages_are_parsed_generically() -> None:
    assert split_passages("A, “T,” X, 2001; B, p. 4.") == [(0, 15), (17, 25)]
    fields = parse_passage(
        "Margaret Ellison, “The Keepers of the Light,” Harbour Review, March 3, 2001, pp. 41-57, https://x.org/a."
    )
    assert fields["author"] == "Margaret Ellison" and fields["title"] == "The Keepers of the Light"
    assert fields["date"] == "March 3, 2001" and fields["pages"] == "41-57" and fields["url"] == "https://x.org/a"
    assert parse_passage("Ibid., p. 13.")["ibid"] == "yes"
    assert parse_passage("Elison, p. 14.")["short"] == "Elison"


def test_matching_on_a_witness_of_other_text(tmp_path) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text((ROOT / "tests" / "roots" / "test-works" / "refs.bib").read_text())
    text = (
        " Lighthouses were kept by families.1 Automation came later.2 \n\n"
        "  1.\t Margaret Ellison, The Keepers of the Northern Lights, Edinburgh, 1998, p. 4; Ibid., p. 9. \n"
        "  2.\t Thomas Reed and Helen Park, “Automation and the Coast,” Maritime Review; Elison, p. 12; A Lost Book, 1901. \n"
    )
    refs = cite_notes(convert_witness(parse_witness_text(text)), parse_file(str(bib)))
    got = [(r.note, r.key, r.page) for r in refs]
    assert got == [
        (1, "ellison1998keepers", "4"),
        (1, "ellison1998keepers", "9"),
        (2, "reed2004automation", ""),
        (2, "ellison1998keepers", "12"),
        (2, "", ""),
    ]


@pytest.mark.sphinx("html", testroot="works", freshenv=True)
def test_work_links_go_to_entries_and_entries_link_back(app, warning) -> None:
    app.build()
    index = BeautifulSoup((app.outdir / "index.html").read_text(), "html.parser")
    links = index.select("a.work-ref")
    assert [a["href"] for a in links] == ["bib.html#bib-ellison1998keepers"] * 2 + ["bib.html#bib-reed2004automation"]
    assert links[0].get_text() == "Margaret Ellison, The Keepers of the Northern Lights"
    bib = BeautifulSoup((app.outdir / "bib.html").read_text(), "html.parser")
    entry = bib.select_one("#bib-ellison1998keepers")
    assert "Ellison, Margaret. The Keepers of the Northern Lights. Edinburgh: Harbour Press, 1998." in entry.get_text(
        " "
    ).replace("  ", " ").replace(" .", ".")
    backs = [a["href"] for a in entry.select(".cited-in a")]
    assert backs == [f"index.html#{links[0]['id']}", f"index.html#{links[1]['id']}"]
    reed = bib.select_one("#bib-reed2004automation").get_text(" ")
    assert "Reed, Thomas, and Helen Park. “Automation and the Coast.”" in reed and "March 5, 2004" in reed
    text = warning.getvalue()
    assert "no bibliography entry for key 'nosuchkey'" in text
    assert "bibliography entry 'uncited2020' is cited by no note" in text


def test_edition_notes_link_to_the_bibliography_and_back(html_build) -> None:
    index = BeautifulSoup((html_build / "index.html").read_text(encoding="utf-8"), "html.parser")
    bib = BeautifulSoup((html_build / "bibliography.html").read_text(encoding="utf-8"), "html.parser")
    links = index.select("a.work-ref")
    # one {cite:empty} per reference; a reference that runs over a line of W is linked in pieces
    myst = (ROOT / "edition" / "index.md").read_text(encoding="utf-8")
    assert myst.count("{cite:empty}") == 61
    assert len(links) >= 61
    for link in links:
        target = link["href"].split("#")[1]
        assert bib.find(id=target) is not None, target
    for entry in bib.select("div.citation"):
        backs = entry.select(".cited-in a")
        assert backs, entry.get("id")
        for back in backs:
            assert index.find(id=back["href"].split("#")[1]) is not None
    assert (
        not bib.select("div.citation > .label:not([style])")
        or "display: none" in (html_build / "_static" / "apparatus.css").read_text()
    )
    tsuruoka = bib.select_one("#bib-tsuruoka2017strategic").get_text(" ")
    assert "n. 2 (p. 19)" in tsuruoka and "n. 3 (p. 13)" in tsuruoka and "n. 5 (p. 14)" in tsuruoka


def test_pdf_has_the_bibliography(pdf_file) -> None:
    text = subprocess.run(["pdftotext", str(pdf_file), "-"], capture_output=True, text=True, check=True).stdout
    text = re.sub(r"\s+", " ", text)
    assert "Bibliography" in text
    assert "Tsuruoka, Michito. “Strategic Considerations in Japan-Russia Relations" in text
    assert "Cited in n. 79 (p. 27)." in text


# --- the bibliography holds only what the notes give, or marks the editors' supplements ------


def _notes_as_read(document) -> list[str]:
    from edition_pipeline.citations import note_texts
    from edition_pipeline.register import anchor_entries, load_register

    path = ROOT / "editorial" / "emendations.yaml"
    return note_texts(document, anchor_entries(document, load_register(path), str(path)))


def test_every_field_of_every_entry_is_in_the_notes_or_marked_supplied(document) -> None:
    from edition_pipeline.citations import unsupported_fields

    bib = parse_file(str(ROOT / "bib" / "edition.bib"))
    problems = unsupported_fields(bib, _notes_as_read(document))
    assert not problems, "\n".join(f"{key}: {name} = {value!r}" for key, name, value in problems)


def test_an_invented_value_is_caught_and_a_supplied_one_is_printed_marked() -> None:
    """The check on a database written for the test: an invented place fails, the same place
    marked supplied passes and prints in brackets with its reason."""
    from apparatus import bibstyle
    from pybtex.database import parse_string

    from edition_pipeline.citations import unsupported_fields

    notes = [
        "Margaret Ellison, “The Keepers of the Light,” Harbour Review, March 3, 2001, pp. 41-57.",
        "Thomas Reed, “Automation and the Coa-",  # a note that breaks off
    ]
    invented = parse_string(
        "@article{ellison2001keepers, author = {Ellison, Margaret}, title = {The Keepers of the Light},"
        " journal = {Harbour Review}, address = {Edinburgh}, date = {2001-03-03}, pages = {41--57}}",
        "bibtex",
    )
    assert unsupported_fields(invented, notes) == [("ellison2001keepers", "address", "Edinburgh")]
    colon = parse_string("@misc{a2001c, title = {The Keepers: of the Light}}", "bibtex")
    assert unsupported_fields(colon, notes) == [("a2001c", "title", "The Keepers: of the Light")]
    wrong_date = parse_string("@misc{a2001b, title = {The Keepers of the Light}, date = {2001-04-03}}", "bibtex")
    assert unsupported_fields(wrong_date, notes) == [("a2001b", "date", "2001-04-03")]
    marked = parse_string(
        "@misc{reed2004automation, author = {Reed, Thomas}, title = {Automation and the Coa[st]},"
        " address = {Edinburgh},"
        " supplied = {address: the publisher's imprint; title: completed by the editors}}",
        "bibtex",
    )
    assert unsupported_fields(marked, notes) == []
    bibstyle.register()
    text = next(bibstyle.ChicagoStyle().format_entries(marked.entries.values())).text.render_as("text")
    assert "[Edinburgh]" in text and "“Automation and the Coa[st].”" in text
    assert text.endswith(
        "[Supplied by the editors: address, the publisher's imprint; title, completed by the editors.]"
    )
    # a supplied field must exist, and the part outside a supplied field's brackets is checked too
    bad = parse_string(
        "@misc{x2001y, title = {The Keepers of the Dark[ness]}, supplied = {title: why; place: none}}", "bibtex"
    )
    assert [(k, f) for k, f, _ in unsupported_fields(bad, notes)] == [("x2001y", "supplied"), ("x2001y", "title")]


def test_the_bibliography_page_marks_what_the_editors_supplied(html_build) -> None:
    bib = BeautifulSoup((html_build / "bibliography.html").read_text(encoding="utf-8"), "html.parser")
    entry = " ".join(bib.select_one("#bib-mfarf2017lavrovtwoplustwo").get_text(" ").split())
    assert "Two-Plus-Two Format Consul[tations]" in entry
    assert "[Supplied by the editors: title, the end of the last word" in entry
    assert "2017" not in entry.split("[Supplied")[0], "no date is given by note 39"
    page = " ".join(bib.get_text(" ").split())
    for invented in ("Paris", "Berlin", "5–10", "Report of", "Statement of", "edited by Shoichi Itoh"):
        assert invented not in page, invented
    assert "Stiftung Wissenschaft Und Politik" in page and "Center for Strategic And International Studies" in page
    assert page.count("Astana") == 1 and page.count("Supplied by the editors") == 1
