"""HTML visitors and the apparatus.json writer."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from docutils import nodes as dn
from sphinx.application import Sphinx

from . import nodes

STATIC = Path(__file__).parent / "static"


def add_static_path(app: Sphinx) -> None:
    if str(STATIC) not in app.config.html_static_path:
        app.config.html_static_path.append(str(STATIC))


def depart_nothing(self: Any, node: dn.Element) -> None:
    pass


def visit_page_break(self: Any, node: nodes.page_break) -> None:
    n = node["n"]
    self.body.append(
        f'<span class="pb" id="W{n}" role="note" aria-label="Page {n} of the witness begins">'
        f'<a class="pb-link" href="#W{n}" title="Page {n} of witness W begins here">W{n}</a></span>'
    )
    raise dn.SkipNode


def visit_lacuna(self: Any, node: nodes.lacuna) -> None:
    ident = node["ids"][0] if node["ids"] else ""
    self.body.append(
        f'<span class="lacuna" id="{self.attval(ident)}" role="note">'
        f'<span class="lacuna-mark" aria-hidden="true">⟨…⟩</span> {self.encode(node.astext())}</span>'
    )
    raise dn.SkipNode


def visit_fragment(self: Any, node: nodes.fragment) -> None:
    ident = node["ids"][0] if node["ids"] else ""
    self.body.append(
        f'<span class="fragment" id="{self.attval(ident)}" role="note" '
        f'title="An orphan line of the witness, outside the text flow">'
        f'<span class="fragment-label">orphan line of W:</span> {self.encode(node.astext())}</span>'
    )
    raise dn.SkipNode


def visit_titleblock(self: Any, node: nodes.titleblock) -> None:
    meta = node["meta"]
    enc = self.encode
    parts = ['<div class="titleblock">']
    if meta.get("title_supplied"):
        parts.append(f'<p class="title-supplied">{enc(meta.get("title_note", "Title supplied by the editor."))}</p>')
    author = enc(meta["author"])
    if meta.get("author_note"):
        author += f' <span class="attribution">({enc(meta["author_note"])})</span>'
    parts.append(f'<p class="author">{author}</p>')
    parts.append(
        f'<p class="editors">Edited by {enc(", ".join(meta["editors"]))} · '
        f"edition of {enc(str(meta['edition_date']))}</p>"
    )
    if meta.get("witness"):
        parts.append(f'<p class="witness-line">{enc(meta["witness"])}</p>')
    parts.append("</div>")
    self.body.append("".join(parts))
    raise dn.SkipNode


def write_apparatus_json(app: Sphinx, exception: Exception | None) -> None:
    """Write _build/html/apparatus.json: every intervention, in document order."""
    if exception is not None or app.builder.format != "html":
        return
    domain = app.env.get_domain("edition")
    docnames = [app.config.root_doc, *sorted(d for d in app.env.found_docs if d != app.config.root_doc)]
    entries = domain.all_interventions(docnames)  # type: ignore[attr-defined]
    out = Path(app.outdir) / "apparatus.json"
    payload = {"witness": "W", "interventions": entries}
    out.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _describe(node: nodes.reading) -> str:
    parts = [node["kind"]]
    parts += [node[key] for key in ("cat", "cert") if node.get(key)]
    return " · ".join(parts)


def visit_reading(self: Any, node: nodes.reading) -> None:
    ident = self.attval(node["ids"][0])
    enc = self.encode
    kind = node["kind"]
    shown = enc(node.astext())
    pop = [
        f'<span class="app-pop" role="tooltip" id="{ident}-pop">',
        f'<span class="app-pop-head">{enc(_describe(node))}</span>',
    ]
    if kind == "emendation":
        pop.append(f'<span class="app-pop-wit">W reads <q>{enc(node.get("wit", ""))}</q></span>')
    elif kind == "supplied":
        pop.append('<span class="app-pop-wit">supplied by the editors: wanting in W</span>')
    else:
        pop.append('<span class="app-pop-wit">kept as W reads it</span>')
        if node.get("corr"):
            pop.append(f'<span class="app-pop-wit">perhaps <q>{enc(node["corr"])}</q></span>')
    if node.get("note"):
        pop.append(f'<span class="app-pop-note">{enc(node["note"])}</span>')
    where = []
    if node.get("page"):
        where.append(f"W{enc(str(node['page']))}")
    if node.get("line"):
        where.append(f"line {enc(str(node['line']))}")
    resp = f" — {enc(node['resp'])}" if node.get("resp") else ""
    if where or resp:
        pop.append(f'<span class="app-pop-where">{", ".join(where)}{resp}</span>')
    listing = self.builder.env.get_domain("edition").data.get("listing_docs", [])
    if listing:  # the page that holds the {apparatus-list}
        uri = self.builder.get_relative_uri(self.builder.current_docname, listing[0]) + f"#app-{ident}"
        pop.append(f'<a class="app-pop-link" href="{uri}">in the apparatus</a>')
    pop.append("</span>")
    if kind == "emendation":
        inner = f'<span class="rdg">{shown}</span><span class="wit">{enc(node.get("wit", ""))}</span>'
    elif kind == "supplied":
        inner = f'<span class="rdg">[{shown}]</span><span class="wit"></span>'
    else:
        inner = f'<span class="wit-kept">{shown}</span><span class="sic-mark" aria-hidden="true">sic</span>'
    self.body.append(
        f'<span class="app app-{kind} cert-{self.attval(node.get("cert", "certain"))}" id="{ident}" tabindex="0" '
        f'aria-describedby="{ident}-pop">{inner}{"".join(pop)}</span>'
    )
    raise dn.SkipNode


def visit_paragraph_number(self: Any, node: nodes.paragraph_number) -> None:
    n = node["n"]
    self.body.append(f'<a class="pnum" href="#{self.attval(node["ref"])}" title="Paragraph {n}: cite as ¶ {n}">{n}</a>')
    raise dn.SkipNode


def visit_apparatus_list(self: Any, node: nodes.apparatus_list) -> None:
    raise dn.SkipNode


def visit_work_reference(self: Any, node: dn.Element) -> None:
    self.body.append(self.encode(node.astext()))  # replaced before writing; kept for safety
    raise dn.SkipNode


FORM = """
<form class="proposal-form" id="proposal-form" autocomplete="on">
  <p><label>Where <input name="where" required placeholder="p12, n13, or line 42"></label>
     <span class="hint">the paragraph (¶ number, as p12) or author's note (as n13)</span></p>
  <p><label>The witness reads <input name="witness" required></label>
     <span class="hint">exactly as the diplomatic view shows it; it must occur once there</span></p>
  <p><label>Read instead <input name="reading"></label></p>
  <p><label>Kind <select name="kind"><option value="emendation">emendation (correct the text)</option>
     <option value="sic">sic (keep, but flag as doubtful)</option></select></label>
     <label>Category <select name="category">CATEGORIES</select></label>
     <label>Certainty <select name="certainty"><option>certain</option><option selected>probable</option><option>possible</option></select></label></p>
  <p><label>Reason <textarea name="rationale" required rows="3"></textarea></label></p>
  <p><label>Your name <input name="proposer" required></label></p>
  <p><button type="submit">Make the proposal</button></p>
