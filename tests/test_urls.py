"""Every URL links to exactly the URL that the reading text shows, whole across W's line ends.

W breaks long URLs at its line ends (after "/", ".", "-", "_", "=" …). The reading text joins
them; the diplomatic view keeps W's lines. A link cut at the line end (``http://en.krem``) or a
URL left unlinked is what a reader notices: these tests click nothing, but compare each link's
target with the words it shows, in the HTML (every page) and in the PDF's link annotations.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from edition_pipeline.convert import convert_witness
from edition_pipeline.emit import to_myst
from edition_pipeline.witness import parse_witness_text

SCHEME = re.compile(r"https?://")
URL = re.compile(r"https?://[^\s<>“”\"]+")
TRAIL = ".,;:)’”"


def visible(node) -> str:
    """The text a link shows, as a reader would copy it: white space and W's line numbers
    (drawn by CSS from empty ``span.lb`` elements) removed."""
    return re.sub(r"\s+", "", node.get_text(""))


def urls_in(text: str) -> list[str]:
    found = []
    for match in URL.finditer(text):
        url = match.group(0)
        while url and url[-1] in TRAIL:
            url = url[:-1]
        found.append(url)
    return found


def external_links(html: str) -> list[tuple[str, str]]:
    soup = BeautifulSoup(html, "html.parser")
    return [(a["href"], visible(a)) for a in soup.select("a[href]") if SCHEME.match(a["href"])]


def note_urls_and_links(html: str) -> tuple[list[str], list[str]]:
    """The URLs the notes show (their visible text) and the targets of the notes' links."""
    soup = BeautifulSoup(html, "html.parser")
    shown: list[str] = []
    links: list[str] = []
    for note in soup.select("article[role=main] aside.footnote"):
        for pop in note.select(".app-pop"):  # the apparatus popovers: editors' prose, not the note
            pop.decompose()
        shown += urls_in(note.get_text(""))
        links += [a["href"] for a in note.select("a[href]") if SCHEME.match(a["href"])]
    return shown, links


# --- the edition --------------------------------------------------------------------------------


def test_every_link_whose_text_is_a_url_targets_exactly_that_url(html_build: Path) -> None:
    pages = sorted(html_build.rglob("*.html"))
    assert pages
    checked = 0
    for page in pages:
        for href, text in external_links(page.read_text(encoding="utf-8")):
            if SCHEME.match(text):
                assert href == text, f"{page.name}: the link shows {text!r} but goes to {href!r}"
                checked += 1
    assert checked >= 19, checked


def test_every_url_in_the_notes_is_one_link_to_itself(html_build: Path) -> None:
    html = (html_build / "index.html").read_text(encoding="utf-8")
    shown, links = note_urls_and_links(html)
    assert len(shown) >= 19, shown
    # cut at W's line end, the link would be a prefix of what the note shows
    assert Counter(links) == Counter(shown), (
        sorted(set(shown) - set(links)),
        sorted(set(links) - set(shown)),
    )
    for url in ("http://en.kremlin.ru/", "http://38north.org/", "http://www.sbs.com.au/", "http://www.fmprc.gov.cn/"):
        assert any(link.startswith(url) for link in links), url


def test_the_diplomatic_line_starts_stay_inside_the_link(html_build: Path) -> None:
    soup = BeautifulSoup((html_build / "index.html").read_text(encoding="utf-8"), "html.parser")
    kremlin = next(a for a in soup.select("aside.footnote a[href]") if "kremlin.ru" in a["href"])
    assert kremlin["href"] == "http://en.kremlin.ru/events/president/news/54667"
    starts = kremlin.select("span.lb")
    assert [s["data-n"] for s in starts] == ["502"], "W's line 502 begins inside the URL"
    assert starts[0].get("data-hyphen") == "-"


def test_every_link_of_the_pdf_is_a_whole_url_of_the_reading_text(pdf_file: Path, html_build: Path) -> None:
    from pypdf import PdfReader

    shown, _ = note_urls_and_links((html_build / "index.html").read_text(encoding="utf-8"))
    reader = PdfReader(str(pdf_file))
    uris: list[str] = []
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            if action is not None and action.get("/URI"):
                uris.append(str(action["/URI"]))
    external = [u for u in uris if SCHEME.match(u)]
    notes = set(shown)
    assert external, "the PDF has no link annotations"
    in_notes = [u for u in external if u in notes]
    stray = [u for u in external if u not in notes and any(u != n and n.startswith(u) for n in notes)]
    assert not stray, f"links cut short in the PDF: {stray}"
    assert notes <= set(in_notes), f"URLs of the notes without a link in the PDF: {sorted(notes - set(in_notes))}"


# --- where the PDF breaks a URL ---------------------------------------------------------------

# Chicago (17th ed., 14.18): a URL is broken after a colon or a double slash; before a single
# slash, a tilde, a period, a comma, a hyphen, an underline, a question mark, a number sign or a
# percent sign; before or after an equals sign or an ampersand. The next line then begins with
# the punctuation, and a hyphen never ends a line, where it would read as a divided word.
BREAK_BEFORE = "/~.,-_?#%=&"
BREAK_AFTER = ":=&"


