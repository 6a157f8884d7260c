"""Paragraphs, headings, block quotations and the abstract, from the body's line flow.

The text layer has lost indentation and type size, so blocks are recovered from what is
left: blank lines and page ends (a boundary counts only where the line before it closes a
sentence or introduces a quotation), short last lines, title-case lines standing alone
(headings), the text before the first heading (abstract), and the sense cues that announce a
quotation (an introducing comma or colon; a reporting verb with one closing citation marker).
What these rules cannot know is given in the structure overrides.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

from .witness import Line

MARKER_TAIL = re.compile(r"[”’\"')\]]*\d{0,3}$")
REPORTING = re.compile(
    r"\b(observes|observed|writes|wrote|written|states|stated|says|said|remarks|remarked|"
    r"reports|reported|declares|declared|notes|noted|told|tells|argues|argued|explains|"
    r"explained|warns|warned|put it|as follows|"
    # a speech act named by its noun: "issued a joint critique", "in a statement"
    r"statement|declaration|communiqu[eé]|critique|remarks|address)\b"
)
SMALL_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "by",
        "for",
        "from",
        "in",
        "into",
        "of",
        "on",
        "or",
        "the",
        "to",
        "with",
        "vs",
        "its",
        "their",
    ]
)


@dataclass
class RawBlock:
    lines: list[Line]
    boundary: str  # 'start', 'blank' or 'page': what separates it from the block before


def normalize_space(text: str) -> str:
    return re.sub(r"[ \t\u00a0]+", " ", text).strip()


def _core(text: str) -> str:
    """The line without closing quotes and a trailing note marker."""
    return MARKER_TAIL.sub("", text.rstrip())


def ends_sentence(text: str) -> bool:
    core = _core(text)
    return bool(core) and core[-1] in ".?!:"


def ends_intro(text: str) -> bool:
    core = _core(text)
    return bool(core) and core[-1] in ",;:"


def is_title_case(text: str) -> bool:
    words = re.findall(r"[A-Za-z][A-Za-z’'-]*", text)
    if not words:
        return False
    content = [w for w in words if w.lower() not in SMALL_WORDS]
    if not content:
        return False
    capital = sum(1 for w in content if w[0].isupper())
    return capital / len(content) >= 0.75 and words[0][0].isupper()


def is_heading(block: RawBlock, short: int) -> bool:
    if len(block.lines) > 2:
        return False
    last = block.lines[-1].content
    text = " ".join(line.content for line in block.lines)
    if re.search(r"[.!?]$", text.rstrip()) or re.search(r"\d$", text.rstrip()):
        return False
    return len(last) < short and is_title_case(text)


def split_raw_blocks(flow: list[Line | tuple[int, int]]) -> list[RawBlock]:
    """Split the body flow (lines and page starts) at blank lines and page breaks."""
    blocks: list[RawBlock] = []
    boundary = "start"
    for item in flow:
        if isinstance(item, tuple):  # a page begins
            if boundary != "blank" and blocks:
                boundary = "page"
            continue
        if item.is_blank:
            if blocks:
                boundary = "blank"
            continue
        if boundary == "continue":
            blocks[-1].lines.append(item)
            continue
        blocks.append(RawBlock([item], boundary if blocks else "start"))
        boundary = "continue"
    return blocks


def typical_length(lines: list[Line]) -> float:
    lengths = [len(line.content) for line in lines if line.content]
    return statistics.median(lengths) if lengths else 60.0


def boundary_is_break(prev: RawBlock, block: RawBlock, short: float) -> tuple[bool, str]:
    last = prev.lines[-1].content
    is_short = len(last) < short
    if block.boundary == "blank":
        nxt = block.lines[0].content.lstrip("“‘\"'(")
        if nxt[:1].islower():
            return False, "stray blank line: the text after it runs on in lower case"
        if ends_sentence(last):
            return True, "blank line after a closed sentence"
        if ends_intro(last):
            return True, "blank line after a clause ending in an introducing comma or colon"
        return False, "stray blank line inside a sentence"
    if block.boundary == "page":
        if is_short and (ends_sentence(last) or ends_intro(last)):
            return True, "short last line closing a sentence before the page end"
        return False, "text runs on across the page end"
    return True, "start"


def last_sentence_of(text: str) -> str:
    """The last sentence, not split after abbreviations such as 'St.', 'U.S.' or 'No.'."""
    pieces = re.split(r"(?:(?<=[.!?])|(?<=[.!?][”’\"']))\s+(?=[“‘\"']?[A-Z])", text.strip())
    sentences: list[str] = []
    for piece in pieces:
        if sentences and re.search(r"(\b[A-Z][a-z]{0,2}\.|\b(?:[A-Za-z]\.){2,})$", sentences[-1]):
            sentences[-1] += " " + piece
        else:
            sentences.append(piece)
    return sentences[-1] if sentences else ""


def quotation_evidence(prev_text: str, text: str, marker_count: int, ends_with_marker: bool) -> str:
    """Why a block reads as a quotation of another's words ('' when it does not)."""
    last_sentence = last_sentence_of(prev_text)
    if ends_intro(prev_text) and ends_with_marker:
        return "introduced by a clause ending in a comma or colon; closes with a citation"
    if REPORTING.search(last_sentence) and marker_count == 1 and ends_with_marker:
        return "the sentence before it reports speech; one citation marker at its end"
    return ""
