"""The pipeline on witnesses written for the tests, from other prose (nothing of W)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scoring import f1, score
from witnessgen import generate

from edition_pipeline.convert import convert_witness
from edition_pipeline.diagnostics import InputError
from edition_pipeline.hyphenation import Vocabulary, apply_join, decide
from edition_pipeline.notes import find_markers
from edition_pipeline.witness import parse_witness_text, split_line

SCHEMA = json.loads((Path(__file__).parent.parent / "src" / "edition_pipeline" / "model.schema.json").read_text())


@settings(max_examples=25, deadline=None)
@given(
    st.integers(min_value=0, max_value=10_000),
    st.integers(min_value=55, max_value=75),
    st.integers(min_value=18, max_value=40),
)
def test_generated_witnesses_round_trip_and_recover_breaks_and_notes(seed: int, width: int, page_lines: int) -> None:
    generated = generate(seed, width=width, page_lines=page_lines, rich=False)
    witness = parse_witness_text(generated.text)
    assert witness.render() == generated.text
    result = score(convert_witness(witness), generated)
    assert result["breaks"][0] == result["breaks"][1]
    assert result["notes"][0] == result["notes"][1]
    assert result["pages"][0] == result["pages"][1]


def test_a_hand_written_witness_with_heading_quote_url_and_lost_note() -> None:
    text = (
        " The Keepers of the Light \n\nLighthouses were kept by families who lived be-\n"
        "side the lamp.1 As one keeper wrote, \n\nThe winter was long and the oil ran low, yet we "
        "never let the light fail.2\n\nThe archive is online at https://www.example.org/light\n"
        "house/logbooks and in print.3 \n\n  1.\t Ellison, Keepers, p. 4. \n  2.\t Ibid., p. 9. \n"
        " The logbooks survive in the county record office.4 \n"
    )
    document = convert_witness(parse_witness_text(text))
    kinds = [p.kind for p in document.paragraphs]
    # "print.3" is a short line closing a sentence before the page end: a paragraph ends there
    assert kinds == ["heading", "paragraph", "blockquote", "paragraph", "paragraph"]
    assert (
        document.paragraphs[1].text
        == "Lighthouses were kept by families who lived beside the lamp.[^1] As one keeper wrote,"
    )
    assert (
        document.paragraphs[3].text
        == "The archive is online at https://www.example.org/lighthouse/logbooks and in print.[^3]"
    )
    assert document.paragraphs[4].page_breaks[0].n == 2
    assert [(n.n, n.status) for n in document.notes] == [(1, "present"), (2, "present"), (3, "wanting"), (4, "wanting")]


def test_rich_generated_witnesses_meet_the_targets() -> None:
    """Headings, lists, URLs broken at every kind of character, markers after brackets, quotes,
    URLs and years: the automatic pass on 30 witnesses meets the targets of BENCHMARKS.md."""
    totals: dict[str, list[int]] = {}
    for seed in range(30):
        generated = generate(seed)
        witness = parse_witness_text(generated.text)
        assert witness.render() == generated.text
        for key, (a, b) in score(convert_witness(witness), generated).items():
            totals.setdefault(key, [0, 0])
            totals[key][0] += a
            totals[key][1] += b
    rate = {key: a / b for key, (a, b) in totals.items() if b}
    assert rate["joins"] >= 0.99 and rate["breaks"] >= 0.97, totals
    assert rate["urls"] >= 0.95 and rate["notes"] >= 0.99 and rate["markers"] >= 0.98, totals
    assert f1(tuple(totals["boundaries"])) >= 0.97, totals  # type: ignore[arg-type]
    assert f1(tuple(totals["headings"])) >= 0.95 and f1(tuple(totals["items"])) >= 0.95, totals  # type: ignore[arg-type]
    assert totals["urls"][1] >= 30 and totals["headings"][1] >= 30 and totals["items"][1] >= 30, (
        "the generator makes them"
    )


@pytest.mark.parametrize(
    ("text", "expected", "found"),
    [
        ("in December 2016.1 Moreover", 1, [1]),
        ("the U.S.40 Thus", 40, [40]),
        ("(Ellison 1998)3 and", 3, [3]),
        ("(2004).3 The", 3, [3]),
        ("a well-watched coast.”12 The", 12, [12]),
        ("the ‘long winter’4 and", 4, [4]),
        ("the keeper [sic]5 and", 5, [5]),
        ("at https://example.org/news/6 and", 6, [6]),
        ("at www.example.org.7 The", 7, [7]),
        ("manuscripts in 19204. The", 4, [4]),
        ("2013’s National Security", 13, []),
        ("during 2016-17.20 the", 20, [20]),
        ("more than 3,600 Chinese", 6, []),
        ("in 2016 and 3 more", 3, []),
    ],
)
def test_markers_after_words_brackets_quotes_urls_and_years_not_counts(
    text: str, expected: int, found: list[int]
) -> None:
    assert [n for _, _, n in find_markers(text, expected)] == found


def test_one_marker_lost_in_the_text_layer_does_not_lose_those_after_it() -> None:
    # marker 2 is glued to the digits that end a URL ('page=102'): 3 and 4 are still found
    assert [n for _, _, n in find_markers("page=102. Then the light.3 And the keeper.4", 2)] == [3, 4]


_PIECES = st.sampled_from(
    [
        "the",
        "keeper",
        "Light",
        "house",
        "log-",
        "book",
        "1.",
        "a)",
        "•",
        "–",
        "IV.",
        "4.2.",
        "(b)",
        "2016.",
        "3",
        "https://www.",
        "example.org/",
        "news-",
        "index.html",
        "?id=",
        "&page=",
        "”",
        "’",
        ")",
        "]",
        "wrote:",
        "said,",
    ]
)
_LINE = st.tuples(
    st.sampled_from(["", " ", "  "]),
    st.lists(_PIECES, min_size=0, max_size=9).map(" ".join),
    st.sampled_from(["", " "]),
).map("".join)


@settings(max_examples=150, deadline=None)
@given(st.lists(_LINE, min_size=1, max_size=40))
def test_any_text_converts_to_a_valid_model_or_is_refused_with_its_line(lines: list[str]) -> None:
    """The stages never crash: any text in the format's alphabet converts to a model that the
    schema accepts (every block has text, items have markers), or is an InputError naming a line."""
    text = " " + "\n".join(lines) + "\n"
    try:
        document = convert_witness(parse_witness_text(text, "t.txt"))
    except InputError as error:
        assert error.line is None or 1 <= error.line <= len(lines)
        return
    jsonschema.validate(document.to_json(), SCHEMA)
    for paragraph in document.paragraphs:
        assert (paragraph.kind == "item") == (paragraph.marker is not None)
        assert paragraph.first_line <= paragraph.last_line


@settings(max_examples=300, deadline=None)
@given(_LINE, _LINE)
def test_a_join_loses_no_character_but_a_line_end_hyphen(left: str, right: str) -> None:
    left_line, right_line = split_line(1, left), split_line(2, right)
    if not left_line.content or not right_line.content:
        return
    found = decide(left_line, right_line, Vocabulary([left_line, right_line]))
    joined = apply_join(left_line.content, right_line.content, found)
    whole = left_line.content + right_line.content
    assert joined.replace(" ", "") in (
        whole.replace(" ", ""),
        (left_line.content[:-1] + right_line.content).replace(" ", ""),
    )
    if found is not None and found.join == "drop-hyphen":
        assert left_line.content.endswith("-")
