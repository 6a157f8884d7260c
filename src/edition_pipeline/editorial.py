"""Editorial data: the decisions the machine cannot know, each anchored to the witness.

An override names a witness line and the exact witness reading there; when the witness no
longer reads so, loading fails with the data file and entry named, never skipping silently.
"""

from __future__ import annotations

import datetime
import functools
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeGuard, get_args

import jsonschema
import yaml

from .bounds import CONTROL, RULES, text_problem
from .diagnostics import InputError
from .hyphenation import BreakDecision, Join, first_token, last_token
from .model import BlockKind
from .witness import Line, Witness

JOINS: frozenset[str] = frozenset(get_args(Join))
KINDS: frozenset[str] = frozenset(
    {"abstract", "heading", "paragraph", "blockquote"}
)  # an override never makes a list item


def is_join(value: str) -> TypeGuard[Join]:
    return value in JOINS


def is_kind(value: str) -> TypeGuard[BlockKind]:
    return value in KINDS


@dataclass
class BreakOverride:
    line: int
    witness: str
    join: Join
    reason: str
    source_line: int


@dataclass
class StructureOverride:
    line: int
    witness: str
    reason: str
    source_line: int
    kind: BlockKind | None = None
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
        return BreakDecision(left.number, override.join, word, witness, f"override: {override.reason}", 1.0)

    def kind_for(self, line: int) -> BlockKind | None:
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


_TIMESTAMP = "tag:yaml.org,2002:timestamp"
SCHEMAS = Path(__file__).parent / "schemas"


class SafeLineLoader(yaml.SafeLoader):
    """YAML for editorial data: the safe loader, refusing anchors and aliases (so no alias bomb
    can expand), refusing duplicate keys, keeping dates as strings, and remembering the line of
    each mapping (``__line__``), for error messages."""

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise yaml.composer.ComposerError(
                None, None, "anchors and aliases (& and *) are not allowed in editorial data", event.start_mark
            )
        return super().compose_node(parent, index)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            try:
                if key in seen:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"duplicate key {key!r} (first at line {seen[key]})", key_node.start_mark
                    )
                seen[key] = line
            except TypeError:
                raise yaml.constructor.ConstructorError(
                    None, None, "a key must be a plain value", key_node.start_mark
                ) from None
        return super().construct_mapping(node, deep=deep)


def _construct_mapping(loader: SafeLineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = {str(key): value for key, value in loader.construct_mapping(node, deep=True).items()}
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


SafeLineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _read(path: Path) -> str:
    if path.is_dir():
        raise InputError(str(path), None, "is a folder, not a data file")
    if not path.exists():
        raise InputError(str(path), None, "no such file")
    try:
        return path.read_text(encoding="utf-8-sig")  # a byte-order mark is not part of the data
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise InputError(str(path), line, "not UTF-8") from None


def _compose(path: Path, text: str) -> tuple[Any, yaml.Node | None]:
    loader = SafeLineLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
        return data, node
    except yaml.YAMLError as exc:
        line, message = yaml_problem(text, exc)
        raise InputError(str(path), line, message) from None
    finally:
        loader.dispose()


def yaml_problem(text: str, exc: yaml.YAMLError) -> tuple[int | None, str]:
    """A YAML error as an editor can act on it: the line where the problem starts (a quoted
    value left open is reported where it opens, not where the parser noticed) and a plain
    sentence, the parser's own words after it."""
    problem = getattr(exc, "problem", None)
    context = getattr(exc, "context", None)
    problem_mark = getattr(exc, "problem_mark", None)
    context_mark = getattr(exc, "context_mark", None)
    parser = " ".join(str(part) for part in (context, problem) if part) or str(exc).splitlines()[0]
    if problem is None or (
        context is None and isinstance(exc, (yaml.composer.ComposerError, yaml.constructor.ConstructorError))
    ):
        mark = problem_mark or context_mark  # the loader's own refusals (aliases, duplicate keys): plain already
        return (mark.line + 1 if mark else None), f"not valid YAML: {problem or parser}"
    mark = problem_mark
    if isinstance(exc, yaml.scanner.ScannerError) and context_mark is not None:
        mark = context_mark  # where the token being scanned began
    plain = "this is not valid YAML"
    if context and "quoted scalar" in context:
        plain = "a quoted value is not closed: its closing quote is missing"
    elif problem.startswith("mapping values are not allowed"):
        plain = "a second ':' on this line: put a value holding ': ' in quotes"
    elif "cannot start any token" in problem and "\\t" in problem:
        plain = "a tab: indent with spaces"
    elif isinstance(exc, yaml.parser.ParserError) and problem_mark is not None:
        opened = _open_quote(text, problem_mark.index)
        if opened is not None:
            mark = opened
            plain = (
                "a quoted value opens on this line and is not closed on it: its closing quote is missing, "
                "or a quote inside it is not doubled ('') or escaped (\\\")"
            )
        else:
            plain = "this line does not read 'key: value' (a value with a quote or ': ' inside needs quotes)"
    return (mark.line + 1 if mark else None), f"not valid YAML: {plain} (YAML parser: {parser})"


def _open_quote(text: str, before: int) -> yaml.Mark | None:
    """The start of the quoted value just before ``before`` when it runs over a line end: the
    value a missing closing quote left open (the parser only notices on a later line)."""
    last: yaml.Token | None = None
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if token.start_mark.index >= before:
                break
            last = token
    except yaml.YAMLError:
        pass
    if isinstance(last, yaml.ScalarToken) and last.style in ("'", '"') and last.end_mark.line > last.start_mark.line:
        return last.start_mark
    return None


def key_lines(path: Path) -> dict[str, int]:
    """The line of each key of the file's top mapping (empty for another shape)."""
    _, node = _compose(path, _read(path))
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(getattr(key, "value", "")): key.start_mark.line + 1 for key, _ in node.value}


