"""Sphinx configuration of the edition: sources in edition/, data in editorial/ and bib/."""

from __future__ import annotations

import datetime
import re
import sys
from pathlib import Path

import yaml
from sphinx import __version__ as sphinx_version  # the imprint says what made the book

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "extensions"))

from apparatus.printtype import tie  # noqa: E402
from apparatus.vocabulary import reader_date  # noqa: E402  (the path above first)

# libyaml when present (the same data, ten times faster)
edition_metadata = yaml.load(
    (ROOT / "editorial" / "edition.yaml").read_text(encoding="utf-8"),
    Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader),
)
edition_metadata.pop("__line__", None)
# the apparatus extension: the witness's siglum and the editors' ids come from editorial/edition.yaml
apparatus_metadata = edition_metadata
apparatus_siglum = edition_metadata["siglum"]
apparatus_responsible = edition_metadata["resp"]
apparatus_resp = next(iter(apparatus_responsible))
apparatus_back_matter = edition_metadata.get("back_pages") or []  # beside the article's sections in print
# the proposal form works only in a browser: the book leaves it out (its contents too)
apparatus_screen_only = ["propose"]
apparatus_latex_linenumbers = False  # the title page (latex_elements["maketitle"]) starts them

project = edition_metadata["title"]
author = edition_metadata["author"]
# the footer of every page: the editors' matter is theirs (its licence is in the take-away bar);
# the article's text, on the same pages, is its author's
copyright = (
    f"{edition_metadata['edition_date'][:4]}, {', '.join(edition_metadata['editors'])} (the editorial matter; "
    "the article's text is its author's)"
)
release = version = ""
today = edition_metadata["edition_date"]

extensions = [
    "myst_parser",
    "apparatus",
    "sphinxcontrib.bibtex",
]  # apparatus first: one entry-point scan for both (works.py)
root_doc = "index"
source_suffix = {".md": "markdown"}
exclude_patterns: list[str] = []
myst_enable_extensions = ["colon_fence", "substitution"]
myst_footnote_transition = False  # no stray rule above the notes
myst_footnote_sort = True
bibtex_bibfiles = ["bib/edition.bib"]
bibtex_default_style = "chicago"  # extensions/apparatus/bibstyle.py
bibtex_cite_id = "bib-{key}"
bibtex_reference_style = "author_year"
bibtex_tooltips = False  # the {cite:empty} marks show nothing to hover: no entry is formatted twice
suppress_warnings: list[str] = []
# No typographic rewriting: "..." and straight quotes are the witness's, not ours to change.
smartquotes = False

# HTML: furo, for its typography on desktop and phone; our serif and apparatus in apparatus.css
html_theme = "furo"
html_title = project
html_static_path: list[str] = []
html_show_sourcelink = False
html_copy_source = False
html_use_index = False  # the edition has no index entries: no empty "Index" page
html_last_updated_fmt = None
html_theme_options = {"sidebar_hide_name": False, "navigation_with_keys": True}


# PDF: xelatex, article (howto) class, two-sided, EB Garamond. The title page stands alone, the
# contents follow on a page of their own; the article opens on a new recto; running heads give the
# author and the short title on the verso, the section in force at the page's foot on the recto.
def rights(licence: dict[str, str] | None) -> str:
    """The licence of the editors' matter, for the book's title page ("" when none is declared)."""
    if not licence or not licence.get("name"):
        return ""
    address = rf" (\url{{{licence['url']}}})" if licence.get("url", "").startswith("https://") else ""
    return f"Editorial matter: {tex(licence['name'])}{address}. {tex(licence.get('text', ''))}"


def tex(text: object) -> str:
    """Metadata as LaTeX text: the special characters escaped, white space collapsed."""
    special = {
        "\\": r"\textbackslash{}",
        "{": r"\{",
        "}": r"\}",
        "#": r"\#",
        "$": r"\$",
        "%": r"\%",
        "&": r"\&",
        "_": r"\_",
        "~": r"\textasciitilde{}",
        "^": r"\textasciicircum{}",
        "\u00a0": "~",  # a no-break space (printtype.tie: "2 December")
    }
    return "".join(special.get(c, c) for c in re.sub(r"[ \t\r\n]+", " ", str(text)).strip())


short_title = edition_metadata.get("short_title") or project.split(":")[0]
_date = datetime.date.fromisoformat(str(edition_metadata["edition_date"]))
print_date = reader_date(_date.isoformat())  # as a book's imprint gives it, and the HTML title block
myst_substitutions = {"edition_date": print_date}  # the editors' pages write {{ edition_date }}


def editors_statements(meta: dict) -> list[str]:
    """What of the title and the author is the editors' (edition.yaml), in the words the PDF's
    metadata and the article's first page give it."""
    return [
        *(["title supplied by the editors"] if meta.get("title_supplied") else []),
        *(["authorship attributed by the editors"] if meta.get("author_note") else []),
    ]


