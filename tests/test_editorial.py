"""Editorial data is validated before it is used: every file against the JSON Schema beside it
(editorial/*.schema.json), YAML read without anchors, aliases or duplicate keys. Each refusal
exits 2 with `file:line: what`, and writes nothing."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from conftest import ROOT

from edition_pipeline.diagnostics import InputError
from edition_pipeline.editorial import SCHEMAS, load_yaml

EDITORIAL = ROOT / "editorial"


def project_copy(tmp_path: Path) -> Path:
    for name in ("witness", "editorial", "bib", "edition"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.rmtree(tmp_path / "editorial" / "proposals", ignore_errors=True)
    return tmp_path


def edition(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "edition_pipeline.cli", *args], cwd=project, capture_output=True, text=True
    )


@pytest.mark.parametrize("name", ["edition", "emendations", "overrides", "variants", "citations"])
def test_every_editorial_file_validates_against_the_schema_beside_it(name: str) -> None:
    schema_file = EDITORIAL / f"{name}.schema.json"
    assert schema_file.resolve() == (SCHEMAS / f"{name}.schema.json").resolve(), "one schema, shown beside its data"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    data = load_yaml(EDITORIAL / f"{name}.yaml", schema=name)
    assert data, name


def test_edition_yaml_schema_knows_every_key_the_readers_use() -> None:
    """conf.py, the extension and the pipeline read these keys: the schema must accept them all."""
    keys = set(json.loads((SCHEMAS / "edition.schema.json").read_text(encoding="utf-8"))["properties"])
    used = set(load_yaml(EDITORIAL / "edition.yaml", schema="edition")) - {"__line__"}
    assert used <= keys
    assert {"licence", "siglum", "resp", "witness_sha256", "short_title", "front_pages", "back_pages"} <= keys


BAD_DATA = [
    # (file, old text, new text, expected message after "file:line: ")
    (
        "emendations.yaml",
        'defaults: {resp: ET, date: "2026-11-25"}',
        "defaults: [1]",
        ":8: defaults: [1] should be a mapping",
    ),
    (
        "emendations.yaml",
        'line: 14, witness: "hope for goals", reading: "hoped-for goals", kind: sic,',
        'line: 14, witness: "hope for goals", reading: "hoped-for goals", kind: [x],',
        "entries/0/kind: ['x'] should be text",
    ),
    ("emendations.yaml", 'reading: "normalization"', 'readng: "normalization"', "unknown key 'readng' in entries/1"),
    (
        "emendations.yaml",
        "  - {id: e01,",
        '  - "just a string"\n  - {id: e01,',
        "entries/0: 'just a string' should be a mapping",
    ),
    ("emendations.yaml", 'witness: "normalizaiton"', 'witness: "normal\\x1bizaiton"', "control character U+001B"),
    ("emendations.yaml", 'witness: "normalizaiton"', 'witness: "normal\\0izaiton"', "control character U+0000"),
    (
        "edition.yaml",
        "title_supplied: true",
        'title_supplied: true\ntitle: "again"',
        "duplicate key 'title' (first at line 2)",
    ),
    ("edition.yaml", 'siglum: "W"', 'siglum: "W"\nsiglm: "W"', "unknown key 'siglm'"),
    ("overrides.yaml", "\nstructure:", "\nstructur:", ":8: unknown key 'structur'"),
    ("overrides.yaml", "  - line: 412", "  - line: [412]", "structure/0/line: [412] should be a whole number"),
    (
        "variants.yaml",
        "  - forms: [Kuril, Kurile, Kuriles]",
        "  - forms: Kuril",
        "accepted/0/forms: 'Kuril' should be a list",
    ),
    ("citations.yaml", "  - note: 18", "  - note: 18\n    not: 19", "unknown key 'not' in notes/0"),
    ("emendations.yaml", "entries:", "entries: &a\n  - *a\nx:", "anchors and aliases"),
    (
        "emendations.yaml",
        'reading: "normalization"',
        'reading: "' + "n" * 61 + '"',
        "reading: a word without a space or a hyphen of 61",
    ),
    ("emendations.yaml", "defaults: {resp: ET,", 'defaults: {resp: "\\u200b",', ":8: resp: empty"),
    (
        "emendations.yaml",
        "defaults: {resp: ET,",
        'defaults: {resp: "Ann Editоr",',
        ":8: resp: 'Ann Editоr' mixes scripts",
    ),
]


@pytest.mark.parametrize(("name", "old", "new", "message"), BAD_DATA, ids=[f"{b[0]}:{b[3][:30]}" for b in BAD_DATA])
def test_bad_editorial_data_exits_2_with_file_and_line(
    tmp_path: Path, name: str, old: str, new: str, message: str
) -> None:
    project = project_copy(tmp_path)
    path = project / "editorial" / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    before = (project / "edition" / "index.md").read_bytes()
    commands = [("check",), ("convert", "witness/000_3a5a0b6ac34543a2.txt")]
    for args in (
        commands if name != "variants.yaml" else [("check",), ("candidates", "witness/000_3a5a0b6ac34543a2.txt")]
    ):
        result = edition(project, *args)
        assert result.returncode == 2, (args, result.stdout, result.stderr)
        assert f"editorial/{name}:" in result.stderr and message in result.stderr, result.stderr
        assert "Traceback" not in result.stderr
    assert (project / "edition" / "index.md").read_bytes() == before


def test_an_alias_bomb_is_refused_at_once(tmp_path: Path) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(9)
    )
    path = tmp_path / "bomb.yaml"
    path.write_text(bomb, encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_yaml(path)
    assert error.value.line == 1 and "anchors and aliases" in error.value.message
    project = project_copy(tmp_path / "p")
    result = edition(project, "propose", str(path))
    assert result.returncode == 2 and "bomb.yaml:1: not valid YAML: anchors and aliases" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("accept", "../../x", "--reviewer", "Ben"), "'../../x' is not a proposal id"),
        (("accept", "P0042", "--reviewer", "Ben"), "P0042.yaml: no such proposal"),
        (("convert", "witness"), "witness: is a folder, not a witness file"),
        (("convert", "nowhere.txt"), "nowhere.txt: no such witness file"),
        (("propose", "editorial"), "editorial: is a folder, not a data file"),
        (("propose", "nothing.yaml"), "nothing.yaml: no such file"),
    ],
)
def test_directories_missing_paths_and_bad_ids_are_clear_errors(
    tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    result = edition(project_copy(tmp_path), *args)
    assert result.returncode == 2 and message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_a_byte_order_mark_never_reaches_the_text(tmp_path: Path) -> None:
    project = project_copy(tmp_path)
    for name in ("witness/000_3a5a0b6ac34543a2.txt", "editorial/emendations.yaml", "editorial/edition.yaml"):
        path = project / name
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    meta = project / "editorial" / "edition.yaml"
    sha = hashlib.sha256((project / "witness" / "000_3a5a0b6ac34543a2.txt").read_bytes()).hexdigest()
    meta.write_bytes(re.sub(rb"witness_sha256: \"[0-9a-f]+\"", f'witness_sha256: "{sha}"'.encode(), meta.read_bytes()))
    result = edition(project, "convert", "witness/000_3a5a0b6ac34543a2.txt", "--out", "out")
    assert result.returncode == 0, result.stderr
    myst = (project / "out" / "index.md").read_text(encoding="utf-8")
    assert "\ufeff" not in myst
    assert myst == (ROOT / "edition" / "index.md").read_text(encoding="utf-8")
