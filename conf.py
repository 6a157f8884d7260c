"""Sphinx configuration of the edition: sources in edition/, data in editorial/ and bib/."""

from __future__ import annotations

import calendar
import datetime
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "extensions"))

# libyaml when present (the same data, ten times faster)
edition_metadata = yaml.load(
    (ROOT / "editorial" / "edition.yaml").read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
)
edition_metadata.pop("__line__", None)
# the apparatus extension: the witness's siglum and the editors' ids come from editorial/edition.yaml
apparatus_metadata = edition_metadata
apparatus_siglum = edition_metadata["siglum"]
apparatus_responsible = edition_metadata["resp"]
apparatus_resp = next(iter(apparatus_responsible))
apparatus_back_matter = edition_metadata.get("back_pages") or []  # beside the article's sections in print
apparatus_latex_linenumbers = False  # the title page (latex_elements["maketitle"]) starts them

project = edition_metadata["title"]
author = edition_metadata["author"]
copyright = f"{edition_metadata['edition_date'][:4]}, {', '.join(edition_metadata['editors'])}"
release = version = ""
today = edition_metadata["edition_date"]

extensions = ["myst_parser", "apparatus", "sphinxcontrib.bibtex"]  # apparatus first: one entry-point scan for both (works.py)
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

# PDF: xelatex, article (howto) class, two-sided, EB Garamond. The title page carries the contents
# of the editorial matter; the article opens on a new recto; running heads give the author and the
# short title on the verso, the section on the recto.
def tex(text: object) -> str:
    """Metadata as LaTeX text: the special characters escaped, white space collapsed."""
    special = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "#": r"\#", "$": r"\$", "%": r"\%",
               "&": r"\&", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}
    return "".join(special.get(c, c) for c in " ".join(str(text).split()))


