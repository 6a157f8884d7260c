"""The MyST renderer (emit.py): what it writes parses, with MyST's own parser, to exactly the
text and links the stream holds; no witness text becomes markup."""

from __future__ import annotations

from myst_parser.config.main import MdParserConfig
from myst_parser.mdit_to_docutils.base import DocutilsRenderer
from myst_parser.parsers.mdit import create_md_parser

from edition_pipeline.emit import render_events
from edition_pipeline.placement import LineStart, LinkClose, LinkOpen, Text, place

PARSER = create_md_parser(MdParserConfig(), DocutilsRenderer)


def inline(myst: str) -> list[tuple[str, str, dict]]:
    """The inline tokens MyST makes of a paragraph: (type, content, attributes)."""
    tokens = PARSER.parse(myst)
    return [(t.type, t.content, dict(t.attrs)) for token in tokens if token.children for t in token.children]


def test_witness_text_that_looks_like_markup_stays_text() -> None:
    hostile = "A {emend}`x [wit: y]` and [a](evil.example) <script>alert(1)</script> *b* `c` $d$ ~e~ | f \\ g"
    events = place(hostile, [[1, 0]], {}, [])
    tokens = inline(render_events(events))
    assert [t for t, _, _ in tokens] == ["myst_role", "text"]  # the line start, then one text
    assert tokens[1][1] == hostile


def test_a_markdown_link_in_the_witness_links_only_the_url_it_shows() -> None:
    text = "[a](http://evil.example/x) and [b](javascript:alert(1))"
    tokens = inline(render_events(place(text, [[1, 0]], {}, [])))
    links = [attrs["href"] for kind, _, attrs in tokens if kind == "link_open"]
    assert links == ["http://evil.example/x"]
    assert "".join(content for kind, content, _ in tokens if kind == "text") == text


def test_a_url_is_one_link_with_its_line_starts_inside() -> None:
    text = "See https://example.org/a_(b)/c?d=1&e=*f*."
    cut = text.index("c?d")
    events = place(text, [[1, 0], [2, cut]], {}, [])
    url = "https://example.org/a_(b)/c?d=1&e=*f*"
    assert LinkOpen(url) in events and LinkClose(url) in events
    assert events[-1] == Text(".")  # the full stop is the sentence's
    tokens = inline(render_events(events))
    assert [t for t, _, _ in tokens] == [
        "myst_role",
        "text",
        "link_open",
        "text",
        "myst_role",
        "text",
        "link_close",
        "text",
    ]
    assert tokens[2][2] == {"href": url}
    assert tokens[3][1] + tokens[5][1] == url  # the link shows the URL, W's line start inside it
    assert tokens[4][1] == "2"


def test_a_url_without_a_scheme_is_text() -> None:
    events = place("at www.example.org, and", [[1, 0]], {}, [])
    assert not any(isinstance(e, LinkOpen) for e in events)
    assert [type(e) for e in events] == [LineStart, Text]


def test_a_line_of_w_that_begins_inside_an_interventions_words_is_its_lb_field() -> None:
    from apparatus.fields import parse_fields
    from apparatus.vocabulary import line_starts

    from edition_pipeline.register import Anchor, Entry

    text = "as tense if not tenser than before"
    cut = text.index("tenser")
    entry = Entry(
        "e1",
        1,
        "as tense if not tenser than",
        "as tense as, if not tenser than",
        "sic",
        "omission",
        "possible",
        "Why.",
        "ET",
        "",
        1,
    )
    events = place(text, [[1, 0], [2, cut]], {2: "space"}, [Anchor(entry, ("p", 0), 0, len(entry.witness), 1)])
    myst = render_events(events)
    roles = [(content, attrs) for kind, content, attrs in inline(myst) if kind == "myst_role"]
    assert [content for content in roles if content[0].startswith("2")] == [], "no {lb} role for line 2"
    sic = next(content for content, _ in roles if content.startswith("as tense"))
    shown, fields = parse_fields(sic)
    assert shown == entry.witness and line_starts(fields["lb"], len(shown)) == [(cut, 2, "")]
