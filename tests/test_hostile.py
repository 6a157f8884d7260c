"""No input, however hostile, injects markup: a witness and a register full of markup are text."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup

WITNESS = (
    "\n".join(
        [
            " Title Of A Hostile Witness ",
            "",
            "1. This paragraph starts like a list <script>alert(1)</script> and has {raw}`html <b>x</b>` in it.1 ",
            "",
            "- Another starts like a bullet with `code` and **bold** and $x$ and \\input{/etc/passwd} here.2 ",
            "",
            "--- ",
            "",
            "```{eval-rst} ",
            "",
            "=== and [link](javascript:alert(1)) and <!-- comment --> end. ",
            "",
            "  1.\t A note with {raw}`latex \\def\\x{}` and <img src=x onerror=alert(1)> and % comment and & ampersand. ",
            "  2.\t Second note with ]] and [^9] and `` back ticks ``. ",
        ]
    )
    + "\n"
)

REGISTER = """entries:
  - {id: h1, line: 3, witness: "alert(1)", reading: "alert(2)", kind: emendation, category: spelling,
     certainty: certain, resp: "<b>ET</b>", rationale: "Backticks ``` and ]] and ; id: zz; note: x and <i>tags</i> {raw}`html <b>`."}
"""

CONF = """
extensions = ["myst_parser", "apparatus"]
edition_metadata = {"title": "T", "author": "A", "editors": ["E"], "edition_date": "2026-01-01"}
exclude_patterns = ["_build"]
"""


def test_a_hostile_witness_and_register_come_out_as_text(tmp_path: Path) -> None:
    (tmp_path / "w.txt").write_text(WITNESS, encoding="utf-8")
    (tmp_path / "editorial").mkdir()
    sha = hashlib.sha256(WITNESS.encode("utf-8")).hexdigest()
    (tmp_path / "editorial" / "edition.yaml").write_text(f'title: "T <script>"\nwitness_sha256: "{sha}"\n', encoding="utf-8")
    (tmp_path / "editorial" / "emendations.yaml").write_text(REGISTER, encoding="utf-8")
    convert = [sys.executable, "-m", "edition_pipeline.cli", "convert", "w.txt", "--out", "src"]
    result = subprocess.run(convert, cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    (tmp_path / "src" / "conf.py").write_text(CONF, encoding="utf-8")
    for builder in ("html", "latex"):
        build = [sys.executable, "-m", "sphinx", "-b", builder, "-W", "-q", "src", f"out/{builder}"]
        done = subprocess.run(build, cwd=tmp_path, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
    soup = BeautifulSoup((tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("div.body, article") or soup
    assert not article.select("script, img, b, i, ol, ul, hr:not(.footnotes), a[href^=javascript]")
    text = article.get_text(" ")
    for literal in (
        "<script>",
        "</script>",
        "{raw}`html <b>x</b>`",
        "\\input{/etc/passwd}",
        "[^9]",
        "**bold**",
        "1. This paragraph",
    ):
        assert literal in text, literal
    pop = soup.select_one("#h1-pop").get_text(" ")
    assert "Backticks ``` and ]] and ; id: zz; note: x and <i>tags</i>" in pop and "<b>ET</b>" in pop
    assert soup.select_one("#h1 .rdg").get_text() == "alert(2)"
    tex = next((tmp_path / "out" / "latex").glob("*.tex")).read_text(encoding="utf-8")
    assert "\\input{/etc/passwd}" not in tex and "\\textbackslash{}input" in tex
