"""Same inputs, same bytes: MyST and JSON (see test_conversion), HTML, apparatus.json and PDF."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

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


def test_the_build_date_is_the_edition_date_of_the_metadata(tmp_path: Path) -> None:
    """SOURCE_DATE_EPOCH (the Makefile's, the tests' and the bench's) is midnight UTC of
    edition.yaml's edition_date, and a new edition date moves it: it is never a number that
    goes stale when the editors issue a new edition."""
    import datetime

    from edition_pipeline.editorial import load_metadata, source_date_epoch

    metadata = ROOT / "editorial" / "edition.yaml"
    day = datetime.date.fromisoformat(str(load_metadata(metadata)["edition_date"]))
    midnight = datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.UTC)
    make = subprocess.run(
        ["make", "-s", "-C", str(ROOT), "print-epoch"],
        capture_output=True,
        text=True,
        env={k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"},
    )
    assert make.stdout.strip() == source_date_epoch(metadata) == str(int(midnight.timestamp()))
    # another edition date, in a copy of the metadata: another epoch, from the Makefile too
    (tmp_path / "editorial").mkdir()
    text = metadata.read_text(encoding="utf-8")
    (tmp_path / "editorial" / "edition.yaml").write_text(
        text.replace(f'edition_date: "{day.isoformat()}"', 'edition_date: "2030-01-02"'), encoding="utf-8"
    )
    moved = subprocess.run(
        ["make", "-s", "-f", str(ROOT / "Makefile"), "print-epoch"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"},
    )
    expected = str(int(datetime.datetime(2030, 1, 2, tzinfo=datetime.UTC).timestamp()))
    assert moved.stdout.strip() == expected == source_date_epoch(tmp_path / "editorial" / "edition.yaml")
