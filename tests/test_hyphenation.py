"""One test per rule of hyphenation.decide: every branch gives its join and says why."""

from __future__ import annotations

import pytest

from edition_pipeline.hyphenation import Vocabulary, apply_join, decide, is_url_token
from edition_pipeline.witness import split_line


def vocab(*texts: str) -> Vocabulary:
    """The witness's vocabulary from whole lines (each ends with a space: nothing split there)."""
    return Vocabulary([split_line(i, f"{text} ") for i, text in enumerate(texts, 100)])


def decision(left: str, right: str, *known: str):
    return decide(split_line(1, left), split_line(2, right), vocab(*known))


def join_of(left: str, right: str, *known: str) -> str:
    found = decision(left, right, *known)
    return "space" if found is None else found.join


# --- line ends that are plain spaces ----------------------------------------------------------
def test_a_trailing_space_and_no_hyphen_is_a_plain_space() -> None:
    assert decision("the keeper trimmed the ", "wick at dusk") is None


def test_no_trailing_space_before_a_capital_is_a_space() -> None:
    assert join_of("the keeper trimmed the", "Wick at dusk") == "space"


# --- a hyphen at the line end -------------------------------------------------------------------
@pytest.mark.parametrize(
    ("left", "right", "known", "join", "why"),
    [
        ("pages 41-", "57 of the book", (), "keep-hyphen", "a number follows"),
        ("a dash -- and ", "more", (), "space", ""),
        ("the well-", "kept light", ("a well-kept coast",), "keep-hyphen", "witness writes 'well-kept'"),
        ("the log-", "books survive", ("the logbooks survive",), "drop-hyphen", "witness writes 'logbooks'"),
        ("the Sino-", "American minuet", (), "keep-hyphen", "capitalized second half"),
        ("the log-", "booked entries", ("a logbook",), "drop-hyphen", "witness writes 'logbook'"),
        ("an anti-", "zorgle stance", (), "keep-hyphen", "compound prefix 'anti-'"),
        ("the zorb-", "wuggle entente", ("the zorb-fnord talks",), "keep-hyphen", "same first part"),
        ("the inspec-", "tors read it", (), "drop-hyphen", "lexicon: 'inspectors'"),
        ("the water-", "gravity theory", (), "keep-hyphen", "two words"),
        ("the qzx-", "vbn device", (), "drop-hyphen", "no word either way"),
    ],
)
def test_each_rule_for_a_line_end_hyphen(left: str, right: str, known: tuple[str, ...], join: str, why: str) -> None:
    found = decision(left, right, *known)
    assert ("space" if found is None else found.join) == join
    if why:
        assert found is not None and why in found.evidence


def test_a_hyphen_with_no_word_on_one_side_is_kept_with_low_confidence() -> None:
    found = decision("the §-", "§ sign", ())
    assert found is not None and found.join == "keep-hyphen" and found.confidence <= 0.5


# --- no trailing space: a lost hyphen, or a space ---------------------------------------------
@pytest.mark.parametrize(
    ("left", "right", "known", "join", "why"),
    [
        ("the log", "books survive", ("many logbooks",), "lost-hyphen", "witness writes 'logbooks'"),
        ("the log", "booked entries", ("a logbook",), "lost-hyphen", "witness writes 'logbook'"),
        ("the inspec", "tors read it", (), "lost-hyphen", "lexicon"),
        ("the water", "gravity theory", (), "space", "only the trailing space is missing"),
        ("the qzx", "vbn device", (), "lost-hyphen", "no word either way"),
    ],
)
def test_each_rule_for_a_line_end_without_trailing_space(
    left: str, right: str, known: tuple[str, ...], join: str, why: str
) -> None:
    found = decision(left, right, *known)
    assert found is not None and found.join == join and why in found.evidence


# --- URLs ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("char", ["/", ".", "_", "=", "?", "&"])
def test_a_url_broken_after_its_punctuation_is_rejoined_with_no_space(char: str) -> None:
    left = f"see https://www.example.net/records{char}"
    found = decision(left + " ", "archive-history/index.html and more")
    assert found is not None and found.join == "no-space"
    assert apply_join(left, "archive-history/index.html", found).endswith(f"records{char}archive-history/index.html")


def test_a_line_that_opens_with_url_punctuation_continues_the_url() -> None:
    found = decision("at example.org", "/keepers/logbooks. The")
    assert found is not None and found.join == "no-space"


def test_a_url_that_ends_the_sentence_is_followed_by_a_space() -> None:
    assert join_of("see www.example.org.", "The keepers") == "space"


def test_a_function_word_after_a_url_belongs_to_the_sentence() -> None:
    assert join_of("see https://example.org/news/ ", "and the archive") == "space"


@pytest.mark.parametrize(
    ("left", "right", "known", "join", "why"),
    [
        (
            "http://example.org/us-",
            "navy-report/",
            ("http://example.org/us-navy-report/ again",),
            "keep-hyphen",
            "witness writes",
        ),
        ("http://www.nbc-", "miami.com/news", ("www.nbcmiami.com/news",), "drop-hyphen", "witness writes"),
        ("https://example.org/2017-", "04-09/report", (), "keep-hyphen", "number"),
        ("http://en.krem-", "lin.ru/events", (), "drop-hyphen", "host name"),
        ("https://example.org/conflict-any-mo-", "ment-over", (), "drop-hyphen", "'moment' is a word"),
        ("https://example.org/foreign-", "minister-wants", (), "keep-hyphen", "words of a slug"),
        ("https://example.org/qzx-", "vbn-plk", (), "keep-hyphen", "separates its words by hyphens"),
        ("https://example.org/qzx-", "vbn.pdf", (), "drop-hyphen", "typesetter's"),
    ],
)
def test_each_rule_for_a_hyphen_inside_a_url(
    left: str, right: str, known: tuple[str, ...], join: str, why: str
) -> None:
    found = decision(left, right, *known)
    assert found is not None and found.join == join and why in found.evidence, found


@pytest.mark.parametrize(
    ("token", "is_url"),
    [
        ("https://x.example", True),
        ("www.example.museum", True),
        ("example.coop/path", True),
        ("library.fi", True),
        ("U.S.", False),
        ("e.g.", False),
        ("and/or", False),
        ("news/374874-china/", True),
    ],
)
def test_a_url_is_known_by_its_shape_not_by_a_list_of_domains(token: str, is_url: bool) -> None:
    assert is_url_token(token) is is_url
