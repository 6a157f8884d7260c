"""Revising or withdrawing a register entry: proposed by one editor, accepted by another, the
entry changed (or moved under 'withdrawn:') with a record of what it was, who changed it, when
and why. The real CLI on a scratch copy of the project."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest
import yaml
from conftest import copy_project, edition_cli

E12 = "  - {id: e12, line: 95,"  # the register's line of e12: W 'Celine', the edition 'Céline', probable


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path)


edition = edition_cli


def register(project: Path) -> dict:
    return yaml.safe_load((project / "editorial" / "emendations.yaml").read_text(encoding="utf-8"))


def entry(project: Path, entry_id: str) -> dict | None:
    return next((e for e in register(project)["entries"] if e["id"] == entry_id), None)


def record(project: Path, pid: str) -> dict:
    return yaml.safe_load((project / "editorial" / "proposals" / f"{pid}.yaml").read_text(encoding="utf-8"))


def stored(project: Path) -> list[str]:
    folder = project / "editorial" / "proposals"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def e12_in_edition(project: Path) -> list[str]:
    """The role that carries entry e12 in the generated edition (none once withdrawn)."""
    myst = (project / "edition" / "index.md").read_text(encoding="utf-8")
    return [part.split("`")[0] for part in myst.split("{emend}`")[1:] if "id: e12;" in part.split("`")[0]]


REVISE = ["propose", "--revise", "e12", "--certainty", "certain", "--rationale", "Her own site writes Céline."]


def test_a_revision_is_accepted_by_a_second_editor_and_the_entry_keeps_what_it_was(project: Path) -> None:
    before = (project / "editorial" / "emendations.yaml").read_text(encoding="utf-8")
    old = entry(project, "e12")
    proposed = edition(project, *REVISE, "--by", "Ann Editor", "--date", "2026-12-02")
    assert proposed.returncode == 0, proposed.stderr
    assert "proposal P0001: revise e12: witness line 95: 'Celine': 'Céline' (probable) → 'Céline' (certain)" in (
        proposed.stdout
    )
    assert entry(project, "e12") == old, "nothing changes before the review"
    listed = edition(project, "proposals")
    assert "P0001  open" in listed.stdout and "revise e12" in listed.stdout, listed.stdout
    own = edition(project, "accept", "P0001", "--reviewer", "ANN  editor")
    assert own.returncode == 2 and "P0001.yaml:1: a proposal is reviewed by a second editor" in own.stderr
    accepted = edition(project, "accept", "P0001", "--reviewer", "Ben Reviewer", "--date", "2026-12-03")
    assert accepted.returncode == 0, accepted.stderr
    assert "accepted P0001: register entry e12 revised" in accepted.stdout
    new = entry(project, "e12")
    assert new["certainty"] == "certain" and new["reading"] == "Céline"
    assert new["rationale"] == "Her own site writes Céline." and new["proposal"] == "P0001"
    assert new["resp"] == "Ann Editor; reviewed by Ben Reviewer" and new["date"] == "2026-12-03"
    assert new["history"] == [
        {
            "reading": "Céline",
            "certainty": "probable",
            "rationale": old["rationale"],
            "resp": "ET",  # from the register's defaults, written out
            "date": "2026-11-25",
            "revised": {
                "proposal": "P0001",
                "proposer": "Ann Editor",
                "reviewer": "Ben Reviewer",
                "date": "2026-12-03",
            },
        }
    ]
    after = (project / "editorial" / "emendations.yaml").read_text(encoding="utf-8")
    changed = [line for line in after.splitlines() if line not in before.splitlines()]
    assert changed[0].startswith(E12) and len(changed) == 3, "only e12's lines change; comments and order kept"
    assert after.splitlines()[:8] == before.splitlines()[:8]
    assert [e["id"] for e in register(project)["entries"]] == [e["id"] for e in yaml.safe_load(before)["entries"]]
    (role,) = e12_in_edition(project)
    assert role.startswith("Céline [wit: Celine;") and "cert: certain" in role, role
    review = record(project, "P0001")
    assert review["status"] == "accepted" and review["review"]["entry"] == "e12"
    assert edition(project, "check").returncode == 0


def test_a_withdrawal_leaves_w_s_reading_and_keeps_the_entry_s_record(project: Path) -> None:
    old = entry(project, "e12")
    proposed = edition(project, "propose", "--withdraw", "e12", "--rationale", "W's spelling stands.", "--by", "Ann")
    assert proposed.returncode == 0, proposed.stderr
    assert "withdraw e12" in proposed.stdout and "the edition prints W's 'Celine'" in proposed.stdout
    accepted = edition(project, "accept", "P0001", "--reviewer", "Ben", "--date", "2026-12-03")
    assert accepted.returncode == 0, accepted.stderr
    assert entry(project, "e12") is None and not e12_in_edition(project)
    (kept,) = register(project)["withdrawn"]
    assert {k: v for k, v in kept.items() if k != "withdrawn"} == {**old, "resp": "ET", "date": "2026-11-25"}
    assert kept["withdrawn"] == {
        "proposal": "P0001",
        "proposer": "Ann",
        "reviewer": "Ben",
        "date": "2026-12-03",
        "rationale": "W's spelling stands.",
    }
    assert edition(project, "check").returncode == 0
    # ids are never reused: withdraw the last-numbered entry; a new entry gets the number after it
    last = max((e["id"] for e in register(project)["entries"] if e["id"][1:].isdigit()), key=lambda i: int(i[1:]))
    latest = ["propose", "--withdraw", last, "--rationale", "A test.", "--by", "Ann"]
    assert edition(project, *latest).returncode == 0
    assert edition(project, "accept", "P0002", "--reviewer", "Ben").returncode == 0
    expected = f"e{int(last[1:]) + 1:02d}"
    new = ["propose", "--where", "p2", "--witness", "rebuild a strategic dialogue", "--reading", "rebuild a dialog"]
    assert edition(project, *new, "--rationale", "A test.", "--by", "Ann").returncode == 0
    assert edition(project, "accept", "P0003", "--reviewer", "Ben").returncode == 0
    assert register(project)["entries"][-1]["id"] == expected and register(project)["entries"][-1]["line"] == 41
    assert [w["id"] for w in register(project)["withdrawn"]] == ["e12", last], "new entries go among the entries"
    # the words are free again: a new correction of them is a new entry, with a new id
    again = ["propose", "--where", "line 95", "--witness", "Celine", "--reading", "Céline"]
    assert edition(project, *again, "--rationale", "After all.", "--by", "Cy").returncode == 0
    assert edition(project, "accept", "P0004", "--reviewer", "Ben").returncode == 0
    assert register(project)["entries"][-1]["id"] == f"e{int(expected[1:]) + 1:02d}"
    assert edition(project, "check").returncode == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--revise", "e99", "--reading", "x"],
            "command line: --revise e99: there is no register entry 'e99' in editorial/emendations.yaml",
        ),
        (["--revise", "e12", "--reading", "Céline"], "--revise e12 changes nothing: e12 already reads 'Céline'"),
        (["--revise", "e12", "--certainty", "probable"], "--revise e12 changes nothing"),
        (
            ["--revise", "e12", "--reading", "Celine"],
            "--reading 'Celine' is W's reading: to print W's reading, withdraw",
        ),
        (["--revise", "e12", "--where", "p3", "--certainty", "certain"], "--where is not for --revise"),
        (["--withdraw", "e12", "--reading", "Céline"], "--reading is not for --withdraw"),
        (["--revise", "e12", "--certainty", "sure"], "certainty must be one of"),
    ],
)
def test_a_bad_revision_on_the_command_line_is_refused_naming_the_option(
    project: Path, args: list[str], message: str
) -> None:
    result = edition(project, "propose", *args, "--rationale", "Why.", "--by", "Ann")
    assert result.returncode == 2 and message in result.stderr, result.stderr
    assert not stored(project)


FILE = "revise: e12\ncertainty: certain\nrationale: Her own site.\nproposer: Ann Editor\ndate: '2026-12-02'\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (FILE.replace("e12", "e99"), ":1: 'revise' e99: there is no register entry 'e99'"),
        (FILE.replace("certain\n", "probable\n"), ":1: 'revise' e12 changes nothing"),
        (FILE + "where: p3\n", ":6: 'where' is not for 'revise'"),
        (FILE + "was: {reading: x}\n", ":6: 'was:' is not for a proposal file"),
        (FILE.replace("revise:", "withdraw:"), ":2: 'certainty' is not for 'withdraw'"),
    ],
)
def test_a_bad_revision_in_a_file_is_refused_naming_its_line(project: Path, text: str, message: str) -> None:
    path = project / "revise.yaml"
    path.write_text(text, encoding="utf-8")
    result = edition(project, "propose", str(path))
    assert result.returncode == 2 and f"{path}{message}" in result.stderr, result.stderr
    assert not stored(project)


def test_a_revision_from_a_file_is_filed_like_one_from_the_command_line(project: Path) -> None:
    path = project / "revise.yaml"
    path.write_text(FILE, encoding="utf-8")
    result = edition(project, "propose", str(path))
    assert result.returncode == 0, result.stderr
    filed = record(project, "P0001")
    assert filed["revise"] == "e12" and filed["line"] == 95 and filed["witness"] == "Celine"
    assert filed["was"] == {"reading": "Céline", "certainty": "probable"} and filed["certainty"] == "certain"
    again = edition(project, *REVISE, "--by", "Cy")
    assert again.returncode == 2 and "repeats open proposal P0001" in again.stderr, again.stderr


def test_two_editors_on_the_same_entry_conflict_and_the_second_accept_is_refused(project: Path) -> None:
    assert edition(project, *REVISE, "--by", "Ann").returncode == 0
    withdraw = ["propose", "--withdraw", "e12", "--rationale", "W's spelling stands.", "--by", "Cy"]
    assert edition(project, *withdraw).returncode == 0
    listed = {line.split()[0]: line for line in edition(project, "proposals").stdout.splitlines()}
    assert "P0002 also changes e12: only one of them can be accepted" in listed["P0001"], listed
    assert "P0001 also changes e12: only one of them can be accepted" in listed["P0002"], listed
    assert edition(project, "accept", "P0001", "--reviewer", "Ben").returncode == 0
    before = (project / "editorial" / "emendations.yaml").read_bytes()
    second = edition(project, "accept", "P0002", "--reviewer", "Ben")
    assert second.returncode == 2, second.stdout
    assert "P0002.yaml:3: register entry e12 has changed since P0002 was proposed" in second.stderr, second.stderr
    assert "reject P0002" in second.stderr
    assert (project / "editorial" / "emendations.yaml").read_bytes() == before
    assert record(project, "P0002")["status"] == "open"
    listed = edition(project, "proposals").stdout
    assert "e12 has changed since (now 'Céline', certain): it cannot be accepted; reject it" in listed, listed
    assert edition(project, "reject", "P0002", "--reviewer", "Ben", "--comment", "Revised meanwhile.").returncode == 0
    assert edition(project, "check").returncode == 0


def test_a_revision_after_a_withdrawal_is_refused_naming_the_withdrawal(project: Path) -> None:
    assert edition(project, *REVISE, "--by", "Ann").returncode == 0  # open while the withdrawal lands
    withdraw = ["propose", "--withdraw", "e12", "--rationale", "W's spelling stands.", "--by", "Cy"]
    assert edition(project, *withdraw).returncode == 0
    assert edition(project, "accept", "P0002", "--reviewer", "Ben").returncode == 0
    late = edition(project, "accept", "P0001", "--reviewer", "Ben")
    assert late.returncode == 2 and "register entry e12 was withdrawn by P0002" in late.stderr, late.stderr
    assert "P0001 cannot be accepted; reject it" in late.stderr
    assert "e12 is no longer in the register" in edition(project, "proposals").stdout
    after = edition(project, *REVISE, "--by", "Dee")
    assert after.returncode == 2 and "command line: --revise e12: register entry e12 was withdrawn by P0002" in (
        after.stderr
    )
    assert "propose a new correction (edition propose --where 'line 95' --witness 'Celine'" in after.stderr
    assert stored(project) == ["P0001.yaml", "P0002.yaml"]


@pytest.mark.parametrize("action", [REVISE[1:], ["--withdraw", "e12", "--rationale", "W's spelling."]])
def test_an_interrupted_revision_or_withdrawal_is_flagged_and_finished_by_a_rerun(
    project: Path, action: list[str]
) -> None:
    assert edition(project, "propose", *action, "--by", "Ann").returncode == 0
    killed = edition(project, "accept", "P0001", "--reviewer", "Ben", env={"EDITION_TEST_CRASH_AT": "register"})
    assert killed.returncode == -signal.SIGKILL
    checked = edition(project, "check")
    assert checked.returncode == 1 and "run `edition accept P0001` to finish it" in checked.stderr, checked.stderr
    listed = edition(project, "proposals").stdout
    assert "interrupted" in listed and "accept interrupted" in listed, listed
    rerun = edition(project, "accept", "P0001", "--reviewer", "Ben")
    assert rerun.returncode == 0 and "finished an interrupted accept" in rerun.stdout, rerun.stderr
    assert "nothing to do" in edition(project, "accept", "P0001", "--reviewer", "Ben").stdout
    assert record(project, "P0001")["review"]["entry"] == "e12"
    assert edition(project, "check").returncode == 0


def test_a_correction_overlapping_an_entry_waits_for_its_withdrawal(project: Path) -> None:
    """Two proposals on the same words; one is accepted (entry e77...). The other overlaps that
    entry: it can be accepted once a withdrawal of the entry is, not before."""
    words = ["--where", "p2", "--witness", "rebuild a strategic dialogue", "--rationale", "A test."]
    assert edition(project, "propose", *words, "--reading", "rebuild a dialog", "--by", "Ann").returncode == 0
    assert edition(project, "propose", *words, "--reading", "rebuild a talk", "--by", "Cy").returncode == 0
    assert edition(project, "accept", "P0001", "--reviewer", "Ben").returncode == 0
    made = record(project, "P0001")["review"]["entry"]
    withdraw = ["propose", "--withdraw", made, "--rationale", "The talk is better.", "--by", "Cy"]
    assert edition(project, *withdraw).returncode == 0
    listed = {line.split()[0]: line for line in edition(project, "proposals").stdout.splitlines()}
    assert (
        f"overlaps register entry {made}: it cannot be accepted unless P0003, which withdraws {made}, is accepted "
        "first; reject it"
    ) in listed["P0002"], listed
    assert edition(project, "accept", "P0002", "--reviewer", "Ben").returncode == 2
    assert edition(project, "accept", "P0003", "--reviewer", "Ben").returncode == 0
    accepted = edition(project, "accept", "P0002", "--reviewer", "Ben")
    assert accepted.returncode == 0, accepted.stderr
    assert "{emend}`rebuild a talk [wit: rebuild a strategic dialogue;" in (project / "edition" / "index.md").read_text(
        encoding="utf-8"
    )
    assert edition(project, "check").returncode == 0


def test_an_entry_written_by_hand_in_block_style_is_not_rewritten_and_nothing_is_lost(project: Path) -> None:
    path = project / "editorial" / "emendations.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith(E12))
    block = yaml.safe_dump([entry(project, "e12")], allow_unicode=True, sort_keys=False, width=1000)
    path.write_text("".join([*lines[:at], *("  " + x for x in block.splitlines(keepends=True)), *lines[at + 2 :]]))
    assert edition(project, "check").returncode == 0, "the register reads the same"
    before = path.read_bytes()
    assert edition(project, *REVISE, "--by", "Ann").returncode == 0
    refused = edition(project, "accept", "P0001", "--reviewer", "Ben")
    assert refused.returncode == 2, refused.stdout
    assert f"register entry e12 (line {at + 1}) is not written as one '- {{...}}' item" in refused.stderr
    assert path.read_bytes() == before and record(project, "P0001")["status"] == "open"


def test_the_detector_s_candidate_at_a_withdrawn_entry_is_shown_as_decided_not_new(project: Path) -> None:
    witness = "witness/000_3a5a0b6ac34543a2.txt"
    withdraw = ["propose", "--withdraw", "e02", "--rationale", "W's spelling, for the test.", "--by", "Ann"]
    assert edition(project, *withdraw).returncode == 0
    assert edition(project, "accept", "P0001", "--reviewer", "Ben").returncode == 0
    listed = edition(project, "candidates", witness, "--all")
    (line,) = [x for x in listed.stdout.splitlines() if "normalizaiton" in x]
    assert line.endswith("withdrawn e02 (P0001)"), line
    assert "normalizaiton" not in edition(project, "candidates", witness).stdout, "decided: not listed as new"


def test_a_new_entry_lands_among_the_entries_after_a_last_entry_written_in_block_style(project: Path) -> None:
    """The register's last entry written by hand as a block mapping, and a 'withdrawn:' list after
    it: an accepted correction goes after that entry, not into the withdrawn list."""
    withdraw = ["propose", "--withdraw", "e12", "--rationale", "W's spelling stands.", "--by", "Ann"]
    assert edition(project, *withdraw).returncode == 0
    assert edition(project, "accept", "P0001", "--reviewer", "Ben").returncode == 0
    path = project / "editorial" / "emendations.yaml"
    text = path.read_text(encoding="utf-8")
    last = register(project)["entries"][-1]
    start = text.index(f"  - {{id: {last['id']},")
    end = text.index("}\n", start) + 2
    block = yaml.safe_dump([last], allow_unicode=True, sort_keys=False, width=1000)
    path.write_text(text[:start] + "".join("  " + x for x in block.splitlines(keepends=True)) + text[end:])
    assert edition(project, "check").returncode == 0
    new = ["propose", "--where", "p2", "--witness", "rebuild a strategic dialogue", "--reading", "rebuild a dialog"]
    assert edition(project, *new, "--rationale", "A test.", "--by", "Ann").returncode == 0
    accepted = edition(project, "accept", "P0002", "--reviewer", "Ben")
    assert accepted.returncode == 0, accepted.stderr
    assert register(project)["entries"][-2:][0] == last and register(project)["entries"][-1]["line"] == 41
    assert [w["id"] for w in register(project)["withdrawn"]] == ["e12"]
    assert edition(project, "check").returncode == 0
