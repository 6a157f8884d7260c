"""The TEI P5 export maps the same model and data: every intervention, page, note and quotation."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET

from conftest import ROOT, WITNESS

NS = {"t": "http://www.tei-c.org/ns/1.0"}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def tei() -> ET.Element:
    cmd = [sys.executable, "-m", "edition_pipeline.cli", "convert", str(WITNESS), "--format", "tei"]
    out = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return ET.fromstring(out)


def test_tei_has_every_intervention_page_note_and_quotation() -> None:
    root = tei()
    assert root.tag == "{http://www.tei-c.org/ns/1.0}TEI"
    assert root.find("t:teiHeader/t:fileDesc/t:titleStmt/t:title", NS).get("type") == "supplied"
    assert root.find("t:teiHeader/t:encodingDesc/t:editorialDecl/t:normalization", NS) is not None
    assert [pb.get("n") for pb in root.iterfind(".//t:pb", NS)] == [str(n) for n in range(1, 32)]
    notes = root.findall(".//t:note[@type='author']", NS)
    assert [n.get("n") for n in notes] == [str(n) for n in range(1, 87)]
    assert all(n.find("t:gap", NS) is not None for n in notes if 43 <= int(n.get("n")) <= 78)
    e02 = next(c for c in root.iterfind(".//t:choice", NS) if c.get(XML_ID) == "e02")
    assert e02.find("t:sic", NS).text == "normalizaiton"
    corr = e02.find("t:corr", NS)
    assert (corr.text, corr.get("cert"), corr.get("resp")) == ("normalization", "high", "#ET")
    assert len(root.findall(".//t:quote", NS)) == 13 and len(root.findall(".//t:supplied", NS)) == 1
    assert root.find(".//t:note[@type='fragment']", NS).text.startswith("Studies 67")
    lbs = root.findall(".//t:lb", NS)
    myst = (ROOT / "edition" / "index.md").read_text(encoding="utf-8")
    assert len(lbs) == myst.count("{lb}") > 800, "the same lines of W as the HTML diplomatic view"
    assert next(lb for lb in lbs if lb.get("n") == "5").get("break") == "no", "rela-/tions"
    p12 = next(p for p in root.iterfind(".//t:p", NS) if p.get(XML_ID) == "p12")
    assert "".join(p12.itertext()).startswith("Lavrov’s statement above") and p12.get("n") == "12"


def test_the_tei_text_is_the_reading_text_of_the_edition() -> None:
    root = tei()
    body = root.find("t:text/t:body", NS)
    for sic in body.iterfind(".//t:choice/t:sic", NS):
        sic.text = ""  # the reading: corrections, not the witness's errors
    text = " ".join("".join(body.itertext()).split())
    assert "or even normalization of the bilateral relationship" in text
    assert "no more ignominious paradox can be imagined." in text
