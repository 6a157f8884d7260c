"""Sphinx configuration of the edition: sources in edition/, data in editorial/ and bib/."""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "extensions"))

edition_metadata = yaml.safe_load((ROOT / "editorial" / "edition.yaml").read_text(encoding="utf-8"))
edition_metadata.pop("__line__", None)
# the apparatus extension: the witness's siglum and the editors' ids come from editorial/edition.yaml
apparatus_metadata = edition_metadata
apparatus_siglum = edition_metadata["siglum"]
apparatus_responsible = edition_metadata["resp"]
apparatus_resp = next(iter(apparatus_responsible))
apparatus_latex_linenumbers = False  # the title page (latex_elements["maketitle"]) starts them

project = edition_metadata["title"]
author = edition_metadata["author"]
copyright = f"{edition_metadata['edition_date'][:4]}, {', '.join(edition_metadata['editors'])}"
release = version = ""
today = edition_metadata["edition_date"]

extensions = ["myst_parser", "sphinxcontrib.bibtex", "apparatus"]
root_doc = "index"
source_suffix = {".md": "markdown"}
exclude_patterns: list[str] = []
myst_enable_extensions = ["colon_fence"]
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
html_last_updated_fmt = None
html_theme_options = {"sidebar_hide_name": False, "navigation_with_keys": True}

# PDF: xelatex, article (howto) class, EB Garamond
latex_engine = "xelatex"
latex_documents = [(root_doc, "edition.tex", project, author, "howto")]
latex_show_urls = "no"
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "11pt",
    "fontpkg": r"""
\setmainfont{EBGaramond12}[Path=/usr/share/fonts/opentype/ebgaramond/, Extension=.otf,
  UprightFont=*-Regular, ItalicFont=*-Italic, BoldFont=*-Bold, BoldItalicFont=*-Bold,
  SmallCapsFont=EBGaramondSC12-Regular, Numbers=OldStyle, Ligatures=TeX]
\setsansfont{EBGaramond12}[Path=/usr/share/fonts/opentype/ebgaramond/, Extension=.otf,
  UprightFont=*-Regular, ItalicFont=*-Italic, BoldFont=*-Bold, BoldItalicFont=*-Bold]
\setmonofont{DejaVu Sans Mono}[Scale=0.82]
""",
    "fncychap": "",
    "tableofcontents": "",
    "releasename": "",
    "maketitle": r"""
\begin{center}
{\LARGE\bfseries """
    + project
    + r"""\par}
\vspace{0.4em}
{\small\itshape """
    + edition_metadata["title_note"].replace("\n", " ")
    + r"""\par}
\vspace{1em}
{\large\scshape """
    + edition_metadata["author"]
    + r"""\par}
{\footnotesize ("""
    + edition_metadata.get("author_note", "").replace("\n", " ")
    + r""")\par}
\vspace{0.6em}
{\small Edited by """
    + ", ".join(edition_metadata["editors"])
    + r""" \textperiodcentered\ edition of """
    + edition_metadata["edition_date"]
    + r"""\par}
\vspace{1.5em}
\end{center}
\linenumbers
""",
    "preamble": r"""
\hypersetup{pdftitle={"""
    + project
    + r"""}, pdfauthor={"""
    + author
    + r"""}, pdfsubject={Critical edition}}
\setlength{\marginparwidth}{1.6cm}
\setcounter{secnumdepth}{0}
\usepackage{sectsty}\allsectionsfont{\normalfont\large\scshape}

""",
    "sphinxsetup": "TitleColor={rgb}{0.1,0.1,0.1}, hmargin={2.8cm,3.2cm}, vmargin={2.6cm,2.8cm}, InnerLinkColor={rgb}{0.35,0.2,0.05}, OuterLinkColor={rgb}{0.35,0.2,0.05}",
}
latex_additional_files: list[str] = []
