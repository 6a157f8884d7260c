"""One test per rule of the structure stage: boundaries, headings, list items, quotations."""

from __future__ import annotations

import pytest

from edition_pipeline.convert import convert_witness
from edition_pipeline.structure import (
    RawBlock,
    boundary_is_break,
    heading_evidence,
    item_marker,
    list_items,
    quotation_evidence,
    split_at_items,
)
from edition_pipeline.witness import parse_witness_text, split_line

SHORT = 55.0
FULL = "the keeper trimmed the wick at dusk and wound the clockwork that turned"  # fills the measure


def raw(*lines: str, boundary: str = "blank", start: int = 1) -> RawBlock:
    return RawBlock([split_line(start + i, text) for i, text in enumerate(lines)], boundary)


# --- boundaries -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("before", "after", "boundary", "is_break", "why"),
    [
        ("the light never failed.", "The keeper", "blank", True, "closed sentence"),
        ("as one keeper wrote,", "The winter was long", "blank", True, "introducing comma"),
        ("and the light never", "failed in winter.", "blank", False, "lower case"),
        (FULL, "The keeper", "blank", False, "fills the measure"),
        ("Further reading", "The keeper", "blank", True, "short line"),
        ("the light never failed.", "The keeper", "page", True, "before the page end"),
        (FULL + ".", "The keeper", "page", False, "runs on across the page end"),
        ("the light never failed.", "2. The keeper", "line", False, "no sibling"),
    ],
)
def test_each_boundary_rule(before: str, after: str, boundary: str, is_break: bool, why: str) -> None:
    got, evidence = boundary_is_break(raw(before), raw(after, boundary=boundary), SHORT)
    assert got is is_break and why in evidence


def test_after_a_list_item_a_full_line_is_no_evidence_of_a_stray_blank() -> None:
    got, _ = boundary_is_break(raw(FULL), raw("The keeper"), SHORT, after_item=True)
    assert got is True


# --- headings -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("lines", "why"),
    [
        (["4.2. Changes to the upstream sources"], "numbered '4.2.', short sentence case"),
        (["8.1 Run-time shared libraries"], "numbered '8.1'"),
        (["IV. The Coming of Electricity"], "numbered 'IV.', short title case"),
        (["A. Sources and methods"], "numbered 'A.'"),
        (["Keepers and their families"], "short sentence case"),
        (["Consequences of the Failure to Achieve:", "the Korean Issue"], "title case"),
    ],
)
def test_headings_of_every_common_form(lines: list[str], why: str) -> None:
    assert why in heading_evidence(raw(*lines), SHORT, alone_after=True)


@pytest.mark.parametrize(
    ("lines", "alone_after"),
    [
        (["Keepers and their families"], False),  # text follows without a blank line
        (["The keepers trimmed the wick."], True),  # a sentence
        (["the keepers and their families"], True),  # lower case
        ([FULL.capitalize()], True),  # a full line
        (["One", "Two", "Three"], True),  # too many lines
        (["Keepers in the year 1890"], True),  # ends in a number (or a marker)
    ],
)
def test_what_is_not_a_heading(lines: list[str], alone_after: bool) -> None:
    assert heading_evidence(raw(*lines), SHORT, alone_after) == ""


# --- list items -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "marker", "ordinal"),
    [
        ("• trim the wick", "•", None),
        ("– trim the wick", "–", None),
        ("2. Trim the wick", "2.", 2),
        ("2) trim the wick", "2)", 2),
        ("(2) trim the wick", "(2)", 2),
        ("b) trim the wick", "b)", 2),
        ("(b) trim the wick", "(b)", 2),
        ("iii) trim the wick", "iii)", 3),
        ("The keeper", None, None),
    ],
)
def test_list_markers(text: str, marker: str | None, ordinal: int | None) -> None:
    found = item_marker(text)
    assert (found.marker if found else None) == marker
    if found:
        assert found.ordinal == ordinal


def test_items_need_a_sibling_in_order() -> None:
    blocks = [raw("1. Trim the wick;"), raw("2. Wind the clock."), raw("4. Not in order"), raw("b) alone")]
    assert sorted(list_items(blocks)) == [0, 1]


def test_items_without_blank_lines_are_split_at_each_marker() -> None:
    block = raw("The duties were these:", "• trim the wick;", "• wind the clock", "• write the log.")
    parts = split_at_items([block], SHORT)
    assert [p.lines[0].content for p in parts] == [
        "The duties were these:",
        "• trim the wick;",
        "• wind the clock",
        "• write the log.",
    ]


def test_a_dash_inside_running_text_does_not_open_an_item() -> None:
    block = raw(FULL, "– negative or positive – and the rest of the", "sentence.")
    parts = split_at_items([block], SHORT)
    assert len(parts) == 1


# --- quotations -----------------------------------------------------------------------------------
def test_a_quotation_introduced_by_a_colon_and_closed_by_a_marker() -> None:
    assert "introduced" in quotation_evidence("As one keeper wrote:", "The winter was long.[^2]", 1, True)


def test_a_quotation_announced_by_a_reporting_verb() -> None:
    assert "reports speech" in quotation_evidence("The minister said as much.", "We stand firm.[^3]", 1, True)


def test_a_paragraph_after_a_plain_sentence_is_not_a_quotation() -> None:
    assert quotation_evidence("The light never failed.", "The winter was long.[^2]", 1, True) == ""


# --- the stage as a whole ---------------------------------------------------------------------
def test_a_witness_with_heading_list_and_paragraph_after_it() -> None:
    text = (
        " 1. Keepers and their families\n\n"
        "The keepers trimmed the wick at dusk and wound the clock that turned the \n"
        "lens through the long winter night. Their daily duties were these: \n\n"
        "a) trim the wick; \n"
        "b) wind the clock \n"
        "c) write the weather into the logbook. \n\n"
        "The inspectors read each logbook in spring.1 \n\n"
        "  1.\t Ellison, Keepers, p. 4. \n"
    )
    document = convert_witness(parse_witness_text(text))
    assert [(p.kind, p.marker) for p in document.paragraphs] == [
        ("heading", None),
        ("paragraph", None),
        ("item", "a)"),
        ("item", "b)"),
        ("item", "c)"),
        ("paragraph", None),
    ]
    assert document.paragraphs[0].text == "1. Keepers and their families"
    assert document.paragraphs[3].text == "wind the clock"
    assert document.paragraphs[5].text == "The inspectors read each logbook in spring.[^1]"


def test_the_next_marker_of_a_list_opens_an_item_even_after_a_full_line() -> None:
    block = raw("a) build the package with the distribution's own compiler flags and", "b) keep every patch")
    parts = split_at_items([block], SHORT)
    assert [p.lines[0].content for p in parts] == [block.lines[0].content, "b) keep every patch"]
