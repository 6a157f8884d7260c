"""Write witnesses in the format of W from other English prose, with the gold answer.

Used by the property tests and the benchmark: the pipeline must recover the blocks (paragraphs,
headings, list items), note texts and markers, and every line break of text it has never seen.
The format is W's (a page starts with a line indented by one space; notes ``N.<TAB>`` at the
page foot; a word split at a line end has no trailing space), the content is what expository
prose has: numbered and unnumbered headings in sentence or title case, bulleted, numbered and
lettered lists, URLs broken by the typesetter at ``/ . - _ = ? &`` or inside a word, note
markers after words, brackets, quotation marks, URLs and numbers, and the odd stray blank line
of a text layer. Hyphenation points come from pyphen.
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
    "Package maintainers rebuild the upstream sources with the distribution's own compiler flags. "
    "Every change to those sources is kept as a separate patch with a short description, so that a "
    "reviewer can see what differs from the release. Shared libraries need particular care, because "
    "a program linked against one version may fail when another is installed.",
    "Cartographers of the early modern period copied coastlines from one another freely. An error in "
    "one chart could travel for a century, surviving every new edition, until a survey ship measured "
    "the coast again. Historians now trace these borrowings through shared mistakes, much as editors "
    "trace the descent of manuscripts.",
]
HEADINGS = [
    "Keepers and their families",
    "The Coming of Electricity",
    "How bees tell direction",
    "Corrections in Medieval Manuscripts",
    "Standard time and its critics",
    "Secrets of the glass workshops",
    "Run-time shared libraries",
    "Changes to the upstream sources",
    "Charts and their errors",
    "What the Logbooks Record",
    "Sources and methods",
    "Further reading",
]
ITEMS = [
    "trim the wick at dusk and check the level of the oil",
    "wind the clockwork that turns the lens every four hours",
    "record the wind, the sea and the visibility in the logbook",
    "Keep a copy of every patch with a short description of its purpose",
    "Build the package with the distribution's own compiler flags",
    "Install the shared library under its full version number",
    "the angle of the dance gives the direction of the flowers",
    "the length of the waggle run gives the distance",
    "dots beneath a word mark it for deletion",
    "a reading above the line replaces the one below it",
    "Compare each chart with a survey of the same coast",
    "Note every error that two charts share",
]
INTROS = [
    "The keeper's daily duties were these:",
    "A maintainer proceeds in three steps:",
    "The dance tells the foragers two things:",
    "Scribes used several signs:",
    "The method is simple:",
]
TITLES = ["Keepers of the Northern Lights", "Automation and the Coast", "Editing Medieval Texts", "Standard Time"]
NOTES = [
    "Margaret Ellison, The Keepers of the Northern Lights, Edinburgh: Harbour Press, 1998, pp. 41-57.",
    "Ibid., p. 12.",
    "Thomas Reed, \u201cAutomation and the Coast,\u201d Maritime History Review 14, No. 2 (2004): 113-130, "
    "https://www.example.org/maritime/automation-and-the-coast-history.",
    "Karl von Frisch, The Dance Language and Orientation of Bees, Cambridge: Belknap, 1967.",
    "See the discussion in Helen Park, Editing Medieval Texts, London: Routledge, 2011, pp. 88-90.",
    "Report of the Commission on Standard Time, Washington, D.C., 1884, www.example.gov.",
]
HOST_WORDS = ["lighthouse", "keepers", "archive", "beekeeping", "manuscripts", "railway", "glass", "packages", "charts"]
SLUG_WORDS = ["history", "automation", "coast", "records", "standard", "time", "dance", "language", "library"]
TLDS = ["org", "com", "net", "info", "io", "museum", "coop", "fi", "is", "nz", "ca", "ch", "travel"]
URL_BREAKS = "/.-_=?&"
BULLETS = ["•", "–", "-", "*", "◦"]
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]


@dataclass
class Generated:
    text: str
    paragraphs: list[str] = field(default_factory=list)  # gold texts of every block, with [^n] markers
    notes: dict[int, str] = field(default_factory=dict)
    breaks: dict[int, str] = field(default_factory=dict)  # line -> join, for non-space joins
    joins: dict[int, str] = field(default_factory=dict)  # line -> join, for every line end inside a block or note
    pages: list[int] = field(default_factory=list)  # first lines
    blocks: list[tuple[int, str, str]] = field(default_factory=list)  # (first line, kind, marker)
    urls: list[str] = field(default_factory=list)  # every URL as it must read, rejoined
    markers: dict[int, int] = field(default_factory=dict)  # note n -> witness line of its marker


@dataclass
class _Word:
    text: str
    url: bool = False
    marker: int | None = None  # a note marker ends this word


def _url(rng: random.Random) -> str:
    host = rng.choice(HOST_WORDS)
    if rng.random() < 0.4:
        host += rng.choice(["-", ""]) + rng.choice(HOST_WORDS)
    host = f"{rng.choice(['https://www.', 'http://', 'www.', 'https://'])}{host}.{rng.choice(TLDS)}"
    segments = []
    for _ in range(rng.randint(1, 3)):
        kind = rng.random()
        words = rng.sample(SLUG_WORDS, rng.randint(1, 4))
        if kind < 0.45:
            segments.append("-".join(words))
        elif kind < 0.65:
            segments.append("_".join(w.capitalize() for w in words))
        elif kind < 0.8:
            segments.append(str(rng.randint(1990, 2020)))
        else:
            segments.append("".join(words))
    url = host + "/" + "/".join(segments)
    roll = rng.random()
    if roll < 0.25:
        url += f"?id={rng.randint(1, 999)}&page={rng.randint(1, 30)}"
    elif roll < 0.4:
        url += ".html"
    elif roll < 0.5:
        url += "/"
    return url


def _sentence_tail(rng: random.Random, sentence: str) -> tuple[list[_Word], str]:
    """What a sentence ends with before its period: a quotation, a bracket, a URL, a number, or
    nothing; returns the words to add and the closing punctuation."""
    roll = rng.random()
    if roll < 0.12:
        words = rng.choice(TITLES).split()
        return [_Word(w) for w in ["in", "\u201c" + words[0], *words[1:-1]]] + [_Word(words[-1] + ",\u201d")], ""
    if roll < 0.2:
        return [_Word("(" + str(rng.randint(1850, 2015)) + ")")], "."
    if roll < 0.26:
        if rng.random() < 0.5:
            return [_Word("\u2018" + rng.choice(["the", "a"])), _Word(rng.choice(SLUG_WORDS) + ".\u2019")], ""
        return [_Word("\u2018" + rng.choice(["the", "a"])), _Word(rng.choice(SLUG_WORDS) + "\u2019")], "."
    if roll < 0.31:
        return [_Word("[" + rng.choice(["sic", "original", "italics"]) + "]")], "."
    if roll < 0.43:
        return [_Word(rng.choice(["at", "online at", "from"])), _Word(_url(rng), url=True)], "."
    if roll < 0.5:
        return [_Word("in"), _Word(str(rng.randint(1850, 2015)))], "."
    return [], "."


class _Writer:
    """Lays words out in lines of W's format, recording the gold of every line end."""

    def __init__(self, seed: int, width: int, page_lines: int) -> None:
        self.rng = random.Random(seed)
        self.dic = pyphen.Pyphen(lang="en_US")
        self.width = width
        self.page_lines = page_lines
        self.out = Generated("")
        self.lines: list[str] = []
        self.page_starts: list[int] = [0]
        self.pending_notes: list[int] = []
        self.page_body = 0

    # --- filling ------------------------------------------------------------------------
    def _split(self, word: _Word, room: int) -> tuple[str, str, str, bool] | None:
        """Where a word that does not fit may break: (head, tail, join, trailing space)."""
        text = word.text
        if word.url:
            core_end = len(text.rstrip(".,;:)”’"))
            cuts = []
            for i, char in enumerate(text[:core_end]):
                if char in URL_BREAKS and 0 < i < core_end - 1:
                    if char in "/." and text[i - 1 : i + 2] != "://" and self.rng.random() < 0.3:
                        cuts.append((i, "no-space"))  # before the slash or dot
                    cuts.append((i + 1, "keep-hyphen" if char == "-" else "no-space"))
            cuts = [
                c for c in cuts if c[0] <= room and not text[: c[0]].endswith(("http:", "https:", "http:/", "https:/"))
            ]
            if cuts and self.rng.random() < 0.85:
                cut, join = max(cuts)
                return text[:cut], text[cut:], join, self.rng.random() < 0.3
            # a typesetter's hyphen inside a word of the URL (a slug word, or a host word)
            best = None
            for start in range(len(text)):
                if text[start].isalpha() and (start == 0 or not text[start - 1].isalpha()):
                    end = start
                    while end < len(text) and text[end].isalpha():
                        end += 1
                    for pos in self.dic.positions(text[start:end]):
                        if start + pos + 1 <= room:
                            best = start + pos
            if best is not None and text[best - 1] != "-" and text[best] != "-":
                return text[:best] + "-", text[best:], "drop-hyphen", False
            return None
        if "-" in text and text.index("-") + 1 <= room and not text.startswith("-"):
            cut = text.index("-") + 1
            return text[:cut], text[cut:], "keep-hyphen", False
        if room > 3 and text.isalpha():
            pair = self.dic.wrap(text, room)
            if pair:
                lost = self.rng.random() < 0.08
                head = pair[0][:-1] if lost else pair[0]
                return head, pair[1], "lost-hyphen" if lost else "drop-hyphen", False
        return None

    def fill(
        self, words: list[_Word], first_prefix: str = "", width: int | None = None, ends: list[int] | None = None
    ) -> list[tuple[str, str]]:
        """Lines (text, join at its end) for the words; the last line's join is ''. ``ends``
        receives, for each word, the index of the line where it ends."""
        width = width or self.width
        out: list[tuple[str, str]] = []
        if ends is None:
            ends = []
        ends.clear()
        line = first_prefix
        words = list(words)
        i = 0
        empty = True
        while i < len(words):
            word = words[i]
            candidate = f"{line} {word.text}" if not empty else line + word.text
            if len(candidate) <= width:
                line, empty = candidate, False
                ends.append(len(out))
                i += 1
                continue
            room = width - len(line) - (0 if empty else 1)
            split = self._split(word, room)
            if split:
                head, tail, join, trailing = split
                line = f"{line} {head}" if not empty else line + head
                out.append((line + (" " if trailing else ""), join))
                words[i] = _Word(tail, word.url, word.marker)
            else:
                out.append((line + " ", "space"))
            line, empty = "", True
        out.append((line + (" " if self.rng.random() < 0.5 else ""), ""))
        return out

    # --- pages --------------------------------------------------------------------------
    def flush_page(self) -> None:
        if self.pending_notes:
            self.lines.append("")
            for n in self.pending_notes:
                prefix = f"  {n}.\t " if n < 10 else f"{n}.\t "
                words = [_Word(w, url="://" in w or w.startswith("www.")) for w in self.out.notes[n].split()]
                filled = self.fill(words, prefix, self.width + 8)
                for k, (text, join) in enumerate(filled):
                    if k < len(filled) - 1:
                        self.out.joins[len(self.lines) + 1] = join
                        if join != "space":
                            self.out.breaks[len(self.lines) + 1] = join
                    self.lines.append(text.rstrip() + " " if join in ("space", "") else text)
            self.pending_notes.clear()
        self.page_body = 0
        self.page_starts.append(len(self.lines))

    def body_line(self, text: str) -> None:
        self.lines.append(text)
        self.page_body += 1

    def end_block(self, blank: bool = True) -> None:
        if blank:
            self.lines.append("")
        if self.page_body >= self.page_lines:
            self.flush_page()

    def block(self, kind: str, words: list[_Word], gold: str, marker: str = "") -> None:
        prefix = f"{marker} " if marker else ""
        ends: list[int] = []
        filled = self.fill(words, prefix, ends=ends)
        first = len(self.lines) + 1
        self.out.blocks.append((first, kind, marker))
        self.out.paragraphs.append(gold)
        actual: list[int] = []
        for k, (text, join) in enumerate(filled):
            number = len(self.lines) + 1
            actual.append(number)
            if k < len(filled) - 1:
                self.out.joins[number] = join
                if join != "space":
                    self.out.breaks[number] = join
            self.body_line(text)
            if k < len(filled) - 1:
                if self.page_body >= self.page_lines:
                    self.flush_page()
                elif kind == "paragraph" and join == "space" and self.rng.random() < 0.005:
                    self.lines.append("")  # a stray blank line of the text layer
        for word, end in zip(words, ends, strict=True):
            if word.marker is not None:
                self.out.markers[word.marker] = actual[end]

    def finish(self) -> Generated:
        self.flush_page()
        final: list[str] = []
        starts = set(self.page_starts)
        mark_next = False
        for index, text in enumerate(self.lines):
            if index in starts:
                mark_next = True
            if mark_next and text:
                text = " " + text
                self.out.pages.append(index + 1)
                mark_next = False
            final.append(text)
        self.out.text = "\n".join(final) + "\n"
        return self.out


