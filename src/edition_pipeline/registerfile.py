"""The emendation register's file written in place (editorial/emendations.yaml): an entry is one
``- {…}`` flow mapping on lines of its own (its rationale, history and withdrawal each on a line
of its own), inserted after the last item of its list or changed where it stands; every other
byte of the file (comments, hand-written entries) is kept. The review transactions
(proposals.py) decide what changes; this module only writes it."""

from __future__ import annotations

import re
from typing import Any

import yaml

from .diagnostics import InputError

ORDER = ("id", "line", "witness", "reading", "kind", "category", "certainty", "rationale", "resp", "date", "proposal")


#: fields whose values are names from a closed list or ids: written plain (``kind: emendation``);
#: every other text (W's words, the reading, the rationale, who and when) in double quotation marks
TOKENS = frozenset({"id", "kind", "category", "certainty", "proposal"})


def _flow(value: Any) -> str:
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=10**6, default_flow_style=True).strip()


def _quoted(text: str) -> str:
    return yaml.safe_dump(text, allow_unicode=True, width=10**6, default_style='"').strip()


def _value(key: str, value: Any) -> str:
    """``value`` as flow YAML: a text in double quotation marks unless ``key`` names a closed
    list or an id; a mapping or list item by item (a list's items under the list's key)."""
    if isinstance(value, str) and key not in TOKENS:
        return _quoted(value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_value(k, v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_value(key, item) for item in value) + "]"
    return _flow([value])[1:-1]  # a scalar as a list's item: no document-end marker after it


def entry_text(item: dict[str, Any], indent: str = "  ") -> str:
    """A register entry (or withdrawn record) as the register writes them, and as its editors do:
    one flow mapping, W's words, the reading and every other text in double quotation marks, the
    names of the closed lists plain; its rationale, history and withdrawal each on a line of their own."""
    parts = []
    for key, value in item.items():
        text = f"{key}: {_value(key, value)}"
        parts.append(("\n" + indent + "   " if key in ("rationale", "history", "withdrawn") else "") + text)
    return indent + "- {" + ", ".join(parts).replace(", \n", ",\n") + "}\n"


def ordered(item: dict[str, Any]) -> dict[str, Any]:
    keys = [k for k in ORDER if k in item] + [k for k in item if k not in ORDER]
    return {k: item[k] for k in keys}


def sequence_of(root: yaml.Node, key: str) -> yaml.SequenceNode | None:
    if isinstance(root, yaml.MappingNode):
        for k, v in root.value:
            if getattr(k, "value", None) == key and isinstance(v, yaml.SequenceNode):
                return v
    return None


def item_lines(text: str, node: yaml.Node, path: str, what: str) -> tuple[int, int]:
    """The lines of text an item of a block list takes, written as one '- {...}' flow mapping:
    (offset of its line's start, offset after its last line's newline)."""
    start = text.rfind("\n", 0, node.start_mark.index) + 1
    end = text.find("\n", node.end_mark.index)
    end = len(text) if end == -1 else end + 1
    rest = text[node.end_mark.index : end].strip()
    if (
        text[start : node.start_mark.index].strip() != "-"
        or getattr(node, "flow_style", None) is not True
        or rest[:1] not in ("", "#")
    ):
        raise InputError(
            path,
            node.start_mark.line + 1,
            f"{what} is not written as one '- {{...}}' item on lines of its own, as the register writes them: "
            "accept cannot change it in place; write it so (nothing was written)",
        )
    return start, end


def insert_item(text: str, key: str, item: str, header: str = "") -> str:
    """``text`` with ``item`` (lines of a '- {...}' item) after the last item of the list ``key``,
    or, with no such list yet, the list added at the end of the file."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    sequence = sequence_of(root, key) if root is not None else None
    if sequence is None or not sequence.value or sequence.flow_style:
        if sequence is not None and sequence.value:
            raise InputError("register", sequence.start_mark.line + 1, f"'{key}:' is not a list of '- ' lines")
        if key == "entries" and re.search(r"^entries:\s*$", text, re.M) and sequence is None:
            return text.rstrip("\n") + "\n" + item  # 'entries:' alone at the end, as a new register starts
        return text.rstrip("\n") + "\n" + header + f"{key}:\n" + item
    last = sequence.value[-1]
    if last.end_mark.column == 0:  # a block mapping (written by hand) ends where the next line begins
        at = last.end_mark.index
    else:
        end = text.find("\n", last.end_mark.index)
        at = len(text) if end == -1 else end + 1
    if at == len(text) and not text.endswith("\n"):
        text, at = text + "\n", at + 1
    return text[:at] + item + text[at:]
