"""Write the document model as MyST for Sphinx: the edition's reading text.

Markup used here is defined by the project's Sphinx extension: ``{pb}`` (original page
break), ``{lacuna}`` (text wanting in the witness), ``{fragment}`` (an orphan line of the
witness). Author's notes keep their printed numbers as MyST footnotes ``[^n]``. All witness
text is escaped, so no input can inject markup.
"""

from __future__ import annotations

import re
from typing import Any

from .citations import Reference
from .model import Document, Paragraph
from .register import Anchor

_ESCAPE = re.compile(r"([\\`*_\[\]<>{}|$~#&!])")
_URL = re.compile(r"https?://[^\s<>“”\"]+")
_MARKER = re.compile(r"\[\^(\d+)\]")
_BULLETS = frozenset("•◦▪‣●○■□–—*-")  # list markers that are bullets: the MyST list draws its own


def escape(text: str) -> str:
    """Escape Markdown punctuation; autolink URLs with a scheme."""
    out: list[str] = []
    pos = 0
    for match in _URL.finditer(text):
        url = match.group(0)
        trail = ""
        while url and url[-1] in ".,;:)’":
            trail = url[-1] + trail
            url = url[:-1]
        out.append(_ESCAPE.sub(r"\\\1", text[pos : match.start()]))
        out.append(f"<{url}>" + _ESCAPE.sub(r"\\\1", trail))
        pos = match.end()
    out.append(_ESCAPE.sub(r"\\\1", text[pos:]))
    return "".join(out)


def role(name: str, content: str) -> str:
    """A MyST role whose literal content cannot close it early, whatever backticks it holds."""
    longest = max((len(run) for run in re.findall(r"`+", content)), default=0)
    ticks = "`" * (longest + 1)
    pad = " " if content.startswith("`") or content.endswith("`") else ""
    return f"{{{name}}}{ticks}{pad}{content}{pad}{ticks}"


def block_start_safe(body: str) -> str:
    """Escape what would open a list, a thematic break or a heading at the start of a block."""
    if re.match(r"^\d{1,9}[.)](\s|$)", body):
        digits = re.match(r"^\d+", body).group(0)  # type: ignore[union-attr]
        return digits + "\\" + body[len(digits) :]
    if body[:1] in "-+=":
        return "\\" + body
    return body


def render_text(text: str, inserts: list[tuple[int, int, str]], markers: frozenset[int] = frozenset()) -> str:
    """Escape ``text``, keeping the note markers ``[^n]`` for n in ``markers`` (any other
    ``[^n]`` is the witness's own text); replace spans [start, end) with markup."""
    inserts = sorted(inserts, key=lambda item: (item[0], item[1]))
    pieces: list[str] = []
    pos = 0
    for start, end, markup in [*inserts, (len(text), len(text), "")]:
        chunk = text[pos:start]
        parts = _MARKER.split(chunk)
        for i, part in enumerate(parts):
            if i % 2:
                pieces.append(f"[^{part}]" if int(part) in markers else escape(f"[^{part}]"))
            else:
                pieces.append(escape(part))
        pieces.append(markup)
        pos = max(pos, end)
    return block_start_safe("".join(pieces).strip())


_FORGED = re.compile(r"(;\s*|\[)(?=(?:wit|corr|reason|cat|cert|resp|line|page|id|note):)")


def field_value(value: str) -> str:
    """A value may not forge a field separator ("; id:" or "[wit:"): a no-break space goes
    inside it, invisible in print and white space to the collation."""
    return _FORGED.sub(lambda m: m.group(1).rstrip() + "\u00a0", value)


def apparatus_insert(anchor: Anchor) -> tuple[int, int, str]:
    """Where an entry's markup goes: over the witness reading, or (supplied text and editors'
    notes) right after it, the witness reading left as it stands."""
    if anchor.entry.kind in ("supplied", "note"):
        return (anchor.end, anchor.end, apparatus_role(anchor))
    return (anchor.start, anchor.end, apparatus_role(anchor))


