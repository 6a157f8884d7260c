"""Shared fixtures: paths, the real witness, the converted document, built outputs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings

from edition_pipeline.editorial import source_date_epoch

# Property tests judge what the code does, never how fast: a loaded machine (a LaTeX build beside
# them, CI on a small machine) must not fail one by Hypothesis's per-example deadline.
settings.register_profile("edition", deadline=None)
settings.load_profile("edition")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(ROOT / "extensions"))
WITNESS = ROOT / "witness" / "000_3a5a0b6ac34543a2.txt"
SHA256 = "44d3e33256a7a18c6745bd7e570fca956ec8ff1001ff9fb9fde2c36c1a641cb5"

pytest_plugins = ["sphinx.testing.fixtures"]


def copy_project(target: Path) -> Path:
    """A scratch copy of the project's editorial state (witness, data, bibliography, the generated
    edition), with no proposals yet: for tests that run the real CLI on it."""
    import shutil

    for name in ("witness", "editorial", "bib", "edition"):
        shutil.copytree(ROOT / name, target / name)
    shutil.rmtree(target / "editorial" / "proposals", ignore_errors=True)
    return target


def edition_cli(project: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The `edition` command run in ``project`` (a scratch copy), as an editor runs it."""
    return subprocess.run(
        [sys.executable, "-m", "edition_pipeline.cli", *args],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
    )


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return Path(__file__).parent / "roots"


@pytest.fixture(scope="session")
def document():
    from edition_pipeline.convert import convert_witness
    from edition_pipeline.editorial import load_overrides
    from edition_pipeline.witness import read_witness

    return convert_witness(read_witness(WITNESS), load_overrides(ROOT / "editorial" / "overrides.yaml"))


# the edition date: reproducible outputs
BUILD_ENV = {**os.environ, "SOURCE_DATE_EPOCH": source_date_epoch(ROOT / "editorial" / "edition.yaml")}


def _build(builder: str, out: str) -> Path:
    target = ROOT / "_build" / "test" / out
    shutil.rmtree(target, ignore_errors=True)  # every test session builds from scratch
    cmd = [
        sys.executable,
        "-m",
        "sphinx",
        "-b",
        builder,
        "-c",
        str(ROOT),
        "-W",
        "--keep-going",
        "-n",
        "-q",
        str(ROOT / "edition"),
        str(target),
    ]
    result = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env=BUILD_ENV)
    assert result.returncode == 0 and not result.stderr.strip(), result.stderr
    return target


@pytest.fixture(scope="session")
def html_build() -> Path:
    return _build("html", "html")


@pytest.fixture(scope="session")
def text_build() -> Path:
    return _build("text", "text")


@pytest.fixture(scope="session")
def latex_build() -> Path:
    return _build("latex", "latex")


@pytest.fixture(scope="session")
def pdf_file(latex_build: Path) -> Path:
    result = subprocess.run(["make", "-C", str(latex_build), "all-pdf"], capture_output=True, text=True, env=BUILD_ENV)
    pdf = latex_build / "edition.pdf"
    assert result.returncode == 0 and pdf.exists(), result.stdout[-3000:]
    return pdf
