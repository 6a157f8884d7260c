"""Roles editors write by hand.

``{pb}`5``` a page of the witness begins; ``{lacuna}`reason``` text wanting; ``{fragment}`text```
an orphan line; ``{emend}`READING [wit: W READING; cat: spelling; cert: certain; resp: ET; id: e1; note: ...]```
an emendation; ``{sic}`W READING [corr: SUGGESTION; cert: possible; note: ...]``` a doubtful
reading kept. In the bracket, fields are ``key: value`` separated by ``;``, the note last.
"""

from __future__ import annotations

import re

from docutils import nodes as dn
from sphinx.util.docutils import SphinxRole

from . import nodes

FIELDS = ("wit", "corr", "reason", "cat", "cert", "resp", "line", "page", "id", "note")
CERTAINTIES = ("certain", "probable", "possible")
_SHAPE = re.compile(r"^(?P<shown>.*?)\s*\[(?P<fields>(?:" + "|".join(FIELDS) + r"):.*)\]\s*$", re.DOTALL)
_SPLIT = re.compile(r";\s*(?=(?:" + "|".join(FIELDS) + r"):)")


def parse_reading(text: str) -> tuple[str, dict[str, str]]:
    """Split ``READING [key: value; ...]`` into the reading and its fields (ValueError if malformed)."""
    match = _SHAPE.match(text)
    if not match:
        raise ValueError("expected 'READING [key: value; ...]'")
    fields: dict[str, str] = {}
    body = match.group("fields")
    # the note comes last and may say anything, even "; id: x"
    head, sep, note = body.partition("note:") if body.startswith("note:") else body.partition("; note:")
    if sep:
        fields["note"] = note.strip()
        body = head
    for part in _SPLIT.split(body) if body.strip() else []:
        key, _, value = part.partition(":")
        key = key.strip()
        if key in fields:
            raise ValueError(f"field {key!r} given twice")
        fields[key] = value.strip()
    return match.group("shown"), fields


class PageBreakRole(SphinxRole):
    """``{pb}`5``` or ``{pb}`5 [line: 101]```: page 5 of the witness begins (at its line 101)."""

    def run(self) -> tuple[list[dn.Node], list[dn.system_message]]:
        match = re.fullmatch(r"\s*(\S+)\s*(?:\[line:\s*(\d+)\])?\s*", self.text)
        n = match.group(1) if match else self.text
        line = int(match.group(2)) if match and match.group(2) else None
        if not n.isdigit():
            msg = self.inliner.reporter.warning(
                f"pb: the page number must be a whole number, not {n!r}", line=self.lineno
            )
            return [], [msg]
        node = nodes.page_break(n=int(n), ids=[f"W{n}"], line=line)
        node.source, node.line = self.get_source_info()
        return [node], []


class TextNodeRole(SphinxRole):
    """A role whose text becomes one node with a stable id: ``{lacuna}`` (the reason a text is
    wanting) and ``{fragment}`` (an orphan line of the witness)."""

    def __init__(self, node_class: type[dn.TextElement], kind: str) -> None:
        super().__init__()
        self.node_class = node_class
        self.kind = kind

    def run(self) -> tuple[list[dn.Node], list[dn.system_message]]:
        ident = self.env.get_domain("edition").next_id(self.env.docname, self.kind)  # type: ignore[attr-defined]
        node = self.node_class(self.rawtext, self.text, ids=[ident])
        node.source, node.line = self.get_source_info()
        return [node], []


class ReadingRole(SphinxRole):
    """``{emend}``, ``{sic}`` and ``{supplied}``: one node, three kinds (for supplied text the
    field ``reason`` is its note, and there is no witness reading)."""

    def __init__(self, kind: str) -> None:
        super().__init__()
        self.kind = kind

    def run(self) -> tuple[list[dn.Node], list[dn.system_message]]:
        try:
            shown, fields = parse_reading(self.text)
        except ValueError as error:
            msg = self.inliner.reporter.warning(f"{self.name}: {error}: {self.text[:60]!r}", line=self.lineno)
            return [dn.Text(self.text)], [msg]
        if self.kind == "supplied":
            fields.setdefault("note", fields.pop("reason", ""))
            fields["wit"] = ""
        problems = [key for key in fields if key not in FIELDS]
        if self.kind == "emendation" and "wit" not in fields:
            problems.append("wit (the witness reading) is required")
        if fields.get("cert", "certain") not in CERTAINTIES:
            problems.append(f"cert must be one of {', '.join(CERTAINTIES)}")
        if problems:
            msg = self.inliner.reporter.warning(f"{self.name}: {'; '.join(problems)}", line=self.lineno)
            return [dn.Text(shown)], [msg]
        domain = self.env.get_domain("edition")
        ident = fields.get("id") or domain.next_id(self.env.docname, self.kind)  # type: ignore[attr-defined]
        node = nodes.reading(
            self.rawtext, shown, kind=self.kind, ids=[ident], **{k: v for k, v in fields.items() if k != "id"}
        )
        node.source, node.line = self.get_source_info()
        return [node], []


_WORK = re.compile(r"^(?P<text>.*\S)\s*<(?P<key>[^<>,\s]+)(?:,\s*(?P<page>[^<>]+))?>$", re.DOTALL)


class WorkRole(SphinxRole):
    """``{work}`the author's words <key, p. 13>```: link the words to the work's entry."""

    def run(self) -> tuple[list[dn.Node], list[dn.system_message]]:
        match = _WORK.match(self.text)
        if not match:
            msg = self.inliner.reporter.warning(
                f"work: expected 'TEXT <key>' or 'TEXT <key, p. N>', not {self.text[:60]!r}", line=self.lineno
            )
            return [dn.Text(self.text)], [msg]
        domain = self.env.get_domain("edition")
        ident = domain.next_id(self.env.docname, "cite")  # type: ignore[attr-defined]
        node = nodes.work_reference(
            self.rawtext, match.group("text"), key=match.group("key"), page=match.group("page") or "", ids=[ident]
        )
        node.source, node.line = self.get_source_info()
        return [node], []


class EditorialNoteRole(SphinxRole):
    """``{ednote}`NOTE [resp: ET; id: n1]```: an editors' note at this place."""

    def run(self) -> tuple[list[dn.Node], list[dn.system_message]]:
        try:
            shown, fields = parse_reading(self.text)
        except ValueError:
            shown, fields = self.text, {}
        ident = fields.get("id") or self.env.get_domain("edition").next_id(self.env.docname, "ednote")  # type: ignore[attr-defined]
        node = nodes.editorial_note(self.rawtext, shown, ids=[ident], resp=fields.get("resp", ""))
        node.source, node.line = self.get_source_info()
        return [node], []


class LineBreakRole(SphinxRole):
    """``{lb}`42```, ``{lb}`42-``` (W's line before ends in a hyphen the reading drops), ``{lb}`42 first```."""

    def run(self) -> tuple[list[dn.Node], list[dn.system_message]]:
        match = re.fullmatch(r"\s*(\d+)(-?)\s*(first)?\s*", self.text)
        if not match:
            msg = self.inliner.reporter.warning(f"lb: expected a line number, not {self.text!r}", line=self.lineno)
            return [], [msg]
        node = nodes.line_break(n=int(match.group(1)), hyphen=match.group(2), first=bool(match.group(3)))
        return [node], []