def apparatus_role(anchor: Anchor) -> str:
    """An intervention as MyST: the text shown first, then its fields, the note last."""
    entry = anchor.entry
    common = [
        ("cert", entry.certainty),
        ("resp", entry.resp),
        ("line", str(entry.line)),
        ("page", str(anchor.page)),
        ("id", entry.id),
    ]
    if entry.kind == "note":
        return role("ednote", f"{entry.rationale} [resp: {field_value(entry.resp)}; id: {field_value(entry.id)}]")
    if entry.kind == "supplied":
        body = "; ".join(f"{k}: {v}" for k, v in [("cat", entry.category), *common, ("note", entry.rationale)] if v)
        return role("supplied", f"{entry.reading} [{body}]")
    fields = [
        (
            "wit" if entry.kind == "emendation" else "corr",
            field_value(entry.witness if entry.kind == "emendation" else entry.reading),
        ),
        ("cat", entry.category),
        ("cert", entry.certainty),
        ("resp", field_value(entry.resp)),
        ("line", str(entry.line)),
        ("page", str(anchor.page)),
        ("id", field_value(entry.id)),
        ("note", entry.rationale),
    ]
    body = "; ".join(f"{key}: {value}" for key, value in fields if value)
    shown = field_value(entry.reading if entry.kind == "emendation" else entry.witness)
    return role("emend" if entry.kind == "emendation" else "sic", f"{shown} [{body}]")


def _inserts(
    paragraph: Paragraph,
    fragments: dict[int, str],
    anchors: list[Anchor],
    fragment_notes: dict[int, list[Anchor]],
    joins: dict[int, str] | None = None,
) -> list[tuple[int, int, str]]:
    inserts: list[tuple[int, int, str]] = []
    if joins is not None:
        taken = [(a.start, a.end) for a in anchors]
        inserts += [
            lb for lb in line_inserts(paragraph.line_offsets, joins) if not any(a < lb[0] < b for a, b in taken)
        ]
    for pb in paragraph.page_breaks:
        markup = role("pb", f"{pb.n} [line: {pb.line}]")
        fragment = fragments.get(pb.line - 1)
        if fragment is not None:
            notes = "".join(apparatus_role(a) for a in fragment_notes.get(pb.line - 1, []))
            markup = role("fragment", fragment) + notes + " " + markup
        inserts.append((pb.offset, pb.offset, markup + ("" if pb.offset == 0 else " ")))
    inserts += [apparatus_insert(a) for a in anchors]
    return inserts


def _fix_spacing(text: str) -> str:
    return re.sub(r" {2,}", " ", text)


def line_inserts(line_offsets: list[list[int]], joins: dict[int, str]) -> list[tuple[int, int, str]]:
    """TEI lb: where each witness line begins (the diplomatic view shows W's lines), with "-"
    where the reading text drops the line-end hyphen of the line before."""
    inserts = []
    for i, (line, offset) in enumerate(line_offsets):
        if i == 0:
            content = f"{line} first"
        else:
            before = line_offsets[i - 1][0]
            content = f"{line}-" if joins.get(before) == "drop-hyphen" else str(line)
        inserts.append((offset, offset, role("lb", content)))
    return inserts


def split_at_lines(inserts: list[tuple[int, int, str]], starts: list[int], text: str) -> list[tuple[int, int, str]]:
    """Split spans that cross a line start into one span per line, so no line break is displaced."""
    out = []
    for start, end, markup in inserts:
        cuts = [c for c in starts if start < c < end]
        if not cuts or not markup.startswith("{work}"):
            out.append((start, end, markup))
            continue
        key = re.search(r"<([^<>]+)>`+\{cite:empty\}", markup)
        target = key.group(1) if key else ""
        bounds = [start, *cuts, end]
        for i, (a, b) in enumerate(zip(bounds, bounds[1:], strict=False)):
            piece = text[a:b]
            if not piece.strip():
                continue
            lead = len(piece) - len(piece.lstrip())
            trail = len(piece) - len(piece.rstrip())
            cite = role("cite:empty", target.split(",")[0]) if i == 0 else ""
            out.append((a + lead, b - trail, role("work", f"{piece.strip()} <{target}>") + cite))
    return out


