"""What a reader takes away: downloads (never a dead link), citation meta tags and files from the
editors' metadata only, the licence, and the witness texts of the blocks (as the CLI sees them)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "extensions"))

from apparatus import takeaway  # noqa: E402

METADATA = yaml.safe_load((ROOT / "editorial" / "edition.yaml").read_text(encoding="utf-8"))


class Meta(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.meta: list[tuple[str, str]] = []
        self.links: list[dict[str, str]] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and a.get("name"):
            self.meta.append((a["name"], a.get("content", "")))
        if tag == "a":
            self.links.append({k: v or "" for k, v in a.items()})


def parse(path: Path) -> Meta:
    m = Meta()
    m.feed(path.read_text(encoding="utf-8"))
    return m


def edition_data(out: Path) -> dict:
    js = (out / "_static" / "edition-cite.js").read_text(encoding="utf-8")
    return json.loads(js[js.index("=") + 1 :].strip().rstrip(";"))


def test_meta_tags_say_only_what_the_editors_say(html_build: Path) -> None:
    meta = dict(parse(html_build / "index.html").meta)
    assert meta["citation_title"] == "[" + METADATA["title"] + "]", "a supplied title in brackets, as everywhere"
    assert meta["citation_author"] == METADATA["author"]
    assert meta["citation_editor"] == METADATA["editors"][0]
    assert meta["citation_publication_date"] == METADATA["edition_date"].replace("-", "/")
    assert meta["citation_date"] == METADATA["edition_date"]
    assert METADATA["licence"]["name"] in meta["DC.rights"]
    # the PDF is named only when the build has it (a dead citation_pdf_url would mislead Zotero)
    assert ("citation_pdf_url" in meta) == (html_build / "edition.pdf").is_file()
    assert not any(name.startswith("citation_") and not value for name, value in meta.items())


def test_every_download_link_on_every_page_resolves(html_build: Path) -> None:
    for page in sorted(html_build.glob("*.html")):
        if page.name in ("genindex.html", "search.html"):  # Sphinx's own pages, without a body
            continue
        links = [
            a["href"] for a in parse(page).links if "download" in a and "proposal-download" not in a.get("class", "")
        ]
        assert links, page.name
        for href in links:
            assert (html_build / href).is_file(), f"{page.name}: dead link {href}"


def test_every_published_file_is_as_readable_as_the_pages(html_build: Path) -> None:
    """A web server serves what every reader may read: the files the edition writes beside its
    pages (citation files, the script with the block texts, apparatus.json) have the pages' mode."""
    import stat

    page = stat.S_IMODE((html_build / "index.html").stat().st_mode)
    assert page & 0o004, "the pages themselves are readable by all"
    for name in ("edition.bib", "edition.csl.json", "_static/edition-cite.js", "apparatus.json"):
        assert stat.S_IMODE((html_build / name).stat().st_mode) == page, name


def test_cite_files_parse_and_mark_the_supplied_title(html_build: Path) -> None:
    from pybtex.database import parse_string

    bib = parse_string((html_build / "edition.bib").read_text(encoding="utf-8"), "bibtex")
    ((key, entry),) = bib.entries.items()
    assert entry.type == "book"
    assert str(entry.persons["author"][0]) == "Blank, Stephen"
    assert [str(p) for p in entry.persons["editor"]] == ["{the Edition Team}"]
    assert entry.fields["title"] == "{[" + METADATA["title"] + "]}", "a supplied title stands in brackets"
    assert "title supplied by the editors" in entry.fields["note"]
    assert entry.fields["year"] == METADATA["edition_date"][:4]
    (csl,) = json.loads((html_build / "edition.csl.json").read_text(encoding="utf-8"))
    assert csl["id"] == key == "blank2026russojapanese", "a key made as reference managers make one, not 'edition'"
    assert csl["type"] == "book"
    assert csl["author"] == [{"family": "Blank", "given": "Stephen"}], "filed under the family name"
    assert csl["issued"] == {"date-parts": [[int(x) for x in METADATA["edition_date"].split("-")]]}
    assert "URL" not in csl, "no address is invented: html_baseurl is not set"


def test_the_licence_separates_the_editors_matter_from_the_authors_text(html_build: Path) -> None:
    lic = METADATA["licence"]
    assert lic["name"] and lic["reason"], "an editors' decision, with its reason"
    page = (html_build / "witness.html").read_text(encoding="utf-8")
    assert f'rel="license" href="{lic["url"]}"' in page
    assert "not ours to license" in page


def test_block_texts_are_the_models_repaired_unemended_texts(html_build: Path, document) -> None:
    blocks = edition_data(html_build)["blocks"]
    assert list(blocks) == ["index.html"], "only the document with W's text has blocks"
    ours = blocks["index.html"]
    model = document.text_blocks()
    assert sorted(ours) == sorted(anchor for anchor, _, _ in model)
    # W's line starts the markup marks, with {lb} or, inside a reading that runs over two lines of
    # W, with its lb field (not yet in headings): each stands at the model's offset
    myst = (ROOT / "edition" / "index.md").read_text(encoding="utf-8")
    marked = {int(n) for n in re.findall(r"\{lb\}`(\d+)", myst)}
    inside = {int(n) for field in re.findall(r"; lb: ([\d: -]+);", myst) for n in re.findall(r":(\d+)", field)}
    assert {255, 567, 759} <= inside, "lines of W that begin inside a reading"
    marked |= inside
    for anchor, text, offsets in model:
        assert ours[anchor]["text"] == text, anchor
        assert ours[anchor]["lines"] == [o for o in offsets if o[0] in marked], anchor


