"""Write witnesses in the format of W from other English prose, with the gold answer.

Used by the property tests and the benchmark: the pipeline must recover paragraphs, note
texts and every line break of text it has never seen. Hyphenation points come from pyphen.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import pyphen

PROSE = [
    "Lighthouses were once kept by families who lived beside the lamp through the long winter. "
    "The keeper trimmed the wick at dusk, wound the clockwork that turned the lens, and wrote the weather "
    "into a logbook that the inspectors read each spring. Many of those logbooks survive, and historians "
    "have used them to reconstruct storms that no newspaper reported.",
    "The introduction of electricity changed the work entirely. A single technician could now maintain "
    "several stations, travelling between them by boat, and the families moved inland. Some communities "
    "protested the automation, arguing that a well-kept light was also a well-watched coast, and that "
    "rescues depended on someone being awake to see a flare.",
    "Bees communicate the direction of food through a dance performed on the vertical comb. The angle of "
    "the dance relative to gravity encodes the angle of the flowers relative to the sun, and the duration "
    "of the waggle run encodes the distance. Observers first described the behaviour carefully in the "
    "twentieth century, although beekeepers had long suspected that foragers recruited their sisters.",
    "Medieval scribes corrected their own copies with remarkable care. A mistaken word might be expunged "
    "with dots beneath its letters, and the correct reading written above the line or in the margin. "
    "Modern editors record such corrections in an apparatus, distinguishing the scribe's first reading "
    "from the later hand, because the history of a text includes its mistakes.",
    "The railway timetable standardized the hours of entire nations. Before it, each town kept its own "
    "noon by the sun, so that clocks a few miles apart disagreed by minutes. Engineers, merchants and "
    "travellers argued about the inconvenience for decades, and the adoption of standard time was "
    "neither sudden nor universally welcomed.",
    "Glassmakers in the lagoon guarded their techniques jealously. Workers were forbidden to leave the "
    "island without permission, and the penalties for revealing a recipe were severe. Even so, skilled "
    "artisans did emigrate, carrying knowledge of colour and of cristallo to workshops across the "
    "continent, where rulers welcomed them generously.",
]
NOTES = [
    "Margaret Ellison, The Keepers of the Northern Lights, Edinburgh: Harbour Press, 1998, pp. 41-57.",
    "Ibid., p. 12.",
    "Thomas Reed, \u201cAutomation and the Coast,\u201d Maritime History Review 14, No. 2 (2004): 113-130, "
    "https://www.example.org/maritime/automation-and-the-coast-history.",
    "Karl von Frisch, The Dance Language and Orientation of Bees, Cambridge: Belknap, 1967.",
    "See the discussion in Helen Park, Editing Medieval Texts, London: Routledge, 2011, pp. 88-90.",
    "Report of the Commission on Standard Time, Washington, D.C., 1884, www.example.gov.",
]


@dataclass
class Generated:
    text: str
    paragraphs: list[str] = field(default_factory=list)  # gold texts with [^n] markers
    notes: dict[int, str] = field(default_factory=dict)
    breaks: dict[int, str] = field(default_factory=dict)  # line -> join, for non-space joins
    pages: list[int] = field(default_factory=list)  # first lines


def generate(seed: int, n_paragraphs: int = 6, width: int = 68, page_lines: int = 30) -> Generated:
    rng = random.Random(seed)
    dic = pyphen.Pyphen(lang="en_US")
    paragraphs = [PROSE[(seed + k) % len(PROSE)] for k in range(n_paragraphs)]
    rng.shuffle(paragraphs)
    out = Generated("")
    lines: list[str] = []
    note_n = 0
    pending_notes: list[int] = []
    page_body = 0

    def flush_page() -> None:
        nonlocal page_body
        if pending_notes:
            lines.append("")
            for n in pending_notes:
                text = out.notes[n]
                prefix = f"  {n}.\t " if n < 10 else f"{n}.\t "
                first = True
                for chunk in _wrap_plain(text, width + 8):
                    lines.append((prefix if first else "") + chunk + " ")
                    first = False
            pending_notes.clear()
        page_body = 0

    for p_index, paragraph in enumerate(paragraphs):
        sentences = paragraph.split(". ")
        words: list[str] = []
        gold_words: list[str] = []
        for s_index, sentence in enumerate(sentences):
            sentence_words = sentence.split()
            if s_index < len(sentences) - 1:
                sentence_words[-1] += "."
            if rng.random() < 0.35:
                note_n += 1
                out.notes[note_n] = rng.choice(NOTES)
                sentence_words[-1] += str(note_n)
                gold_last = sentence_words[-1][: -len(str(note_n))] + f"[^{note_n}]"
                gold_words.extend(sentence_words[:-1] + [gold_last])
                pending_notes.append(note_n)
            else:
                gold_words.extend(sentence_words)
            words.extend(sentence_words)
        out.paragraphs.append(" ".join(gold_words))
        line = ""
        i = 0
        while i < len(words):
            word = words[i]
            candidate = f"{line} {word}" if line else word
            if len(candidate) <= width:
                line = candidate
                i += 1
                continue
            room = width - len(line) - 1
            split = None
            if "-" in word and word.index("-") + 1 <= room:
                cut = word.index("-") + 1
                split = (word[:cut], word[cut:], "keep-hyphen")
            elif room > 3 and word.isalpha():
                pair = dic.wrap(word, room)
                if pair:
                    lost = rng.random() < 0.08
                    head = pair[0][:-1] if lost else pair[0]
                    split = (head, pair[1], "lost-hyphen" if lost else "drop-hyphen")
            number = len(lines) + 1
            if split:
                head, tail, join = split
                line = f"{line} {head}" if line else head
                lines.append(line)  # no trailing space after a split word
                out.breaks[number] = join
                words[i] = tail
            else:
                lines.append(line + " ")
            page_body += 1
            line = ""
            if page_body >= page_lines:
                flush_page()
                pending_page_start.append(len(lines))
        lines.append(line + (" " if rng.random() < 0.5 else ""))
        page_body += 1
        if p_index < len(paragraphs) - 1:
            lines.append("")
            if page_body >= page_lines:
                flush_page()
                pending_page_start.append(len(lines))
    flush_page()
    # A page starts where a line begins with one space.
    final: list[str] = []
    starts = set(pending_page_start)
    for index, text in enumerate(lines):
        if (index == 0 or index in starts) and text and not text.startswith((" ", "\t")) and not text[:1].isdigit():
            text = " " + text
            out.pages.append(index + 1)
        final.append(text)
    pending_page_start.clear()
    out.text = "\n".join(final) + "\n"
    return out


pending_page_start: list[int] = []


def _wrap_plain(text: str, width: int) -> list[str]:
    chunks: list[str] = []
    line = ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            chunks.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    chunks.append(line)
    return chunks
