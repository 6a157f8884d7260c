"""The conversion of the real witness: model, notes, pages, breaks, determinism, schema."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import ROOT, WITNESS

SCHEMA = json.loads((ROOT / "src" / "edition_pipeline" / "model.schema.json").read_text())
GOLD = yaml.safe_load((ROOT / "bench" / "gold" / "000_3a5a0b6ac34543a2.yaml").read_text())


def convert(*args: str) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "edition_pipeline.cli", "convert", str(WITNESS), *args]
    return subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, check=True)


def test_json_model_validates_against_the_schema() -> None:
    model = json.loads(convert("--format", "json").stdout)
    jsonschema.validate(model, SCHEMA)
    assert model["witness"]["lines"] == 960


def test_conversion_is_deterministic(tmp_path: Path) -> None:
    convert("--out", str(tmp_path / "a"))
    convert("--out", str(tmp_path / "b"))
    assert (tmp_path / "a" / "index.md").read_bytes() == (tmp_path / "b" / "index.md").read_bytes()
    assert convert("--format", "json").stdout == convert("--format", "json").stdout


def test_committed_edition_equals_a_fresh_conversion() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "edition_pipeline.cli", "check"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_notes_surviving_wanting_and_truncated(document) -> None:
    status = {note.n: note.status for note in document.notes}
    assert len(status) == 86
    assert [n for n, s in status.items() if s == "wanting"] == [*range(43, 79), *range(81, 87)]
    assert status[39] == "truncated"
    assert all(status[n] == "present" for n in [*range(1, 39), 40, 41, 42, 79, 80])
    assert all(note.marker_line for note in document.notes), "every note has its marker in the text"
    assert document.note(13).text.endswith(
        "www.nbcmiami.com/news/national-international/North-Korea-South-China-Sea-on-Tillerson-Agenda-in-Beijing-416493283.html, March 28, 2017."
    )


def test_pages_and_the_orphan_fragment(document) -> None:
    assert [p.first_line for p in document.pages] == GOLD["pages"]
    assert [(f.line, f.text) for f in document.fragments] == [(942, "Studies 67, No. 6 (August 2015): 893-915.")]


def test_every_line_break_decision_matches_the_gold(document) -> None:
    decided = {b.line: b.join for b in document.breaks if b.join != "space"}
    assert decided == {int(k): v for k, v in GOLD["breaks"].items()}


def test_blocks_match_the_gold(document) -> None:
    got = [[p.first_line, p.last_line, p.kind] for p in document.paragraphs]
    assert got == GOLD["blocks"]


@pytest.mark.parametrize(
    ("n", "fragment"),
    [
        (1, "December 2016.[^1] Moreover"),
        (21, "Period.”[^21] Thus"),
        (40, "the U.S.[^40] Thus"),
        (8, "toward the U.S.[^8] And"),
    ],
)
def test_markers_glued_to_words_become_footnote_references(document, n: int, fragment: str) -> None:
    assert any(fragment in p.text for p in document.paragraphs)


def test_years_and_counts_are_not_markers(document) -> None:
    text = " ".join(p.text for p in document.paragraphs)
    for kept in ("2013’s National Security", "2+N of the Kurile", "during 2016-17.[^20]", "more than 3,600 Chinese"):
        assert kept in text


def test_list_items_are_written_as_myst_lists_with_their_anchors() -> None:
    from markdown_it import MarkdownIt

    from edition_pipeline.convert import convert_witness
    from edition_pipeline.emit import to_myst
    from edition_pipeline.witness import parse_witness_text

    full = "The keepers trimmed the wick at dusk and wound the clockwork that turned the \n"
    text = (
        f" Keepers and their families\n\n{full}lens. Their duties were these: \n\n"
        f"1. trim the wick; \n2. wind the clock. \n\n{full}lens. The signs were two: \n\n• a dot beneath \n"
        f"• a line above \n\n{full}lens. And two more: \n\n(a) a cross \n(b) a circle \n\n{full}lens.\n"
    )
    document = convert_witness(parse_witness_text(text))
    myst = to_myst(document, {"title": "T"})
    assert [p.kind for p in document.paragraphs][:3] == ["heading", "paragraph", "item"]
    assert "1. (p2)=\n   {lb}`6 first`trim the wick;\n2. (p3)=\n   {lb}`7 first`wind the clock." in myst
    assert "- (p5)=\n  {lb}`12 first`a dot beneath\n- (p6)=\n  {lb}`13 first`a line above" in myst
    assert "- (p8)=\n  {lb}`18 first`(a) a cross" in myst
    tokens = [t.type for t in MarkdownIt("commonmark").parse(myst)]
    assert tokens.count("ordered_list_open") == 1 and tokens.count("bullet_list_open") == 2
    assert tokens.count("list_item_open") == 6


def test_the_orphan_line_heads_page_31_in_the_committed_edition() -> None:
    """Line 942 carries W's page-start space: W31 begins with it, then the page's text (943)."""
    myst = (ROOT / "edition" / "index.md").read_text(encoding="utf-8")
    assert (
        "perspectives and {lb}`942`{pb}`31 [line: 942]` {fragment}`Studies 67, No. 6 (August 2015): 893-915. "
        "[line: 942; page: 31; id: fragment-l942]`{ednote}`" in myst
    )
    after = myst[myst.index("{fragment}`Studies 67") :]
    assert after[after.index("[resp: ET; date: 2026-11-25; id: ed1]`") :].startswith(
        "[resp: ET; date: 2026-11-25; id: ed1]` {lb}`943`mutual misperceptions"
    )
    assert myst.count("{fragment}") == 1 and myst.count("{lb}`943") == 1


def test_every_url_of_the_committed_edition_is_one_link() -> None:
    import re

    myst = (ROOT / "edition" / "index.md").read_text(encoding="utf-8")
    assert "<http" not in myst.replace("](<http", "")  # no autolink cut at a line end
    links = re.findall(r"\]\(<(https?://[^>]+)>\)", myst)
    assert len(links) >= 19
    assert "http://en.kremlin.ru/events/president/news/54667" in links


def test_the_model_puts_the_orphan_line_on_the_page_it_heads(document) -> None:
    """Line 942 begins with W's page-start space: it is page 31's, whose text begins at 943."""
    (fragment,) = document.fragments
    assert (fragment.line, fragment.after_line, fragment.page) == (942, 941, 31)
    assert next(p.first_line for p in document.pages if p.n == 31) == 943
