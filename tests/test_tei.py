"""The TEI P5 export maps the same model and data: every intervention, page, note, quotation and
work cited; it is valid against the TEI P5 schema (tei_all.rng, checked with jing), every pointer
in it resolves, and its header says what its body does."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path

import pytest
from conftest import ROOT, SHA256, WITNESS, copy_project
from witnessgen import generate

from edition_pipeline.citations import load_bib, supplied_fields
from edition_pipeline.project import Project
from edition_pipeline.witness import read_witness

TEI_NS = "http://www.tei-c.org/ns/1.0"
NS = {"t": TEI_NS}
XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_ID = f"{{{XML_NS}}}id"
SCHEMA = ROOT / "schema" / "tei_all.rng"


def convert_tei(witness: Path, cwd: Path = ROOT) -> str:
    cmd = [sys.executable, "-m", "edition_pipeline.cli", "convert", str(witness), "--format", "tei"]
    result = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


@cache
def tei_text() -> str:
    return convert_tei(WITNESS)


def tei() -> ET.Element:
    return ET.fromstring(tei_text())


def jing(*files: Path) -> subprocess.CompletedProcess[str]:
    """The real validator on the vendored schema: exit 0 and no output when every file is valid."""
    assert shutil.which("jing"), "jing (Debian package jing) is needed: make packages-test"
    return subprocess.run(["jing", str(SCHEMA), *map(str, files)], capture_output=True, text=True)


def assert_valid(*files: Path) -> None:
    result = jing(*files)
    assert result.returncode == 0 and not result.stdout.strip(), "not valid TEI P5:\n" + result.stdout


# --- Validity ---------------------------------------------------------------------------------


def test_the_vendored_schema_is_tei_all_of_tei_p5_with_its_licence_and_source() -> None:
    head = SCHEMA.read_text(encoding="utf-8")[:3000]
    assert 'ns="http://www.tei-c.org/ns/1.0"' in head and "TEI Edition: Version\xa04.3.0" in head
    readme = (ROOT / "schema" / "README.md").read_text(encoding="utf-8")
    assert hashlib.sha256(SCHEMA.read_bytes()).hexdigest() in readme, "README names the file's sha256"
    licence = (ROOT / "schema" / "LICENSE").read_text(encoding="utf-8")
    assert "BSD" in licence and "Creative Commons Attribution 3.0" in licence


def test_the_edition_tei_is_valid_tei_p5(tmp_path: Path) -> None:
    out = tmp_path / "edition.tei.xml"
    out.write_text(tei_text(), encoding="utf-8")
    assert_valid(out)


HAND_WRITTEN = (
    " The Keepers of the Light \n\nLighthouses were kept by families who lived be-\n"
    "side the lamp.1 As one keeper wrote, \n\nThe winter was long and the oil ran low, yet we "
    "never let the light fail.2\n\nThe archive is online at https://www.example.org/light\n"
    "house/logbooks and in print.3 \n\n  1.\t Ellison, Keepers, p. 4. \n  2.\t Ibid., p. 9. \n"
    " The logbooks survive in the county record office.4 \n"
)


@pytest.mark.parametrize("seed", [3, 11])
def test_the_tei_of_a_witness_written_for_the_test_is_valid(tmp_path: Path, seed: int) -> None:
    """Another witness than the edition's: the automatic pass alone, no editorial data."""
    outs = []
    for name, text in (("light.txt", HAND_WRITTEN), (f"gen{seed}.txt", generate(seed).text)):
        witness = tmp_path / name
        witness.write_text(text, encoding="utf-8")
        out = tmp_path / (name + ".tei.xml")
        out.write_text(convert_tei(witness), encoding="utf-8")
        outs.append(out)
    root = ET.parse(outs[0]).getroot()
    assert [lb.get("n") for lb in root.iterfind(".//t:lb", NS)][:3] == ["1", "3", "4"]
    assert root.find(".//t:lb[@n='4']", NS).get("rend") == "hyphen", "be-/side: the typesetter's hyphen"
    assert_valid(*outs)


def test_an_invalid_tei_file_fails_validation_with_jing_s_message(tmp_path: Path) -> None:
    text = tei_text()
    unknown = tmp_path / "unknown.xml"
    unknown.write_text(text.replace("<lb ", "<linebreak ", 1), encoding="utf-8")
    bad_value = tmp_path / "bad_value.xml"
    bad_value.write_text(re.sub(r'cert="high"', 'cert="very"', text, count=1), encoding="utf-8")
    result = jing(unknown, bad_value)
    assert result.returncode != 0
    assert "unknown.xml:" in result.stdout and '"linebreak" not allowed' in result.stdout
    assert "bad_value.xml:" in result.stdout and 'value of attribute "cert" is invalid' in result.stdout


def unresolved(root: ET.Element) -> tuple[int, list[str]]:
    """(how many pointers, those that fail): @resp, @target, @corresp, @edRef… — a local pointer
    names a declared xml:id; any other is an absolute URL."""
    ids = {el.get(XML_ID) for el in root.iter() if el.get(XML_ID)}
    count, bad = 0, []
    for el in root.iter():
        for attr in ("resp", "target", "corresp", "edRef", "source", "ana", "sameAs", "who"):
            for pointer in (el.get(attr) or "").split():
                count += 1
                local = pointer.startswith("#") and pointer[1:] in ids
                if not local and not re.match(r"https?://\S+$", pointer):
                    bad.append(f"{el.tag.split('}')[-1]} @{attr}={pointer!r}")
    return count, bad


def test_every_pointer_resolves() -> None:
    root = tei()
    count, bad = unresolved(root)
    assert not bad, "pointers to no xml:id: " + ", ".join(bad)
    assert count > 1000
    assert "#ET" in {el.get("resp") for el in root.iter()}
    declared = {n.get(XML_ID): n.text for n in root.iterfind(".//t:titleStmt/t:respStmt/t:name", NS)}
    assert declared["ET"] == "the Edition Team"


def test_pointers_follow_the_witness_s_siglum(tmp_path: Path) -> None:
    """lb and pb point to the witness by its siglum, whatever the metadata names it."""
    from edition_pipeline.convert import convert_witness
    from edition_pipeline.tei import to_tei
    from edition_pipeline.witness import parse_witness_text

    document = convert_witness(parse_witness_text(HAND_WRITTEN))
    out = tmp_path / "a.tei.xml"
    out.write_text(to_tei(document, {"title": "Keepers", "siglum": "A"}, []), encoding="utf-8")
    root = ET.parse(out).getroot()
    assert {el.get("edRef") for el in root.iter() if el.get("edRef")} == {"#A"}
    assert unresolved(root)[1] == [] and [pb.get(XML_ID) for pb in root.iterfind(".//t:pb", NS)] == ["A1", "A2"]
    assert_valid(out)


# --- What the TEI holds -----------------------------------------------------------------------


def test_tei_has_every_intervention_page_note_and_quotation() -> None:
    root = tei()
    assert root.tag == f"{{{TEI_NS}}}TEI"
    assert root.find("t:teiHeader/t:fileDesc/t:titleStmt/t:title", NS).get("type") == "supplied"
    assert root.find("t:teiHeader/t:encodingDesc/t:editorialDecl/t:normalization", NS) is not None
    assert [pb.get("n") for pb in root.iterfind(".//t:pb", NS)] == [str(n) for n in range(1, 32)]
    notes = root.findall(".//t:text//t:note[@type='author']", NS)
    assert [n.get("n") for n in notes] == [str(n) for n in range(1, 87)]
    assert all(n.find("t:gap", NS) is not None for n in notes if 43 <= int(n.get("n")) <= 78)
    e02 = next(c for c in root.iterfind(".//t:choice", NS) if c.get(XML_ID) == "e02")
    assert e02.find("t:sic", NS).text == "normalizaiton"
    corr = e02.find("t:corr", NS)
    assert (corr.text, corr.get("cert"), corr.get("resp")) == ("normalization", "high", "#ET")
    assert len(root.findall(".//t:quote", NS)) == 13 and len(root.findall(".//t:body//t:supplied", NS)) == 1
    assert root.find(".//t:note[@type='fragment']", NS).text.startswith("Studies 67")
    lb5 = next(lb for lb in root.iterfind(".//t:lb", NS) if lb.get("n") == "5")
    assert (lb5.get("break"), lb5.get("rend")) == ("no", "hyphen"), "rela-/tions"
    p12 = next(p for p in root.iterfind(".//t:p", NS) if p.get(XML_ID) == "p12")
    assert "".join(p12.itertext()).startswith("Lavrov’s statement above") and p12.get("n") == "12"


