"""What a reader takes away from the HTML edition: downloads, citations, licence, block texts.

``setup_takeaway(app)`` wires it all (one call from the extension's ``setup``):

* a download bar on every page (the PDF, the TEI, apparatus.json, the citation files), offering
  only the files the build has; a download's file is copied into the HTML output from its
  ``source`` (relative to the configuration directory) when that exists;
* Highwire ``citation_*`` meta tags (Zotero, Google Scholar) and Dublin Core rights, from the
  editors' metadata only (``edition_metadata``, i.e. editorial/edition.yaml): nothing invented;
* ``edition.bib`` (BibTeX) and ``edition.csl.json`` (CSL-JSON): "cite this edition";
* ``_static/edition-cite.js``: the metadata the "cite ¶" control needs, and the texts of the
  edition's blocks as the witness has them (repaired, never emended: W's readings, the author's
  note markers as ``[^n]``), keyed by block anchor, so the proposal form checks a proposal in
  the browser by the same rule as the ``edition`` command.

The configuration values are prefixed ``apparatus_``; the module knows nothing of one article.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

from docutils import nodes as dn
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from .domain import get_domain
from .pagination import segments
from .vocabulary import reader_date

logger = logging.getLogger(__name__)

DEFAULT_DOWNLOADS = [
    {
        "file": "edition.pdf",
        "label": "PDF",
        "title": "the edition as a book (PDF)",
        "source": "_build/latex/edition.pdf",
    },
    {
        "file": "edition.tei.xml",
        "label": "TEI",
        "title": "the edition in TEI P5 XML",
        "source": "_build/tei/edition.tei.xml",
    },
    {"file": "apparatus.json", "label": "apparatus.json", "title": "every intervention, as JSON", "source": ""},
]
CITE_FILES = {"bib": "edition.bib", "csl": "edition.csl.json"}
SCRIPT = "edition-cite.js"


# --- what the build offers -------------------------------------------------------------------


def _downloads(app: Sphinx) -> list[dict[str, str]]:
    """The configured downloads that this build has (no dead link): the file is in the output,
    is one the extension itself writes (apparatus.json), or has an existing ``source``."""
    found = []
    for item in app.config.apparatus_downloads:
        name = str(item["file"])
        source = str(item.get("source") or "")
        written_here = name in ("apparatus.json",)
        if written_here or (Path(app.outdir) / name).is_file() or (source and (Path(app.confdir) / source).is_file()):
            found.append({k: str(v) for k, v in item.items()})
    return found


_PRESENT = "apparatus_downloads_present"  # env attribute: the downloads the last build offered


def _present(app: Sphinx) -> list[str]:
    return [d["file"] for d in _downloads(app)] if app.builder.format == "html" else []


def rewrite_when_downloads_change(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Pages carry the download bar: when the set of files on offer changes, every page is rewritten."""
    now = _present(app)
    before = getattr(env, _PRESENT, None)
    setattr(env, _PRESENT, now)
    if before is not None and before != now:
        return sorted(env.found_docs)
    return []


# --- the citation, from the editors' metadata only ---------------------------------------------


def _meta(app: Sphinx) -> dict[str, Any]:
    return dict(app.config.edition_metadata or {})


def _licence(meta: dict[str, Any]) -> dict[str, str]:
    lic = meta.get("licence") or {}
    return {k: str(v) for k, v in lic.items() if k != "__line__"} if isinstance(lic, dict) else {}


def _url(app: Sphinx, name: str) -> str:
    base = app.config.html_baseurl or ""
    return (base.rstrip("/") + "/" + name) if base else name


def citation_data(app: Sphinx) -> dict[str, Any]:
    """The edition's citation as the editors state it (edition.yaml), for every output."""
    meta = _meta(app)
    return {
        "title": str(meta.get("title", "")),
        "title_supplied": bool(meta.get("title_supplied")),
        "author": str(meta.get("author", "")),
        "author_attributed": bool(meta.get("author_note")),
        "editors": [str(e) for e in meta.get("editors", [])],
        "date": str(meta.get("edition_date", "")),
        "siglum": str(meta.get("siglum", "")),
        "licence": _licence(meta),
        "url": app.config.html_baseurl or "",
    }


def _human_title(c: dict[str, Any]) -> str:
    return f"[{c['title']}]" if c["title_supplied"] else c["title"]


