"""Paragraphs, headings, list items, block quotations and the abstract, from the body's line flow.

The text layer has lost indentation and type size, so blocks are recovered from what is
left, by the typography of expository prose in general:

* a blank line is a boundary, unless there is positive evidence that it is stray: the text
  after it continues the sentence in lower case, or the line before it fills the measure and
  stops in mid-sentence (a line that ends a block ends short or closes a sentence);
* a page end is a boundary only after a short last line that closes a sentence or clause;
* a heading is a short line or two standing alone (between blank lines or page ends), that
  opens with a capital or a section number (``1.``, ``4.2.``, ``IV.``, ``A.``) and does not end
  as a sentence does, in sentence case or title case;
* a list item opens with a bullet, a number or a letter (``•``, ``–``, ``2.``, ``(b)``, ``iii)``)
  after a line that closes (a sentence, a clause, a short line, a blank line), and has a sibling
  in sequence (one numbered line alone is a heading or text, not a list);
* the abstract is the one block before the first heading; a quotation is announced by an
  introducing comma or colon, or a reporting verb, and closes with one citation marker.

Each rule returns its evidence. Nothing here knows one text; what these rules cannot know is
given in the editors' structure overrides.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

from .thresholds import HEADING_MAX_LINES, HEADING_MAX_WORDS, LIST_SIBLING_REACH, MEASURE_QUARTILE, TITLE_CASE_SHARE
from .witness import Line

MARKER_TAIL = re.compile(r"[”’\"')\]]*\d{0,3}$")
REPORTING = re.compile(
    r"\b(observes|observed|writes|wrote|written|states|stated|says|said|remarks|remarked|"
    r"reports|reported|declares|declared|notes|noted|told|tells|argues|argued|explains|"
    r"explained|warns|warned|put it|as follows|"
    # a speech act named by its noun: "in a statement", "a joint declaration"
    r"statement|declaration|communiqu[eé]|remarks|address)\b"
)
SECTION_NUMBER = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*\.?|[IVXLC]{1,6}\.|[A-Z]\.)\s+(?=[A-Z“‘\"'(])")
"""A section number before a heading's words: '1.', '4.2.', '4.2', 'IV.', 'A.'."""
LIST_MARKER = re.compile(
    r"^(?P<marker>[•◦▪‣●○■□–—*-]"
    r"|\(?(?P<number>\d{1,2})[.)]|\((?P<pnumber>\d{1,2})\)"
    r"|\(?(?P<roman>[ivx]{1,4})[.)]|\((?P<proman>[ivx]{1,4})\)"
    r"|\(?(?P<letter>[a-z])[.)]|\((?P<pletter>[a-z])\))\s+(?=\S)"
)
"""The marker that opens a list item: a bullet or dash, a number, a lower-case roman numeral
or a letter, with its punctuation ('•', '–', '2.', '2)', '(2)', 'iii)', '(b)', 'b.')."""


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


SMALL_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "but",
        "by",
        "for",
        "from",
        "in",
        "into",
        "nor",
        "of",
        "on",
        "or",
        "per",
        "the",
        "to",
        "via",
        "vs",
        "with",
        "its",
        "their",
    ]
)
"""Words title case leaves in lower case."""


def is_title_case(text: str) -> bool:
    words = re.findall(r"[A-Za-z][A-Za-z’'-]*", text)
    if not words:
        return False
    content = [w for w in words if w.lower() not in SMALL_WORDS]
    if not content:
        return False
    capital = sum(1 for w in content if w[0].isupper())
    return capital / len(content) >= TITLE_CASE_SHARE and words[0][0].isupper()


@dataclass(frozen=True)
class ItemMarker:
    marker: str  # as printed: '•', '2.', '(b)'
    style: str  # what siblings share: the bullet itself, or the numbering's kind and punctuation
    ordinal: int | None  # the position a number, numeral or letter gives; None for bullets


_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}


def item_marker(text: str) -> ItemMarker | None:
    """The list marker that opens a line, if any ('2. Install' -> '2.')."""
    match = LIST_MARKER.match(text)
    if not match:
        return None
    marker = match.group("marker")
    shape = re.sub(r"\d+", "N", marker)
    for name in ("number", "pnumber"):
        if match.group(name):
            return ItemMarker(marker, f"number {shape}", int(match.group(name)))
    for name in ("roman", "proman"):
        value = match.group(name)
        if value and value in _ROMAN and value not in ("v", "x"):  # 'v.', 'x)': letters as often as numerals
            return ItemMarker(marker, f"roman {re.sub('[ivx]+', 'N', marker)}", _ROMAN[value])
    for name in ("letter", "pletter"):
        value = match.group(name)
        if value:
            return ItemMarker(marker, f"letter {re.sub('[a-z]', 'N', marker)}", ord(value) - ord("a") + 1)
    return ItemMarker(marker, f"bullet {marker}", None)


