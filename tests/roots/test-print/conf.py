# The edition's print design (edition/_latex/*.sty) on a made document: sections short and long,
# so that several begin on one page (the running head), a table with a header row longer than a
# page (its continuation), web addresses that are not links, at every place in a line (how they
# break). Built by tests/test_pdf.py with sphinx-build from this directory (not copied: the design
# is taken from the edition's own files).
from pathlib import Path

DESIGN = Path(__file__).resolve().parents[3] / "edition" / "_latex"

extensions = ["myst_parser", "apparatus"]
project = "A Print Test"
author = "A. Author"
root_doc = "index"
apparatus_siglum = "M"
apparatus_latex_linenumbers = False  # numbered from the text on, as the edition's are (\edarticle)
latex_engine = "xelatex"
latex_documents = [("index", "test.tex", project, author, "howto")]
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "11pt",
    "classoptions": ",twoside",
    "fontpkg": r"\usepackage{editionfonts}",
    "fncychap": "",
    "tableofcontents": "",
    "maketitle": r"\edtitlepage\linenumbers",
    "preamble": r"""
\newcommand{\edtitle}{A Print Test}
\newcommand{\edshorttitle}{A Print Test}
\newcommand{\edauthor}{A. Author}
\newcommand{\edtitlenote}{A made document.}
\newcommand{\edauthornote}{made for the test}
\newcommand{\edwitness}{M}
\newcommand{\ededitors}{the Testers}
\newcommand{\eddate}{1 January 2026}
\newcommand{\edrights}{}
\usepackage{edition}
""",
}
latex_additional_files = [str(DESIGN / "editionfonts.sty"), str(DESIGN / "edition.sty")]