def pdf_metadata(meta: dict, date: str) -> dict[str, str]:
    """The PDF's metadata (hyperref's pdftitle, pdfauthor, pdfsubject, pdfkeywords, pdflang), each
    from the editors' statements in edition.yaml, as the title page and the edition's citation give
    them: a title the editors supplied in square brackets, an author they attributed marked as
    their attribution, the edition, its witness, editors and date as the subject; keywords only
    where the editors give some (none else); the editors' language, or Sphinx's default, "en",
    which conf.py leaves as it is (the TEI header declares the same)."""
    notes = editors_statements(meta)
    subject = f"Critical edition from the witness {meta['siglum']}, edited by {', '.join(meta['editors'])}, {date}"
    return {
        "title": f"[{meta['title']}]" if meta.get("title_supplied") else str(meta["title"]),
        "author": str(meta["author"]) + (" (attributed by the editors)" if meta.get("author_note") else ""),
        "subject": "; ".join([subject, *notes]),
        "keywords": ", ".join(str(k) for k in meta.get("keywords") or []),
        "lang": str(meta.get("language") or "en"),
    }


def opening_note(meta: dict) -> str:
    """What the article's first page says of its title and author when they are the editors' (the
    title page says why), as the PDF's metadata says it: "" when both are the witness's."""
    said = editors_statements(meta)
    return "; ".join(said) + ("; see the title page" if said else "")


pdf_info = pdf_metadata(edition_metadata, print_date)
latex_engine = "xelatex"
latex_documents = [(root_doc, "edition.tex", project, author, "howto")]
latex_show_urls = "no"
latex_use_xindy = False
latex_domain_indices = False
latex_table_style = ["booktabs"]  # no grey bands on alternate rows (Sphinx's colorrows): they print as grey bars
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "11pt",
    "classoptions": ",twoside",
    "fontpkg": r"\usepackage{editionfonts}",
    "fncychap": "",
    "makeindex": "",
    "printindex": "",
    "tableofcontents": "",
    "releasename": "",
    # the design is edition/_latex/edition.sty's; here only the edition's data, as macros
    "maketitle": r"\edtitlepage",
    "preamble": rf"""
\newcommand{{\edtitle}}{{{tex(project)}}}
\newcommand{{\edshorttitle}}{{{tex(short_title)}}}
\newcommand{{\edauthor}}{{{tex(author)}}}
\newcommand{{\edtitlenote}}{{{tex(edition_metadata.get("title_note", ""))}}}
\newcommand{{\edauthornote}}{{{tex(edition_metadata.get("author_note", ""))}}}
\newcommand{{\edopeningnote}}{{{tex(opening_note(edition_metadata))}}}
\newcommand{{\edwitness}}{{{tex(edition_metadata["siglum"])}}}
\newcommand{{\ededitors}}{{{tex(", ".join(edition_metadata["editors"]))}}}
\newcommand{{\eddate}}{{{tex(tie(print_date))}}}
\newcommand{{\edrights}}{{{rights(edition_metadata.get("licence"))}}}
\newcommand{{\edwitnessnote}}{{{tex(edition_metadata.get("witness", ""))}}}
\newcommand{{\edwitnessdigest}}{{{tex(edition_metadata.get("witness_sha256", ""))}}}
\newcommand{{\edsphinxversion}}{{{tex(sphinx_version)}}}
\newcommand{{\edpdftitle}}{{{tex(pdf_info["title"])}}}
\newcommand{{\edpdfauthor}}{{{tex(pdf_info["author"])}}}
\newcommand{{\edpdfsubject}}{{{tex(pdf_info["subject"])}}}
\newcommand{{\edpdfkeywords}}{{{tex(pdf_info["keywords"])}}}
\newcommand{{\edpdflang}}{{{tex(pdf_info["lang"])}}}
\usepackage{{edition}}
\edfrontparts
""",
    "sphinxsetup": "TitleColor={rgb}{0.1,0.1,0.1}, hmargin={2.8cm,3.2cm}, vmargin={2.6cm,2.8cm}, "
    "InnerLinkColor={rgb}{0,0,0}, OuterLinkColor={rgb}{0,0,0}",
}
latex_additional_files = ["edition/_latex/editionfonts.sty", "edition/_latex/edition.sty"]  # the print design


def _print_structure(app, docname: str, source: list[str]) -> None:
    """In print, the article opens after the last front page and the back matter on a new page."""
    if app.builder.format != "latex":
        return
    front, back = edition_metadata.get("front_pages") or [], edition_metadata.get("back_pages") or []
    if front and docname == front[-1]:
        source[0] += "\n\n```{raw} latex\n\\edarticle\n```\n"
    if back and docname == back[0]:
        source[0] = "```{raw} latex\n\\edbackmatter\n```\n\n" + source[0]


def _breakable_tables(app, doctree, docname: str) -> None:
    """In print a table may break between its rows (Sphinx's longtable): the editorial pages run on
    one after another instead of each waiting for a page with room for its whole table."""
    if app.builder.format != "latex":
        return
    from docutils import nodes

    for table in doctree.findall(nodes.table):
        if "longtable" not in table["classes"]:
            table["classes"].append("longtable")


def setup(app) -> None:
    app.connect("source-read", _print_structure)
    app.connect("doctree-resolved", _breakable_tables)
