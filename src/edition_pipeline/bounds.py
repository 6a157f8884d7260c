"""Bounds on what an editor writes: every limit on editorial text, named and explained in one place.

The thresholds of the automatic pass are in thresholds.py; these are limits on input. They
apply to proposals (when proposed, listed, accepted or rejected, and to the options of the
command line) and to the emendation register whenever it is loaded. A value beyond a bound is
an exit-2 error naming the file and the line of its key, never something a build trips on later.
"""

from __future__ import annotations

READING_MAX = 200
"""Characters in a reading (and in the witness reading it replaces). An apparatus entry shows
a word or a phrase; the longest reading of the register is under 40 characters, and a reading
that runs to several printed lines is a passage to rewrite, not an emendation. A 1,000-character
reading broke `make pdf`."""

RATIONALE_MAX = 2000
"""Characters in a rationale or a reviewer's comment: room for a paragraph with its evidence
(the longest rationale of the register is under 500), not for a document pasted in by mistake."""

NAME_MAX = 100
"""Characters in an editor's name (proposer, reviewer, resp): a full name with titles fits; the
name is printed in the apparatus and the responsibility statement."""

TOKEN_MAX = 60
"""Characters in an unbreakable token (a run without a space or a hyphen) that is not a URL.
LaTeX breaks lines only at spaces and hyphens: a token longer than a printed line (about 60
characters of the measure) runs into the margin, and a very long one makes `make pdf` fail
(xdvipdfmx crashed at 5,000 characters)."""

URL_MAX = 200
"""Characters in a URL, the one kind of long token allowed (an address cannot be split without
changing it). The longest URL of the witness and the bibliography has 141 characters; a longer
address is better given as a DOI or an archive's short link."""
