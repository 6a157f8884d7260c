"""Notes and bibliography: the database, the generic extraction, links both ways, print."""

from __future__ import annotations

import itertools
import re
import subprocess
import sys
import unicodedata

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st
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
    # a {cite:empty} shows nothing and leaves nothing (its citation recorded, its node dropped): no empty span
    assert not index.select(".bibtex-citation, .cite-empty")
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
    # one {cite:empty} per reference; a reference that runs over a line end of W is one link again,
    # W's line start inside it (only an editors' reading or a web address inside it parts it)
    myst = (ROOT / "edition" / "index.md").read_text(encoding="utf-8")
    assert myst.count("{cite:empty}") == 61
    assert len(links) >= 61
    radchenko = index.select_one("#n1 a.work-ref")
    assert "Abe’s Statesmanship,” www.thediplomat.com" in radchenko.get_text(), radchenko.get_text()
    assert radchenko.select("span.lb"), "W's line start stands inside the link"
    for link in links:
        after = link.find_next_sibling()
        between = "".join(str(s) for s in link.next_siblings if s is not after) if after is not None else ""
        if after is not None and after.name == "a" and after.get("href") == link["href"]:
            assert "lb" not in between or BeautifulSoup(between, "html.parser").get_text().strip(), (
                f"a link parted only by a line start of W: {link.get_text()!r} | {after.get_text()!r}"
            )
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
    tsuruoka = " ".join(bib.select_one("#bib-tsuruoka2017strategic .cited-in").get_text().split())
    # Chicago: "nn." before several; "citing": the work's pages, not this book's
    assert tsuruoka == "Cited in nn. 2 (citing p. 19), 3 (citing p. 13), 5 (citing p. 14).", tsuruoka
    assert [a.get_text() for a in bib.select("#bib-tsuruoka2017strategic .cited-in a")] == [
        "2 (citing p. 19)",
        "3 (citing p. 13)",
        "5 (citing p. 14)",
    ]


def test_pdf_has_the_bibliography(pdf_file) -> None:
    text = subprocess.run(["pdftotext", str(pdf_file), "-"], capture_output=True, text=True, check=True).stdout
    text = re.sub(r"\s+", " ", text)
    assert "Bibliography" in text
    assert "Tsuruoka, Michito. “Strategic Considerations in Japan-Russia Relations" in text
    assert "Cited in n. 79 (citing p. 27)." in text


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
    supplied = (ROOT / "bib" / "edition.bib").read_text(encoding="utf-8").count("\n  supplied = {")
    assert page.count("Astana") == 1 and page.count("Supplied by the editors") == supplied >= 2


# --- Chicago typography of the entries: quotation marks, ranges, repeated names, filing ------

THIN = "\u202f"  # narrow no-break space between adjacent quotation marks (HTML); \, in print


def _entries(html_build) -> list[tuple[str, str]]:
    """(id, text) of every entry of the HTML bibliography, in order, without its back-links."""
    bib = BeautifulSoup((html_build / "bibliography.html").read_text(encoding="utf-8"), "html.parser")
    out = []
    for div in bib.select("div.citation"):
        para = next(p for p in div.find_all("p") if "cited-in" not in (p.get("class") or []))
        out.append((div["id"], re.sub(r"[ \t\n]+", " ", para.get_text()).strip()))
    return out


