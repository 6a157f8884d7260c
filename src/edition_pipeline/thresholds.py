"""Every threshold of the automatic pass, named and explained in one place (bounds on what an
editor writes are beside it, in bounds.py).

A threshold is a cut-off a rule compares against; the confidence a rule reports with its
evidence is not a threshold and stays beside the rule. Lexicon thresholds are Zipf
frequencies (wordfreq: log10 of occurrences per billion words; 'the' is about 7.7, a word
met once in a book about 3, a word most readers never meet below 1).
"""

from __future__ import annotations

# --- lexicon (hyphenation, candidate errors) ---------------------------------------------
LEXICON_WORD = 2.0
"""A joined form at or above this frequency counts as an English word."""
COMMON_WORD = 3.0
"""Both halves of a split at or above this frequency are common words in their own right."""
URL_PATH_WORD = 3.0
"""In a URL path, a joined form at or above this is a word, and the hyphen the typesetter's."""
FUNCTION_WORD = 6.5
"""A word this frequent ('and', 'the', 'in', 'which') after a URL at a line end belongs to the
sentence, not to the URL's path."""
FOREIGN_WORD = 3.0
"""A word this frequent in a language of names and titles (fr, de, es, it) is not a slip."""
RARE_WORD = 1.0
"""Below this the lexicon does not know the word (baseline detector; a known-but-rare word)."""
KNOWN_NEIGHBOUR = 2.5
"""A correction must be at least this frequent to be suggested for an unknown word."""
FAR_COMMONER = 2.5
"""A rare form whose neighbour is this much commoner is a likely slip ('fisrt' for 'first')."""
ATTESTED_NAME = 1.5
"""A name's neighbour this frequent is attested (a repeated letter in an unknown name)."""
COMMON_NAME = 3.5
"""A capitalized word at or above this is a common word, not a name that may lack accents."""
ACCENT_GAIN = 1.0
"""An accented spelling must be this much commoner in its language to be suggested."""

# --- layout -------------------------------------------------------------------------------
STRAY_TEXT_AFTER_NOTES = 8
"""Lines of text after a blank line below a page's notes, beyond which the notes cannot
continue: a page start (a line beginning with one space) is missing."""

# --- structure ----------------------------------------------------------------------------
MEASURE_QUARTILE = 3
"""The measure (a full line's length) is this quartile of the body's line lengths."""
SHORT_LINE = 0.85
"""A line shorter than this share of the measure (MEASURE_QUARTILE) ends short: a last
line of a paragraph, or a line standing alone."""
HEADING_MAX_LINES = 2
"""A heading runs to at most this many lines."""
HEADING_MAX_WORDS = 14
"""An unnumbered heading has at most this many words."""
TITLE_CASE_SHARE = 0.75
"""Share of content words capitalized for a line to be in title case."""
LIST_SIBLING_REACH = 2
"""A list item's sibling is looked for this many blocks before and after it (a page end or a
stray blank line may split an item)."""
