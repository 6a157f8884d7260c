"""The list of emendations as a reader compares it with the witness: its order, its labels, its key."""

from __future__ import annotations

import re
import subprocess

import yaml
from bs4 import BeautifulSoup
from conftest import ROOT

# "¶ 2 · W3, l. 42" / "n. 1 · W3, l. 59": the place, then W's page and line
WHERE = re.compile(r"·\s*W(\d+), l\. (\d+)")


def _responsible() -> dict[str, str]:
    meta = yaml.safe_load((ROOT / "editorial" / "edition.yaml").read_text(encoding="utf-8"))
    return {str(k): str(v) for k, v in meta["resp"].items()}


def _listed(html_build) -> int:
    """How many entries the list has: those of apparatus.json whose kind the list gives (76 readings, the
    editors' two notes and W's orphan line)."""
    import json

    from apparatus import vocabulary

    data = json.loads((html_build / "apparatus.json").read_text(encoding="utf-8"))
    count = sum(1 for entry in data["interventions"] if vocabulary.ENTRY_KINDS[entry["type"]].listed)
    assert count == 79, count
    return count


def _html_list(html_build):
    soup = BeautifulSoup((html_build / "apparatus.html").read_text(encoding="utf-8"), "html.parser")
    return soup, soup.select("li.app-entry")


def _pdf_apparatus(pdf_file) -> str:
    """The printed list of emendations: from its heading's page to the bibliography's heading."""
    raw = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf_file), "-"], capture_output=True, text=True, check=True)
    text = re.sub(r"\s+", " ", raw.stdout)
    start = text.index("Every place where this edition")
    return text[start : text.index("Bibliography The works cited", start)]


def test_the_html_list_runs_in_the_order_of_the_witness_notes_after_their_page(html_build) -> None:
    soup, items = _html_list(html_build)
    places = []
    for item in items:
        match = WHERE.search(item.select_one(".app-where").get_text())
        assert match, item.get_text()
        places.append((int(match.group(1)), int(match.group(2))))
    assert len(places) == _listed(html_build) and places == sorted(places), places
    labels = [" ".join(item.select_one(".app-place").get_text().split()) for item in items]
    # an entry of note 1 (a note at the foot of W3) comes after W3's text and before W4's
    first_note = labels.index("n. 1")
    assert places[first_note][0] == 3 and places[first_note - 1][0] == 3 and places[first_note + 1][0] >= 3
    assert labels[first_note - 1].startswith("¶") and labels[-1].startswith("¶"), labels
    intro = " ".join(soup.select_one("section > p").get_text(" ").split())
    assert "in the order of the witness: by the page of W, then by its line" in intro, intro
    assert "order of the text" not in intro


def test_the_printed_list_runs_in_the_order_of_the_witness(pdf_file) -> None:
    printed = _pdf_apparatus(pdf_file)
    places = [(int(page), int(line)) for page, line in WHERE.findall(printed)]
    assert len(places) == 79 and places == sorted(places), places  # as the HTML list (_listed)
    # every entry, the editors' notes among them, gives its page and line in this book
    assert "??" not in printed and len(re.findall(r"\(p\. \d+, l\. \d+\)", printed)) == 79, printed
    assert "in the order of the witness" in printed


def test_a_word_that_begins_an_entry_is_capitalized_as_its_heading_is(html_build, pdf_file) -> None:
    _, items = _html_list(html_build)
    labels = [item.select_one(".app-place").get_text().strip() for item in items]
    words = [label for label in labels if label[:1].isalpha() and not re.match(r"n\. \d", label)]
    assert words and all(label[0].isupper() for label in words), words
    index = BeautifulSoup((html_build / "index.html").read_text(encoding="utf-8"), "html.parser")
    headings = {" ".join(h.get_text(" ").split()).rstrip("#¶ ") for h in index.select("h1, h2, h3, p.rubric")}
    assert set(words) <= headings, (set(words), headings)
    printed = _pdf_apparatus(pdf_file)
    assert "Abstract · W1, l. 7" in printed and "abstract ·" not in printed


def test_the_list_says_who_the_ids_at_the_ends_of_its_entries_are(html_build, pdf_file) -> None:
    soup, items = _html_list(html_build)
    ids = {m.group(1) for item in items if (m := re.search(r"\((\w+)\)\s*$", item.get_text()))}
    declared = _responsible()
    assert ids and ids <= set(declared), ids
    before = " ".join(p.get_text(" ") for p in soup.select("section > p"))
    before = " ".join(before.split())
    printed = _pdf_apparatus(pdf_file)
    printed_intro = printed[: printed.index("· W1,")]
    for resp in ids:
        name = " ".join(declared[resp].split())
        assert re.search(rf"\b{resp}\b\s*, {re.escape(name)}", before), (resp, before)
        assert re.search(rf"\b{resp}\b\s*, {re.escape(name)}", printed_intro), (resp, printed_intro)