short_title = edition_metadata.get("short_title") or project.split(":")[0]
_date = datetime.date.fromisoformat(str(edition_metadata["edition_date"]))
print_date = f"{_date.day} {calendar.month_name[_date.month]} {_date.year}"  # as a book's imprint gives it
latex_engine = "xelatex"
latex_documents = [(root_doc, "edition.tex", project, author, "howto")]
latex_show_urls = "no"
latex_use_xindy = False
latex_domain_indices = False
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "11pt",
    "classoptions": ",twoside",
    "fontpkg": r"""
\setmainfont{EBGaramond12}[Path=/usr/share/fonts/opentype/ebgaramond/, Extension=.otf,
  UprightFont=*-Regular, ItalicFont=*-Italic, BoldFont=*-Bold, BoldItalicFont=*-Bold,
  SmallCapsFont=EBGaramondSC12-Regular, Numbers=OldStyle, Ligatures=TeX]
\setsansfont{EBGaramond12}[Path=/usr/share/fonts/opentype/ebgaramond/, Extension=.otf,
  UprightFont=*-Regular, ItalicFont=*-Italic, BoldFont=*-Bold, BoldItalicFont=*-Bold]
% the monospaced face (file names, commands, checksums): Latin Modern Mono (Debian's fonts-lmodern),
% a light serifed typewriter face beside the Garamond where DejaVu Sans Mono was dark and large,
% scaled to the Garamond's x-height, never hyphenated (a divided file name reads as another name)
\setmonofont{Latin Modern Mono}[Scale=MatchLowercase, HyphenChar=None]
""",
    "fncychap": "",
    "makeindex": "",
    "printindex": "",
    "tableofcontents": "",
    "releasename": "",
    "maketitle": rf"""
\thispagestyle{{empty}}
\begin{{center}}
\vspace*{{2em}}
{{\LARGE\bfseries {tex(project)}\par}}
\vspace{{0.4em}}
{{\small\itshape {tex(edition_metadata.get("title_note", ""))}\par}}
\vspace{{1.2em}}
{{\large\scshape {tex(author)}\par}}
{{\footnotesize ({tex(edition_metadata.get("author_note", ""))})\par}}
\vspace{{1.2em}}
{{\small A critical edition from the witness {tex(edition_metadata["siglum"])}\\
edited by {tex(", ".join(edition_metadata["editors"]))} \textperiodcentered\ {tex(print_date)}\par}}
\vspace{{2.5em}}
\end{{center}}
\begingroup\parskip=0pt\small\tableofcontents\endgroup
\clearpage
""",
    "preamble": rf"""
\hypersetup{{pdftitle={{{tex(project)}}}, pdfauthor={{{tex(author)}}}, pdfsubject={{Critical edition}}}}
\setlength{{\marginparwidth}}{{1.6cm}}
\setcounter{{secnumdepth}}{{0}}
\setcounter{{tocdepth}}{{1}}
% (\edrigidspaces, \edraggedright: apparatus.sty)
% headings ragged right, never hyphenated, and their lines balanced: the right-hand glue stretches
% by a finite amount on every line, the last included (\parfillskip=0pt), so that a heading of two
% lines is broken near its middle rather than leaving one word on the second line
% (the word spaces do not stretch: the right-hand glue alone takes up the slack)
\newcommand{{\edheadingshape}}{{\rightskip=0pt plus .6\hsize\relax\parfillskip=0pt\relax\edrigidspaces
  \hyphenpenalty=10000\relax\exhyphenpenalty=10000\relax}}
\usepackage{{sectsty}}\allsectionsfont{{\normalfont\scshape\edheadingshape}}
\sectionfont{{\normalfont\large\scshape\edheadingshape}}\subsectionfont{{\normalfont\normalsize\itshape\edheadingshape}}
% the body: one space after a full stop, as modern book typography has it; loose lines are not
% accepted (Sphinx sets \sloppy, tolerance 9999): TeX looks for a setting with every line within
% a badness of 200 (LaTeX's own \fussy) and, where it cannot find one, spreads up to 2em of
% emergency stretch over the paragraph, so that a long unbreakable word (a reading may hold one
% of 50 characters, bounds.py) makes a loose line, never one that runs into the margin
% (a lower \hyphenpenalty, 25, gained little: more divided
% words, "to-/ward", for one line less loose); the margins' optical alignment (character
% protrusion) eases the justification
% (polyglossia sets each language's spacing when it selects it: the main language's key is set)
\frenchspacing\makeatletter\ExplSyntaxOn\cs_if_exist:NT \polyglossia@langsetup
  {{ \prop_gput:Nxn \polyglossia@langsetup {{ \mainlanguagename / frenchspacing }} {{ true }} }}\ExplSyntaxOff\makeatother
\tolerance=200\relax\emergencystretch=2em\relax
\usepackage[protrusion=true,expansion=false]{{microtype}}
% URLs break where a reader expects a break (after / . - _ = ? & and the like), not inside a word
% as xurl would; notes and bibliography are ragged right, so no line is left loose for it
% (never after the colon of "https:"); a break there costs no more than a ragged line, so that a
% line is not ended early to keep an address whole
\usepackage{{url}}\Urlmuskip=0mu\relax
\makeatletter\def\UrlBreaks{{\do\/\do\.\do\-\do\_\do\=\do\?\do\&\do\%\do\#\do\+\do\~}}\def\UrlBigBreaks{{}}\def\UrlNoBreaks{{\do\(\do\[\do\{{\do\<\do\:}}
\mathchardef\UrlBreakPenalty=100\relax\makeatother
% inline code (file names, commands) breaks only after a slash, and only where the paragraph cannot
% otherwise be set at all (penalty 5000); never after . , ; ? ! as Sphinx would have it
% ("apparatus." / "json"), and the mono font is never hyphenated
\makeatletter\renewcommand*\sphinxbreaksafteractivelist{{\do\/}}\renewcommand*\sphinxbreaksbeforeactivelist{{}}
\renewcommand*\sphinxbreaksviaactive{{\def\do##1{{\lccode`\~`##1%
  \lowercase{{\def~}}{{\char`##1\penalty5000\hskip\z@skip}}\catcode`##1\active}}%
  \sphinxbreaksafteractivelist\lccode`\~`\~\let~\spx@verbatim@space}}\makeatother
% a table broken across pages says nothing of it (the edition's tables are untitled, unnumbered
% lists of fields; a rule closes the part on one page and opens the rest on the next)
\protected\def\sphinxtablecontinued#1{{}}
% note markers in lining figures: old-style figures in a superscript rise and fall ("10" sits low,
% "62" high), so that markers of the same size look unequal
\makeatletter\renewcommand{{\@makefnmark}}{{\hbox{{\@textsuperscript{{\normalfont\addfontfeatures{{Numbers=Lining}}\@thefnmark}}}}}}\makeatother
% the running head names sections, not their subsections (the back matter's pages are sections
% too: the extension lifts them out of the article's last section, apparatus_back_matter)
\renewcommand{{\subsectionmark}}[1]{{}}
% notes and the bibliography, full of long titles and addresses, are set ragged right (no loose
% lines), with a finite right-hand stretch so that TeX evens the lines rather than ending one short
\makeatletter\let\ed@atstartfootnote\sphinxAtStartFootnote
\renewcommand*{{\sphinxAtStartFootnote}}{{\edraggedright\ed@atstartfootnote}}\makeatother
% widows and orphans (club lines) are not wanted; the page may fall short instead (\raggedbottom)
% two-sided: line numbers in the outer margin, W's pages and the paragraph numbers in the inner
% (lineno sets each number in the output routine, where the page's parity is known)
\renewcommand{{\makeLineNumber}}{{\ifodd\value{{page}}\makeLineNumberRight\else\makeLineNumberLeft\fi}}
\reversemarginpar
\widowpenalty=10000 \clubpenalty=10000 \displaywidowpenalty=10000
% running heads: the folio outside; author and short title on the verso, the section on the recto
\renewcommand{{\sectionmark}}[1]{{\markright{{#1}}}}
\fancypagestyle{{normal}}{{\fancyhf{{}}%
  \fancyhead[LE,RO]{{\small\thepage}}%
  \fancyhead[CE]{{\footnotesize{{\scshape {tex(author)}}}\enspace\textperiodcentered\enspace\textit{{{tex(short_title)}}}}}%
  \fancyhead[CO]{{\footnotesize\itshape\nouppercase{{\rightmark}}}}%
  \renewcommand{{\headrulewidth}}{{0pt}}\renewcommand{{\footrulewidth}}{{0pt}}}}
\fancypagestyle{{plain}}{{\fancyhf{{}}\fancyfoot[C]{{\small\thepage}}%
  \renewcommand{{\headrulewidth}}{{0pt}}\renewcommand{{\footrulewidth}}{{0pt}}}}
% the article opens on a new recto with its title and author; its sections are indented in the contents
\makeatletter
\let\ed@tocsection\l@section
\newcommand{{\edtocarticle}}{{\renewcommand*\l@section{{\@dottedtocline{{1}}{{1.5em}}{{0pt}}}}}}
\newcommand{{\edtocback}}{{\let\l@section\ed@tocsection}}
\makeatother
\newcommand{{\edarticle}}{{\clearpage{{\pagestyle{{empty}}\cleardoublepage}}\thispagestyle{{plain}}\markright{{}}%
  \phantomsection\addcontentsline{{toc}}{{section}}{{{tex(project)}}}\addtocontents{{toc}}{{\protect\edtocarticle}}%
  \begin{{center}}{{\Large\bfseries {tex(project)}\par}}\vspace{{0.6em}}{{\large\scshape {tex(author)}\par}}\end{{center}}%
  \vspace{{1.5em}}\resetlinenumber[1]\linenumbers}}
% the editorial matter after the article: a new page, no line numbers
% (its sections are listed in the contents as the front matter's are, not indented as the article's)
\newcommand{{\edbackmatter}}{{\clearpage\nolinenumbers\addtocontents{{toc}}{{\protect\edtocback}}}}
""",
    "sphinxsetup": "TitleColor={rgb}{0.1,0.1,0.1}, hmargin={2.8cm,3.2cm}, vmargin={2.6cm,2.8cm}, "
    "InnerLinkColor={rgb}{0,0,0}, OuterLinkColor={rgb}{0,0,0}",
}
latex_additional_files: list[str] = []


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