def test_the_tei_text_is_the_reading_text_of_the_edition() -> None:
    root = tei()
    body = root.find("t:text/t:body", NS)
    for sic in body.iterfind(".//t:choice/t:sic", NS):
        sic.clear()  # the reading: corrections, not the witness's errors
    text = " ".join("".join(body.itertext()).split())
    assert "or even normalization of the bilateral relationship" in text
    assert "no more ignominious paradox can be imagined." in text


@cache
def _document():
    project = Project.at(ROOT)
    return project, project.document(WITNESS)


# --- The reading text: what a reuser takes from corr is what the edition reads -----------------


def tei_reading(block: ET.Element) -> str:
    """The edition's reading of a TEI block as a reuser takes it: the editors' reading (corr) of
    a choice, not W's (its sic); a sic standing alone (W's words, kept); supplied text; no note,
    gap, pointer, page or line start."""
    out: list[str] = [block.text or ""]

    def walk(el: ET.Element, in_choice: bool) -> None:
        tag = el.tag.split("}")[1]
        if tag in ("note", "gap", "ptr", "pb", "lb") or (tag == "sic" and in_choice):
            return
        out.append(el.text or "")
        for child in el:
            walk(child, tag == "choice")
            out.append(child.tail or "")

    for child in block:
        walk(child, False)
        out.append(child.tail or "")
    return " ".join("".join(out).split())