</form>
<div class="proposal-output" hidden>
  <p>Save this as a file and give it to the editors, or run the command below in the edition's folder.
     Another editor reviews it (<code>edition accept</code> or <code>edition reject</code>).</p>
  <pre class="proposal-yaml"></pre>
  <p><a class="proposal-download" download="proposal.yaml" href="#">Download proposal.yaml</a></p>
  <pre class="proposal-command"></pre>
</div>
"""
CATEGORIES = ("spelling", "name", "wrong-word", "punctuation", "abbreviation", "url", "diacritic", "doubtful")


def visit_proposal_form(self: Any, node: dn.Element) -> None:
    options = "".join(f"<option>{c}</option>" for c in CATEGORIES)
    self.body.append(FORM.replace("CATEGORIES", options))
    raise dn.SkipNode


def visit_editorial_note(self: Any, node: nodes.editorial_note) -> None:
    ident = self.attval(node["ids"][0])
    letter = self.encode(node.get("letter", "*"))
    resp = f'<span class="app-pop-where">— {self.encode(node["resp"])}</span>' if node.get("resp") else ""
    self.body.append(
        f'<span class="app app-note" id="{ident}" tabindex="0" aria-describedby="{ident}-pop">'
        f'<sup class="ednote-mark" aria-label="editors\' note {letter}">{letter}</sup>'
        f'<span class="app-pop" role="tooltip" id="{ident}-pop"><span class="app-pop-head">editors\' note {letter}</span>'
        f'<span class="app-pop-note">{self.encode(node.astext())}</span>{resp}</span></span>'
    )
    raise dn.SkipNode


def visit_line_break(self: Any, node: nodes.line_break) -> None:
    first = " data-first" if node["first"] else ""
    hyphen = f' data-hyphen="{node["hyphen"]}"' if node["hyphen"] else ""
    self.body.append(f'<span class="lb" data-n="{int(node["n"])}"{hyphen}{first}></span>')
    raise dn.SkipNode