def generate(seed: int, n_paragraphs: int = 6, width: int = 68, page_lines: int = 30, rich: bool = True) -> Generated:
    """A witness of ``n_paragraphs`` paragraphs of prose; ``rich`` adds headings, lists, URLs and
    markers after brackets, quotation marks, URLs and numbers."""
    writer = _Writer(seed, width, page_lines)
    rng = writer.rng
    paragraphs = [PROSE[(seed + k) % len(PROSE)] for k in range(n_paragraphs)]
    rng.shuffle(paragraphs)
    note_n = 0
    section = 0
    heading_style = rng.choice(["number", "decimal", "roman", "letter", "none", "none"])
    headings = rng.sample(HEADINGS, len(HEADINGS))

    def add_note(word: _Word, gold: list[str]) -> None:
        nonlocal note_n
        note_n += 1
        writer.out.notes[note_n] = rng.choice(NOTES)
        writer.out.urls += [w.rstrip(".,") for w in writer.out.notes[note_n].split() if "://" in w or "www." in w]
        writer.pending_notes.append(note_n)
        word.marker = note_n
        gold[-1] = gold[-1] + f"[^{note_n}]"
        word.text += str(note_n)

    for p_index, paragraph in enumerate(paragraphs):
        if rich and (p_index == 1 or (p_index > 1 and rng.random() < 0.35)):
            section += 1
            title = headings[section % len(headings)]
            number = {
                "number": f"{section}.",
                "decimal": f"{section}.{rng.randint(1, 4)}.",
                "roman": f"{ROMAN[section % len(ROMAN)]}.",
                "letter": f"{chr(64 + section)}.",
                "none": "",
            }[heading_style]
            text = f"{number} {title}" if number else title
            writer.block("heading", [_Word(w) for w in text.split()], text)
            writer.end_block()
        words: list[_Word] = []
        gold: list[str] = []
        sentences = paragraph.split(". ")
        intro = rich and rng.random() < 0.3
        if intro:
            sentences[-1] = sentences[-1].rstrip(".")
            sentences.append(rng.choice(INTROS))
        for sentence in sentences:
            sentence_words = [_Word(w) for w in sentence.rstrip(".:").split()]
            end = ":" if sentence.endswith(":") else "."
            tail_end = False
            if rich and end == "." and rng.random() < 0.5:
                tail, end = _sentence_tail(rng, sentence)
                sentence_words += tail
                writer.out.urls += [w.text for w in tail if w.url]
                tail_end = bool(tail) and end == "."
            if sentence_words[-1].text.endswith(",\u201d"):
                sentence_words[-1].text = sentence_words[-1].text[:-2] + ".\u201d"
                tail_end = False
            sentence_words[-1].text += end
            gold += [w.text for w in sentence_words]
            words += sentence_words
            if rng.random() < 0.35 and end != ":":
                last = sentence_words[-1]
                if tail_end and last.text.endswith(".") and rng.random() < 0.4:
                    last.text, gold[-1] = last.text[:-1], gold[-1][:-1]  # the marker before the period
                    add_note(last, gold)
                    last.text, gold[-1] = last.text + ".", gold[-1] + "."
                else:
                    add_note(last, gold)
        writer.block("paragraph", words, " ".join(gold))
        writer.end_block()
        if intro:
            style = rng.choice(["bullet", "number", "paren", "letter", "pletter"])
            bullet = rng.choice(BULLETS)
            blank_between = rng.random() < 0.5
            items = rng.sample(ITEMS, rng.randint(2, 4))
            for k, item in enumerate(items):
                marker = {
                    "bullet": bullet,
                    "number": f"{k + 1}.",
                    "paren": f"{k + 1})",
                    "letter": f"{chr(97 + k)})",
                    "pletter": f"({chr(97 + k)})",
                }[style]
                punct = ";" if k < len(items) - 1 else "."
                item_words = [_Word(w) for w in item.split()]
                item_words[-1].text += punct if rng.random() < 0.7 else ""
                item_gold = [w.text for w in item_words]
                if rng.random() < 0.15:
                    add_note(item_words[-1], item_gold)
                writer.block("item", item_words, " ".join(item_gold), marker)
                writer.end_block(blank=blank_between or k == len(items) - 1)
    return writer.finish()
