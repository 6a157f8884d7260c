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


# --- Invariants, checked whenever the register is loaded ------------------------------------


def test_overlapping_entries_are_refused_naming_both(tmp_path) -> None:
    project = copy_project(tmp_path)
    for name in ("bib", "edition"):
        shutil.copytree(ROOT / name, project / name)
    register = project / "editorial" / "emendations.yaml"
    text = register.read_text(encoding="utf-8")
    for extra, message in [
        (
            '  - {id: x1, line: 55, witness: "Tsururoka", reading: "Tsuruoka", kind: emendation, category: name, certainty: certain, rationale: "Again."}\n',
            "entry x1 ('Tsururoka', line 55) overlaps entry e03",
        ),
        (
            '  - {id: x2, line: 42, witness: "normalizaiton of", reading: "normal of", kind: emendation, category: name, certainty: certain, rationale: "Partly."}\n',
            "entry x2 ('normalizaiton of', line 42) overlaps entry e02",
        ),
    ]:
        register.write_text(text.rstrip("\n") + "\n" + extra, encoding="utf-8")
        for args in (("check",), ("convert", "witness/000_3a5a0b6ac34543a2.txt")):
            result = subprocess.run(
                [sys.executable, "-m", "edition_pipeline.cli", *args], cwd=project, capture_output=True, text=True
            )
            assert result.returncode == 2 and message in result.stderr, result.stderr
            assert "emendations.yaml:" in result.stderr
    assert (project / "edition" / "index.md").read_bytes() == (ROOT / "edition" / "index.md").read_bytes()


def _anchor(kind: str, start: int, end: int, entry_id: str):
    from edition_pipeline.register import Anchor, Entry

    entry = Entry(entry_id, 1, "w", "r", kind, "spelling", "certain", "why", "ET", "", 0)
    return Anchor(entry, ("p", 0), start, end, 1)


@pytest.mark.parametrize(
    ("first", "second", "clash"),
    [
        (("emendation", 0, 10), ("emendation", 5, 15), True),  # overlapping spans
        (("emendation", 0, 10), ("sic", 0, 10), True),  # the same words twice
        (("emendation", 0, 10), ("emendation", 10, 15), False),  # neighbours
        (("emendation", 0, 10), ("supplied", 0, 10), False),  # supplied after the span: e53 and e50
        (("emendation", 0, 10), ("supplied", 0, 5), True),  # supplied inside a span
        (("supplied", 0, 10), ("supplied", 3, 10), True),  # two supplied at one point
        (("note", 0, 10), ("supplied", 3, 10), False),  # an editors' note after supplied text
    ],
)
def test_a_supplied_entry_is_a_point_and_spans_may_not_overlap(first, second, clash) -> None:
    from edition_pipeline.register import collision

    a, b = _anchor(*first, "a"), _anchor(*second, "b")
    assert (collision(b, [a]) is a) is clash
    assert (collision(a, [b]) is b) is clash


def test_the_register_s_shared_place_e53_e50_is_legitimate(document) -> None:
    from edition_pipeline.register import anchor_entries, check_invariants

    anchors = anchor_entries(document, load_register(ROOT / "editorial" / "emendations.yaml"), "register")
    shared = [a for a in anchors if a.entry.id in ("e50", "e53")]
    assert len(shared) == 2 and shared[0].block == shared[1].block and shared[0].end == shared[1].end
    check_invariants(anchors, "register")


def test_the_generated_text_must_be_w_plus_the_register(document) -> None:
    """The rendering check catches an entry rendered twice or never, and any other change."""
    import re

    from edition_pipeline.diagnostics import InputError
    from edition_pipeline.emit import to_myst
    from edition_pipeline.register import anchor_entries, verify_rendering

    anchors = anchor_entries(document, load_register(ROOT / "editorial" / "emendations.yaml"), "register")
    metadata = {"title": "T"}
    myst, plain = to_myst(document, metadata, anchors, []), to_myst(document, metadata, [], [])
    verify_rendering(myst, plain, document, anchors, "register")
    role = re.search(r"\{emend\}`Tsuruoka \[[^`]*id: e06;[^`]*`", myst).group()
    for mangled, message in [
        (myst.replace(role, role + role, 1), "entry e06 renders 2 times"),
        (myst.replace(role, "Tsuruoka", 1), "entry e06 renders 0 times"),
        (myst.replace("closer scrutiny. One", "closer. One", 1), "not W plus the register"),
        (myst.replace(" quest for normalization", " questfor normalization", 1), "not W plus the register"),
        (
            myst.replace(role, role.replace("Tsuruoka [", "TsuruokaTsuruoka ["), 1),
            "entry e06 renders 'TsuruokaTsuruoka'",
        ),
    ]:
        assert mangled != myst
        with pytest.raises(InputError, match=re.escape(message)):
            verify_rendering(mangled, plain, document, anchors, "register")


# --- the register as the review writes it --------------------------------------------------------

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_texts = st.text(max_size=40)
_tokens = st.sampled_from(["e01", "emendation", "sic", "spelling", "certain", "P0001", "a: b", "null", "[x]"])
_records = st.fixed_dictionaries(
    {"reading": _texts, "certainty": _tokens, "date": _texts},
    optional={"revised": st.fixed_dictionaries({"proposal": _tokens, "proposer": _texts, "date": _texts})},
)


@given(
    st.fixed_dictionaries(
        {"id": _tokens, "line": st.integers(1, 10_000), "witness": _texts, "kind": _tokens, "rationale": _texts},
        optional={
            "reading": _texts,
            "resp": _texts,
            "date": st.one_of(_texts, st.none()),
            "history": st.lists(_records, max_size=3),
            "notes": st.lists(_texts, max_size=3),
        },
    )
)
def test_an_entry_as_the_register_writes_it_reads_back_the_same(entry) -> None:
    """Whatever an editor typed (quotation marks, colons, line breaks, 'null', brackets), the entry the
    review writes into the register reads back as it was, list items and nested records too."""
    import yaml

    from edition_pipeline.registerfile import entry_text, ordered

    text = entry_text(ordered(entry))
    assert yaml.safe_load(text) == [entry], text
    assert text.startswith(f"  - {{id: {yaml.safe_dump([entry['id']], default_flow_style=True).strip()[1:-1]}, ")
