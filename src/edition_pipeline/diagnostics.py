"""Errors that name the file and line, so that an editor can find what to fix."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass


@dataclass
class InputError(Exception):
    """Bad input: a witness, a data file or a proposal that cannot be used as it is."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


_SHOWN = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


def shown(text: str, lines: bool = False) -> str:
    """``text`` safe for a terminal: control, format and other invisible characters as visible
    escapes (``\\x1b``, ``\\u202e``), tab and newline as ``\\t`` and ``\\n`` (newlines kept with
    ``lines``); the rest as it is."""
    out = []
    for char in text:
        if unicodedata.category(char) in _SHOWN and not (lines and char == "\n"):
            code = ord(char)
            out.append(
                {"\t": "\\t", "\n": "\\n", "\r": "\\r"}.get(char)
                or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
            )
        else:
            out.append(char)
    return "".join(out)
