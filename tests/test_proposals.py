"""Editors propose; a second editor accepts or rejects; accepted corrections land in the apparatus."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT


@pytest.fixture
def project(tmp_path: Path) -> Path:
    for name in ("witness", "editorial", "bib", "edition"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.rmtree(tmp_path / "editorial" / "proposals", ignore_errors=True)
    return tmp_path


def edition(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "edition_pipeline.cli", *args], cwd=project, capture_output=True, text=True
    )


PROPOSAL = [
    "--where",
    "p2",
    "--witness",
    "rebuild a strategic dialogue",
    "--reading",
    "rebuild a strategic dialog",
    "--category",
    "spelling",
    "--certainty",
    "possible",
    "--rationale",
    "A test proposal.",
    "--by",
    "Ann Editor",
]


def test_propose_then_a_second_editor_accepts_and_it_lands_in_the_apparatus(project: Path) -> None:
    result = edition(project, "propose", *PROPOSAL)
    assert result.returncode == 0, result.stderr
    assert "proposal P0001: witness line 41" in result.stdout
    listed = edition(project, "proposals")
    assert "P0001" in listed.stdout and "open" in listed.stdout
    refused = edition(project, "accept", "P0001", "--reviewer", "ann editor")
    assert refused.returncode == 2 and "second editor" in refused.stderr
    accepted = edition(project, "accept", "P0001", "--reviewer", "Ben Reviewer", "--comment", "Agreed.")
    assert accepted.returncode == 0, accepted.stderr
    register = (project / "editorial" / "emendations.yaml").read_text(encoding="utf-8")
    assert "# The emendation register" in register, "the editors' comments are kept"
    entries = yaml.safe_load(register)["entries"]
    entry = entries[-1]
    expected = f"e{max(int(e['id'][1:]) for e in entries[:-1] if e['id'][1:].isdigit()) + 1:02d}"
    assert entry["id"] == expected and entry["line"] == 41 and entry["proposal"] == "P0001"
    assert entry["resp"] == "Ann Editor; reviewed by Ben Reviewer"
    myst = (project / "edition" / "index.md").read_text(encoding="utf-8")
    assert "{emend}`rebuild a strategic dialog [wit: rebuild a strategic dialogue;" in myst
    record = yaml.safe_load((project / "editorial" / "proposals" / "P0001.yaml").read_text(encoding="utf-8"))
    assert (
        record["status"] == "accepted"
        and record["review"]["reviewer"] == "Ben Reviewer"
        and record["review"]["entry"] == expected
    )
    again = edition(project, "reject", "P0001", "--reviewer", "Cy", "--comment", "no")
    assert again.returncode == 2 and "already accepted" in again.stderr


def test_reject_keeps_the_proposal_with_its_reason(project: Path) -> None:
    edition(project, "propose", *PROPOSAL)
    before = (project / "editorial" / "emendations.yaml").read_text(encoding="utf-8")
    result = edition(project, "reject", "P0001", "--reviewer", "Ben", "--comment", "The witness is right.")
    assert result.returncode == 0
    record = yaml.safe_load((project / "editorial" / "proposals" / "P0001.yaml").read_text(encoding="utf-8"))
    assert record["status"] == "rejected" and record["review"]["comment"] == "The witness is right."
    assert (project / "editorial" / "emendations.yaml").read_text(encoding="utf-8") == before


def test_a_proposal_file_from_the_html_form_is_imported(project: Path) -> None:
    form = project / "proposal.yaml"
    form.write_text(
        'where: "n2"\nwitness: "Shoichi Itoh"\nreading: "Shoichi Itoh"\nkind: "sic"\ncategory: "name"\n'
        'certainty: "possible"\nrationale: "Check."\nproposer: "Ann"\ndate: "2026-11-25"\n',
        encoding="utf-8",
    )
    result = edition(project, "propose", str(form))
    assert result.returncode == 0, result.stderr
    assert "witness line 90" in result.stdout


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("--witness", "words that are nowhere"), "is not found exactly once in p2"),
        (("--certainty", "sure"), "certainty must be one of"),
        (("--where", "p999"), "is not found exactly once in p999"),
    ],
)
def test_a_bad_proposal_exits_2_and_writes_nothing(project: Path, change: tuple[str, str], message: str) -> None:
    args = list(PROPOSAL)
    args[args.index(change[0]) + 1] = change[1]
    result = edition(project, "propose", *args)
    assert result.returncode == 2 and message in result.stderr
    assert not (project / "editorial" / "proposals").exists() or not list(
        (project / "editorial" / "proposals").iterdir()
    )


def test_a_proposal_on_words_of_a_register_entry_is_refused_naming_it(project: Path) -> None:
    result = edition(
        project, "propose", "--where", "line 42", "--witness", "normalizaiton", "--reading", "normalisation",
        "--rationale", "British spelling.", "--by", "Ann Editor",
    )
    assert result.returncode == 2 and "overlaps register entry e02" in result.stderr, result.stderr
    assert not (project / "editorial" / "proposals").exists() or not list((project / "editorial" / "proposals").iterdir())


def test_of_two_proposals_on_the_same_words_the_second_accept_is_refused(project: Path) -> None:
    for reading in ("rebuild a strategic dialog", "rebuild a strategic conversation"):
        args = list(PROPOSAL)
        args[args.index("--reading") + 1] = reading
        assert edition(project, "propose", *args).returncode == 0
    assert edition(project, "accept", "P0001", "--reviewer", "Ben").returncode == 0
    register = (project / "editorial" / "emendations.yaml").read_bytes()
    second = edition(project, "accept", "P0002", "--reviewer", "Ben")
    assert second.returncode == 2 and "overlaps entry" in second.stderr and "P0001" not in second.stderr
    assert (project / "editorial" / "emendations.yaml").read_bytes() == register
    assert yaml.safe_load((project / "editorial" / "proposals" / "P0002.yaml").read_text(encoding="utf-8"))["status"] == "open"


def test_an_accepted_proposal_builds_and_shows_who_proposed_and_who_reviewed(project: Path) -> None:
    """The whole round as the editors do it: propose, accept, then the edition builds under -W
    and the new entry stands in apparatus.json with both people (the register writes resp as
    'proposer; reviewed by reviewer', which the extension must read as two people, not one id)."""
    import json

    shutil.copy(ROOT / "conf.py", project / "conf.py")
    assert edition(project, "propose", *PROPOSAL).returncode == 0
    accepted = edition(project, "accept", "P0001", "--reviewer", "Ben Reviewer")
    assert accepted.returncode == 0, accepted.stderr
    out = project / "_build" / "html"
    build = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-c", ".", "-W", "--keep-going", "-n", "-q", "edition", str(out)],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, build.stderr
    entries = json.loads((out / "apparatus.json").read_text(encoding="utf-8"))["interventions"]
    mine = [e for e in entries if e["lemma"] == "rebuild a strategic dialog"]
    assert len(mine) == 1 and mine[0]["resp"] == "Ann Editor; reviewed by Ben Reviewer", mine
    assert mine[0]["witness"] == "rebuild a strategic dialogue" and mine[0]["line"] == 41
