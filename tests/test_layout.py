"""One test per rule of the layout stage: page start, orphan line, note start, continuation,
and the witnesses whose layout cannot be read."""

from __future__ import annotations

import pytest

from edition_pipeline.diagnostics import InputError
from edition_pipeline.layout import note_is_unfinished, note_number, recover_layout
from edition_pipeline.witness import parse_witness_text, split_line


def layout(text: str):
    return recover_layout(parse_witness_text(text, "w.txt"))


def test_a_line_with_one_leading_space_starts_a_page() -> None:
    found = layout(" Page one text.\nmore text.\n Page two text.\n  two spaces is not a page.\n")
    assert [page.first_line for page in found.pages] == [1, 3]


def test_a_one_line_page_is_an_orphan_line_kept_as_a_fragment() -> None:
    found = layout(" Page one text.\n Studies 67, No. 6 (2015): 893-915.\n Page two text.\n")
    assert [(f.line.number, f.after_line) for f in found.fragments] == [(2, 1)]
    assert [page.first_line for page in found.pages] == [1, 3]


@pytest.mark.parametrize(
    ("raw", "n"), [("  1.\t Ibid.", 1), ("12.\t Ibid.", 12), ("1. Ibid.", None), ("   1.\t x", None)]
)
def test_a_note_starts_with_its_number_a_period_and_a_tab(raw: str, n: int | None) -> None:
    assert note_number(split_line(1, raw)) == n


def test_the_lines_after_a_note_start_continue_the_note() -> None:
    found = layout(" Body text.1 \n\n  1.\t Ellison, The Keepers, \nEdinburgh, 1998. \n")
    (note,) = found.pages[0].notes
    assert [line.number for line in note.lines] == [3, 4]
    assert [line.content for line in found.pages[0].body] == ["Body text.1"]


def test_an_unfinished_note_continues_at_the_foot_of_the_next_page() -> None:
    text = (
        " Body text.1 \n\n  1.\t Ellison, The Keepers of the \n"
        " Page two body text.2 \n\nnorthern lights, 1998. \n\n  2.\t Ibid. \n"
    )
    found = layout(text)
    first = found.pages[0].notes[0]
    assert first.continued_on == 2 and [line.number for line in first.lines] == [3, 6]
    assert all(line.number != 6 for line in found.pages[1].body)


def test_a_note_that_ends_without_closing_is_unfinished() -> None:
    assert note_is_unfinished([split_line(1, "Ellison, The Keepers of the")])
    assert note_is_unfinished([split_line(1, "Statesman-")])
    assert not note_is_unfinished([split_line(1, "Ellison, 1998.")])


def test_notes_out_of_sequence_are_an_input_error() -> None:
    with pytest.raises(InputError, match="note 1 out of sequence"):
        layout(" Body.\n\n  2.\t A. \n  1.\t B. \n")


def test_a_witness_without_page_starts_is_an_input_error_not_note_text() -> None:
    text = "".join(
        f"Body text.{n} \n\n  {n}.\t A note. \nMore body text that would become note text. \n" for n in (1, 2, 3)
    )
    with pytest.raises(InputError, match="no page starts") as error:
        layout(text)
    assert error.value.line == 1 and "w.txt" in str(error.value)


def test_a_long_run_of_text_below_the_notes_is_an_input_error_naming_its_line() -> None:
    body = "".join(f"Body line {i} of the second page. \n" for i in range(12))
    text = " Body text.1 \n\n  1.\t A note. \n\n" + body
    with pytest.raises(InputError, match="page start") as error:
        layout(text)
    assert error.value.line == 5