def chicago_break(url: str, at: int) -> bool:
    """Whether a line may end between ``url[:at]`` and ``url[at:]``."""
    before, after = url[:at], url[at:]
    if before.endswith("//"):
        return not after.startswith("/")
    if before.endswith("/") and after.startswith("/") or after.startswith("//"):
        return before[-1] in BREAK_AFTER  # a double slash: not split, nor broken before
    return before[-1] in BREAK_AFTER or after[0] in BREAK_BEFORE


def pdf_link_targets(pdf: Path) -> list[str]:
    from pypdf import PdfReader

    uris = []
    for page in PdfReader(str(pdf)).pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            if action is not None and action.get("/URI"):
                uris.append(str(action["/URI"]))
    return [u for u in uris if SCHEME.match(u)]


def pdf_page_lines(pdf: Path) -> list[str]:
    """Each page's printed lines, top to bottom, as one text (lines joined by a newline): the
    words of pdftotext -bbox, a line being the words that share a baseline."""
    from test_pdf import page_words

    pages = []
    for words in page_words(pdf):
        lines: list[list[tuple[float, float, float, float, str]]] = []
        for w in sorted(words, key=lambda w: (w[3], w[0])):
            if lines and abs(lines[-1][-1][3] - w[3]) < 1:
                lines[-1].append(w)
            else:
                lines.append([w])
        text = "\n".join(" ".join(w[4] for w in sorted(line)) for line in lines)
        pages.append(unicodedata.normalize("NFKC", text))
    return pages


def url_line_breaks(pages: list[str], urls: list[str]) -> tuple[dict[str, int], list[tuple[str, int, bool]]]:
    """Where the printed text shows each URL: {url: times found} and, for every line end inside
    one, (url, the offset in the URL at which the line ends, whether a hyphen was added there as
    in a divided word)."""
    found: dict[str, int] = {}
    breaks: list[tuple[str, int, bool]] = []
    for url in sorted(set(urls)):
        pattern = re.compile("(?:-?\n)?".join(map(re.escape, url)))
        for text in pages:
            for match in pattern.finditer(text):
                found[url] = found.get(url, 0) + 1
                shown, i, j = match.group(0), 0, 0
                while i < len(shown):
                    if shown[i] == "\n":
                        breaks.append((url, j, False))
                        i += 1
                    elif shown[i] == "-" and shown[i + 1 : i + 2] == "\n" and url[j] != "-":
                        breaks.append((url, j, True))
                        i += 2
                    else:
                        i, j = i + 1, j + 1
    return found, breaks


def test_the_chicago_rule_allows_only_the_breaks_it_names() -> None:
    url = "http://www.example.org/a-b_c/d?x=1&y=2"
    allowed = [i for i in range(1, len(url)) if chicago_break(url, i)]
    shown = [url[:i][-3:] + "|" + url[i:][:2] for i in allowed]
    assert shown == [
        "tp:|//",
        "://|ww",
        "www|.e",
        "ple|.o",
        "org|/a",
        "g/a|-b",
        "a-b|_c",
        "b_c|/d",
        "c/d|?x",
        "d?x|=1",
        "?x=|1&",
        "x=1|&y",
        "=1&|y=",
        "1&y|=2",
        "&y=|2",
    ], shown


def test_every_line_that_ends_inside_a_url_in_the_pdf_ends_where_chicago_allows(pdf_file: Path) -> None:
    """The PDF's notes and bibliography, as printed: a line that ends inside an address ends
    before / ~ . , - _ ? # % (the next line begins with it), after : or //, or before or after
    = &; never after a slash, a period or a hyphen, and never inside a word (no hyphen added)."""
    urls = pdf_link_targets(pdf_file)
    found, breaks = url_line_breaks(pdf_page_lines(pdf_file), urls)
    assert len(found) >= 19 and set(found) == set(urls), sorted(set(urls) - set(found))
    assert len(breaks) >= 10, breaks  # long addresses in ragged notes: many are broken
    divided = [(url[:at], url[at:]) for url, at, hyphen in breaks if hyphen]
    assert divided == [], f"a URL divided inside a word, with a hyphen added: {divided}"
    wrong = [(url[:at][-25:], url[at:][:25]) for url, at, _ in breaks if not chicago_break(url, at)]
    assert wrong == [], f"URLs broken where Chicago 14.18 does not allow (line end | next line): {wrong}"


# --- a witness written for the test ------------------------------------------------------------