def html_readings(html_build: Path) -> dict[str, str]:
    """The reading view of the built edition (what a reader reads with the switch on "reading"),
    by block: each paragraph and quotation by its id, the abstract, each heading as h1, h2, … in
    order, each author's note by its id (n1 …). Markers, pop-ups, W's readings behind the
    editors', the editors' brackets round supplied text and the lacunae's words are left out."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup((html_build / "index.html").read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article[role=main]")
    drop = ".wit, .app-pop, .sic-mark, .ednote-mark, span.lacuna, span.fragment, a.pnum, a.headerlink, span.pb"
    for node in article.select(drop + ", a.footnote-reference, aside.footnote > .label, p.rubric"):
        node.decompose()
    for rdg in article.select(".app-supplied .rdg"):
        rdg.string = rdg.get_text().removeprefix("[").removesuffix("]")
    notes = {note["id"]: note.extract() for note in article.select("aside.footnote")}
    text = {key: " ".join(el.get_text().split()) for key, el in notes.items()}
    for el in article.find_all(id=re.compile(r"^(p\d+|abstract)$")):
        text[el["id"]] = " ".join(el.get_text().split())
    heads = [h for h in article.select("section > h2") if "notes-section" not in (h.parent.get("class") or [])]
    text.update({f"h{i}": " ".join(h.get_text().split()) for i, h in enumerate(heads, 1)})
    return text


def test_the_reading_text_a_reuser_takes_from_corr_is_the_edition_s_in_every_block(html_build: Path) -> None:
    """Take the TEI's reading as any reuser would (corr for a choice, a lone sic as it stands):
    every paragraph, quotation, heading and author's note reads as the edition's reading view
    does. A reading the editors only suggest (a sic's) is in no corr: taken from corr, it would
    put in the text a reading the edition rejects."""
    root = tei()
    html = html_readings(html_build)
    blocks = {el.get(XML_ID): el for el in root.find("t:text", NS).iter() if el.get(XML_ID)}
    ours = {k: tei_reading(el) for k, el in blocks.items() if re.fullmatch(r"p\d+|abstract", k)}
    ours.update({f"h{i}": tei_reading(h) for i, h in enumerate(root.iterfind("t:text/t:body/t:div/t:head", NS), 1)})
    ours.update({f"n{n.get('n')}": tei_reading(n) for n in root.iterfind(".//t:text//t:note[@type='author']", NS)})
    assert len(ours) == 61 + 5 + 86 and sorted(ours) == sorted(html)
    differ = [k for k in ours if ours[k] != html[k]]
    if differ:
        a, b = ours[differ[0]], html[differ[0]]
        at = next(i for i, (x, y) in enumerate(zip(a + "\0", b + "\0", strict=False)) if x != y)
        shown = f"{differ[0]}: TEI {a[at - 30 : at + 30]!r}, edition {b[at - 30 : at + 30]!r}"
        raise AssertionError(f"{len(differ)} blocks read otherwise than the edition ({', '.join(differ)}); {shown}")


def test_a_kept_reading_is_a_sic_alone_with_its_category_and_its_suggestion_in_its_note() -> None:
    """A sic entry of the register (W's words kept) is a sic alone, with its category (@ana: TEI's
    sic has no @type), certainty,
    who answers for it and its id; the reading the editors suggest, if any, is in the entry's
    note in back (seg type=suggestion, the words as mentioned), never in a corr. Every corr is an
    adopted emendation's reading; the header says so."""
    project, document = _document()
    entries = {a.entry.id: a.entry for a in project.anchors(document)}
    root = tei()
    by_id = {el.get(XML_ID): el for el in root.iter() if el.get(XML_ID)}
    kept = [e for e in entries.values() if e.kind == "sic"]
    assert len(kept) == 27 and sum(1 for e in kept if e.reading) == 23
    for entry in kept:
        sic = by_id[entry.id]
        assert sic.tag == f"{{{TEI_NS}}}sic", (entry.id, sic.tag)
        assert (sic.get("ana"), sic.get("cert"), sic.get("resp")) == (
            f"#cat-{entry.category}",
            {"certain": "high", "probable": "medium", "possible": "low"}[entry.certainty],
            "#ET",
        ), entry.id
        assert "".join(sic.itertext()) == entry.witness
        note = by_id[f"{entry.id}-reason"]
        suggested = [m.text for m in note.iterfind("t:seg[@type='suggestion']/t:mentioned", NS)]
        assert suggested == ([entry.reading] if entry.reading else []), entry.id
        assert note.text.strip() == entry.rationale, entry.id
    corrs = root.findall(".//t:corr", NS)
    emendations = [e for e in entries.values() if e.kind == "emendation"]
    assert len(corrs) == len(emendations) == 48
    assert {c.get("type") for c in corrs} <= {e.category for e in emendations}
    for choice in root.iterfind(".//t:choice", NS):
        assert entries[choice.get(XML_ID)].kind == "emendation"
        assert choice.find("t:corr", NS).text == entries[choice.get(XML_ID)].reading
    correction = " ".join("".join(root.find(".//t:editorialDecl/t:correction", NS).itertext()).split())
    assert "never in corr" in correction and 'seg type="suggestion"' in correction, correction


# --- The header declares its vocabularies, its witness and its history ----------------------


def test_the_header_declares_the_categories_and_certainties_the_text_uses() -> None:
    """classDecl: the register's categories (apparatus.vocabulary), each intervention pointing to
    its own (@ana, agreeing with corr/@type and supplied/@reason); the certainties, each with the
    @cert it is encoded as and the principles' own words for it."""
    from apparatus.vocabulary import CATEGORIES, CATEGORY_GLOSSES, CERTAINTIES

    root = tei()
    decl = root.find("t:teiHeader/t:encodingDesc/t:classDecl", NS)
    categories = decl.find("t:taxonomy[@xml:id='categories']".replace("xml:id", f"{{{XML_NS}}}id"), NS)
    assert [c.get(XML_ID) for c in categories.iterfind("t:category", NS)] == [f"cat-{c}" for c in CATEGORIES]
    assert [c.find("t:catDesc/t:term", NS).text for c in categories.iterfind("t:category", NS)] == list(CATEGORIES)
    for c in categories.iterfind("t:category", NS):  # a reuser reads what each means, as the HTML list says it
        term = c.find("t:catDesc/t:term", NS)
        assert term.tail == f": {CATEGORY_GLOSSES[term.text]}.", term.tail
    body = root.find("t:text", NS)
    analysed = [el for el in body.iter() if el.get("ana")]
    assert len(analysed) == 48 + 27 + 1, "every emendation, sic and supplied text"
    for el in analysed:
        category = el.get("ana").removeprefix("#cat-")
        assert category in CATEGORIES and el.get("type", el.get("reason", category)) == category, el.attrib
    certainty = decl.find("t:taxonomy[@xml:id='certainty']".replace("xml:id", f"{{{XML_NS}}}id"), NS)
    principles = " ".join((ROOT / "edition" / "principles.md").read_text(encoding="utf-8").split())
    mapping = {}
    for category in certainty.iterfind("t:category", NS):
        desc = category.find("t:catDesc", NS)
        name, cert = desc.find("t:term", NS).text, desc.find("t:val", NS).text
        mapping[name] = cert
        gloss = desc.find("t:val", NS).tail.removeprefix(": ").removesuffix(".")
        assert f"**{name}** ({gloss})" in principles, gloss
    assert mapping == {"certain": "high", "probable": "medium", "possible": "low"}
    assert list(mapping) == list(CERTAINTIES)
    assert {el.get("cert") for el in body.iter() if el.get("cert")} == set(mapping.values())


def test_an_unknown_certainty_is_an_error_not_a_silent_medium() -> None:
    from edition_pipeline.convert import convert_witness
    from edition_pipeline.register import Entry, anchor_entries
    from edition_pipeline.tei import to_tei
    from edition_pipeline.witness import parse_witness_text

    document = convert_witness(parse_witness_text(HAND_WRITTEN))
    for certainty, fails in (("probable", False), ("likely", True)):
        entry = Entry("e1", 3, "families", "family", "emendation", "spelling", certainty, "Why.", "ED", "2026-12-02", 1)
        anchors = anchor_entries(document, [entry], "register.yaml")
        assert len(anchors) == 1
        if not fails:
            assert 'cert="medium"' in to_tei(document, {"title": "Keepers", "resp": {"ED": "The Editor"}}, anchors)
            continue
        with pytest.raises(ValueError, match="e1: certainty 'likely' is not one of certain, probable, possible"):
            to_tei(document, {"title": "Keepers", "resp": {"ED": "The Editor"}}, anchors)


def test_the_header_gives_the_language_the_witness_s_sha256_and_a_change_per_decision_date() -> None:
    project, document = _document()
    entries = [a.entry for a in project.anchors(document)]
    root = tei()
    assert root.get(f"{{{XML_NS}}}lang") == "en"
    assert root.find("t:teiHeader/t:profileDesc/t:langUsage/t:language", NS).get("ident") == "en"
    idno = root.find("t:teiHeader/t:fileDesc/t:sourceDesc/t:bibl/t:idno[@type='sha256']", NS)
    assert idno.text == hashlib.sha256(WITNESS.read_bytes()).hexdigest() == SHA256
    changes = root.findall("t:teiHeader/t:revisionDesc/t:change", NS)
    dates = sorted({e.date for e in entries}, reverse=True)
    assert dates == ["2026-12-02", "2026-11-25"], "the register's own dates"
    assert [c.get("when") for c in changes] == dates, "a change per date, the most recent first"
    for change in changes:
        decided = [f"#{e.id}" for e in entries if e.date == change.get("when")]
        assert change.get("target").split() == decided and change.get("who") == "#ET"
        assert change.text == f"Register entries decided: {', '.join(d[1:] for d in decided)}."
    assert sum(len(c.get("target").split()) for c in changes) == len(entries) == 78


# --- Ids shared with the HTML edition and apparatus.json ----------------------------------------


def test_notes_gaps_the_orphan_line_and_the_editors_notes_have_the_html_s_ids_and_letters(html_build: Path) -> None:
    """A reuser can join the TEI to the HTML and apparatus.json: the author's notes have the
    HTML's anchors (n1 …), each gap and the orphan line the id apparatus.json gives it, where
    apparatus.json places it; the editors' notes their letters (@n) as the HTML shows them."""
    import json

    from bs4 import BeautifulSoup

    root = tei()
    text = root.find("t:text", NS)
    parent = {child: el for el in text.iter() for child in el}
    by_id = {el.get(XML_ID): el for el in text.iter() if el.get(XML_ID)}
    index = BeautifulSoup((html_build / "index.html").read_text(encoding="utf-8"), "html.parser")
    notes = text.findall(".//t:note[@type='author']", NS)
    assert [n.get(XML_ID) for n in notes] == [f"n{k}" for k in range(1, 87)]
    assert all(index.find("aside", id=n.get(XML_ID)) for n in notes)
    items = json.loads((html_build / "apparatus.json").read_text(encoding="utf-8"))["interventions"]
    gaps = [i for i in items if i["type"] == "gap"]
    assert sorted(g.get(XML_ID) or "" for g in text.iter(f"{{{TEI_NS}}}gap")) == sorted(i["id"] for i in gaps)
    assert len(gaps) == 43
    for item in gaps:
        gap = by_id[item["id"]]
        assert gap.tag == f"{{{TEI_NS}}}gap" and parent[gap].get(XML_ID) == item["para"], item
        assert index.find(id=item["id"]) is not None
    (fragment,) = [i for i in items if i["type"] == "fragment"]
    note = by_id[fragment["id"]]
    assert (note.get("type"), note.get("n"), note.text) == ("fragment", str(fragment["line"]), fragment["witness"])
    assert parent[note].get(XML_ID) == fragment["para"]
    editors = [i for i in items if i["type"] == "note"]
    assert [(i["id"], i["letter"]) for i in editors] == [("ed2", "a"), ("ed1", "b")]
    for item in editors:
        assert by_id[item["id"]].get("n") == item["letter"]
        assert index.find(id=item["id"]).select_one(".ednote-mark").get_text() == item["letter"]


# --- Pages -------------------------------------------------------------------------------------


def test_a_page_that_begins_inside_a_word_begins_before_its_first_line() -> None:
    """Every pb stands right before the first line of its page (its lb, or the orphan line that
    heads it): where W's page begins inside a word (W3 at line 23 "rela-/tions."), the pb stands
    before that line's lb, not after the word, with break=no like the lb. The MyST keeps its
    reader's marker after the word."""
    _, document = _document()
    first = {page.n: page.first_line for page in document.pages}
    first.update({f.page: f.line for f in document.fragments})  # an orphan line heads its page
    root = tei()
    order = [el for el in root.find("t:text", NS).iter() if el.tag.split("}")[1] in ("pb", "lb", "note")]
    inside_words = []
    for i, pb in enumerate(order):
        if pb.tag != f"{{{TEI_NS}}}pb":
            continue
        after = order[i + 1]
        where = f"pb {pb.get('n')}"
        assert after.tag == f"{{{TEI_NS}}}lb" or after.get("type") == "fragment", where
        assert int(after.get("n")) == first[int(pb.get("n"))], where
        assert pb.get("break") == after.get("break"), where
        if pb.get("break") == "no":
            inside_words.append((pb.get("n"), after.get("n"), after.get("rend")))
    assert len([el for el in order if el.tag == f"{{{TEI_NS}}}pb"]) == 31
    assert inside_words == [("3", "23", "hyphen"), ("29", "881", "hyphen"), ("30", "916", "hyphen")]
    p1 = next(p for p in root.iterfind(".//t:p", NS) if p.find("t:pb[@n='3']", NS) is not None)
    children = list(p1)
    pb3 = p1.find("t:pb[@n='3']", NS)
    before, lb23 = children[children.index(pb3) - 1], children[children.index(pb3) + 1]
    assert before.tail.endswith("Russo-Japanese rela") and pb3.tail is None and lb23.tail.startswith("tions. ")
    myst = (ROOT / "edition" / "index.md").read_text(encoding="utf-8")
    assert "rela{lb}`23-`tions.{pb}`3 [line: 23]`" in myst, "the reader's marker: after the word"


PAGE_IN_A_WORD = (
    " The Keepers of the Light \n\n"
    "Lighthouses along the northern coast were kept for generations by the \n"
    "families who lived beside the lamp, and the keepers wrote in their log- \n"
    "books every night of the year what the weather had been and which ships \n"
    "had passed the headland, so that the record of the light is a record of \n"
    "the coast itself, and the logbooks were kept by the keepers’ own famil-\n"  # 7
    " ies in the towers for a century or more before any archive took them in. \n"  # 8: page 2
    "They are now in the county record office, where they may be read. \n"
)


def test_a_page_that_begins_inside_the_words_of_an_emendation_begins_in_w_s_reading(tmp_path: Path) -> None:
    """A witness written for the test: page 2 begins inside "famil-/ies", which an emendation
    stands over. W's page and line start stand in W's reading (sic), the page's first, both
    break=no; the editors' reading has neither."""
    from edition_pipeline.convert import convert_witness
    from edition_pipeline.register import Entry, anchor_entries
    from edition_pipeline.tei import to_tei
    from edition_pipeline.witness import parse_witness_text

    document = convert_witness(parse_witness_text(PAGE_IN_A_WORD))
    entry = Entry(
        "e1", 7, "own families", "own family", "emendation", "spelling", "certain", "Why.", "ED", "2026-12-02", 1
    )
    out = tmp_path / "page.tei.xml"
    anchors = anchor_entries(document, [entry], "register.yaml")
    out.write_text(to_tei(document, {"title": "Keepers", "resp": {"ED": "The Editor"}}, anchors), encoding="utf-8")
    assert_valid(out)
    sic = ET.parse(out).getroot().find(".//t:choice/t:sic", NS)
    assert sic.text == "own famil" and [(el.tag.split("}")[1], el.get("n"), el.get("break")) for el in sic] == [
        ("pb", "2", "no"),
        ("lb", "8", "no"),
    ]
    assert sic[0].tail is None and sic[1].tail == "ies"


# --- Bibliography: page ranges -------------------------------------------------------------------


def test_a_page_range_has_its_first_and_last_page() -> None:
    root = tei()
    bibl = next(b for b in root.iterfind(".//t:listBibl/t:bibl", NS) if b.get(XML_ID) == "blank2016twokoreas")
    scope = bibl.find("t:biblScope[@unit='page']", NS)
    assert (scope.text, scope.get("from"), scope.get("to")) == ("60–76", "60", "76")
    assert all(s.get("from") is None for s in root.iterfind(".//t:biblScope", NS) if s is not scope)


def test_every_line_of_w_in_the_text_is_an_lb_with_its_join() -> None:
    """Each line of every block (heading, paragraph, quotation, note) begins with one lb, in order;
    break/rend say what the model decided at the line end before it. A break inside an
    intervention stands inside W's reading (sic), never in the editors' reading (corr)."""
    _, document = _document()
    joins = {b.line: b.join for b in document.breaks}
    expected: dict[int, str] = {}
    for _, _, offsets in document.text_blocks() + [
        ("h", p.text, p.line_offsets) for p in document.paragraphs if p.kind == "heading"
    ]:
        for i, (line, _) in enumerate(offsets):
            expected[line] = joins.get(offsets[i - 1][0], "space") if i else "space"
    root = tei()
    lbs = root.findall(".//t:lb", NS)
    fragments = [int(f.get("n")) for f in root.iterfind(".//t:note[@type='fragment']", NS)]
    with_text = [line.number for line in read_witness(WITNESS).lines if line.content.strip()]
    assert sorted(list(expected) + fragments) == with_text, "every line of W with text: a block's or a fragment"
    numbers = sorted(int(lb.get("n")) for lb in lbs)
    # every line once (a fragment's line may have its lb too, where the fragment stands)
    assert numbers in (sorted(expected), sorted([*expected, *fragments])), "every line once"
    expected.update({n: "space" for n in fragments})
    assert not root.findall(".//t:corr//t:lb", NS)
    for parent in root.iter():  # where a page and a line begin together: pb, then lb
        children = list(parent)
        for lb, after in zip(children, children[1:], strict=False):
            if lb.tag == f"{{{TEI_NS}}}lb" and after.tag == f"{{{TEI_NS}}}pb":
                assert (lb.tail or "").strip(), f"lb {lb.get('n')} before pb {after.get('n')}"
    shown = {"space": (None, None), "drop-hyphen": ("no", "hyphen")}
    for lb in lbs:
        join = expected[int(lb.get("n"))]
        assert (lb.get("break"), lb.get("rend")) == shown.get(join, ("no", None)), (lb.get("n"), join)
    # the text before a typesetter's hyphen break has no hyphen; before a kept one it has
    before = _text_before_each_lb(root)
    for n, text in before.items():
        if expected[n] == "drop-hyphen":
            assert not text.endswith("-"), n
        elif expected[n] == "keep-hyphen":
            assert text.endswith("-"), n


def _text_before_each_lb(root: ET.Element) -> dict[int, str]:
    """The last characters of text before each lb, in document order."""
    out: dict[int, str] = {}
    last = ""

    def walk(el: ET.Element) -> None:
        nonlocal last
        if el.tag == f"{{{TEI_NS}}}lb":
            out[int(el.get("n"))] = last
        if el.tag == f"{{{TEI_NS}}}corr":
            last = last  # the editors' reading: W's text runs on in sic
        elif el.text:
            last = (last + el.text)[-40:]
        for child in el:
            walk(child)
            if child.tail:
                last = (last + child.tail)[-40:]

    walk(root.find("t:text", NS))
    return out


def test_the_hyphenation_declaration_is_what_the_body_does() -> None:
    root = tei()
    decl = root.find(".//t:editorialDecl/t:hyphenation", NS)
    assert decl.get("eol") == "hard", "soft (typesetter's) hyphens removed, hard ones kept"
    statement = " ".join("".join(decl.itertext()).split())
    assert "not encoded" not in statement
    declared = re.search(
        r'lb break="no" rend="hyphen" \((\d+)\).*?before lb break="no" \((\d+)\).*?'
        r"\((\d+) words whose hyphen the text layer lost\).*?\((\d+) URLs or other tokens broken without one\)",
        statement,
    )
    assert declared, statement
    hyphen, kept, lost, joined = map(int, declared.groups())
    lbs = root.findall(".//t:text//t:lb", NS)
    assert hyphen == len([lb for lb in lbs if lb.get("rend") == "hyphen" and lb.get("break") == "no"])
    assert hyphen + kept + lost + joined == len([lb for lb in lbs if lb.get("break") == "no"])
    _, document = _document()
    model = [b.join for b in document.breaks]
    assert (hyphen, kept, lost, joined) == tuple(
        model.count(j) for j in ("drop-hyphen", "keep-hyphen", "lost-hyphen", "no-space")
    )
    assert hyphen > 100


def test_every_intervention_has_the_register_s_reason_in_back() -> None:
    project, document = _document()
    entries = {a.entry.id: a.entry for a in project.anchors(document)}
    root = tei()
    body = root.find("t:text/t:body", NS)
    front = root.find("t:text/t:front", NS)
    interventions = [
        el.get(XML_ID)
        for part in (front, body)
        for el in part.iter()
        if el.get(XML_ID) in entries and el.tag.split("}")[1] in ("choice", "sic", "supplied")
    ]
    reasons = {
        n.get("target")[1:]: n
        for n in root.iterfind("t:text/t:back/t:div[@type='register']/t:note[@type='rationale']", NS)
    }
    assert sorted(reasons) == sorted(interventions) and len(interventions) > 60
    for ident, note in reasons.items():
        assert note.text.strip() == " ".join(entries[ident].rationale.split()), ident
        assert note.get("resp") == "#ET"
    notes = [n.get(XML_ID) for n in body.iter() if n.get("type") == "editorial"]
    assert notes and not set(notes) & set(reasons), "an editors' note is its own reason"


# --- Bibliography -----------------------------------------------------------------------------


def test_the_bibliography_is_a_listbibl_with_every_entry_and_the_notes_point_to_it() -> None:
    project, document = _document()
    bib = load_bib(project.bib)
    root = tei()
    bibls = root.findall("t:text/t:back/t:div[@type='bibliography']/t:listBibl/t:bibl", NS)
    assert [b.get(XML_ID) for b in bibls] == list(bib.entries), "one bibl per entry, xml:id its key"
    # the notes' citations: one ptr per reference, in its note, to its work
    refs = [r for r in project.references(document) if r.key]
    expected: dict[str, list[str]] = {}
    for ref in refs:
        expected.setdefault(str(ref.note), []).append(f"#{ref.key}")
    found = {
        note.get("n"): [p.get("target") for p in note.iterfind(".//t:ptr", NS)]
        for note in root.iterfind(".//t:text//t:note[@type='author']", NS)
        if note.find(".//t:ptr", NS) is not None
    }
    assert found == expected
    assert len(refs) == 61
    # a note's ptr follows the words of its reference
    n1 = root.find(".//t:note[@type='author'][@n='1']", NS)
    assert "".join(n1.itertext()).rstrip().endswith("2016.")
    # the fields: person names as the notes write them, titles with their level
    tsuruoka = next(b for b in bibls if b.get(XML_ID) == "tsuruoka2017strategic")
    assert tsuruoka.find("t:author", NS).text == "Michito Tsuruoka"
    assert tsuruoka.find("t:title[@level='a']", NS).text.startswith("Strategic Considerations")
    assert tsuruoka.find("t:series/t:title[@level='s']", NS).text == "NBR Special Report"
    levels = {b.get(XML_ID): b.find("t:title", NS).get("level") for b in bibls if b.find("t:title", NS) is not None}
    assert (levels["pajon2013japan"], levels["radchenko2016kuril"]) == ("m", None), "a report; a web page"
    assert levels["streltsov2017friends"] == "a", "an article in a journal"


def _words_and_pointers(
    note: ET.Element, reading: str = "W"
) -> tuple[str, list[tuple[int, str, ET.Element]], list[tuple[int, int]]]:
    """The words of a TEI note in one reading; where each ptr stands in them (offset, the work's
    xml:id, the ptr's parent); and the span of each intervention (choice, sic) in them.
    ``reading``: "W" (the witness's words: sic, not corr; no supplied text) or "edition" (the
    editors' reading: corr, not the sic it replaces; supplied text). Editors' notes and gaps are
    neither."""
    words: list[str] = []
    pointers: list[tuple[int, str, ET.Element]] = []
    interventions: list[tuple[int, int]] = []
    skip = {"corr", "supplied"} if reading == "W" else {"sic"}

    def walk(el: ET.Element, parent: ET.Element) -> None:
        tag = el.tag.split("}")[1]
        if tag == "ptr":
            pointers.append((len("".join(words)), el.get("target", "")[1:], parent))
        in_choice = parent.tag == f"{{{TEI_NS}}}choice"
        if tag in ("note", "gap") or (tag in skip and (tag != "sic" or in_choice)):
            return
        start = len("".join(words))
        words.append(el.text or "")
        for child in el:
            walk(child, el)
            words.append(child.tail or "")
        if tag == "choice" or (tag == "sic" and not in_choice):
            interventions.append((start, len("".join(words))))

    words.append(note.text or "")
    for child in note:
        walk(child, note)
        words.append(child.tail or "")
    return "".join(words), pointers, interventions


def _myst_works(line: str) -> list[tuple[str, list[str]]]:
    """(key, pieces of words) of each work a note of the MyST edition links, in order. A
    reference's {cite:empty} follows its last {work} role (or the web address its passage ends
    with); the roles before it with its key
    begin its words: split by W's line starts only ({lb}), they continue the same piece; split
    by an intervention or a URL, which the link does not take in, a new piece."""
    works: list[tuple[str, list[str]]] = []
    last = 0
    closed = True  # the work before is complete (its {cite:empty} was met)
    for match in re.finditer(r"\{work\}(`+) ?(.*?) <([^<>]*)>\1(\{cite:empty\}`[^`]*`)?", line):
        words, key, cited = match.group(2), match.group(3).split(",")[0], match.group(4)
        # the work before is complete when its {cite:empty} followed it (right after its last role,
        # or after a web address its passage ends with)
        was_closed = closed or "{cite:empty}" in line[last : match.start()]
        closed = bool(cited)
        if was_closed:
            works.append((key, [words]))
        else:
            assert works[-1][0] == key, line[last : match.end()]
            between = re.sub(r"\{lb\}`[^`]*`", "", line[last : match.start()])
            if between.strip():
                works[-1][1].append(words)
            else:
                works[-1][1][-1] += between + words
        last = match.end()
    return works


def test_every_pointer_to_a_work_stands_right_after_the_words_that_cite_it() -> None:
    """Every ptr of the edition stands in its own note (not in an intervention or a URL), right
    after the last word of its reference passage, and never after the first words of the next
    passage; the words the MyST edition links to that work (its {work} roles) stand before it and
    after the ptr before it. Where the passage's last word is inside an intervention whose words
    run on into the next passage (an emendation that divides two sources), the ptr stands right
    before that intervention, after the passage's last word outside it."""
    project, document = _document()
    refs = [r for r in project.references(document) if r.key]
    myst = (ROOT / "edition" / "index.md").read_text(encoding="utf-8")
    myst_notes = {int(m.group(1)): m.group(2) for m in re.finditer(r"^\[\^(\d+)\]: (.*)$", myst, re.M)}
    checked = 0
    for note in tei().iterfind(".//t:text//t:note[@type='author']", NS):
        n = int(note.get("n"))
        text, pointers, interventions = _words_and_pointers(note)
        model = document.note(n)
        assert text == (model.text if model is not None else ""), f"note {n}: the TEI's words of W are the model's"
        passages = [r for r in refs if r.note == n]
        assert [key for _, key, _ in pointers] == [r.key for r in passages], f"note {n}: a ptr per reference"
        works = _myst_works(myst_notes[n])
        assert [key for key, _ in works] == [r.key for r in passages], f"note {n}: a {{work}} per reference"
        previous = 0
        for k, (at, key, parent) in enumerate(pointers):
            ref = passages[k]
            where = f"note {n}, ptr to {key}: {text[max(0, at - 50) : at]!r} <ptr/> {text[at : at + 40]!r}"
            assert parent is note, f"{where}: inside {parent.tag}"
            assert ref.start < at and text[at - 1] not in " ,;", f"{where}: not right after a word of its passage"
            if k + 1 < len(passages):
                assert at <= passages[k + 1].start, f"{where}: after words of the next passage"
            rest = text[at : ref.end].strip(" ,;.")
            if rest:  # its passage's last words are in an intervention that runs on into the next
                after = [(a, b) for a, b in interventions if a >= at and not text[at:a].strip(" ,;")]
                assert after and after[0][0] < ref.end < after[0][1], f"{where}: its passage goes on: {rest!r}"
            found = max(previous, ref.start)
            for words in works[k][1]:
                found = text.find(words, found)
                assert found >= 0 and found + len(words) <= at, (
                    f"{where}: the MyST's {{work}} {words!r} is not before it"
                )
                found += len(words)
            previous = at
            checked += 1
    assert checked == len(refs) == 61


CITING = (
    " The Keepers of the Light \n\n"
    "Lighthouses were kept by families who wrote in their logbooks every night.1 \n\n"
    "  1.\t Ann Ellison, The Keepers of the Light, Oban, \n"  # 5
    "2001, Leith, Harbour Logbooks, 1999; Tom Grant, Lamps and \n"  # 6
    "Oyl; Moray, Tides, 1990, Rosss, Ligths of the Coast, 1991. \n"  # 7
)
CITING_BIB = "".join(
    f"@misc{{{key}, title = {{{title}}}}}\n"
    for key, title in (
        ("ellison", "The Keepers of the Light"),
        ("harbour", "Harbour Logbooks"),
        ("grant", "Lamps and Oil"),
        ("moray", "Tides"),
        ("ross", "Lights of the Coast"),
    )
)


def citing_tei(tmp_path: Path) -> ET.Element:
    """A witness written for the test: one note citing five works, where an emendation ends a
    work's words and runs on into the next work's (2001, Leith: two sources run together), is a
    work's last word (Oyl), follows a work's words (Rosss), and stands inside them (Ligths)."""
    from pybtex.database import parse_string

    from edition_pipeline.citations import Reference
    from edition_pipeline.convert import convert_witness
    from edition_pipeline.register import Entry, anchor_entries
    from edition_pipeline.tei import to_tei
    from edition_pipeline.witness import parse_witness_text

    document = convert_witness(parse_witness_text(CITING))
    text = document.note(1).text
    passages = {
        "ellison": "Ann Ellison, The Keepers of the Light, Oban, 2001",
        "harbour": "Leith, Harbour Logbooks, 1999",
        "grant": "Tom Grant, Lamps and Oyl",
        "moray": "Moray, Tides, 1990",
        "ross": "Rosss, Ligths of the Coast, 1991",
    }
    refs = [Reference(1, text.index(p), text.index(p) + len(p), p, key=k) for k, p in passages.items()]
    entries = [
        Entry(ident, line, wit, reading, "emendation", cat, "certain", f"Why {ident}.", "ED", "2026-12-02", 1)
        for ident, line, wit, reading, cat in (
            ("e1", 6, "2001, Leith", "2001; Leith", "punctuation"),
            ("e2", 7, "Oyl", "Oil", "spelling"),
            ("e3", 7, "Rosss", "Ross", "name"),
            ("e4", 7, "Ligths", "Lights", "spelling"),
        )
    ]
    anchors = anchor_entries(document, entries, "register.yaml")
    metadata = {"title": "Keepers", "resp": {"ED": "The Editor"}}
    out = tmp_path / "citing.tei.xml"
    out.write_text(to_tei(document, metadata, anchors, refs, parse_string(CITING_BIB, "bibtex")), encoding="utf-8")
    assert_valid(out)
    return ET.parse(out).getroot()


def test_a_pointer_stands_right_after_its_work_s_words_whatever_emendation_ends_or_follows_them(
    tmp_path: Path,
) -> None:
    root = citing_tei(tmp_path)
    note = root.find(".//t:note[@type='author'][@n='1']", NS)
    for reading, before in (
        ("W", ["Oban", "Harbour Logbooks, 1999", "Lamps and Oyl", "Tides, 1990", "of the Coast, 1991"]),
        ("edition", ["Oban", "Harbour Logbooks, 1999", "Lamps and Oil", "Tides, 1990", "of the Coast, 1991"]),
    ):
        text, pointers, _ = _words_and_pointers(note, reading)
        assert [key for _, key, _ in pointers] == ["ellison", "harbour", "grant", "moray", "ross"]
        assert all(parent is note for _, _, parent in pointers), "never inside an intervention"
        shown = [text[max(0, at - len(words)) : at] for (at, _, _), words in zip(pointers, before, strict=True)]
        assert shown == before, reading
    # two sources run together: the first's pointer before the emendation that divides them (and
    # before W's line start), not after the second's first words
    ellison = note.find("t:ptr[@target='#ellison']", NS)
    children = list(note)
    following = children[children.index(ellison) + 1 :]
    assert ellison.tail == ", " and [el.tag.split("}")[1] for el in following[:2]] == ["lb", "choice"]
    assert following[0].get("n") == "6" and following[1].find("t:sic", NS).text == "2001, Leith"
    grant = note.find("t:ptr[@target='#grant']", NS)
    assert children[children.index(grant) - 1].get(XML_ID) == "e2", "right after the emendation of its last word"
    moray = note.find("t:ptr[@target='#moray']", NS)
    assert moray.tail == ", " and children[children.index(moray) + 1].get(XML_ID) == "e3"


def test_every_supplied_field_of_the_bibliography_is_marked_supplied_with_its_reason() -> None:
    project, _ = _document()
    bib = load_bib(project.bib)
    root = tei()
    back = root.find("t:text/t:back", NS)
    marked = 0
    for key, entry in bib.entries.items():
        bibl = next(b for b in back.iterfind(".//t:bibl", NS) if b.get(XML_ID) == key)
        supplied = supplied_fields(entry.fields)
        reasons = [s.get("reason") for s in bibl.iterfind(".//t:supplied", NS)]
        assert sorted(set(reasons)) == sorted(set(supplied.values())), key
        marked += len(reasons)
        for name, value in entry.fields.items():  # a partly supplied field: the brackets' text
            if name.lower() in supplied:
                inner = re.findall(r"\[([^\]]*)\]", value)
                assert [s.text for s in bibl.iterfind(".//t:supplied", NS)] == (inner or [value]), key
    assert marked >= 1
    title = next(b for b in back.iterfind(".//t:bibl", NS) if b.get(XML_ID) == "mfarf2017lavrovtwoplustwo")
    assert "".join(title.find("t:title", NS).itertext()).endswith("Format Consultations")
    assert title.find("t:title/t:supplied", NS).text == "tations"
    assert "[" not in "".join(back.itertext()), "brackets become supplied, never stay as text"


# --- Responsibility: an accepted proposal's proposer and reviewer ------------------------------


def test_the_proposer_and_reviewer_of_an_accepted_proposal_are_declared(tmp_path: Path) -> None:
    for name in ("witness", "editorial", "bib", "edition"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.rmtree(tmp_path / "editorial" / "proposals", ignore_errors=True)

    def edition(*args: str) -> None:
        cmd = [sys.executable, "-m", "edition_pipeline.cli", *args]
        result = subprocess.run(cmd, cwd=tmp_path, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr

    edition(
        "propose", "--where", "p2", "--witness", "rebuild a strategic dialogue", "--reading",
        "rebuild a strategic dialog", "--category", "spelling", "--certainty", "possible",
        "--rationale", "A test proposal.", "--by", "Ann Editor",
    )  # fmt: skip
    edition("accept", "P0001", "--reviewer", "Zoë O'Reviewer", "--comment", "Agreed.")
    out = tmp_path / "edition.tei.xml"
    out.write_text(convert_tei(tmp_path / WITNESS.relative_to(ROOT), cwd=tmp_path), encoding="utf-8")
    assert_valid(out)
    root = ET.parse(out).getroot()
    corr = next(c for c in root.iterfind(".//t:corr", NS) if c.text == "rebuild a strategic dialog")
    proposer, reviewer = corr.get("resp").split()
    names = {f"#{n.get(XML_ID)}": n.text for n in root.iterfind(".//t:titleStmt/t:respStmt/t:name", NS)}
    assert names[proposer] == "Ann Editor" and names[reviewer] == "Zoë O'Reviewer"
    stmts = {
        stmt.find("t:name", NS).text: " ".join(r.text for r in stmt.iterfind("t:resp", NS))
        for stmt in root.iterfind(".//t:titleStmt/t:respStmt", NS)
    }
    assert "proposed" in stmts["Ann Editor"] and "reviewed" in stmts["Zoë O'Reviewer"]
    choice = next(c for c in root.iterfind(".//t:choice", NS) if c.find("t:corr", NS) is corr)
    ident = choice.get(XML_ID)
    (change,) = [
        c for c in root.iterfind("t:teiHeader/t:revisionDesc/t:change", NS) if f"#{ident}" in c.get("target").split()
    ]
    assert {proposer, reviewer} <= set(change.get("who").split())
    assert change.text.endswith(f"Proposal P0001 accepted as register entry {ident}.")
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", change.get("when"))


# --- The register's history: revisions and withdrawals as changes ---------------------------


def test_a_revision_and_a_withdrawal_are_changes_with_what_the_entry_read_before(tmp_path: Path) -> None:
    """In a scratch copy: e12 revised twice (the second revision's record undated, as an editor may
    write it by hand), e02 withdrawn. Each is a change in revisionDesc, dated from the register
    only, by its proposer and reviewer, pointing to the entry's element (a withdrawn entry: the
    block that now prints W's reading), its text giving what the entry read before and why."""
    project = copy_project(tmp_path)

    def edition(*args: str) -> None:
        cmd = [sys.executable, "-m", "edition_pipeline.cli", *args]
        result = subprocess.run(cmd, cwd=project, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr

    revise = ["propose", "--revise", "e12", "--rationale", "Her own site writes Céline.", "--certainty", "certain"]
    edition(*revise, "--by", "Ann Editor", "--date", "2026-11-27")
    edition("accept", "P0001", "--reviewer", "Ben Reviewer", "--date", "2026-11-28")
    edition("propose", "--withdraw", "e02", "--rationale", "W's spelling stands.", "--by", "Cy", "--date", "2026-11-28")
    edition("accept", "P0002", "--reviewer", "Dee", "--date", "2026-11-29")
    edition("propose", "--revise", "e12", "--certainty", "probable", "--rationale", "Only probable.", "--by", "Cy")
    edition("accept", "P0003", "--reviewer", "Dee", "--date", "2026-11-30")
    register = project / "editorial" / "emendations.yaml"
    dated = '{proposal: P0003, proposer: "Cy", reviewer: "Dee", date: "2026-11-30"}'
    assert dated in register.read_text(encoding="utf-8")
    register.write_text(register.read_text(encoding="utf-8").replace(dated, dated.replace("2026-11-30", "")))

    out = tmp_path / "edition.tei.xml"
    out.write_text(convert_tei(project / WITNESS.relative_to(ROOT), cwd=project), encoding="utf-8")
    assert_valid(out)
    root = ET.parse(out).getroot()
    assert unresolved(root)[1] == []
    names = {f"#{n.get(XML_ID)}": n.text for n in root.iterfind(".//t:titleStmt/t:respStmt/t:name", NS)}
    changes = root.findall("t:teiHeader/t:revisionDesc/t:change", NS)

    def text(change: ET.Element) -> str:
        return " ".join("".join(change.itertext()).split())

    def mentioned(change: ET.Element) -> list[str]:
        return [m.text for m in change.iterfind("t:mentioned", NS)]

    # the most recent first; the undated record last, with no date supplied
    # (the edition's own publication, on its edition date, is the most recent)
    assert [(c.get("when"), c.get("type")) for c in changes] == [
        ("2026-12-02", None),
        ("2026-11-29", "withdrawal"),
        ("2026-11-28", "revision"),
        ("2026-11-25", None),
        (None, "revision"),
    ]
    _, withdrawal, first, made, second = changes

    assert (first.get("target"), [names[p] for p in first.get("who").split()]) == (
        "#e12",
        ["Ann Editor", "Ben Reviewer"],
    )
    assert text(first).startswith(
        "Register entry e12, W's line 95: revised by proposal P0001, proposed by Ann Editor, reviewed by Ben Reviewer. "
        "Before: the edition read Céline for W's Celine (probable; the Edition Team, 2026-11-25): The IFRI researcher"
    ), text(first)
    assert text(first).endswith("After: the edition read Céline for W's Celine (certain).")
    assert mentioned(first) == ["Céline", "Celine", "Céline", "Celine"]

    assert second.get("target") == "#e12" and [names[p] for p in second.get("who").split()] == ["Cy", "Dee"]
    assert text(second) == (
        "Register entry e12, W's line 95: revised by proposal P0003, proposed by Cy, reviewed by Dee. Before: the "
        "edition read Céline for W's Celine (certain; Ann Editor, reviewed by Ben Reviewer, 2026-11-28): Her own site "
        "writes Céline. After: the edition read Céline for W's Celine (probable)."
    )
    choice = next(c for c in root.iterfind(".//t:choice", NS) if c.get(XML_ID) == "e12")
    assert choice.find("t:corr", NS).get("cert") == "medium", "the text has the entry as it stands"

    # e02 is gone from the text: W's reading stands there, in the block the change points to
    assert all(c.get(XML_ID) != "e02" for c in root.iter())
    assert [names[p] for p in withdrawal.get("who").split()] == ["Cy", "Dee"]
    (block,) = [el for el in root.iter() if f"#{el.get(XML_ID)}" == withdrawal.get("target")]
    assert block.find(".//t:lb[@n='42']", NS) is not None and "normalizaiton" in "".join(block.itertext())
    assert text(withdrawal) == (
        "Register entry e02, W's line 42: withdrawn by proposal P0002, proposed by Cy, reviewed by Dee: the edition "
        "prints W's normalizaiton. Reason: W's spelling stands. The entry last stood: the edition read normalization "
        "for W's normalizaiton (certain; the Edition Team, 2026-11-25): Transposed letters; the word is spelled "
        "correctly everywhere else in W."
    )
    assert mentioned(withdrawal) == ["normalizaiton", "normalization", "normalizaiton"]

    # e12 was made on 2026-11-25 by the Edition Team: its decision stays with that day's
    assert "#e12" in made.get("target").split() and "#e02" not in made.get("target").split()
    assert made.get("who") == "#ET" and "P0001" not in text(made)
    stmts = {
        stmt.find("t:name", NS).text: [r.text for r in stmt.iterfind("t:resp", NS)]
        for stmt in root.iterfind(".//t:titleStmt/t:respStmt", NS)
    }
    assert stmts["Cy"] == [
        "proposed the revision of the register's entries e12",
        "proposed the withdrawal of the register's entries e02",
    ]
    assert stmts["Dee"] == ["reviewed and accepted the proposals of entries e12, e02"]
    assert stmts["Ann Editor"] == ["proposed the revision of the register's entries e12"]


LIGHT_REGISTER = """\
defaults: {resp: ED, date: "2026-12-01"}
entries:
  - {id: s1, line: 6, witness: "oil", reading: "oils", kind: sic, category: doubtful, certainty: possible,
     rationale: "Perhaps the plural.", resp: "Ann; reviewed by Ben", date: "3 December", proposal: P0001,
     history: [{certainty: probable, rationale: "W may be right.", resp: ED, date: "2026-12-01",
                revised: {proposal: P0001, proposer: Ann, reviewer: Ben, date: "3 December"}}]}
withdrawn:
  - {id: h1e, line: 1, witness: "Keepers", reading: "Keeper", kind: emendation, category: spelling, certainty: possible,
     rationale: "Singular?", resp: "Ann; reviewed by Ben", date: "2026-12-01", proposal: P0004,
     history: [{reading: "Keepr", certainty: possible, rationale: "A letter dropped?", resp: ED, date: "2026-11-30",
                revised: {proposal: P0004, proposer: Ann, reviewer: Ben, date: "2026-12-01"}}],
     withdrawn: {proposal: P0002, proposer: Ben, reviewer: Ann, date: "", rationale: "The title is plural"}}
  - {id: d1, line: 12, witness: "Ibid.", kind: note, category: doubtful, certainty: probable,
     rationale: "Which work?", resp: ED, date: "2026-12-01",
     withdrawn: {proposal: P0003, proposer: Ann, reviewer: Ben, date: "2026-12-05"}}
"""


def test_a_kept_reading_revised_and_entries_withdrawn_from_a_heading_and_a_note(tmp_path: Path) -> None:
    """A register written for the test: a kept reading (sic) revised on a date that is no ISO
    date (given in words, no @when), a heading's emendation revised, then withdrawn undated (a
    heading has no id: no @target, W's line in the text), an editors' note withdrawn from note 2
    (its target)."""
    from edition_pipeline.convert import convert_witness
    from edition_pipeline.register import anchor_entries, load_register, register_data
    from edition_pipeline.tei import to_tei
    from edition_pipeline.witness import parse_witness_text

    path = tmp_path / "emendations.yaml"
    path.write_text(LIGHT_REGISTER, encoding="utf-8")
    document = convert_witness(parse_witness_text(HAND_WRITTEN))
    anchors = anchor_entries(document, load_register(path), str(path))
    metadata = {"title": "Keepers", "resp": {"ED": "The Editor, the edition"}}
    out = tmp_path / "light.tei.xml"
    out.write_text(to_tei(document, metadata, anchors, register=register_data(path)), encoding="utf-8")
    assert_valid(out)
    root = ET.parse(out).getroot()
    assert unresolved(root)[1] == []
    changes = root.findall("t:teiHeader/t:revisionDesc/t:change", NS)
    texts = [" ".join("".join(c.itertext()).split()) for c in changes]
    assert [(c.get("type"), c.get("when"), c.get("target")) for c in changes] == [
        ("withdrawal", "2026-12-05", "#n2"),
        ("revision", "2026-12-01", None),
        (None, "2026-12-01", "#s1"),
        ("revision", None, "#s1"),
        ("withdrawal", None, None),
    ], texts
    assert texts[0] == (
        "Register entry d1, W's line 12: withdrawn by proposal P0003, proposed by Ann, reviewed by Ben: the edition "
        "prints W's Ibid.. The entry last stood: the editors' note after W's Ibid. read: Which work? (probable; The "
        "Editor, 2026-12-01)."
    )
    assert texts[1] == (
        "Register entry h1e, W's line 1: revised by proposal P0004, proposed by Ann, reviewed by Ben. Before: the "
        "edition read Keepr for W's Keepers (possible; The Editor, 2026-11-30): A letter dropped? After: the edition "
        "read Keeper for W's Keepers (possible)."
    )
    assert texts[3] == (
        "Register entry s1, W's line 6: revised by proposal P0001 (3 December), proposed by Ann, reviewed by Ben. "
        "Before: W's oil was kept (probable; The Editor, 2026-12-01): W may be right. After: W's oil was kept, the "
        "editors suggesting oils (possible)."
    )
    assert texts[4] == (
        "Register entry h1e, W's line 1: withdrawn by proposal P0002, proposed by Ben, reviewed by Ann: the edition "
        "prints W's Keepers. Reason: The title is plural. The entry last stood: the edition read Keeper for W's "
        "Keepers (possible; Ann, reviewed by Ben, 2026-12-01): Singular?"
    )
    assert "".join(root.find(".//t:body/t:div/t:head", NS).itertext()) == "The Keepers of the Light"


# --- make tei: validated before it is put in place ---------------------------------------------


def test_make_tei_writes_only_valid_tei_and_keeps_the_last_valid_file(tmp_path: Path) -> None:
    """`make tei` validates the TEI with jing before moving it into place. The second run's
    converter is the real one with its output damaged (an element TEI does not have): make fails
    with jing's message naming the file and line, and the valid file of the first run stays."""
    out = tmp_path / "build"
    # the rule alone: neither the venv (setup) nor `edition check` (validate, tested elsewhere) rerun
    make = ["make", "-s", "-o", ".venv/.installed", "-o", "validate", f"OUT={out}", "tei"]
    first = subprocess.run(make, cwd=ROOT, capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    written = out / "tei" / "edition.tei.xml"
    assert_valid(written)
    valid = written.read_bytes()
    damaging = tmp_path / "bin"
    damaging.mkdir()
    (damaging / "edition").write_text(
        f'#!/bin/sh\nif [ "$1" = convert ]; then {ROOT}/.venv/bin/edition "$@" | sed "s/<lb /<linebreak /"; '
        f'else exec {ROOT}/.venv/bin/edition "$@"; fi\n',
        encoding="utf-8",
    )
    (damaging / "edition").chmod(0o755)
    second = subprocess.run([*make, f"BIN={damaging}"], cwd=ROOT, capture_output=True, text=True)
    assert second.returncode != 0
    assert "not valid TEI P5" in second.stderr
    assert re.search(re.escape(str(written)) + r':\d+:\d+: error: element "linebreak" not allowed', second.stderr)
    assert written.read_bytes() == valid, "the last valid TEI is kept"
    assert [p.name for p in (out / "tei").iterdir()] == ["edition.tei.xml"], "no temporary file left"


LIGHT_BIB = r"""
@book{ellison2001keepers,
  author = {Ellison, Ann and others},
  title = {The Keepers of the Northern Lights},
  publisher = {Harbour [Press]},
  address = {Oban},
  date = {2001},
  pages = {4},
  edition = {2},
  supplied = {address: the imprint of the copy the editors saw; publisher: completed [Press] from the title page},
}
@misc{10.1000/logs:1,
  title = {Logbooks of the {L}ight {[}1890--1910{]}},
  url = {https://www.example.org/lighthouse/logbooks},
  supplied = {title: the years, from the archive's catalogue},
}
"""


def test_the_bibliography_of_another_project_maps_every_field(tmp_path: Path) -> None:
    """A database written for the test: a key that is no XML name gets an id of its own; a wholly
    supplied field and a partly supplied one are marked with their reasons; a field the mapping
    does not know (edition) is kept as a note of its name; the note points to its work."""
    from pybtex.database import parse_string

    from edition_pipeline.citations import cite_notes
    from edition_pipeline.convert import convert_witness
    from edition_pipeline.tei import to_tei
    from edition_pipeline.witness import parse_witness_text

    text = HAND_WRITTEN.replace(
        "Ellison, Keepers, p. 4.", "Ann Ellison, “The Keepers of the Northern Lights,” Harbour Press, 2001, p. 4."
    )
    document = convert_witness(parse_witness_text(text))
    bib = parse_string(LIGHT_BIB.replace("{[}1890--1910{]}", "[1890--1910]"), "bibtex")
    refs = cite_notes(document, bib)
    assert [(r.note, r.key) for r in refs if r.key][:1] == [(1, "ellison2001keepers")]
    out = tmp_path / "light.tei.xml"
    out.write_text(to_tei(document, {"title": "Keepers"}, [], refs, bib), encoding="utf-8")
    assert_valid(out)
    root = ET.parse(out).getroot()
    assert unresolved(root)[1] == []
    bibls = {b.get(XML_ID): b for b in root.iterfind(".//t:listBibl/t:bibl", NS)}
    assert set(bibls) == {"ellison2001keepers", "bib-10.1000-logs-1"}
    book = bibls["ellison2001keepers"]
    assert [a.text for a in book.iterfind("t:author", NS)] == ["Ann Ellison", "et al."]
    place = book.find("t:pubPlace/t:supplied", NS)
    assert (place.text, place.get("reason")) == ("Oban", "the imprint of the copy the editors saw")
    publisher = book.find("t:publisher", NS)
    assert publisher.text == "Harbour " and publisher.find("t:supplied", NS).text == "Press"
    assert book.find("t:note[@type='edition']", NS).text == "2"
    assert book.find("t:biblScope[@unit='page']", NS).text == "4"
    logs = bibls["bib-10.1000-logs-1"]
    assert "".join(logs.find("t:title", NS).itertext()) == "Logbooks of the Light 1890–1910"
    assert logs.find("t:title/t:supplied", NS).get("reason") == "the years, from the archive's catalogue"
    assert logs.find("t:ref", NS).get("target") == "https://www.example.org/lighthouse/logbooks"
    note1 = root.find(".//t:note[@type='author'][@n='1']", NS)
    assert note1.find("t:ptr", NS).get("target") == "#ellison2001keepers"


def test_people_get_xml_names_one_per_person() -> None:
    """The register's sense of one person (case, spacing, invisible characters) gives one id;
    two people whose names differ only in accents or marks get two; every id is an ASCII XML name."""
    from edition_pipeline.register import Entry
    from edition_pipeline.tei import NCNAME, _People

    def entry(ident: str, resp: str) -> Entry:
        return Entry(ident, 1, "w", "r", "sic", "doubtful", "possible", "why", resp, "2026-12-01", 1)

    people = _People(
        {"resp": {"ET": "the Edition Team", "J Doe": "Jane Doe"}},
        [
            entry("e1", "Zoë O'Reviewer; reviewed by ann  EDITOR"),
            entry("e2", "Ann Editor; reviewed by Zoe O Reviewer"),
            entry("e3", "Ann\u200bEditor; reviewed by ET"),
        ],
    )
    ids = {name: people.ident(name) for name in ("Zoë O'Reviewer", "Zoe O Reviewer", "Ann Editor", "ann  EDITOR")}
    assert ids["Ann Editor"] == ids["ann  EDITOR"] == people.ident("Ann\u200bEditor")
    assert ids["Zoë O'Reviewer"] != ids["Zoe O Reviewer"]
    assert people.ident("ET") == "ET" and people.pointers("Ann Editor; reviewed by ET") == f"#{ids['Ann Editor']} #ET"
    assert all(NCNAME.fullmatch(i) for i in [*ids.values(), people.ident("J Doe")])
    assert people.ident("J Doe") not in ids.values()
    assert sorted(people.roles[ids["Ann Editor"]]["proposed"]) == ["e2", "e3"]