def siblings(first: ItemMarker, second: ItemMarker) -> bool:
    """Two markers of one list, in order: the same bullet, or the next number or letter."""
    if first.style != second.style:
        return False
    return first.ordinal is None or second.ordinal == first.ordinal + 1


def closes(text: str, short: float) -> bool:
    """A line after which a new block may begin: it closes a sentence or clause, or ends short."""
    return ends_sentence(text) or ends_intro(text) or len(text) < short


def split_at_items(blocks: list[RawBlock], short: float) -> list[RawBlock]:
    """Split a block where a line opens with a list marker after a line that closes, or with the
    next marker of the item it is in: items printed without blank lines between them. The
    split is kept only if the item has a sibling (``list_items``)."""
    out: list[RawBlock] = []
    for block in blocks:
        current = RawBlock([block.lines[0]], block.boundary)
        out.append(current)
        opened = item_marker(block.lines[0].content)
        for prev, line in zip(block.lines, block.lines[1:], strict=False):
            marker = item_marker(line.content)
            if marker and (closes(prev.content, short) or (opened is not None and siblings(opened, marker))):
                current = RawBlock([line], "line")
                out.append(current)
                opened = marker
            else:
                current.lines.append(line)
    return out


def _continues(block: RawBlock) -> bool:
    """A raw block that can only go on with the block before: it follows a page end or a blank
    line and opens in lower case."""
    return block.boundary in ("page", "blank") and block.lines[0].content.lstrip("“‘\"'(")[:1].islower()


def list_items(blocks: list[RawBlock]) -> dict[int, tuple[ItemMarker, str]]:
    """The raw blocks that open list items (index -> marker and evidence): those whose marker has a
    sibling in order next to them (a page end or a stray blank line may fall inside an item)."""
    markers = [item_marker(block.lines[0].content) for block in blocks]

    def neighbour(i: int, step: int) -> ItemMarker | None:
        j = i + step
        for _ in range(LIST_SIBLING_REACH):
            if not 0 <= j < len(blocks):
                return None
            if markers[j] is not None:
                return markers[j]
            if not _continues(blocks[j if step < 0 else j]):
                return None
            j += step
        return None

    found: dict[int, tuple[ItemMarker, str]] = {}
    for i, marker in enumerate(markers):
        if marker is None:
            continue
        before, after = neighbour(i, -1), neighbour(i, 1)
        if before is not None and siblings(before, marker):
            found[i] = (marker, f"list marker '{marker.marker}' after its sibling '{before.marker}'")
        elif after is not None and siblings(marker, after):
            found[i] = (marker, f"list marker '{marker.marker}' before its sibling '{after.marker}'")
    return found


def heading_evidence(block: RawBlock, short: float, alone_after: bool) -> str:
    """Why a block is a heading ('' when it is not): a short line or two standing alone, opening
    with a capital or a section number, not ending as a sentence or clause does."""
    if len(block.lines) > HEADING_MAX_LINES or not alone_after or block.boundary == "line":
        return ""
    text = " ".join(line.content for line in block.lines).strip()
    last = block.lines[-1].content
    if len(last) >= short or re.search(r"[.,;:\d]$", text):
        return ""
    number = SECTION_NUMBER.match(text)
    words = text[number.end() :] if number else text
    if not words[:1].isupper() and not (words[:1] in "“‘\"'(" and words[1:2].isupper()):
        return ""
    if len(words.split()) > HEADING_MAX_WORDS:
        return ""
    case = "title case" if is_title_case(words) else "sentence case"
    where = f"numbered '{number.group(0).strip()}', " if number else ""
    return f"{where}short {case} line(s) standing alone"


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
    """The measure: the length of a full line. Taken at the upper quartile of line lengths, so
    that short lines (list items, headings, paragraph ends) do not pull it down."""
    lengths = [len(line.content) for line in lines if line.content]
    if len(lengths) < 2:
        return float(lengths[0]) if lengths else 60.0
    return statistics.quantiles(lengths, n=4)[MEASURE_QUARTILE - 1]


def boundary_is_break(prev: RawBlock, block: RawBlock, short: float, after_item: bool = False) -> tuple[bool, str]:
    """Is there a block boundary between two raw blocks of running text, and why. After a list
    item a full last line is no evidence of a stray blank (items end without closing)."""
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
        if not is_short and not after_item:
            return False, "stray blank line: the line before it fills the measure and stops in mid-sentence"
        return True, "blank line after a short line"
    if block.boundary == "page":
        if is_short and (ends_sentence(last) or ends_intro(last)):
            return True, "short last line closing a sentence before the page end"
        return False, "text runs on across the page end"
    if block.boundary == "line":
        return False, "a line that opens like a list item, with no sibling: the text runs on"
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
