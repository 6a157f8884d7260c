"""Editorial data: the decisions the machine cannot know, each anchored to the witness.

An override names a witness line and the exact witness reading there; when the witness no
longer reads so, loading fails with the data file and entry named, never skipping silently.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .diagnostics import InputError
from .hyphenation import BreakDecision, first_token, last_token
from .witness import Line, Witness

JOINS = {"space", "drop-hyphen", "keep-hyphen", "lost-hyphen", "no-space"}
KINDS = {"abstract", "heading", "paragraph", "blockquote"}


@dataclass
class BreakOverride:
    line: int
    witness: str
    join: str
    reason: str
    source_line: int


@dataclass
class StructureOverride:
    line: int
    witness: str
    reason: str
    source_line: int
    kind: str | None = None
    boundary: str | None = None  # 'break' or 'join': is there a paragraph break before this line


@dataclass
class Overrides:
    path: str
    breaks: dict[int, BreakOverride] = field(default_factory=dict)
    structure: dict[int, StructureOverride] = field(default_factory=dict)

    def check_anchors(self, witness: Witness) -> None:
        count = len(witness.lines)
        anchored: list[BreakOverride | StructureOverride] = [*self.breaks.values(), *self.structure.values()]
        for item in anchored:
            if not 1 <= item.line <= count:
                raise InputError(self.path, item.source_line, f"witness line {item.line} does not exist")
        for item in self.breaks.values():
            if item.line + 1 > count:
                raise InputError(self.path, item.source_line, f"line {item.line} is the last line: no break")
            left = witness.line(item.line)
            nxt = item.line + 1
            while nxt <= count and (witness.line(nxt).is_blank or nxt == item.line):
                nxt += 1
            anchor = f"{last_token(left.content)}|"
            if not item.witness.startswith(anchor):
                raise InputError(
                    self.path,
                    item.source_line,
                    f"stale override: witness line {item.line} ends {last_token(left.content)!r}, "
                    f"not {item.witness.split('|')[0]!r}",
                )
        for item in self.structure.values():
            content = witness.line(item.line).content
            if not content.startswith(item.witness):
                raise InputError(
                    self.path,
                    item.source_line,
                    f"stale override: witness line {item.line} begins {content[:30]!r}, not {item.witness!r}",
                )

    def apply_break(self, left: Line, right: Line, found: BreakDecision | None) -> BreakDecision | None:
        override = self.breaks.get(left.number)
        if override is None:
            return found
        witness = f"{last_token(left.content)}|{first_token(right.content)}"
        if witness != override.witness:
            raise InputError(
                self.path, override.source_line, f"stale override: the break at line {left.number} reads {witness!r}"
            )
        l_tok, r_tok = witness.split("|")
        word = {
            "space": f"{l_tok} {r_tok}",
            "drop-hyphen": l_tok[:-1] + r_tok,
        }.get(override.join, l_tok + r_tok)
        return BreakDecision(left.number, override.join, word, witness, f"override: {override.reason}", 1.0)  # type: ignore[arg-type]

    def kind_for(self, line: int) -> str | None:
        item = self.structure.get(line)
        return item.kind if item else None

    def reason_for(self, line: int) -> str:
        item = self.structure.get(line)
        return f"override: {item.reason}" if item else ""

    def boundary_for(self, line: int, automatic: bool) -> bool:
        item = self.structure.get(line)
        if item is None or item.boundary is None:
            return automatic
        return item.boundary == "break"


class _LineLoader(yaml.SafeLoader):
    """A YAML loader that remembers the line of each mapping, for error messages."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = {str(key): value for key, value in loader.construct_mapping(node, deep=True).items()}
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml(path: Path, text: str | None = None) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8") if text is None else text, Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(str(path), mark.line + 1 if mark else None, f"not valid YAML: {exc}") from None
    except UnicodeDecodeError:
        raise InputError(str(path), None, "not UTF-8") from None