def work_inserts(text: str, refs: list[Reference], taken: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """Link each reference passage to its work: the longest part of the passage that no
    apparatus mark or URL claims becomes the link; the wording is the author's."""
    blocked = sorted([*taken, *((m.start(), m.end()) for m in _URL.finditer(text))])
    inserts = []
    for ref in refs:
        if not ref.key:
            continue
        pieces = []
        pos = ref.start
        for a, b in blocked:
            if b <= pos or a >= ref.end:
                continue
            pieces.append((pos, a))
            pos = max(pos, b)
        pieces.append((pos, ref.end))
        best = max(pieces, key=lambda piece: len(text[piece[0] : piece[1]].strip(" ,;.")))
        a, b = best
        while a < b and text[a] in " ,;":
            a += 1
        while b > a and text[b - 1] in " ,;":
            b -= 1
        if b <= a:
            continue
        target = ref.key + (f", {'pp.' if '-' in ref.page else 'p.'} {ref.page}" if ref.page else "")
        inserts.append((a, b, role("work", f"{text[a:b]} <{target}>") + role("cite:empty", ref.key)))
    return inserts


def _toctree(pages: list[str]) -> list[str]:
    """A hidden toctree: in print its pages are set where it stands."""
    return ["```{toctree}", ":hidden:", "", *[str(page) for page in pages], "```", ""] if pages else []


def to_myst(
    document: Document,
    metadata: dict[str, Any],
    anchors: list[Anchor] | None = None,
    references: list[Reference] | None = None,
) -> str:
    fragments = {f.line: f.text for f in document.fragments}
    by_block: dict[tuple[str, int], list[Anchor]] = {}
    for anchor in anchors or []:
        by_block.setdefault(anchor.block, []).append(anchor)
    fragment_notes = {key[1]: found for key, found in by_block.items() if key[0] == "f"}
    joins = {b.line: b.join for b in document.breaks}
    lines: list[str] = [
        "<!-- Generated by `edition convert` from the witness and the editorial data: do not edit. -->",
        "",
        f"# {escape(metadata['title'])}",
        "",
        "```{edition-titleblock}",
        "```",
        "",
    ]
    lines += _toctree(metadata.get("front_pages") or [])
    abstract = [p for p in document.paragraphs if p.kind == "abstract"]
    if abstract:
        lines += ["(abstract)=", "::::{container} abstract", "", "```{rubric} Abstract", "```", ""]
        for paragraph in abstract:
            index = document.paragraphs.index(paragraph)
            lines += [
                _fix_spacing(
                    render_text(
                        paragraph.text,
                        _inserts(paragraph, fragments, by_block.get(("p", index), []), fragment_notes, joins),
                        frozenset(paragraph.notes),
                    )
                ),
                "",
            ]
        lines += ["::::", ""]
    anchors_of = document.paragraph_anchors()
    for index, paragraph in enumerate(document.paragraphs):
        if paragraph.kind == "abstract":
            continue
        here = by_block.get(("p", index), [])
        body = _fix_spacing(
            render_text(
                paragraph.text, _inserts(paragraph, fragments, here, fragment_notes, joins), frozenset(paragraph.notes)
            )
        )
        if paragraph.kind == "heading":
            pbs = " ".join(role("pb", f"{pb.n} [line: {pb.line}]") for pb in paragraph.page_breaks)
            if pbs:
                lines += [pbs, ""]
            heading = render_text(paragraph.text, [apparatus_insert(a) for a in here])
            lines += [f"## {heading}", ""]
        elif paragraph.kind == "item":
            # a MyST list: numbered items keep W's number, bullets become the list's bullet,
            # letters and roman numerals stay in the text; items of one list are tight
            marker = paragraph.marker or ""
            number = re.fullmatch(r"\(?(\d{1,9})([.)])", marker)
            bullet = f"{number.group(1)}{number.group(2)}" if number else "-"
            shown = "" if number or marker in _BULLETS else escape(marker) + " "
            if index > 0 and document.paragraphs[index - 1].kind == "item" and lines[-1] == "":
                lines.pop()
            pad = " " * (len(bullet) + 1)
            lead = re.match(r"(?:\{(?:lb|pb)\}`[^`]*`\s*)*", body).end()  # type: ignore[union-attr]
            body = body[:lead] + shown + body[lead:]  # W's line (and page) begins before the marker
            lines += [f"{bullet} ({anchors_of[index]})=", pad + body.replace("\n", "\n" + pad), ""]
        else:
            lines += [f"({anchors_of[index]})=", f"> {body}" if paragraph.kind == "blockquote" else body, ""]
    lines += _toctree(metadata.get("back_pages") or [])
    for note in document.notes:
        if note.status == "wanting":
            text = role("lacuna", f"The text of note {note.n} is wanting in W; its marker stands in the text.")
        else:
            spans = [apparatus_insert(a) for a in by_block.get(("n", note.n), [])]
            refs = [r for r in references or [] if r.note == note.n]
            taken = [(a, b) for a, b, _ in spans]
            starts = [offset for _, offset in note.line_offsets[1:]]
            spans += split_at_lines(work_inserts(note.text, refs, taken), starts, note.text)
            spans += [lb for lb in line_inserts(note.line_offsets, joins) if not any(a < lb[0] < b for a, b in taken)]
            text = render_text(note.text, spans)
            if note.status == "truncated":
                text += " " + role("lacuna", f"Note {note.n} breaks off here in W.")
        lines += [f"[^{note.n}]: {text}", ""]
    return "\n".join(lines).rstrip("\n") + "\n"
