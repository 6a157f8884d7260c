"""A tenth role, as a newcomer adds it: tests/roots/test-newrole defines ``{damage}`` (TEI damage) in
the root's own extension module (damage_role.py), from the extension's public parts only (``Recorded``,
``ApparatusRole``, ``Kind``), its fields and its kind declared on its classes. The list of emendations
and apparatus.json take it with no edit of listing.py, fields.py, domain.py or vocabulary.py; a kind
or a role declared nowhere stops the build, naming it. Also: supplied text's reason and note both
kept (test-reason)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import jsonschema
import pytest
from apparatus import vocabulary
from bs4 import BeautifulSoup
from sphinx.errors import ExtensionError

EXTENSION = Path(__file__).parent.parent / "extensions" / "apparatus"


def _items(app) -> dict[str, BeautifulSoup]:
    soup = BeautifulSoup((app.outdir / "apparatus.html").read_text(), "html.parser")
    return {li["id"]: li for li in soup.select("ul.apparatus-list > li")}


def _root_with(rootdir, tmp_path, line: str = ""):
    """A copy of the test root, with ``line`` added to its index.md."""
    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / "test-newrole", srcdir)
    if line:
        index = srcdir / "index.md"
        index.write_text(index.read_text() + f"\n{line}\n")
    return srcdir


def _flat(node) -> str:
    return " ".join(node.get_text("").split())


@pytest.mark.sphinx("html", testroot="newrole", freshenv=True)
def test_a_new_role_declared_in_its_own_module_is_listed_in_its_own_words(app, warning) -> None:
    app.build()
    assert warning.getvalue() == ""
    items = _items(app)
    assert list(items) == ["app-e1", "app-d1", "app-s1", "app-d2"], "every entry, the new kind among them"
    d1 = items["app-d1"]
    assert "app-damage" in d1["class"]
    text = _flat(d1)
    assert "the murky log] damaged in W; perhaps the musty log — damage, probable. the ink has faded" in text, text
    assert "sic" not in text, "never printed as a sic"
    assert d1.select_one(".app-wit").get_text() == "the murky log"
    assert d1.select_one(".app-lemma").get_text() == "the musty log"
    assert d1.select_one("em").get_text() == "damaged in W", "the editors' words in italics"
    assert d1.select_one("a.app-place")["href"] == "index.html#d1"
    # no other reading: the "perhaps" part is left out
    assert "a gull] damaged in W — damage." in _flat(items["app-d2"]) and "perhaps" not in _flat(items["app-d2"])
    # the project's own kinds read as before
    assert "wick] wikc W" in _flat(items["app-e1"])
    assert "all nigth] sic W; perhaps all night" in _flat(items["app-s1"])

    data = json.loads((app.outdir / "apparatus.json").read_text())
    published = json.loads((app.outdir / data["schema"]).read_text())
    jsonschema.validate(data, published)  # the schema beside it describes it, the new kind included
    damaged = {e["id"]: e for e in data["interventions"] if e["type"] == "damage"}
    assert set(damaged) == {"d1", "d2"}
    assert (damaged["d1"]["witness"], damaged["d1"]["lemma"], damaged["d1"]["note"]) == (
        "the murky log",
        "the musty log",
        "the ink has faded",
    )
    assert (damaged["d1"]["page"], damaged["d1"]["line"], damaged["d1"]["para"]) == (1, 1, "p1")
    assert "damage" not in vocabulary.KINDS, "the project's own schema and vocabulary are untouched"
    for name in ("listing.py", "fields.py", "domain.py", "vocabulary.py"):
        assert "damage" not in (EXTENSION / name).read_text(), f"{name} names no new kind"

    # in the text, the words with their popover, as a reading has them (markup.popover, markup.disclosure)
    soup = BeautifulSoup((app.outdir / "index.html").read_text(), "html.parser")
    word = soup.select_one("#d1")
    assert (word.get_text(), word["role"], word["aria-controls"]) == ("the murky log", "button", "d1-pop")
    assert word["class"] == ["app", "app-damage", "cert-probable"] and word.find_parent(class_="app-wrap") is not None
    assert soup.select_one("#d2")["class"] == ["app", "app-damage"], "no certainty stated: none assumed"
    pop = soup.select_one("#d1-pop")
    assert [_flat(part) for part in pop.select(".app-pop-wit, .app-pop-note")] == [
        "damaged in W",
        "perhaps the musty log",
        "the ink has faded",
    ]
    assert pop.select_one("a.app-pop-link")["href"] == "apparatus.html#app-d1"


@pytest.mark.sphinx("latex", testroot="newrole", freshenv=True)
def test_the_printed_list_gives_the_new_kind_in_its_own_words(app, warning) -> None:
    app.build()
    assert warning.getvalue() == ""
    tex = next(app.outdir.glob("*.tex")).read_text()
    entry = next(line for line in tex.splitlines() if r"\pageref{app:d1}" in line)
    assert r"\DUrole{app-wit}{the murky log}{]} \sphinxstyleemphasis{damaged in W}; perhaps" in entry, entry
    assert "sic" not in entry
    # at the page foot, keyed to the line where its words begin, in the list's words (footentries: no code of its own)
    assert r"\edappstart{d1}the murky log" in tex
    foot = r"\edapp{d1}{}{the murky log{]}\enspace {\itshape damaged in~\edsiglum}; perhaps the musty log~\mbox{\textit{(probable)}}}"
    assert foot in tex, [line for line in tex.splitlines() if "edapp{d1}" in line]


def test_an_incremental_build_keeps_the_new_kinds_declaration(make_app, rootdir, tmp_path) -> None:
    """The list's page is written again from the saved environment, the document with the new kind not re-read."""
    srcdir = _root_with(rootdir, tmp_path)
    make_app("html", srcdir=srcdir, freshenv=True).build()
    page = srcdir / "apparatus.md"
    page.write_text(page.read_text().replace("# Apparatus", "# The apparatus"))
    app = make_app("html", srcdir=srcdir)
    app.build()
    read = re.findall(r"reading sources\.\.\. .*?(\w+)\s*$", re.sub(r"\x1b\[[0-9;]*m", "", app.status.getvalue()), re.M)
    assert read == ["apparatus"], app.status.getvalue()
    assert "the murky log] damaged in W; perhaps the musty log" in _flat(_items(app)["app-d1"])


