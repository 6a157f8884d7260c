"""Same inputs, same bytes: MyST and JSON (see test_conversion), HTML, apparatus.json and PDF."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys

from conftest import BUILD_ENV, ROOT


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_second_html_build_is_byte_identical(html_build, tmp_path) -> None:
    cmd = [sys.executable, "-m", "sphinx", "-b", "html", "-c", str(ROOT), "-q", str(ROOT / "edition"), str(tmp_path)]
    subprocess.run(cmd, check=True, cwd=ROOT, env=BUILD_ENV)
    for name in ("index.html", "apparatus.html", "bibliography.html", "apparatus.json"):
        assert digest(tmp_path / name) == digest(html_build / name), name


def test_a_second_pdf_build_is_byte_identical(pdf_file, tmp_path) -> None:
    shutil.copytree(
        pdf_file.parent,
        tmp_path / "latex",
        ignore=shutil.ignore_patterns("*.pdf", "*.aux", "*.log", "*.fls", "*.fdb_latexmk", "*.xdv", "*.toc", "*.out"),
    )
    subprocess.run(["make", "-C", str(tmp_path / "latex"), "all-pdf"], check=True, capture_output=True, env=BUILD_ENV)
    assert digest(tmp_path / "latex" / "edition.pdf") == digest(pdf_file)