def edition_reference(c: dict[str, Any]) -> str:
    """The full reference, as a person reads it (a supplied title in square brackets)."""
    parts = []
    if c["author"]:
        parts.append(c["author"] + (" (attributed)" if c["author_attributed"] else ""))
    parts.append(f"“{_human_title(c)}”" + (" (title supplied by the editors)" if c["title_supplied"] else ""))
    if c["editors"]:
        parts.append("critical edition by " + ", ".join(c["editors"]))
    if c["date"]:
        parts.append(f"edition of {reader_date(c['date'])}")  # as the title page gives it
    return ", ".join(parts)


def _bibtex_escape(s: str) -> str:
    return re.sub(r"([&%$#_{}])", r"\\\1", s)


def bibtex(c: dict[str, Any], key: str) -> str:
    fields = [("title", "{" + _bibtex_escape(_human_title(c)) + "}")]
    if c["author"]:
        fields.append(("author", _bibtex_escape(c["author"])))
    if c["editors"]:  # corporate names braced whole, so BibTeX never splits them
        fields.append(("editor", " and ".join("{" + _bibtex_escape(e) + "}" for e in c["editors"])))
    if c["date"]:
        fields += [("date", c["date"]), ("year", c["date"][:4])]
    notes = ["critical edition"]
    if c["title_supplied"]:
        notes.append("title supplied by the editors")
    if c["author_attributed"]:
        notes.append("authorship attributed by the editors")
    fields.append(("note", "; ".join(notes)))
    if c["url"]:
        fields.append(("url", c["url"]))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@book{{{key},\n{body}\n}}\n"


def _csl_name(name: str) -> dict[str, str]:
    """A person's name as CSL has it (family, given), read as BibTeX reads a name (pybtex), so that
    reference managers file it under the family name; a name pybtex cannot divide stays literal."""
    from pybtex.database import Person

    person = Person(name)
    family = " ".join(person.prelast_names + person.last_names)
    given = " ".join(person.first_names + person.middle_names)
    if not family or not given:
        return {"literal": name}
    return {"family": family, "given": given} | (
        {"suffix": " ".join(person.lineage_names)} if person.lineage_names else {}
    )