@given(st.lists(st.text(alphabet=" \t\nab’[]^1", max_size=12), max_size=8))
def test_block_text_collapses_white_space_as_the_model_does(pieces: list[str]) -> None:
    from docutils import nodes as dn

    para = dn.paragraph("", "", *[dn.Text(p) for p in pieces])
    text, _ = takeaway.witness_block(dn.section("", para))
    assert text == re.sub(r"\s+", " ", "".join(pieces)).strip()


# --- a small project of its own: downloads that exist or not -----------------------------------

CONF = """
import sys
sys.path.insert(0, {ext!r})
extensions = ["myst_parser", "apparatus"]
edition_metadata = {meta!r}
apparatus_downloads = [
    {{"file": "book.pdf", "label": "PDF", "title": "the book", "source": "made/book.pdf"}},
    {{"file": "apparatus.json", "label": "apparatus.json", "source": ""}},
]
"""
INDEX = """# A Test

(p1)=
{lb}`1 first`Some words of the witness, {emend}`corrected [wit: corected; cat: spelling; cert: certain]` once.
"""


def build(src: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-q", str(src), str(out)], capture_output=True, text=True
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    src.mkdir()
    meta = {"title": "A Test", "author": "A. Author", "editors": ["E. Editor"], "edition_date": "2026-01-01"}
    (src / "conf.py").write_text(CONF.format(ext=str(ROOT / "extensions"), meta=meta), encoding="utf-8")
    (src / "index.md").write_text(INDEX, encoding="utf-8")
    return src


def test_an_absent_file_is_not_offered_and_appears_once_built(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = build(project, out)
    assert result.returncode == 0, result.stderr
    first = parse(out / "index.html")
    assert [a["href"] for a in first.links if "download" in a] == ["apparatus.json", "edition.bib", "edition.csl.json"]
    assert "citation_pdf_url" not in dict(first.meta)
    assert "DC.rights" not in dict(first.meta) and "Editorial matter" not in (out / "index.html").read_text(), (
        "no licence is shown that the editors have not given"
    )
    (project / "made").mkdir()
    (project / "made" / "book.pdf").write_bytes(b"%PDF-1.4 test\n")
    result = build(project, out)  # incremental: nothing in the sources changed, the offer did
    assert result.returncode == 0, result.stderr
    again = parse(out / "index.html")
    assert "book.pdf" in [a["href"] for a in again.links if "download" in a]
    assert dict(again.meta)["citation_pdf_url"] == "book.pdf"
    assert (out / "book.pdf").read_bytes() == b"%PDF-1.4 test\n"


def test_the_block_text_holds_the_witness_reading(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert build(project, out).returncode == 0
    block = edition_data(out)["blocks"]["index.html"]["p1"]
    assert block == {"text": "Some words of the witness, corected once.", "lines": [[1, 0]]}


def test_the_principles_cite_the_edition_as_every_page_does(html_build: Path) -> None:
    """One citation form: the one the principles give is the one at the head of every page (made
    from the editors' metadata), so neither can drift from the other."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup((html_build / "principles.html").read_text(encoding="utf-8"), "html.parser")
    box = soup.select_one("p.takeaway-reference").get_text(" ", strip=True).rstrip(".")
    said = " ".join(soup.select_one("section#how-to-cite p").get_text(" ", strip=True).split())
    assert said.startswith("Cite the edition as: ") and box in said, (box, said)


def test_the_edition_has_one_date_for_a_reader_in_the_title_block_the_citation_and_print(
    html_build: Path, latex_build: Path
) -> None:
    """The title page says "25 November 2026": the title block and the citation form say the same,
    not "2026-11-25" (the ISO date stays in the files for programs: BibTeX, CSL-JSON, meta tags)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup((html_build / "index.html").read_text(encoding="utf-8"), "html.parser")
    editors = " ".join(soup.select_one("p.editors").get_text().split())
    reference = " ".join(soup.select_one("p.takeaway-reference").get_text().split())
    printed = re.search(
        r"\\newcommand\{\\eddate\}\{([^}]*)\}", (latex_build / "edition.tex").read_text(encoding="utf-8")
    )
    # the day tied to its month in print ("2~December 2026": never "2 / December" at a line's end)
    assert printed and re.fullmatch(r"\d{1,2}~[A-Z][a-z]+ \d{4}", printed.group(1)), printed
    date = printed.group(1).replace("~", " ")
    assert editors.endswith(f"edition of {date}") and f"edition of {date}" in reference, (editors, reference)
    iso = str(METADATA["edition_date"])
    assert iso not in editors and iso not in reference
    assert dict(parse(html_build / "index.html").meta)["citation_date"] == iso


def test_a_reader_reads_the_date_as_the_title_page_gives_it(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert build(project, out).returncode == 0
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "edition of 1 January 2026" in page and "edition of 2026-01-01" not in page
    assert edition_data(out)["citation"]["reference"].endswith("edition of 1 January 2026")
    from apparatus.vocabulary import reader_date

    assert reader_date("2026-11-25") == "25 November 2026" and reader_date("spring 2026") == "spring 2026"