def test_an_entry_of_a_kind_declared_nowhere_stops_the_build_naming_it(make_app, rootdir, tmp_path) -> None:
    srcdir = _root_with(rootdir, tmp_path, "{illegible}`a blot [id: i1]`")
    app = make_app("html", srcdir=srcdir, freshenv=True)
    with pytest.raises(ExtensionError, match=r"entry kind 'illegible' \(made by damage_role\.illegible\)"):
        app.build()
    assert not (app.outdir / "apparatus.html").exists(), "no list printed it as anything"


def test_two_entries_of_a_new_kind_on_the_same_words_are_a_duplicate(make_app, rootdir, tmp_path) -> None:
    """The duplicate check knows no kind: it reads Kind.on_words."""
    srcdir = _root_with(rootdir, tmp_path, "{damage}`a gull [line: 2; id: d3]`")
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    found = re.findall(r"WARNING: (.*) \[apparatus\.duplicate\]", app.warning.getvalue())
    assert found == ["apparatus entries 'd2' and 'd3' both stand on 'a gull' at line 2 of the witness"], found


@pytest.mark.sphinx("html", testroot="nofields")
def test_a_role_whose_fields_are_declared_nowhere_stops_the_build_when_it_starts(make_app, app_params) -> None:
    """Not a bare KeyError in the middle of reading: the error names the role and the remedy."""
    args, kwargs = app_params
    with pytest.raises(
        ExtensionError, match=r"apparatus role 'smudge' .*add 'smudge' with its fields to vocabulary\.ROLE_FIELDS"
    ):
        make_app(*args, **kwargs)


def test_every_kind_of_the_vocabulary_is_declared_and_its_template_reads() -> None:
    for kind, declared in vocabulary.ENTRY_KINDS.items():
        if declared.listed is not None:
            assert vocabulary.listing_parts(declared.listed), kind
    for bad, why in [
        ("{lemma] x", "lone"),
        ("{reading}] x", "unknown word"),
        ("{lemma}] _sic", "not closed"),
        ("{lemma}] <; perhaps _x_", "without '>'"),
        ("{witness}] <_x {lemma}> {siglum}_", "inside a '<…>'"),
        ("{lemma}] <{siglum}>", "names no word"),
    ]:
        with pytest.raises(ValueError, match=why):
            vocabulary.listing_parts(bad)


def test_a_template_gives_its_words_in_order_italics_marked_and_an_empty_part_left_out() -> None:
    template = "{witness}] _sic {siglum}_<; _perhaps_ {lemma}>"
    values = {"lemma": "all night", "witness": "all nigth", "siglum": "W"}
    assert vocabulary.listed_parts(template, values) == [
        ("witness", "all nigth", False),
        ("", "] ", False),
        ("", "sic ", True),
        ("siglum", "W", True),
        ("", "; ", False),
        ("", "perhaps", True),
        ("", " ", False),
        ("lemma", "all night", False),
    ]
    # no suggestion: the "<…>" part goes with its word; an empty word outside one is left out alone
    assert vocabulary.listed_parts(template, values | {"lemma": ""})[-1] == ("siglum", "W", True)
    assert vocabulary.listed_parts("{lemma}] {witness} _{siglum}_", values | {"witness": ""}) == [
        ("lemma", "all night", False),
        ("", "] ", False),
        ("", " ", False),
        ("siglum", "W", True),
    ]


# supplied text: reason and note (test-reason)


@pytest.mark.sphinx("html", testroot="reason", freshenv=True)
def test_supplied_text_keeps_both_its_reason_and_its_note(app, warning) -> None:
    app.build()
    assert warning.getvalue() == ""
    notes = {e["id"]: e["note"] for e in json.loads((app.outdir / "apparatus.json").read_text())["interventions"]}
    assert notes["s1"] == "omitted by the typesetter; see p. 4"
    assert notes["s2"] == "The line ends in W. Compare n. 2."
    assert notes["s3"] == "wanting"
    soup = BeautifulSoup((app.outdir / "index.html").read_text(), "html.parser")
    assert soup.select_one("#s1-pop .app-pop-note").get_text() == "omitted by the typesetter; see p. 4"