def _pdf_bibliography(pdf_file) -> str:
    text = subprocess.run(["pdftotext", str(pdf_file), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", " ", text[text.index("Binnendijk, Hans.") :])


def _style(source: str) -> list[str]:
    from apparatus import bibstyle
    from pybtex.database import parse_string

    bibstyle.register()
    entries = parse_string(source, "bibtex").entries.values()
    return [e.text.render_as("text") for e in bibstyle.ChicagoStyle().format_entries(entries)]


def test_quoted_titles_nest_single_marks_with_a_thin_space_between_adjacent_marks() -> None:
    from apparatus.bibstyle import quoted

    assert quoted("‘Conflict Is Near’ Over the Strait: China") == f"“{THIN}‘Conflict Is Near’ Over the Strait: China.”"
    assert quoted("Minister: ‘Our Partner Is China’") == f"“Minister: ‘Our Partner Is China.’{THIN}”"
    assert quoted("Ministers Promise “Countermeasures”") == f"“Ministers Promise ‘Countermeasures.’{THIN}”"
    assert quoted("The Keepers’") == "“The Keepers’.”", "a final apostrophe is not a closing quotation mark"
    assert quoted("Who Keeps the Light?") == "“Who Keeps the Light?”"


def test_the_edition_sets_adjacent_quotation_marks_apart(html_build, latex_build, pdf_file) -> None:
    entries = dict(_entries(html_build))
    page = " ".join(entries.values())
    assert not re.search("[“”‘’][“”]|[“”][‘’]", page), "two quotation marks touching"
    assert entries["bib-sbs2017conflict"].startswith(f"“{THIN}‘Conflict Could Break Out")
    assert f"Is China.’{THIN}” March 3, 2017." in entries["bib-memri2017shoigu"], "period inside both marks"
    assert "“China, Russia Promise ‘Countermeasures [sic] to" in entries["bib-rferl2017countermeasures"]
    # print: TeX's thin space (the font's U+202F is a word space wide), never the marks touching
    tex = (latex_build / "edition.tex").read_text(encoding="utf-8")
    bibliography = tex[tex.index("Binnendijk, Hans.") :]
    assert "“\\,‘Conflict Could Break Out" in bibliography and "China.’\\,”" in bibliography
    assert not re.search("[“”‘’][“”]|[“”][‘’]", bibliography)
    assert "“ ‘Conflict Could Break Out" in _pdf_bibliography(pdf_file)


def test_page_ranges_take_an_en_dash_and_titles_keep_their_hyphens(html_build, pdf_file) -> None:
    bib = BeautifulSoup((html_build / "bibliography.html").read_text(encoding="utf-8"), "html.parser")
    for back in bib.select(".cited-in a"):
        assert not re.search(r"\d\s*-+\s*\d", back.get_text()), back.get_text()
    entries = dict(_entries(html_build))
    assert "edited by Gilbert Rozman, 60–76." in entries["bib-blank2016twokoreas"]
    blank = bib.select_one("#bib-blank2016twokoreas .cited-in").get_text()
    assert blank == "Cited in n. 26 (citing pp. 60–76)."
    assert "Japan-Russia Relations" in entries["bib-toloraya2016implications"], "a title keeps its hyphen"
    printed = _pdf_bibliography(pdf_file)
    assert (
        "Cited in n. 26 (citing pp. 60–76)." in printed
        and "Cited in nn. 4 (citing pp. 5–7), 24 (citing p. 10)." in printed
    )
    assert "pp. 60-76" not in printed
    # the database keeps the notes' text: nothing is marked supplied for a dash
    assert "supplied" not in parse_file(str(ROOT / "bib" / "edition.bib")).entries["blank2016twokoreas"].fields
    from apparatus.bibstyle import dashify

    assert [dashify(p) for p in ("pp. 60-76", "60--76", "25 - 26", "p. 13")] == ["pp. 60–76", "60–76", "25–26", "p. 13"]


def test_a_repeated_author_is_a_three_em_dash_and_one_authors_works_go_by_title() -> None:
    texts = _style(
        "@misc{ellison2001keepers, author = {Ellison, Margaret}, title = {The Keepers}, date = {2001-03-03}}"
        "@misc{ellison1999automation, author = {Ellison, Margaret}, title = {Automation}, date = {1999-01-01}}"
        "@misc{ellison1990lamps, author = {Ellison, Margaret and Reed, Thomas}, title = {Lamps}, date = {1990}}"
        "@misc{reed2004coast, author = {Reed, Thomas}, title = {The Coast}, date = {2004}}"
        "@misc{harbour2002lights, organization = {Harbour Board}, title = {Lights}, date = {2002}}"
        "@misc{harbour2003tides, organization = {Harbour Board}, title = {Tides}, date = {2003}}"
    )
    assert texts == [
        "Ellison, Margaret. “Automation.” January 1, 1999.",
        "———. “The Keepers.” March 3, 2001.",  # by title (Keepers, the article ignored), not by date
        "Ellison, Margaret, and Thomas Reed. “Lamps.” 1990.",  # a sole author before the same with others
        "Harbour Board. “Lights.” 2002.",
        "———. “Tides.” 2003.",
        "Reed, Thomas. “The Coast.” 2004.",
    ]


def test_the_edition_prints_repeated_authors_as_a_three_em_dash(html_build, pdf_file) -> None:
    entries = _entries(html_build)
    ids = [key for key, _ in entries]
    texts = dict(entries)
    assert ids.index("bib-blank2017failure") + 1 == ids.index("bib-blank2015twokoreas")  # “Another” before “Russia”
    assert texts["bib-blank2017failure"].startswith("Blank, Stephen. “Another Russian Failure")
    assert texts["bib-blank2015twokoreas"].startswith("———. “Russia and the Two Koreas")
    assert texts["bib-blank2016twokoreas"].startswith("———. “Russia and the Two Koreas")
    assert texts["bib-toloraya2016unscr"].startswith("———. “UNSCR 2270")
    assert texts["bib-vorontsov2014military"].startswith("Vorontsov, Alexander, and Georgy Toloraya.")
    for previous, (key, text) in itertools.pairwise(entries):
        name = text.split(".")[0]
        assert name == "———" or name != previous[1].split(".")[0], f"{key}: the name repeats the entry before"
    bib = BeautifulSoup((html_build / "bibliography.html").read_text(encoding="utf-8"), "html.parser")
    dash = bib.select_one("#bib-toloraya2016unscr abbr")  # on screen the dash names whom it stands for
    assert dash is not None and dash.get_text() == "———" and dash["title"] == "Toloraya, Georgy"
    printed = _pdf_bibliography(pdf_file)
    assert "Blank, Stephen." in printed and printed.count("Blank, Stephen.") == 1
    assert "\u2e3b. “Russia and the Two Koreas" in printed, "print: the font's 3-em dash, one glyph"


def _filed(text: str) -> str:
    """How a heading is filed, written out here apart from the style's code: Chicago's letter by
    letter (16.58-61: spaces, hyphens, quotation marks and case ignored; a parenthesis, then a
    comma, interrupts), accents ignored, an initial article ignored, "St"/"St." as "Saint"."""
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = re.sub(r"^[\W_]*(?:(?:the|a|an)\s+)?", "", text.casefold())
    text = re.sub(r"(^|,\s*)st(e?)\b\.?(?=\s)", r"\1saint\2", text)
    return re.sub(r"[^\w\x01\x02]|_", "", text.replace("(", "\x01").replace(",", "\x02"))


def _heading(text: str) -> tuple[str, str]:
    """(what a reader looks the printed entry up by, the rest): the names before the first
    period, or, when the entry begins with its quoted title, the title."""
    if text.startswith("“"):
        title, rest = text[1:].split("”", 1)
        return title, rest
    head, rest = re.split(r"\.(?= )", text, maxsplit=1)
    return head, rest


def test_the_edition_is_filed_letter_by_letter_with_st_as_saint(html_build, pdf_file) -> None:
    """Read as printed: every heading (a 3-em dash standing for the one before) in letter-by-letter
    order, one heading's works by what follows it; the "St Petersburg" title is filed as "Saint
    Petersburg" (before "South"), "China, Russia ..." before "China Reportedly ..." (the comma)."""
    entries = _entries(html_build)
    keys, previous = [], ""
    for _, text in entries:
        head, rest = _heading(text)
        head = previous if head == "———" else head
        keys.append((_filed(head), _filed(rest)))
        previous = head
    ids = [key for key, _ in entries]
    wrong = [(ids[i], ids[i + 1]) for i in range(len(keys) - 1) if keys[i] > keys[i + 1]]
    assert not wrong, wrong
    spief = ids.index("bib-kremlin2017spief")
    assert ids[spief - 1] == "bib-memri2017shoigu" and ids[spief + 1] == "bib-reuters2017retaliating"
    assert ids.index("bib-reuters2017countermeasures") < ids.index("bib-rt2017icbm")
    printed = _pdf_bibliography(pdf_file)
    assert printed.index("“Russian Defense Minister Shoigu") < printed.index("“St Petersburg International")
    assert printed.index("“St Petersburg International") < printed.index("“South Korea Minister Says")
    assert printed.index("“China, Russia Promise") < printed.index("“China Reportedly Deploys")


def test_letter_by_letter_filing_follows_chicagos_example() -> None:
    """Chicago's own list (16.59, letter by letter) comes out in its order; "St" files as "Saint",
    after "Sa..." and before "Sb..." and "Sh..."; an initial article and accents are ignored."""
    from apparatus.bibstyle import filing_key

    chicago = [
        "new (adj.)",
        "New, Aaron",
        "new-age",
        "newborn",
        "New Deal",
        "“new-fangled” ideas",
        "New Hampshire",
        "new/old",
        "newt",
        "new to me",
    ]
    assert sorted(reversed(chicago), key=filing_key) == chicago
    names = ["Sagan, Carl", "Saint, Eva", "St. Clair, Ann", "Sainte-Beuve", "St Petersburg Forum", "Sb", "Shaw"]
    assert sorted(names, key=filing_key) == names
    assert filing_key("The Asian Age") == filing_key("Asian Age") == filing_key("asian-age")
    assert filing_key("Céline") == filing_key("Celine")
    assert filing_key("Main St Journal") == filing_key("mainstjournal"), "only an initial St is Saint"
    assert filing_key("Stone") == filing_key("stone") != filing_key("Saint one")


_WORD = st.from_regex(r"[A-Z][a-z]{0,8}", fullmatch=True).filter(
    lambda w: w.lower() not in {"the", "a", "an", "st", "ste"}
)
_HEADING = st.lists(_WORD, min_size=1, max_size=5).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(_HEADING, st.sampled_from(["St ", "St. ", "Saint ", "SAINT "]), st.sampled_from(["", "The ", "A ", "An ", "“"]))
def test_st_files_as_saint_and_an_initial_article_is_ignored(heading: str, saint: str, article: str) -> None:
    from apparatus.bibstyle import filing_key

    assert filing_key(article + saint + heading) == filing_key("Saint " + heading)
    assert filing_key(article + heading) == filing_key(heading)


@settings(max_examples=300, deadline=None)
@given(_HEADING, st.lists(st.sampled_from([" ", "-", "’", "“", "”", ".", "/"]), min_size=1, max_size=6))
def test_spaces_and_marks_do_not_count_in_filing(heading: str, marks: list[str]) -> None:
    """Letter by letter: the same letters file together whatever spaces, hyphens, apostrophes,
    quotation marks or periods stand between them; a comma interrupts."""
    from apparatus.bibstyle import filing_key

    letters = "Q" + heading.replace(" ", "")  # no initial St or article
    spaced = "".join(c + (marks[i % len(marks)] if i % 2 else "") for i, c in enumerate(letters))
    assert filing_key(spaced) == filing_key(letters)
    assert filing_key(letters + ", Z") < filing_key(letters + "a")


def test_an_item_the_notes_name_only_by_its_collection_is_filed_under_it(html_build) -> None:
    texts = _style(
        "@misc{gazette1901may, howpublished = {Harbour Gazette}, date = {1901-05-02}}"
        "@misc{ellison2001keepers, author = {Ellison, Margaret}, title = {The Keepers}}"
        "@misc{record1901tides, title = {Tides of May}, journal = {Coast Record}, date = {1901-05-03}}"
        "@misc{anon1902anchors, title = {The Anchors of the Bay}, date = {1902}}"
        "@misc{anon1903fog, title = {‘Fog Ahead’ at Sea}, date = {1903}}"
    )
    assert texts == [
        "“The Anchors of the Bay.” 1902.",  # no author: by title, its article ignored (under A)
        "Ellison, Margaret. “The Keepers.”",
        "“\u202f‘Fog Ahead’ at Sea.” 1903.",  # its quotation marks ignored (under F)
        "Harbour Gazette. May 2, 1901.",  # not “May 2, 1901, Harbour Gazette.” filed under H
        "“Tides of May.” Coast Record, May 3, 1901.",  # an unsigned titled item: by its title
    ]
    entries = _entries(html_build)
    fbis = [text for key, text in entries if key == "bib-fbis2014november27"]
    assert fbis == ["FBIS SOV. November 27, 2014."]


def test_titles_of_pieces_are_quoted_and_of_books_and_periodicals_italic(html_build) -> None:
    bib = BeautifulSoup((html_build / "bibliography.html").read_text(encoding="utf-8"), "html.parser")
    for div in bib.select("div.citation"):
        for em in div.select("em"):
            assert not em.get_text().startswith(("“", "‘", '"')), (div["id"], em.get_text())
    texts = dict(_entries(html_build))
    assert (
        "In Japan and the Sino-Russian Entente: The Future of Major-Power Relations in Northeast Asia, by Shoichi"
        " Itoh et al. NBR Special Report 64." in texts["bib-tsuruoka2017strategic"]
    )
    assert bib.select_one("#bib-kaczmarski2015russia em").get_text().startswith("Russia-China Relations")
    assert bib.select_one("#bib-zhou2016seoul em").get_text() == "South China Morning Post"
    for key, text in texts.items():
        doubled = re.search(r"(?<![.])\.\.(?![.])|,,|,\.|\.,(?! )|;;|\s[,.;:]", text.split("[Supplied")[0])
        assert not doubled, (key, text)


def test_a_body_is_roman_and_a_publication_italic_wherever_it_stands() -> None:
    """Chicago (14.191-200): a news agency or other body (organization, institution, publisher)
    in roman, the title of a periodical (journal) in italic, whether it follows the title or,
    when the notes give no author or title, leads the entry; howpublished is free text, roman."""
    from apparatus import bibstyle
    from pybtex.database import parse_string

    bibstyle.register()
    entries = parse_string(
        "@misc{wire1901tides, title = {Tides of May}, publisher = {Harbour Wire Service}, date = {1901-05-03}}"
        "@misc{gazette1901may, journal = {Harbour Gazette}, howpublished = {Coast Monitoring}, address = {Leith},"
        " date = {1901-05-02}}"
        "@misc{agency1901fog, organization = {Harbour Agency}, howpublished = {Coast Monitoring}, date = {1901-05-04}}"
        "@misc{record1901anchors, title = {Anchors}, journal = {Coast Record}, date = {1901-05-05}}",
        "bibtex",
    ).entries.values()
    html = [" ".join(e.text.render_as("html").split()) for e in bibstyle.ChicagoStyle().format_entries(entries)]
    assert html == [
        "“Anchors.” <em>Coast Record</em>, May 5, 1901.",
        "Harbour Agency. May 4, 1901, Coast Monitoring.",
        "<em>Harbour Gazette</em>. Leith, May 2, 1901, Coast Monitoring.",  # filed under the gazette
        "“Tides of May.” Harbour Wire Service, May 3, 1901.",  # the agency after the title, roman
    ]


def test_every_entry_type_the_style_declares_formats_an_article_as_chicago_does() -> None:
    """Each type the style has a format for formats (until 4 December 2026 an @article raised a
    TypeError: its template added two template nodes, which pybtex cannot); an article
    reads as Chicago's (14.171): “Title.” *Journal* Volume, no. Number (Date): Pages. A
    missing required field is named."""
    from apparatus import bibstyle
    from pybtex.database import parse_string
    from pybtex.style.template import FieldIsMissing

    bibstyle.register()
    entries = parse_string(
        "@article{keeper1901tides, author = {Keeper, Ann}, title = {Tides}, journal = {Coast Review},"
        " volume = {12}, number = {3}, date = {1901-07}, pages = {60-76}, url = {https://example.org/tides}}"
        "@article{keeper1902fog, author = {Keeper, Ann}, title = {Fog?}, journal = {Coast Review}, number = {4},"
        " year = {1902}}",
        "bibtex",
    ).entries.values()
    html = [" ".join(e.text.render_as("html").split()) for e in bibstyle.ChicagoStyle().format_entries(entries)]
    assert html == [
        "Keeper, Ann. “Fog?” <em>Coast Review</em>, no. 4 (1902).",
        "———. “Tides.” <em>Coast Review</em> 12, no. 3 (July 1901): 60–76."
        ' <a href="https://example.org/tides">https://example.org/tides</a>.',
    ]
    for kind in ("misc", "book", "incollection", "techreport"):
        source = f"@{kind}{{a1901b, title = {{Tides}}, publisher = {{Harbour Press}}, booktitle = {{Sea}},"
        source += " institution = {Harbour Board}, date = {1901}}"
        entry = next(bibstyle.ChicagoStyle().format_entries(parse_string(source, "bibtex").entries.values()))
        assert "Tides" in entry.text.render_as("text"), kind
    no_journal = parse_string("@article{a1901c, title = {Tides}, date = {1901}}", "bibtex").entries.values()
    with pytest.raises(FieldIsMissing, match="journal"):
        next(bibstyle.ChicagoStyle().format_entries(no_journal))


def test_the_edition_sets_news_agencies_roman_and_periodicals_italic(html_build, latex_build) -> None:
    """Every body the database names (organization, institution, publisher) and every
    howpublished is printed, and not in italic; every periodical or book a piece appeared in
    (journal, booktitle) is printed in italic. The news agencies and the broadcaster the notes
    cite (Reuters, Associated Press, Interfax, RFE/RL) are roman; the newspaper Nezavisimaya
    Gazeta italic, in HTML and in print."""
    bib = BeautifulSoup((html_build / "bibliography.html").read_text(encoding="utf-8"), "html.parser")
    data = parse_file(str(ROOT / "bib" / "edition.bib"))
    for key, entry in data.entries.items():
        div = bib.select_one(f"#bib-{key}")
        for back in div.select(".cited-in"):
            back.decompose()
        text = " ".join(div.get_text().split())
        italic = [" ".join(em.get_text().split()) for em in div.select("em")]
        for name in ("organization", "institution", "publisher", "howpublished"):
            value = entry.fields.get(name)
            if value:
                assert value in text, (key, name)
                assert not [em for em in italic if value in em], (key, name, value)
        for name in ("journal", "booktitle"):
            value = entry.fields.get(name)
            if value:
                assert value in italic, (key, name, value, italic)
    italic = {" ".join(em.get_text().split()) for em in bib.select("div.citation em")}
    agencies = {"Reuters", "Associated Press", "Interfax", "Radio Free Europe Radio Liberty"}
    assert not italic & agencies, italic & agencies
    assert {"Nezavisimaya Gazeta Online", "Eurasia Daily Monitor", "The Moscow Times"} <= italic
    tex = (latex_build / "edition.tex").read_text(encoding="utf-8")
    printed = tex[tex.index("Binnendijk, Hans.") :]
    for agency in agencies:
        assert f"\\sphinxstyleemphasis{{{agency}}}" not in printed, agency
    assert "\\sphinxstyleemphasis{Nezavisimaya Gazeta Online}. Moscow, in Russian" in printed


@settings(max_examples=400, deadline=None)
@given(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)
    | st.text(alphabet=" \t\n-`',!?{}\\$~%ab", max_size=12)
)
def test_a_field_read_without_the_latex_lexer_reads_as_the_lexer_would_read_it(value: str) -> None:
    """The style takes a value with nothing LaTeX would change as it stands (``rich_text``):
    for any text whatever, the result is the one pybtex's LaTeX reading gives."""
    from apparatus.bibstyle import rich_text
    from pybtex.richtext import Text

    try:
        expected = Text.from_latex(value)
    except Exception:  # not valid LaTeX (an unbalanced brace): rich_text must read it as LaTeX too
        with pytest.raises(Exception):  # noqa: B017, PT011 - whatever pybtex raises
            rich_text(value)
        return
    assert rich_text(value) == expected


def test_a_field_with_latex_in_it_is_still_read_as_latex() -> None:
    entries = _style("@book{k, title = {T}, publisher = {Smith {\\&} Sons---Ltd}, address = {Paris}, date = {2001}}")
    assert "Smith & Sons—Ltd" in entries[0], entries


def test_a_short_title_the_bibliography_page_explains_is_the_one_the_notes_define(document) -> None:
    """The bibliography page explains a short title by the note that introduces it: the note
    must hold the expansion, with the short title after it, and the bibliography must use it."""
    page = " ".join((ROOT / "edition" / "bibliography.md").read_text(encoding="utf-8").split())
    claims = re.findall(r"“([^”]+)” in the entries below is the short title that note (\d+) gives to “([^”]+)”", page)
    assert claims, "the page explains no short title"
    notes = {note.n: " ".join(note.text.split()) for note in document.notes}
    bib = (ROOT / "bib" / "edition.bib").read_text(encoding="utf-8")
    for short, n, expansion in claims:
        text = notes[int(n)]
        assert expansion in text, f"note {n} does not say {expansion!r}"
        assert short in text[text.index(expansion) + len(expansion) :][:40], f"note {n} does not introduce {short!r}"
        assert f"{{{short}}}" in bib, f"no entry of the bibliography uses {short!r}"


def test_an_entry_that_copies_a_reading_the_register_corrects_in_a_note_is_named() -> None:
    """After a correction in a note (an accepted proposal), the entry that copied W's words must
    follow it: the check names the entry that still prints W's misspelt title, and passes the
    entry that prints the edition's reading."""
    from pybtex.database import parse_string

    from edition_pipeline.citations import uncorrected_fields
    from edition_pipeline.register import Entry, anchor_entries

    text = (
        " Lighthouses were automated late.1 \n\n"
        "  1.\t Thomas Reed, “Automation and the Caost,” Maritime Review, March 3, 2004. \n"
    )
    document = convert_witness(parse_witness_text(text))
    fix = Entry("e01", 3, "Caost", "Coast", "emendation", "spelling", "certain", "transposed letters", "ET", "", 1)
    anchors = anchor_entries(document, [fix], "register.yaml")
    assert [(a.block, a.entry.id) for a in anchors] == [(("n", 1), "e01")]

    def bib(title: str):
        return parse_string(
            f"@article{{reed2004automation, author = {{Reed, Thomas}}, title = {{{title}}},"
            " journal = {Maritime Review}, date = {2004-03-03}}",
            "bibtex",
        )

    copied = bib("Automation and the Caost")
    assert uncorrected_fields(copied, document, anchors) == [
        ("reed2004automation", "title", "Automation and the Caost")
    ]
    assert uncorrected_fields(bib("Automation and the Coast"), document, anchors) == []
    assert uncorrected_fields(copied, document, []) == []  # no correction: W's words are the notes'


def test_edition_check_names_an_entry_left_with_words_a_note_correction_changed(tmp_path) -> None:
    """The editors' check after an accepted correction: an entry that still prints W's words where
    a note is corrected (here the publisher as W misprints it, which e11 corrects) is named with its
    file and line and the correction; the project as it is passes."""
    import shutil

    for name in ("witness", "editorial", "bib", "edition"):
        shutil.copytree(ROOT / name, tmp_path / name)

    def check() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "edition_pipeline.cli", "check"], cwd=tmp_path, capture_output=True, text=True
        )

    assert check().returncode == 0
    bib = tmp_path / "bib" / "edition.bib"
    text = bib.read_text(encoding="utf-8")
    line = text[: text.index("National Bureau of Asian Research")].count("\n") + 1
    bib.write_text(
        text.replace("National Bureau of Asian Research", "National Bureau of Research Asia", 1), encoding="utf-8"
    )
    result = check()
    assert result.returncode == 1
    assert f"bib/edition.bib:{line}: " in result.stderr
    assert "publisher = 'National Bureau of Research Asia' copies W's words" in result.stderr
    assert "e11: Bureau of Research Asia → Bureau of Asian Research" in result.stderr