def load_yaml(path: Path, text: str | None = None, schema: str | None = None) -> Any:
    """Editorial YAML at ``path`` (or ``text`` for it), validated against ``schema``
    (``schemas/<schema>.schema.json``) when one is named. Mappings carry ``__line__``."""
    data, node = _compose(path, _read(path) if text is None else text.removeprefix("\ufeff"))
    for where, value in _strings(data, []):
        bad = CONTROL.search(value)
        if bad:
            shown = f"U+{ord(bad.group()):04X}"
            raise InputError(str(path), _node_line(node, where), f"control character {shown} in a value")
    if schema is not None:
        validate_schema(path, data, node, schema)
        rules = RULES.get(schema, {})
        for where, value in _strings(data, [], keys=False):
            key = where[-1] if where else None
            rule = rules.get(key) if isinstance(key, str) else None
            problem = text_problem(value, rule) if rule else None
            if problem:
                raise InputError(str(path), _node_line(node, where[:-1], key), f"{key}: {problem}")
    return data


def refuse_control(path: Path) -> None:
    """A data file read by another parser (BibTeX) refused, with its line, if it holds a
    control character (tab and newline apart) or is not UTF-8."""
    text = _read(path)
    bad = CONTROL.search(text)
    if bad:
        line = text[: bad.start()].count("\n") + 1
        raise InputError(str(path), line, f"control character U+{ord(bad.group()):04X}")


def _strings(data: Any, path: list[Any], keys: bool = True) -> Iterator[tuple[list[Any], str]]:
    """Every string of the data (keys too, unless ``keys`` is False) with the path of keys and
    indices leading to it (a key's path is its mapping's)."""
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            if keys:
                yield from _strings(key, path)
            yield from _strings(value, [*path, key], keys)
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _strings(value, [*path, i], keys)


def strip_lines(data: Any) -> Any:
    """The data without the ``__line__`` bookkeeping."""
    if isinstance(data, dict):
        return {k: strip_lines(v) for k, v in data.items() if k != "__line__"}
    if isinstance(data, list):
        return [strip_lines(v) for v in data]
    return data


def _node_line(node: yaml.Node | None, path: list[Any], key: str | None = None) -> int | None:
    """The line of the value at ``path`` in the YAML node tree (of ``key`` in it, if given)."""
    line = node.start_mark.line + 1 if node is not None else None
    for step in [*path, *([key] if key is not None else [])]:
        if isinstance(node, yaml.MappingNode):
            found = next(((k, v) for k, v in node.value if getattr(k, "value", None) == str(step)), None)
            if found is None:
                break
            node = found[1] if step != key else found[0]
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            node = node.value[step]
        else:
            break
        line = node.start_mark.line + 1 if node is not None else line
    return line


