"""The detector of candidate errors: on the witness against the register, and on injected slips."""

from __future__ import annotations

from conftest import ROOT
from typos import inject
from witnessgen import generate

from edition_pipeline.convert import convert_witness
from edition_pipeline.editorial import accepted_variants
from edition_pipeline.errors import find_candidates
from edition_pipeline.register import block_of, load_register, matches
from edition_pipeline.witness import parse_witness_text


def test_on_the_witness_candidates_are_mostly_registered_errors_and_certain_ones_are_found(document) -> None:
    candidates = find_candidates(document, accepted_variants(ROOT / "editorial"))
    entries = [e for e in load_register(ROOT / "editorial" / "emendations.yaml") if e.kind in ("emendation", "sic")]
    blocks = {e.id: block_of(document, e.line) for e in entries}
    hit = [c for c in candidates if any(matches(c.where, c.line, c.reading, c.check, e, blocks[e.id]) for e in entries)]
    assert len(hit) / len(candidates) >= 0.5, "precision"
    certain = [e for e in entries if e.certainty == "certain"]
    found = [
        e for e in certain if any(matches(c.where, c.line, c.reading, c.check, e, blocks[e.id]) for c in candidates)
    ]
    assert len(found) / len(certain) >= 0.95, sorted({e.witness for e in certain} - {e.witness for e in found})
    assert len(candidates) <= 60, "proper names and foreign words must not flood the list"


def test_injected_slips_in_other_prose_are_found_with_their_correction() -> None:
    found = total = false = 0
    for seed in range(8):
        text, slips = inject(generate(seed, n_paragraphs=6, rich=False).text, seed)
        candidates = find_candidates(convert_witness(parse_witness_text(text)))
        for line, typo, _original in slips:
            total += 1
            found += any(c.line == line and c.reading == typo for c in candidates)
        false += sum(1 for c in candidates if not any(c.line == line and c.reading == typo for line, typo, _ in slips))
    assert found / total >= 0.9
    assert false <= total // 2


def test_known_checks_on_a_small_text() -> None:
    text = (
        " Editors said the the text was “corrupt’ and wrote to www.example, citing ”Another Study, "
        "et al, and the U.S government, see https://www.example.org/x=.\n"
    )
    checks = {(c.check, c.reading) for c in find_candidates(convert_witness(parse_witness_text(text)))}
    assert ("doubled", "the the") in checks
    assert ("abbreviation", "et al") in checks and ("abbreviation", "U.S") in checks
    assert any(check == "url" and "www.example" in reading for check, reading in checks)
    assert sum(1 for check, _ in checks if check == "quotes") >= 2


def test_a_name_whose_words_run_past_its_acronym() -> None:
    text = (
        " Reports of the National Institute of Research Japan, NIR Papers, and of the Terminal High Altitude "
        "Area Defense (THAAD) programme, and of the Center for Strategic and International Studies in Washington (CSIS). \n"
    )
    flagged = [c.reading for c in find_candidates(convert_witness(parse_witness_text(text))) if c.check == "acronym"]
    assert flagged == ["National Institute of Research Japan"]


def test_candidates_are_placed_by_the_editions_paragraph_numbers(document, html_build) -> None:
    from bs4 import BeautifulSoup

    candidate = next(c for c in find_candidates(document) if c.reading == "anlayze")
    soup = BeautifulSoup((html_build / "index.html").read_text(encoding="utf-8"), "html.parser")
    paragraph = soup.find(id=candidate.where)
    assert paragraph is not None and "anlayze" in paragraph.get_text(), "the witness reading stands in that ¶"
    assert candidate.where == "p3"