def _require(entry: dict[str, Any], key: str, path: str, kinds: type | tuple[type, ...]) -> Any:
    if key not in entry:
        raise InputError(path, entry["__line__"], f"missing field '{key}'")
    value = entry[key]
    if not isinstance(value, kinds) or isinstance(value, bool):
        raise InputError(path, entry["__line__"], f"field '{key}' has the wrong type")
    return value


def load_overrides(path: Path) -> Overrides:
    data = load_yaml(path) or {}
    if not isinstance(data, dict):
        raise InputError(str(path), 1, "expected a mapping with 'breaks' and 'structure'")
    overrides = Overrides(str(path))
    for entry in data.get("breaks") or []:
        line = _require(entry, "line", str(path), int)
        join = _require(entry, "join", str(path), str)
        if join not in JOINS:
            raise InputError(str(path), entry["__line__"], f"unknown join {join!r}; one of {sorted(JOINS)}")
        if line in overrides.breaks:
            raise InputError(str(path), entry["__line__"], f"a second override for line {line}")
        overrides.breaks[line] = BreakOverride(
            line,
            _require(entry, "witness", str(path), str),
            join,
            _require(entry, "reason", str(path), str),
            entry["__line__"],
        )
    for entry in data.get("structure") or []:
        line = _require(entry, "line", str(path), int)
        kind = entry.get("kind")
        boundary = entry.get("boundary")
        if kind is not None and kind not in KINDS:
            raise InputError(str(path), entry["__line__"], f"unknown kind {kind!r}; one of {sorted(KINDS)}")
        if boundary is not None and boundary not in ("break", "join"):
            raise InputError(str(path), entry["__line__"], "boundary must be 'break' or 'join'")
        overrides.structure[line] = StructureOverride(
            line,
            _require(entry, "witness", str(path), str),
            _require(entry, "reason", str(path), str),
            entry["__line__"],
            kind,
            boundary,
        )
    return overrides


def load_metadata(path: Path) -> dict[str, Any]:
    """editorial/edition.yaml: the edition's metadata (title, siglum, resp, witness_sha256, ...)."""
    data = load_yaml(path) or {}
    if not isinstance(data, dict) or "title" not in data:
        raise InputError(str(path), 1, "edition metadata needs at least a 'title'")
    data.pop("__line__", None)
    return data


def load_citations(path: Path) -> dict[int, list[dict[str, str]]]:
    """editorial/citations.yaml: for a note listed there, its references are exactly these."""
    if not path.exists():
        return {}
    data = load_yaml(path) or {}
    out: dict[int, list[dict[str, str]]] = {}
    for item in data.get("notes") or []:
        if not isinstance(item, dict) or "note" not in item or "references" not in item:
            raise InputError(
                str(path),
                item.get("__line__") if isinstance(item, dict) else None,
                "each entry needs 'note' and 'references'",
            )
        out[int(item["note"])] = [{k: str(v) for k, v in ref.items() if k != "__line__"} for ref in item["references"]]
    return out


def load_variants(path: Path) -> list[set[str]]:
    """editorial/variants.yaml: spellings of the witness the edition keeps as they stand."""
    if not path.exists():
        return []
    data = load_yaml(path) or {}
    groups = data.get("accepted") if isinstance(data, dict) else None
    if not isinstance(groups, list):
        raise InputError(str(path), 1, "expected 'accepted': a list of {forms: [...], reason: ...}")
    for group in groups:
        if not isinstance(group, dict) or not isinstance(group.get("forms"), list) or not group.get("reason"):
            raise InputError(
                str(path),
                group.get("__line__") if isinstance(group, dict) else 1,
                "each entry needs 'forms' (a list) and a 'reason'",
            )
    return [set(map(str, group["forms"])) for group in groups]


def accepted_variants(editorial: Path) -> list[set[str]]:
    """The accepted variant spellings of the editorial folder ``editorial``."""
    return load_variants(editorial / "variants.yaml")
