"""Read a witness text layer into numbered lines that re-render it byte for byte.

The witness is evidence: this module validates and splits it, and never alters a byte.
Each line keeps its indent, its content and its trailing white space separately, because
the layout stages read meaning into all three (a leading single space starts a page,
a missing trailing space marks a word split at the line end).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .diagnostics import InputError

_BLANKS = " \t\u00a0"  # what a line's indent and trailing blanks are made of


@dataclass(frozen=True)
class Line:
    """One line of the witness, numbered from 1, split into indent, content and trailing."""

    number: int
    indent: str
    content: str
    trailing: str

    @property
    def raw(self) -> str:
        return self.indent + self.content + self.trailing

    @property
    def is_blank(self) -> bool:
        return not self.content


@dataclass(frozen=True)
class Witness:
    path: str
    lines: tuple[Line, ...]
    final_newline: bool
    bom: bool = False  # a UTF-8 byte-order mark before the text: kept for the render, never text

    def render(self) -> str:
        """The witness text exactly as read."""
        text = ("\ufeff" if self.bom else "") + "\n".join(line.raw for line in self.lines)
        return text + "\n" if self.final_newline else text

    def line(self, number: int) -> Line:
        return self.lines[number - 1]


def split_line(number: int, raw: str) -> Line:
    rest = raw.lstrip(_BLANKS)
    indent = raw[: len(raw) - len(rest)]
    content = rest.rstrip(_BLANKS)
    trailing = rest[len(content) :]
    return Line(number, indent, content, trailing)


def parse_witness_text(text: str, path: str = "<witness>") -> Witness:
    """Split already-decoded text; reject what is not a witness in this format."""
    bom = text.startswith("\ufeff")
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise InputError(path, None, "the witness is empty")
    if "\r" in text:
        line = text[: text.index("\r")].count("\n") + 1
        raise InputError(path, line, "CR line ends found; the witness format uses LF only")
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise InputError(path, line, "NUL byte found: this is not a text witness")
    raw_lines = text.split("\n")
    final_newline = raw_lines[-1] == ""
    if final_newline:
        raw_lines.pop()
    lines = tuple(split_line(i, raw) for i, raw in enumerate(raw_lines, 1))
    for entry in lines:
        bad = next((c for c in entry.raw if ord(c) < 32 and c != "\t"), None)
        if bad is not None:
            raise InputError(path, entry.number, f"control character U+{ord(bad):04X} in the text")
    return Witness(path, lines, final_newline, bom)


def read_witness(path: Path) -> Witness:
    """Read and validate a witness file (UTF-8, LF line ends, text)."""
    if path.is_dir():
        raise InputError(str(path), None, "is a folder, not a witness file")
    if not path.exists():
        raise InputError(str(path), None, "no such witness file")
    data = path.read_bytes()
    if not data.strip():
        raise InputError(str(path), None, "the witness is empty")
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise InputError(str(path), line, "NUL byte found: this is a binary file, not a text witness")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(str(path), line, f"not UTF-8 (byte 0x{data[exc.start]:02x})") from None
    return parse_witness_text(text, str(path))
