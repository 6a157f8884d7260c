"""Write the document model as MyST for Sphinx: the edition's reading text.

A renderer of the placement stream (``placement.stream``): it decides nothing about where
things stand, and writes each block's events left to right. Markup used here is defined by the
project's Sphinx extension: ``{lb}`` and ``{pb}`` (W's line and page starts), ``{fragment}``
(an orphan line of the witness), ``{lacuna}`` (text wanting in the witness), ``{emend}``,
``{sic}``, ``{supplied}``, ``{ednote}``, ``{work}``. Author's notes keep their printed numbers as
MyST footnotes ``[^n]``. A URL is one link, ``[text](<url>)``, whose text keeps W's line starts
and whose target is the whole URL. All witness text is escaped, so no input can inject markup.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from apparatus import vocabulary  # the role fields, shared with the extension (no Sphinx import)

from .citations import Reference
from .model import Document
from .placement import (
    Block,
    Cited,
    EditorsNote,
    Event,
    Fragment,
    Intervention,
    Lacuna,
    LineStart,
    LinkClose,
    LinkOpen,
    NoteMarker,
    PageBreak,
    Supplied,
    Text,
    WorkClose,
    WorkOpen,
    stream,
)
from .register import Anchor

_ESCAPE = re.compile(r"([\\`*_\[\]<>{}|$~#&!])")
_MARKER = re.compile(r"\[\^(\d+)\]")
_BULLETS = frozenset("•◦▪‣●○■□–—*-")  # list markers that are bullets: the MyST list draws its own


def escape(text: str) -> str:
    """Escape Markdown punctuation; autolink URLs with a scheme."""
    out: list[str] = []
    pos = 0
    for start, end in vocabulary.links(text):
        out.append(_ESCAPE.sub(r"\\\1", text[pos:start]))
        out.append(f"<{text[start:end]}>")
        pos = end
    out.append(_ESCAPE.sub(r"\\\1", text[pos:]))
    return "".join(out)


def _escape_plain(text: str) -> str:
    """Escape Markdown punctuation (the URLs are linked by the placement stream)."""
    return _ESCAPE.sub(r"\\\1", text)


def role(name: str, content: str) -> str:
    """A MyST role whose literal content cannot close it early, whatever backticks it holds."""
    longest = max((len(run) for run in re.findall(r"`+", content)), default=0)
    ticks = "`" * (longest + 1)
    pad = " " if content.startswith("`") or content.endswith("`") else ""
    return f"{{{name}}}{ticks}{pad}{content}{pad}{ticks}"


def block_start_safe(body: str) -> str:
    """Escape what would open a list, a thematic break or a heading at the start of a block."""
    if number := re.match(r"^(\d{1,9})[.)](\s|$)", body):
        digits = number.group(1)
        return digits + "\\" + body[len(digits) :]
    if body[:1] in "-+=":
        return "\\" + body
    return body


def render_text(text: str, inserts: list[tuple[int, int, str]], markers: frozenset[int] = frozenset()) -> str:
    """Escape ``text``, keeping the note markers ``[^n]`` for n in ``markers`` (any other
    ``[^n]`` is the witness's own text); replace spans [start, end) with markup. A text without
    the edition's placements (the plain project of ``bench/``); the edition is ``to_myst``."""
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


_FORGED = re.compile(r"(;\s*|\[)(?=(?:" + "|".join(vocabulary.FIELDS) + r"):)")


def field_value(value: str) -> str:
    """A value may not forge a field separator ("; id:" or "[wit:"): a no-break space goes
    inside it, invisible in print and white space to the collation."""
    return _FORGED.sub(lambda m: m.group(1).rstrip() + "\u00a0", value)


def apparatus_role(anchor: Anchor, lines: tuple[tuple[int, LineStart], ...] = ()) -> str:
    """An intervention as MyST: the text shown first, then its fields, the note last; ``lines``,
    W's line starts inside the words it stands over, become its ``lb`` field."""
    entry = anchor.entry
    common = [
        ("cert", entry.certainty),
        ("resp", entry.resp),
        ("date", entry.date),
        ("line", str(entry.line)),
        ("page", str(anchor.page)),
        ("id", entry.id),
    ]
    if entry.kind == "note":
        fields = [("resp", entry.resp), ("date", entry.date), ("id", entry.id)]
        return role(
            "ednote", f"{entry.rationale} [" + "; ".join(f"{k}: {field_value(v)}" for k, v in fields if v) + "]"
        )
    if entry.kind == "supplied":
        body = "; ".join(f"{k}: {v}" for k, v in [("cat", entry.category), *common, ("note", entry.rationale)] if v)
        return role("supplied", f"{entry.reading} [{body}]")
    if entry.kind not in ("emendation", "sic"):  # a kind the register learns must be taught here too
        raise ValueError(
            f"emit.apparatus_role has no MyST role for the register's kind {entry.kind!r} "
            f"(entry {entry.id}): it writes note, supplied, emendation and sic"
        )
    fields = [
        (
            "wit" if entry.kind == "emendation" else "corr",
            field_value(entry.witness if entry.kind == "emendation" else entry.reading),
        ),
        ("cat", entry.category),
        ("cert", entry.certainty),
        ("resp", field_value(entry.resp)),
        ("date", entry.date),
        ("line", str(entry.line)),
        ("page", str(anchor.page)),
        ("lb", vocabulary.line_starts_field([(at, lb.line, "-" if lb.hyphen else "") for at, lb in lines])),
        ("id", field_value(entry.id)),
        ("note", entry.rationale),
    ]
    body = "; ".join(f"{key}: {value}" for key, value in fields if value)
    shown = field_value(entry.reading if entry.kind == "emendation" else entry.witness)
    return role("emend" if entry.kind == "emendation" else "sic", f"{shown} [{body}]")


class _Renderer:
    """MyST of one block's events, written left to right in one pass (no markup is read back)."""

    def __init__(self) -> None:
        self.out: list[str] = []
        self.work: WorkOpen | None = None
        self.work_text: list[str] = []
        self.cited: set[str] = set()  # works whose {cite:empty} this block has
        self.started = False  # words have been written
        self.after_fragment = False  # an orphan line (and its editors' notes) was just written

    def render(self, events: list[Event]) -> str:
        for i, event in enumerate(events):
            if isinstance(event, LineStart) and i and isinstance(events[i - 1], PageBreak):
                continue  # written before the page break that precedes it
            if isinstance(event, PageBreak) and i + 1 < len(events) and isinstance(events[i + 1], LineStart):
                # the page's first line: its line start first, so that the diplomatic view (which
                # breaks the line at {lb}) shows the page's marker at the head of the new line
                self.event(events[i + 1])
            self.event(event)
        return "".join(self.out)

    def _flush_work(self) -> None:
        """A {work} role holds plain text: it closes at each line start and opens again after it
        (the extension joins the pieces into one link)."""
        if self.work is None:
            return
        piece = "".join(self.work_text)
        self.work_text = []
        body = piece.strip()
        if not body:
            self.out.append(piece)
            return
        lead, trail = piece[: len(piece) - len(piece.lstrip())], piece[len(piece.rstrip()) :]
        self.out.append(lead + role("work", f"{body} <{self.work.target}>") + trail)

    def event(self, event: Event) -> None:  # noqa: C901 - one branch per event type
        out = self.out
        if self.after_fragment and not isinstance(event, (Supplied, EditorsNote)):
            out.append(" ")  # the orphan line stands apart from the words that follow it
            self.after_fragment = False
        if isinstance(event, Text):
            self.started = True
            if self.work is not None:
                self.work_text.append(event.text)
            else:
                out.append(_escape_plain(event.text))
        elif isinstance(event, LineStart):
            self._flush_work()
            shown = f"{event.line} first" if event.first else f"{event.line}-" if event.hyphen else str(event.line)
            out.append(role("lb", shown))
        elif isinstance(event, PageBreak):
            self._flush_work()
            # inside the text, the page's marker stands between spaces
            out.append(role("pb", f"{event.n} [line: {event.line}]") + (" " if self.started else ""))
        elif isinstance(event, Fragment):
            ident = vocabulary.fragment_anchor(event.line)
            out.append(role("fragment", f"{event.text} [line: {event.line}; page: {event.page}; id: {ident}]"))
            self.after_fragment = True
        elif isinstance(event, NoteMarker):
            out.append(f"[^{event.n}]")
        elif isinstance(event, Intervention):
            out.append(apparatus_role(event.anchor, event.lines))
        elif isinstance(event, (Supplied, EditorsNote)):
            out.append(apparatus_role(event.anchor))
        elif isinstance(event, LinkOpen):
            out.append("[")  # the link's text: W's words and line starts, escaped as any text
        elif isinstance(event, LinkClose):
            out.append(f"](<{_escape_plain(event.url)}>)")  # its target: the whole URL the text shows
        elif isinstance(event, WorkOpen):
            self.work, self.work_text = event, []
        elif isinstance(event, WorkClose):
            self._flush_work()
            self.work = None
        elif isinstance(event, Cited):
            # sphinxcontrib-bibtex's citation, where the passage ends (TEI's ptr): after the work's
            # last piece, so that nothing but W's line starts stands between its pieces
            if event.key not in self.cited:
                self._flush_work()
                self.cited.add(event.key)
                out.append(role("cite:empty", event.key))
        elif isinstance(event, Lacuna):
            reason = _LACUNA[event.kind].format(n=event.note)
            out.append(role("lacuna", f"{reason} [id: {vocabulary.gap_anchor(event.note)}]"))


_LACUNA = {
    "wanting": "The text of note {n} is wanting in the witness; its marker stands in the text.",
    "truncated": "Note {n} breaks off here in the witness.",
}


def render_events(events: list[Event]) -> str:
    """One block's events as MyST (a line, without the block's own markup)."""
    return _Renderer().render(events)


def _lead(events: list[Event]) -> int:
    """How many events open the block before its first words: line starts, a page break, an
    orphan line heading the page (a list item's marker goes after them, where W has it)."""
    i = 0
    while i < len(events) and isinstance(events[i], (LineStart, PageBreak, Fragment, EditorsNote)):
        i += 1
    return i


def _toctree(pages: list[str]) -> list[str]:
    """A hidden toctree: in print its pages are set where it stands."""
    return ["```{toctree}", ":hidden:", "", *[str(page) for page in pages], "```", ""] if pages else []


def _body(block: Block) -> str:
    return block_start_safe(render_events(block.events).strip())


def to_myst(
    document: Document,
    metadata: dict[str, Any],
    anchors: list[Anchor] | None = None,
    references: list[Reference] | None = None,
) -> str:
    blocks = stream(document, anchors, references)
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
    abstract = [b for b in blocks if b.kind == "abstract"]
    if abstract:
        lines += ["(abstract)=", "::::{container} abstract", "", "```{rubric} Abstract", "```", ""]
        for block in abstract:
            lines += [_body(block), ""]
        lines += ["::::", ""]
    previous = ""
    for block in blocks:
        if block.kind in ("abstract", "note"):
            continue
        if block.kind == "heading":
            # a page that begins with a heading: its marker (and an orphan line heading the page)
            # stands before it, in a paragraph of its own
            lead = block.events[: _lead(block.events)]
            head = max((i + 1 for i, e in enumerate(lead) if isinstance(e, (Fragment, EditorsNote))), default=0)
            before = [*lead[:head], *(e for e in lead[head:] if isinstance(e, PageBreak))]
            if before:
                lines += [render_events(before).strip(), ""]
            rest = [*(e for e in lead[head:] if not isinstance(e, PageBreak)), *block.events[len(lead) :]]
            if head and rest and isinstance(rest[0], LineStart):  # the heading's line is its first again
                rest[0] = replace(rest[0], join="first")
            lines += [f"## {render_events(rest).strip()}", ""]
        elif block.kind == "item":
            # a MyST list: numbered items keep W's number, bullets become the list's bullet,
            # letters and roman numerals stay in the text; items of one list are tight
            marker = block.marker or ""
            number = re.fullmatch(r"\(?(\d{1,9})([.)])", marker)
            bullet = f"{number.group(1)}{number.group(2)}" if number else "-"
            shown = [] if number or marker in _BULLETS else [Text(marker + " ")]
            if previous == "item" and lines[-1] == "":
                lines.pop()
            pad = " " * (len(bullet) + 1)
            at = _lead(block.events)  # W's line (and page) begins before the marker
            body = block_start_safe(render_events([*block.events[:at], *shown, *block.events[at:]]).strip())
            lines += [f"{bullet} ({block.ident})=", pad + body, ""]
        else:
            lines += [f"({block.ident})=", f"> {_body(block)}" if block.kind == "blockquote" else _body(block), ""]
        previous = block.kind
    lines += _toctree(metadata.get("back_pages") or [])
    for block in blocks:
        if block.kind == "note":
            lines += [f"[^{block.index}]: {render_events(block.events).strip()}", ""]
    return "\n".join(lines).rstrip("\n") + "\n"