def test_the_list_says_what_each_kind_of_mistake_it_names_is(html_build, pdf_file) -> None:
    """Every category an entry names ("— emendation, diacritic, certain") is glossed before the list,
    in the HTML and in print; a category no entry names is not."""
    from apparatus.vocabulary import CATEGORY_GLOSSES

    soup, items = _html_list(html_build)
    named = {
        m.group(1) for item in items if (m := re.search(r"— (?:emendation|sic|supplied), ([\w-]+),", item.get_text()))
    }
    assert len(named) >= 5, named
    key = " ".join(soup.select_one("p.apparatus-categories").get_text(" ").split()).replace(" ,", ",")
    printed = _pdf_apparatus(pdf_file)
    printed_intro = printed[: printed.index("· W1,")]
    for name, gloss in CATEGORY_GLOSSES.items():
        assert (f"{name}, {gloss}" in key) == (name in named), (name, key)
        assert (f"{name}, {gloss}" in printed_intro) == (name in named), (name, printed_intro)


def test_witness_order_keeps_reading_order_on_a_line_and_places_an_unknown_place_after_its_neighbour() -> None:
    from apparatus.domain import Entry
    from apparatus.listing import witness_order

    def entry(name: str, para: str, page: int | None, line: int | None) -> Entry:
        return Entry(name, "emendation", "index", para, page, line)

    reading = [
        entry("a", "p1", 1, 3),
        entry("b", "p1", 2, 20),
        entry("c", "p1", None, None),  # its place unknown: it stays after b
        entry("d", "p1", 2, 25),
        entry("e", "n1", 1, 40),  # a note at the foot of page 1
        entry("f", "n1", 1, 40),
        entry("g", "n2", 2, 50),
    ]
    assert [e.id for e in witness_order(reading)] == ["a", "e", "f", "b", "c", "d", "g"]


def test_a_place_label_is_capitalized_only_where_it_begins_an_entry_and_never_an_abbreviation() -> None:
    from apparatus.vocabulary import place_label

    assert place_label("abstract") == "abstract"
    assert place_label("abstract", initial=True) == "Abstract"
    assert place_label("n3", initial=True) == "n. 3" and place_label("p3", initial=True) == "¶ 3"
    assert place_label("", initial=True) == "—"


def _braced(tex: str, start: int) -> tuple[str, int]:
    """The group that opens at ``tex[start]`` (a "{"), and the index after it."""
    depth = 0
    for at in range(start, len(tex)):
        depth += {"{": 1, "}": -1}.get(tex[at], 0)
        if depth == 0:
            return tex[start + 1 : at], at + 1
    raise ValueError("unclosed group")


def test_the_print_foot_gives_each_reading_in_the_words_of_the_list(html_build, latex_build) -> None:
    # one template per kind (vocabulary.ENTRY_KINDS) for both: a reader who turns from a page foot
    # to the list of emendations finds the same entry, word for word (but the list's certainty)
    _, items = _html_list(html_build)
    listed = {}
    for item in items:
        words = "".join(
            node.get_text() if hasattr(node, "get_text") else str(node)
            for node in item.p.contents[2:]  # after the place and W's page and line
        )
        listed[item["id"].removeprefix("app-")] = re.sub(r"\s+", " ", words.split(" — ")[0]).strip()
    tex = next(latex_build.glob("*.tex")).read_text(encoding="utf-8")
    feet = {}
    for match in re.finditer(r"\\edapp\{(\w+)\}", tex):
        where, after = _braced(tex, match.end())
        entry, _ = _braced(tex, after)
        entry = re.sub(r"~\\mbox\{\\textit\{\((certain|probable|possible)\)\}\}$", "", entry)
        flat = entry.replace(r"\enspace", " ").replace("~", " ").replace(r"\edsiglum", "W")
        flat = re.sub(r"\\textsuperscript\{\d+\}", "", flat)
        flat = flat.replace(r"\sphinxhyphen{}", "-").replace(r"\itshape ", "")
        flat = re.sub(r"\\edaddress", "", flat).replace("{", "").replace("}", "")
        feet[match.group(1)] = re.sub(r"\s+", " ", flat).strip()
    readings = [ident for ident in feet if ident in listed]
    assert len(readings) >= 40, sorted(feet)  # the readings of the text and of its notes
    assert any(" sic W; perhaps " in feet[ident] for ident in readings)
    for ident in readings:
        assert feet[ident] == listed[ident], ident