@functools.cache
def _validator(schema: str) -> jsonschema.Draft202012Validator:
    document = json.loads((SCHEMAS / f"{schema}.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(document)


SHAPES = {  # what a file of the schema holds, said when it holds something else (a list, nothing)
    "proposal": "a proposal file holds one proposal as keys and values (where:, witness:, ...)",
}
_NAMES = {"list": "a list", "str": "a single text", "int": "a number", "float": "a number", "bool": "a yes/no value"}


def validate_schema(path: Path, data: Any, node: yaml.Node | None, schema: str) -> None:
    """Refuse what the schema does not allow: a wrong type, an unknown or misspelled key."""
    errors = sorted(_validator(schema).iter_errors(strip_lines(data)), key=lambda e: list(map(str, e.absolute_path)))
    if not errors:
        return
    error = errors[0]
    where = list(error.absolute_path)
    at = "/".join(map(str, where)) or "the file"
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = error.schema.get("properties", {})
        unknown = sorted(str(k) for k in error.instance if k not in allowed)
        raise InputError(
            str(path),
            _node_line(node, where, unknown[0]),
            f"unknown key {unknown[0]!r} in {at} (known keys: {', '.join(allowed)})",
        )
    if error.validator == "type" and not where and schema in SHAPES:
        held = "nothing" if data is None else _NAMES.get(type(data).__name__, f"a {type(data).__name__}")
        raise InputError(str(path), _node_line(node, where) or 1, f"{SHAPES[schema]}, not {held}")
    if error.validator == "type" and error.instance is None:  # `rationale:` with nothing after it
        raise InputError(str(path), _node_line(node, where), f"{at} is empty: write its value after the colon")
    if error.validator == "type":
        kinds = [error.validator_value] if isinstance(error.validator_value, str) else list(error.validator_value)
        names = {"object": "a mapping", "array": "a list", "string": "text", "integer": "a whole number"}
        shown = repr(error.instance) if len(repr(error.instance)) < 60 else f"a {type(error.instance).__name__}"
        expected = " or ".join(names.get(k, k) for k in kinds)
        raise InputError(str(path), _node_line(node, where), f"{at}: {shown} should be {expected}")
    raise InputError(str(path), _node_line(node, where), f"{at}: {error.message}")


def _require(entry: dict[str, Any], key: str, path: str, kinds: type | tuple[type, ...]) -> Any:
    if key not in entry:
        raise InputError(path, entry["__line__"], f"missing field '{key}'")
    value = entry[key]
    if not isinstance(value, kinds) or isinstance(value, bool):
        raise InputError(path, entry["__line__"], f"field '{key}' has the wrong type")
    return value


def load_overrides(path: Path) -> Overrides:
    data = load_yaml(path, schema="overrides") or {}
    if not isinstance(data, dict):
        raise InputError(str(path), 1, "expected a mapping with 'breaks' and 'structure'")
    overrides = Overrides(str(path))
    for entry in data.get("breaks") or []:
        line = _require(entry, "line", str(path), int)
        join = _require(entry, "join", str(path), str)
        if not is_join(join):
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
        if kind is not None and not is_kind(kind):
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
    data = load_yaml(path, schema="edition") or {}
    if not isinstance(data, dict) or "title" not in data:
        raise InputError(str(path), 1, "edition metadata needs at least a 'title'")
    data.pop("__line__", None)
    return data


def source_date_epoch(path: Path) -> str:
    """SOURCE_DATE_EPOCH of reproducible builds: midnight UTC of the edition's date
    (``edition_date`` of editorial/edition.yaml), so that a new edition date is the only thing
    that changes it."""
    day = datetime.date.fromisoformat(str(load_metadata(path)["edition_date"]))
    return str(int(datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.UTC).timestamp()))


def load_citations(path: Path) -> dict[int, list[dict[str, str]]]:
    """editorial/citations.yaml: for a note listed there, its references are exactly these."""
    if not path.exists():
        return {}
    data = load_yaml(path, schema="citations") or {}
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
    data = load_yaml(path, schema="variants") or {}
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
