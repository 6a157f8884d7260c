"""The witness is evidence: checksum, lossless reading, and clear errors for bad input."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SHA256, WITNESS
from hypothesis import given, settings
from hypothesis import strategies as st

from edition_pipeline.witness import parse_witness_text, read_witness


def test_witness_is_the_shared_copy_byte_for_byte() -> None:
    assert hashlib.sha256(WITNESS.read_bytes()).hexdigest() == SHA256


def test_real_witness_re_renders_byte_for_byte() -> None:
    assert read_witness(WITNESS).render().encode("utf-8") == WITNESS.read_bytes()


witness_lines = st.lists(
    st.one_of(
        st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=80),
        st.sampled_from(["", "\t", " ", "  1.\t Note text ", "10.\t x", " Page start ", "rela-", "word "]),
    ),
    min_size=1,
    max_size=40,
)


@settings(max_examples=200, deadline=None)
@given(witness_lines, st.booleans())
def test_any_witness_in_the_format_re_renders_byte_for_byte(lines: list[str], final_newline: bool) -> None:
    text = "\n".join(lines) + ("\n" if final_newline else "")
    if not text.strip():
        return
    assert parse_witness_text(text).render() == text


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "edition_pipeline.cli", *args], capture_output=True, text=True, cwd=cwd
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "NUL byte"),
        (b" Good line \nbad \xff byte\n", ":2: not UTF-8"),
        (b" A line \r\nanother\r\n", ":1: CR line ends"),
        (b"\n\n   \n", "empty"),
        (b" Body text.1 \n\n  2.\t A note. \n  1.\t Another. \n", ":4: note 1 out of sequence"),
        (b"  1.\t only a note \n", "no body text"),
    ],
)
def test_bad_witness_exits_2_names_the_line_and_writes_nothing(tmp_path: Path, content: bytes, message: str) -> None:
    witness = tmp_path / "bad.txt"
    witness.write_bytes(content)
    out = tmp_path / "out"
    result = run_cli("convert", str(witness), "--out", str(out))
    assert result.returncode == 2
    assert message in result.stderr and "bad.txt" in result.stderr
    assert not out.exists()


def _project(tmp_path: Path) -> Path:
    import shutil

    for name in ("witness", "editorial", "bib", "edition"):
        shutil.copytree(ROOT / name, tmp_path / name)
    return tmp_path


def test_editorial_data_applies_only_to_its_own_witness(tmp_path: Path) -> None:
    """Another witness (here: W with one word changed, outside the project's witness folder) gets
    the automatic pass alone, and the command says so in one line."""
    project = _project(tmp_path)
    other = project / "other.txt"
    other.write_text(
        WITNESS.read_text(encoding="utf-8").replace("closer scrutiny", "closer inspection", 1), encoding="utf-8"
    )
    result = run_cli("convert", "other.txt", "--out", "out", cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("\n") == 1 and "automatic pass" in result.stderr and "other.txt" in result.stderr
    myst = (project / "out" / "index.md").read_text(encoding="utf-8")
    assert "{emend}" not in myst and "{sic}" not in myst and "closer inspection" in myst
    assert "# other" in myst  # no title from the data of another witness
    own = run_cli("convert", "witness/000_3a5a0b6ac34543a2.txt", "--out", "own", cwd=project)
    assert own.returncode == 0 and not own.stderr, own.stderr
    assert "{emend}" in (project / "own" / "index.md").read_text(encoding="utf-8")


def test_a_witness_changed_under_its_data_is_an_error(tmp_path: Path) -> None:
    project = _project(tmp_path)
    path = project / "witness" / "000_3a5a0b6ac34543a2.txt"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("closer scrutiny", "closer inspection", 1), encoding="utf-8")
    result = run_cli("convert", str(path.relative_to(project)), "--out", "out", cwd=project)
    assert result.returncode == 2 and "has changed under its editorial data" in result.stderr, result.stderr
    assert "edition.yaml" in result.stderr and not (project / "out").exists()
    checked = run_cli("check", cwd=project)
    assert checked.returncode == 2 and "has changed under its editorial data" in checked.stderr
    path.write_text(text.replace("normalizaiton", "normalisation", 1), encoding="utf-8")  # under entry e02
    stale = run_cli("check", cwd=project)
    assert stale.returncode == 2 and "stale entry e02" in stale.stderr, stale.stderr


def test_editorial_data_must_name_its_witness(tmp_path: Path) -> None:
    project = _project(tmp_path)
    meta = project / "editorial" / "edition.yaml"
    meta.write_text(
        "\n".join(line for line in meta.read_text(encoding="utf-8").splitlines() if "witness_sha256" not in line),
        encoding="utf-8",
    )
    result = run_cli("check", cwd=project)
    assert (
        result.returncode == 2 and "edition.yaml" in result.stderr and "'witness_sha256' is a required" in result.stderr
    )


def test_the_editors_description_of_w_counts_its_pages_and_lines(document) -> None:
    """The title block's sentence on W (editorial/edition.yaml) says how many pages and lines W
    has: both agree with the witness (the last line of W has no line end, and still counts)."""
    import re

    import yaml

    said = " ".join(yaml.safe_load((ROOT / "editorial" / "edition.yaml").read_text("utf-8"))["witness"].split())
    lines = len(read_witness(WITNESS).render().splitlines())
    assert re.search(rf"\b{lines} lines\b", said), (lines, said)
    assert re.search(rf"\b{len(document.pages)} pages\b", said), (len(document.pages), said)
    page = " ".join((ROOT / "edition" / "witness.md").read_text("utf-8").split())  # the witness page says it too
    assert re.search(rf"\b{lines} lines\b", page) and re.search(rf"\b{len(document.pages)} printed pages\b", page)