WITNESS = (
    " The Keepers of the Light \n\nLighthouses were kept by families who lived be-\n"
    "side the lamp.1 The records are at https://records.example.org/\n"
    "keepers/index.html.2 \n\n"
    "  1.\t The logbooks: https://www.example.org/light/\n"
    "house/logbooks and https://archive.example.\n"
    "org/fonds/42, March 1, 2001; see also http://www.lights.example.net/long-\n"
    "term-care/oil_\n"
    "lamps/view?id=7&page=\n"
    "12; https://example.com/a/b.\n"
    "  2.\t Ibid., https://example.org/x/y.\n"
    " The logbooks survive in the county record office. \n"
)
EXPECTED = {
    "https://records.example.org/keepers/index.html": ["5"],  # broken at "/"
    "https://www.example.org/light/house/logbooks": ["8"],  # at "/"
    "https://archive.example.org/fonds/42": ["9"],  # at "."
    "http://www.lights.example.net/long-term-care/oil_lamps/view?id=7&page=12": ["10", "11", "12"],  # "-", "_", "="
    "https://example.com/a/b": [],
    "https://example.org/x/y": [],
}


@pytest.fixture
def own_build(make_app, tmp_path: Path) -> Path:
    srcdir = tmp_path / "src"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text(
        'extensions = ["myst_parser", "apparatus"]\nmyst_footnote_transition = False\n'
        'apparatus_metadata = {"title": "The Keepers", "author": "A. Keeper", "editors": ["E. Editor"],'
        ' "edition_date": "2026-01-01"}\n',
        encoding="utf-8",
    )
    document = convert_witness(parse_witness_text(WITNESS))
    (srcdir / "index.md").write_text(to_myst(document, {"title": "The Keepers"}), encoding="utf-8")
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    assert not app.warning.getvalue().strip(), app.warning.getvalue()
    return Path(app.outdir)


def test_urls_broken_at_slash_dot_hyphen_underscore_and_equals_are_one_link_each(own_build: Path) -> None:
    soup = BeautifulSoup((own_build / "index.html").read_text(encoding="utf-8"), "html.parser")
    links = {a["href"]: a for a in soup.select("a[href]") if SCHEME.match(a["href"]) and "example" in a["href"]}
    assert set(links) == set(EXPECTED)
    for url, lines in EXPECTED.items():
        assert visible(links[url]) == url
        assert [s["data-n"] for s in links[url].select("span.lb")] == lines, url
    # the page's text, as a reader reads it, shows every URL whole
    main = soup.select_one("[role=main]")
    for marker in main.select("a.footnote-reference"):
        marker.decompose()
    assert set(urls_in(main.get_text(""))) == set(EXPECTED)


# --- the one definition of web addresses (apparatus.vocabulary), as each stage uses it -----------

from apparatus import vocabulary  # noqa: E402  (kept with the tests that use it)


@pytest.mark.parametrize(
    ("text", "linked"),
    [
        ("See http://example.org/a.html.", ["http://example.org/a.html"]),
        ("(at https://example.org/x)", ["https://example.org/x"]),
        (
            "the page https://en.wikipedia.org/wiki/Lighthouse_(Maine), then",
            ["https://en.wikipedia.org/wiki/Lighthouse_(Maine)"],
        ),
        ("“http://example.org/q?a=1”; and", ["http://example.org/q?a=1"]),
        (
            "[http://example.org/b] or http://example.org/c! Really? http://example.org/d?",
            ["http://example.org/b", "http://example.org/c", "http://example.org/d"],
        ),
        ("two: http://a.org/1, http://b.org/2.", ["http://a.org/1", "http://b.org/2"]),
        ("no scheme: www.example.org and http:// alone", []),
    ],
)
def test_links_leave_out_the_sentence_punctuation(text: str, linked: list[str]) -> None:
    assert [text[s:e] for s, e in vocabulary.links(text)] == linked


def test_the_stages_share_one_definition_of_a_web_address() -> None:
    """The pipeline's finders and the extension's linking and print breaking use the vocabulary's
    patterns (issue 13: a URL was defined in five modules, in three different ways)."""
    from apparatus import listing, printtype

    from edition_pipeline import bounds, emit

    root = Path(__file__).resolve().parent.parent
    modules = [*(root / "src" / "edition_pipeline").glob("*.py"), *(root / "extensions" / "apparatus").glob("*.py")]
    defining = sorted(
        f"{m.relative_to(root)}:{n}"
        for m in modules
        for n, line in enumerate(m.read_text(encoding="utf-8").splitlines(), 1)
        if "re.compile(" in line and ("://" in line or r"www\." in line) and m.name != "vocabulary.py"
    )
    assert defining == [], f"a web address defined outside apparatus/vocabulary.py: {defining}"
    texts = ["see http://example.org/a_(b)), and", "at https://x.org/y?"]
    # emit links exactly what the placement stream and the apparatus list link
    for text in texts:
        spans = vocabulary.links(text)
        assert [f"<{text[s:e]}>" for s, e in spans] == re.findall(r"<[^>]+>", emit.escape(text))
        refs = [n["refuri"] for n in listing.with_links(text) if n.tagname == "reference"]
        assert refs == [text[s:e] for s, e in spans]
    assert [run for run, address in printtype.addresses("at www.thediplomat.com, and") if address] == [
        "www.thediplomat.com"
    ]
    assert bounds.text_problem("see doi:" + "x" * 120, "rationale") is None  # an address may be long
    assert bounds.text_problem("see " + "x" * 120, "rationale") is not None