def cite_key(c: dict[str, Any]) -> str:
    """The edition's BibTeX key, made as reference managers make one (family name, year, first
    word of the title, ASCII letters and digits), so that it does not clash with another
    "edition" in a reader's library: "blank2026russojapanese"."""
    from pybtex.database import Person

    if c["author"]:
        family = " ".join(Person(c["author"]).last_names) or c["author"]
    else:
        family = c["editors"][0].split()[-1] if c["editors"] else ""
    words = [w for w in re.split(r"\s+", c["title"]) if w.lower() not in ("a", "an", "the")]
    parts = [family, c["date"][:4], words[0] if words else ""]
    ascii_text = unicodedata.normalize("NFKD", "".join(parts)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", ascii_text.lower()) or "edition"


def csl_json(c: dict[str, Any], key: str) -> list[dict[str, Any]]:
    item: dict[str, Any] = {"id": key, "type": "book", "title": _human_title(c)}
    if c["author"]:
        item["author"] = [_csl_name(c["author"])]
    if c["editors"]:
        item["editor"] = [{"literal": e} for e in c["editors"]]
    if c["date"]:
        item["issued"] = {"date-parts": [[int(x) for x in c["date"].split("-")]]}
    notes = ["critical edition"]
    if c["title_supplied"]:
        notes.append("title supplied by the editors")
    if c["author_attributed"]:
        notes.append("authorship attributed by the editors")
    item["note"] = "; ".join(notes)
    if c["url"]:
        item["URL"] = c["url"]
    return [item]


# --- the page: meta tags and the bar -----------------------------------------------------------


def _meta_tags(app: Sphinx, c: dict[str, Any], downloads: list[dict[str, str]]) -> str:
    esc = html.escape
    tags = []
    if c["title"]:
        tags.append(("citation_title", _human_title(c)))  # a supplied title in brackets, as everywhere
    if c["author"]:
        tags.append(("citation_author", c["author"]))
    tags += [("citation_editor", e) for e in c["editors"]]
    if c["date"]:
        tags += [("citation_publication_date", c["date"].replace("-", "/")), ("citation_date", c["date"])]
    for d in downloads:
        if d["file"].endswith(".pdf"):
            tags.append(("citation_pdf_url", _url(app, d["file"])))
    if c["licence"].get("name"):
        tags.append(("DC.rights", _licence_sentence(c)))
    out = "".join(f'<meta name="{esc(n)}" content="{esc(v)}">\n' for n, v in tags)
    if c["licence"].get("url"):
        out += f'<link rel="license" href="{esc(c["licence"]["url"])}">\n'
    return out


def _licence_sentence(c: dict[str, Any]) -> str:
    lic = c["licence"]
    return f"Editorial matter: {lic.get('name', '')}. " + lic.get("text", "")


# the separator stays with the item before it: a line never begins with "·"
_DOT = "&#160;· "


def _bar(app: Sphinx, pagename: str, c: dict[str, Any], downloads: list[dict[str, str]]) -> str:
    esc = html.escape
    rel = "../" * pagename.count("/")
    links = [
        f'<a href="{esc(rel + d["file"])}" download title="{esc(d.get("title", ""))}">{esc(d["label"])}</a>'
        for d in downloads
    ]
    cites = [
        f'<a href="{rel}{CITE_FILES["bib"]}" download>BibTeX</a>',
        f'<a href="{rel}{CITE_FILES["csl"]}" download>CSL-JSON</a>',
    ]
    parts = [
        '<nav class="takeaway" aria-label="Downloads, citation and licence">',
        f'<p class="takeaway-files"><span class="takeaway-head">Download</span>&#160;{_DOT.join(links)}'
        f' <span class="takeaway-head">Cite this edition</span>&#160;{_DOT.join(cites)}'
        ' <button type="button" class="cite-edition">cite</button></p>',
        f'<p class="takeaway-reference">{esc(edition_reference(c))}.</p>',
    ]
    lic = c["licence"]
    if lic.get("name"):
        name = esc(lic["name"])
        if lic.get("url"):
            name = f'<a rel="license" href="{esc(lic["url"])}">{name}</a>'
        parts.append(f'<p class="takeaway-licence">Editorial matter: {name}. {esc(lic.get("text", ""))}</p>')
    parts.append("</nav>")
    return "".join(parts)


def add_to_page(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    if app.builder.format != "html" or "body" not in context:
        return
    c = citation_data(app)
    downloads = _downloads(app)
    context["metatags"] = context.get("metatags", "") + _meta_tags(app, c, downloads)
    bar = _bar(app, pagename, c, downloads)
    body = context["body"]
    end = _end_of_titleblock(body)
    if end >= 0:  # inside the title block, as the edition's imprint: after the editors and the witness
        inside = body.rindex("</div>", 0, end)
        body = body[:inside] + bar + body[inside:]
        at = end + len(bar)
    else:
        heading = body.find("</h1>")
        at = heading + len("</h1>") if heading >= 0 else 0
        body = body[:at] + bar + body[at:]
        at += len(bar)
    if _VIEWS_DIFFER.search(body):  # where apparatus.js sets the switch between the two views
        body = body[:at] + _no_script_note(app, pagename) + body[at:]
    context["body"] = body


# W's readings or W's line starts on the page: the reading text and the diplomatic text differ there
_VIEWS_DIFFER = re.compile(r'<span class="(?:lb|wit)"[ >]')


def _no_script_note(app: Sphinx, pagename: str) -> str:
    """Without JavaScript there is no switch to the diplomatic view: the page says so where the
    switch would stand, and where W's readings still are (screen only: paper has no switch)."""
    siglum = html.escape(app.config.apparatus_siglum)
    where = "the apparatus"
    # the page of the {apparatus-list}, when the apparatus extension (not this module alone) is loaded
    listing = get_domain(app.env).listing_doc() if "edition" in app.registry.domains else ""
    if listing:
        where = f'<a href="{html.escape(app.builder.get_relative_uri(pagename, listing))}">{where}</a>'
    return (
        f'<noscript><p class="view-switch-nojs">The diplomatic view ({siglum}’s own readings and line breaks) '
        f"needs JavaScript, which is off in this browser. Every correction still shows {siglum}’s reading on "
        f"hover, focus or tap, and {where} gives them all.</p></noscript>"
    )


def _end_of_titleblock(body: str) -> int:
    start = body.find('<div class="titleblock">')
    if start < 0:
        return -1
    depth, i = 0, start
    for m in re.finditer(r"<(/?)div\b", body[start:]):
        depth += -1 if m.group(1) else 1
        if depth == 0:
            i = start + m.end()
            return body.find(">", i) + 1
    return -1


# --- the block texts, as the witness has them ----------------------------------------------------

SKIP = {"editorial_note", "lacuna", "fragment", "page_break", "paragraph_number", "system_message", "rubric"}


_SPACES = re.compile(r"\s+")  # str.isspace() and re's \s are the same class


class _Text:
    """A block's text as it is built: white space collapsed as it comes, W's line starts marked."""

    def __init__(self) -> None:
        self.text = ""
        self.lines: list[list[int]] = []

    def add(self, s: str) -> None:
        if "  " in s or not s.isprintable():  # white space other than single spaces (isprintable: C, fast)
            s = _SPACES.sub(" ", s)
        if s.startswith(" ") and (not self.text or self.text.endswith(" ")):
            s = s[1:]
        self.text += s

    def line(self, n: int) -> None:
        self.lines.append([n, len(self.text)])

    def orphan_line(self) -> None:
        """An orphan line of W (page furniture, ``{fragment}``) stands here: the line start just
        before it is the orphan's own, and no text of the block is on that line."""
        if self.lines and self.lines[-1][1] == len(self.text):
            self.lines.pop()

    def done(self) -> tuple[str, list[list[int]]]:
        text = self.text.rstrip()
        return text, [[n, min(o, len(text))] for n, o in self.lines]


def _walk(n: dn.Node, out: _Text) -> None:
    name = type(n).__name__
    if name == "lined_text":  # W's text with its line starts (pagination.JoinLines)
        for text, start in n.segments():
            out.add(text)
            if start is not None:
                out.line(int(start[1]))
    elif isinstance(n, dn.Text):
        out.add(str(n))
    elif name == "fragment":
        out.orphan_line()
    elif (
        name in SKIP
        or isinstance(n, (dn.footnote, dn.comment, dn.target, dn.raw, dn.label))
        or (name == "pending_xref" and n.get("refdomain") == "cite")  # a citation the editors linked
    ):
        return
    elif isinstance(n, dn.footnote_reference):
        out.add(f"[^{n.astext()}]")
    elif name == "reading":
        kind = n.get("kind")
        text = str(n.get("wit", "")) if kind == "emendation" else "" if kind == "supplied" else n.astext()
        for piece, start in segments(text, n.get("starts", [])):  # W's lines may begin inside W's reading
            out.add(piece)
            if start is not None:
                out.line(int(start[1]))
    else:
        for child in n.children:
            _walk(child, out)
            if isinstance(child, dn.paragraph):  # paragraphs of one block (abstract, note) join with a space
                out.add(" ")


def witness_block(node: dn.Node) -> tuple[str, list[list[int]]]:
    """The text of a block as W has it, and where W's lines begin in it ([line, offset]): W's
    reading for an emendation; nothing for editors' additions (supplied text, editors' notes,
    lacuna descriptions, orphan lines, citation links); ``[^n]`` for the author's note
    markers; white space collapsed. The line of an orphan line is not among the block's lines:
    none of the block's text is on it."""
    out = _Text()
    for child in node.children:
        _walk(child, out)
        if isinstance(child, dn.paragraph):
            out.add(" ")
    return out.done()


def witness_text(node: dn.Node) -> str:
    return witness_block(node)[0]


_ABSTRACT = re.compile(r"abstract\d*")
_PARAGRAPH = re.compile(r"p\d+")


def _anchor(pattern: re.Pattern[str], ids: list[str]) -> str:
    return next((i for i in ids if pattern.fullmatch(i)), "")


def _block_anchor(node: dn.Element, ids: list[str]) -> str:
    """The anchor of an abstract (a container) or of a paragraph or quotation, or ""."""
    if isinstance(node, dn.container):
        return _anchor(_ABSTRACT, ids)
    if isinstance(node, (dn.paragraph, dn.block_quote)):
        return _anchor(_PARAGRAPH, ids)
    return ""


def block_texts(doctree: dn.document) -> dict[str, dict[str, Any]]:
    """Anchor → {text, lines} of every block the edition cites: paragraphs and quotations by
    their ids (``p12``), the abstract (a container with the id ``abstract``), section headings
    h1, h2, … (in order, below the document title), the author's notes n1, n2, … (by label).
    Only a document that carries W's text (its line breaks) has blocks."""
    blocks: dict[str, dict[str, Any]] = {}
    if not any(type(n).__name__ == "lined_text" for n in doctree.findall(dn.Text)):
        return blocks  # the editors' pages: no text of W
    headings = 0

    def put(anchor: str, node: dn.Node) -> None:
        text, lines = witness_block(node)
        if text:
            blocks[anchor] = {"text": text, "lines": lines}

    for node in doctree.findall(dn.Element):
        ids = node.get("ids", [])
        if isinstance(node, dn.title) and isinstance(node.parent, dn.section):
            if node.parent.parent is not doctree:  # not the document's own title
                headings += 1
                put(f"h{headings}", node)
        elif anchor := _block_anchor(node, ids):
            put(anchor, node)
        elif isinstance(node, dn.footnote):
            label = node.next_node(dn.label)
            if label is not None and label.astext().isdigit():
                put(f"n{label.astext()}", node)
    return blocks


# --- collected as each document is read, kept in the environment --------------------------------

_BLOCKS = "apparatus_block_texts"  # env attribute: docname -> block_texts(doctree)


def _stored_blocks(env: BuildEnvironment) -> dict[str, dict[str, dict[str, Any]]]:
    stored = getattr(env, _BLOCKS, None)
    if stored is None:
        stored = {}
        setattr(env, _BLOCKS, stored)
    return stored


def collect_blocks(app: Sphinx, doctree: dn.document) -> None:
    """At doctree-read: the document's block texts, so that the build never reloads a doctree
    for them (and an incremental build redoes only the documents it read)."""
    found = block_texts(doctree)
    if found:
        _stored_blocks(app.env)[app.env.docname] = found
    else:
        _stored_blocks(app.env).pop(app.env.docname, None)


def purge_blocks(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _stored_blocks(env).pop(docname, None)


def merge_blocks(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    theirs = _stored_blocks(other)
    _stored_blocks(env).update({doc: theirs[doc] for doc in docnames if doc in theirs})


# --- files written when the build has finished ---------------------------------------------------


def _write(path: Path, text: str) -> None:
    """Temp file + rename: never a half-written file. The file is as readable as every other file
    the build writes (the umask's mode), not private as mkstemp makes it: a web server serves it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix="." + path.name)
    umask = os.umask(0)
    os.umask(umask)
    os.fchmod(fd, 0o666 & ~umask)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


def write_files(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    for d in app.config.apparatus_downloads:
        source = str(d.get("source") or "")
        if source and (Path(app.confdir) / source).is_file():
            shutil.copyfile(Path(app.confdir) / source, out / str(d["file"]))
    c = citation_data(app)
    key = app.config.apparatus_cite_key or cite_key(c)
    _write(out / CITE_FILES["bib"], bibtex(c, key))
    _write(out / CITE_FILES["csl"], json.dumps(csl_json(c, key), ensure_ascii=False, indent=2) + "\n")
    stored = _stored_blocks(app.env)
    blocks = {
        app.builder.get_target_uri(docname): stored[docname]
        for docname in sorted(app.env.found_docs)
        if docname in stored
    }
    data = {"citation": {**c, "reference": edition_reference(c)}, "blocks": blocks}
    _write(
        out / "_static" / SCRIPT,
        "/* Written by the edition's build (takeaway.py): the citation and the witness texts of the blocks. */\n"
        f"window.EDITION = {json.dumps(data, ensure_ascii=False)};\n",
    )


def setup_takeaway(app: Sphinx) -> None:
    app.add_config_value("apparatus_downloads", DEFAULT_DOWNLOADS, "html", types=[list])
    app.add_config_value("apparatus_cite_key", "", "html", types=[str])  # "": made from the metadata
    app.connect("env-get-outdated", rewrite_when_downloads_change)
    app.connect("html-page-context", add_to_page)
    app.connect("doctree-read", collect_blocks)
    app.connect("env-purge-doc", purge_blocks)
    app.connect("env-merge-info", merge_blocks)
    app.connect("build-finished", write_files)
    app.add_js_file(SCRIPT)


def setup(app: Sphinx) -> dict[str, Any]:
    """Loaded by the apparatus extension (``app.setup_extension``), or on its own."""
    setup_takeaway(app)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
