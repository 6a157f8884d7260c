"""The emendation register: each entry anchored to the witness, stale or malformed entries refused."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from edition_pipeline.register import load_register


def test_every_entry_of_the_register_is_anchored_and_rendered(document) -> None:
    from edition_pipeline.register import anchor_entries

    entries = load_register(ROOT / "editorial" / "emendations.yaml")
    anchors = anchor_entries(document, entries, "emendations.yaml")
    assert len(anchors) == len(entries) == len({e.id for e in entries})
    myst = (ROOT / "edition" / "index.md").read_text(encoding="utf-8")
    for entry in entries:
        assert f"id: {entry.id};" in myst or f"id: {entry.id}]" in myst


def convert_json(project: Path) -> subprocess.CompletedProcess[str]:
    cmd = [
        sys.executable,
        "-m",
        "edition_pipeline.cli",
        "convert",
        "witness/000_3a5a0b6ac34543a2.txt",
        "--format",
        "json",
    ]
    return subprocess.run(cmd, cwd=project, capture_output=True, text=True)


def copy_project(tmp_path: Path) -> Path:
    for name in ("witness", "editorial"):
        shutil.copytree(ROOT / name, tmp_path / name)
    return tmp_path


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            'witness: "normalizaiton"',
            'witness: "normalisation"',
            "stale entry e02: witness line 42 has no 'normalisation'",
        ),
        (
            'certainty: probable,\n     rationale: "“achieving',
            'certainty: likely,\n     rationale: "“achieving',
            "certainty must be one of",
        ),
        ("id: e05,", "id: e04,", "duplicate id 'e04'"),
        (
            'kind: emendation, category: spelling, certainty: certain,\n     rationale: "Transposed letters; the word',
            'kind: emendation, category: typo, certainty: certain,\n     rationale: "Transposed letters; the word',
            "category must be one of",
        ),
    ],
)
def test_a_bad_register_entry_exits_2_naming_file_and_line_and_writes_nothing(tmp_path, old, new, message) -> None:
    project = copy_project(tmp_path)
    register = project / "editorial" / "emendations.yaml"
    text = register.read_text(encoding="utf-8")
    assert old in text
    register.write_text(text.replace(old, new, 1), encoding="utf-8")
    out = project / "out"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "edition_pipeline.cli",
            "convert",
            "witness/000_3a5a0b6ac34543a2.txt",
            "--out",
            str(out),
        ],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2, result.stderr
    assert message in result.stderr and "emendations.yaml:" in result.stderr
    assert not out.exists()


def test_a_stale_structure_override_is_an_error(tmp_path) -> None:
    project = copy_project(tmp_path)
    overrides = project / "editorial" / "overrides.yaml"
    overrides.write_text(overrides.read_text(encoding="utf-8").replace("line: 676", "line: 677"), encoding="utf-8")
    result = convert_json(project)
    assert result.returncode == 2 and "overrides.yaml:" in result.stderr and "stale override" in result.stderr


def test_a_break_override_is_applied_and_a_stale_one_refused(tmp_path) -> None:
    project = copy_project(tmp_path)
    overrides = project / "editorial" / "overrides.yaml"
    text = overrides.read_text(encoding="utf-8")
    good = text.replace("breaks: []", 'breaks:\n  - {line: 229, witness: "Nov|ember", join: space, reason: "test"}')
    overrides.write_text(good, encoding="utf-8")
    result = convert_json(project)
    assert result.returncode == 0, result.stderr
    assert "in Nov ember 2014" in result.stdout and '"evidence": "override: test"' in result.stdout
    overrides.write_text(good.replace("Nov|ember", "Dec|ember"), encoding="utf-8")
    stale = convert_json(project)
    assert stale.returncode == 2 and "overrides.yaml:" in stale.stderr and "stale override" in stale.stderr


def test_the_report_lists_decisions_least_confident_first() -> None:
    cmd = [sys.executable, "-m", "edition_pipeline.cli", "convert", "witness/000_3a5a0b6ac34543a2.txt", "--report"]
    lines = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=True).stdout.splitlines()
    confidences = [float(line.split()[0]) for line in lines if line[:1].isdigit()]
    assert len(confidences) >= 150 and confidences == sorted(confidences)
    assert any("block  lines 676-683  blockquote [override:" in line for line in lines)
