"""What editors do that the review must refuse or survive (found by a helper working the CLI as
two editors would): a killed reject or propose, dates that are not days, names that pass for a
second person, readings with white space around them or equal to W's, words across W's page
break, and a filed proposal whose paragraph has been renumbered since."""

from __future__ import annotations

import datetime
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import copy_project, edition_cli


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path)


edition = edition_cli


def propose(project: Path, witness: str = "vast majority", reading: str = "great majority", **more: str):
    args = ["propose", "--where", more.pop("where", "p3"), "--witness", witness, "--reading", reading]
    args += ["--rationale", more.pop("rationale", "A test."), "--by", more.pop("by", "Ann Editor")]
    for key, value in more.items():
        args += [f"--{key}", value]
    return edition(project, *args)


def dead_pid() -> int:
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return int(done.stdout)


def unchanged(project: Path) -> tuple[bytes, bytes, list[str]]:
    folder = project / "editorial" / "proposals"
    return (
        (project / "editorial" / "emendations.yaml").read_bytes(),
        (project / "edition" / "index.md").read_bytes(),
        sorted(p.name for p in folder.iterdir()) if folder.is_dir() else [],
    )


def test_a_killed_reject_or_propose_is_never_taken_for_an_interrupted_accept(project: Path) -> None:
    assert propose(project).returncode == 0
    folder = project / "editorial" / "proposals"
    stray = folder / f".P0001.yaml.{dead_pid()}.tmp"  # a reject killed before its file was replaced
    stray.write_text((folder / "P0001.yaml").read_text().replace("status: open", "status: rejected"))
    checked = edition(project, "check")
    assert checked.returncode == 1
    assert "P0001 stands as it was (open): delete it" in checked.stderr, checked.stderr
    assert "edition accept" not in checked.stderr, "accepting would land the correction the reviewer was rejecting"
    rejected = edition(project, "reject", "P0001", "--reviewer", "Ben Reviewer", "--comment", "No.")
    assert rejected.returncode == 0, rejected.stderr
    assert not stray.exists(), "the rerun of the reject removes what the killed one left"
    # a propose killed before its file was written: the next proposal of that id removes it
    stray = folder / f".P0002.yaml.{dead_pid()}.tmp"
    stray.write_text("half a proposal")
    assert "nothing reads it: delete it" in edition(project, "check").stderr
    assert propose(project, "Nevertheless the", "Nonetheless the").returncode == 0
    assert not stray.exists() and (folder / "P0002.yaml").is_file()
    assert edition(project, "check").returncode == 0


@pytest.mark.parametrize(
    ("date", "said"),
    [
        ("tomorrow", "a day is written YYYY-MM-DD"),
        ("2026-02-30", "is not a day of the calendar"),
        ("26-12-01", "a day is written YYYY-MM-DD"),
        ((datetime.datetime.now(datetime.UTC).date() + datetime.timedelta(days=2)).isoformat(), "is after today"),
    ],
)
def test_a_decisions_day_is_a_day_of_the_calendar_not_yet_to_come(project: Path, date: str, said: str) -> None:
    assert propose(project).returncode == 0
    before = unchanged(project)
    accepted = edition(project, "accept", "P0001", "--reviewer", "Ben Reviewer", "--date", date)
    assert accepted.returncode == 2 and "--date" in accepted.stderr and said in accepted.stderr, accepted.stderr
    proposed = propose(project, "Nevertheless the", "Nonetheless the", date=date)
    assert proposed.returncode == 2 and said in proposed.stderr, proposed.stderr
    assert unchanged(project) == before, "nothing written"
    # a file's date is checked when it is proposed, at its line
    path = project / "p.yaml"
    path.write_text(
        "where: p3\nwitness: Nevertheless the\nreading: Nonetheless the\nkind: emendation\ncategory: spelling\n"
        f"certainty: probable\nrationale: x\nproposer: Ann\ndate: '{date}'\n"
    )
    filed = edition(project, "propose", str(path))
    assert filed.returncode == 2 and f"{path}:9: 'date': " in filed.stderr and said in filed.stderr, filed.stderr


def test_an_editor_east_of_greenwich_is_not_dated_tomorrow(project: Path) -> None:
    """The commands date a decision by the editor's own day, and check it by the same day."""
    east = {"TZ": "Pacific/Kiritimati"}  # UTC+14: a day ahead of UTC for 14 hours of each day
    args = ["propose", "--where", "p3", "--witness", "vast majority", "--reading", "great majority"]
    proposed = edition(project, *args, "--rationale", "x", "--by", "Ann", env=east)
    assert proposed.returncode == 0, proposed.stderr
    accepted = edition(project, "accept", "P0001", "--reviewer", "Ben", env=east)
    assert accepted.returncode == 0, accepted.stderr


@pytest.mark.parametrize(
    ("by", "reviewer", "said"),
    [
        ("Ann; reviewed by Eve", "Ann", "may not hold ';'"),
        ("Ann Editor", "Ann-Editor.", "not by its proposer"),
        ("Ann Editor", "ann_editor", "not by its proposer"),
        ("Ann Editor", "Ann Edítor", "not by its proposer"),
        ("Ann Editor", "@@@", "a name is written in letters"),
        ("Ann Editor", "Ann Editør", "not by its proposer"),  # letters that do not decompose into letter and accent
        ("Ann Editor", "Ann Edıtor", "not by its proposer"),
        ("Ann Editor", "Ann Eđitor", "not by its proposer"),
        ("Ann\uff1b reviewed by Eve", "Bob", "may not hold ';'"),  # a fullwidth semicolon
    ],
)
def test_a_name_does_not_pass_for_a_second_editor_by_its_punctuation(
    project: Path, by: str, reviewer: str, said: str
) -> None:
    proposed = propose(project, by=by)
    if proposed.returncode != 0:  # refused when proposed, naming the option
        assert "--by" in proposed.stderr and said in proposed.stderr, proposed.stderr
        return
    before = unchanged(project)
    accepted = edition(project, "accept", "P0001", "--reviewer", reviewer)
    assert accepted.returncode == 2 and said in accepted.stderr, accepted.stderr
    assert unchanged(project) == before


@pytest.mark.parametrize(
    ("witness", "reading", "said"),
    [
        ("vast majority ", "great majority", "begins or ends with white space"),
        (" vast majority", "great majority", "begins or ends with white space"),
        ("vast majority", " great majority", "begins or ends with white space"),
        ("vast majority", "great\nmajority", "a tab or a line break"),
        ("vast majority", "vast majority", "is W's own"),
        ("vast majority", "great\u2028majority", "a tab or a line break"),  # a line separator
        ("vast majority", "vast majority\u200b", "an invisible character (U+200B)"),
        ("Japanese government evidently", "Japanese government apparently", "page 29 begins at line 881"),
        ("relations. Indeed", "relations. Thus", "runs across W's page break (page 3 begins at line"),
    ],
)
def test_a_reading_is_the_words_alone_on_one_page_and_not_ws_own(
    project: Path, witness: str, reading: str, said: str
) -> None:
    where = "p1" if witness.startswith("relations") else "line 880" if "government" in witness else "p3"
    proposed = propose(project, witness, reading, where=where)
    assert proposed.returncode == 2 and said in proposed.stderr, proposed.stderr
    assert not (project / "editorial" / "proposals").exists() or not list(
        (project / "editorial" / "proposals").iterdir()
    )


def test_a_filed_proposal_stays_anchored_by_its_line_when_its_paragraph_is_renumbered(project: Path) -> None:
    """A structure override joins or parts paragraphs: a proposal's 'where' may then name another
    paragraph. Filed proposals, open or closed, are anchored by W's line, which never changes."""
    assert propose(project).returncode == 0
    assert propose(project, "Nevertheless the", "Nonetheless the").returncode == 0
    assert edition(project, "reject", "P0002", "--reviewer", "Ben Reviewer", "--comment", "No.").returncode == 0
    for pid in ("P0001", "P0002"):  # as after a join of p2 and p3: the words are now in "p2"
        path = project / "editorial" / "proposals" / f"{pid}.yaml"
        path.write_text(path.read_text().replace("where: p3", "where: p2"))
        assert yaml.safe_load(path.read_text())["where"] == "p2"
    listed = edition(project, "proposals")
    assert listed.returncode == 0 and "P0001" in listed.stdout, listed.stderr
    # the listing names the paragraph the words stand in now, and what the proposal was filed under
    row = next(line for line in listed.stdout.splitlines() if line.startswith("P0001"))
    assert "p3 (filed as p2)" in row and " p2 " not in row, row
    everything = edition(project, "proposals", "--all").stdout
    assert "P0002  rejected    p3 (filed as p2)" in everything, everything
    accepted = edition(project, "accept", "P0001", "--reviewer", "Ben Reviewer")
    assert accepted.returncode == 0, accepted.stderr
    assert "great majority" in (project / "edition" / "index.md").read_text()
    assert edition(project, "check").returncode == 0
    # a new proposal is still found by its paragraph as the edition numbers it now
    moved = propose(project, "deep assessment", "deep assessments", where="p2")
    assert moved.returncode == 2 and "W has it in p3" in moved.stderr, moved.stderr


@pytest.mark.parametrize(
    ("typed", "w"),
    [
        ("Abe's best efforts", "Abe’s best efforts"),  # a straight apostrophe for W's curly one
        ("Shinzo  Abe’s", "Shinzo Abe’s"),  # a double space
        ("Shinzo\u00a0Abe’s", "Shinzo Abe’s"),  # a no-break space
        (
            "inconclu-sive negotiations",
            "inconclusive negotiations",
        ),  # W's line-end hyphen, as the diplomatic view has it
        (
            "inconclu- sive negotiations",
            "inconclusive negotiations",
        ),  # and the line end, as a copy from the PDF keeps it
        ("inconclu-\nsive negotiations", "inconclusive negotiations"),
        ("vis-a\u0300-vis North", "vis-à-vis North"),  # a letter and its accent for W's one character
    ],
)
def test_words_copied_by_hand_are_shown_as_w_has_them(project: Path, typed: str, w: str) -> None:
    proposed = propose(project, typed, "something else", where="p1")
    assert proposed.returncode == 2, proposed.stderr
    assert f"W has it nowhere as written, but reads {w!r} in p" in proposed.stderr, proposed.stderr


def test_an_empty_field_in_a_file_is_named_as_empty_at_its_line(project: Path, tmp_path: Path) -> None:
    path = tmp_path / "proposal.yaml"
    path.write_text(
        "where: p3\nwitness: vast majority\nreading: great majority\nkind: emendation\ncategory: spelling\n"
        "certainty: probable\nrationale:\nproposer: Ann Editor\n",
        encoding="utf-8",
    )
    refused = edition(project, "propose", str(path))
    assert refused.returncode == 2
    assert f"{path}:7: rationale is empty: write its value after the colon" in refused.stderr, refused.stderr


def test_a_proposal_is_named_by_its_number_as_well(project: Path) -> None:
    assert propose(project).returncode == 0
    accepted = edition(project, "accept", "P1", "--reviewer", "Ben Reviewer")
    assert accepted.returncode == 0, accepted.stderr
    assert yaml.safe_load((project / "editorial" / "proposals" / "P0001.yaml").read_text())["status"] == "accepted"


def test_a_file_without_a_closed_field_is_told_what_to_add(project: Path, tmp_path: Path) -> None:
    path = tmp_path / "proposal.yaml"
    path.write_text(
        "where: p3\nwitness: vast majority\nreading: great majority\nkind: emendation\nrationale: x\nproposer: Ann\n",
        encoding="utf-8",
    )
    refused = edition(project, "propose", str(path))
    assert refused.returncode == 2
    assert "a proposal needs 'category' (not empty): one of " in refused.stderr, refused.stderr
    assert "spelling" in refused.stderr and "(add a line 'category: …' to the file)" in refused.stderr


def test_a_word_w_divides_at_a_pages_end_may_be_corrected(project: Path) -> None:
    """'govern-|ment' runs across W's page break inside the word: the page break follows the word."""
    proposed = propose(project, "government", "governance", where="line 880")
    assert proposed.returncode == 0, proposed.stderr
    accepted = edition(project, "accept", "P0001", "--reviewer", "Ben Reviewer")
    assert accepted.returncode == 0, accepted.stderr
    assert "{pb}`29 [line: 881]`" in (project / "edition" / "index.md").read_text()
    assert edition(project, "check").returncode == 0


def _file(project: Path, pid: str, **fields: object) -> Path:
    """A proposal filed as an earlier version of the commands could file it."""
    data = {"id": pid, "where": "p3", "witness": "vast majority", "reading": "great majority", "kind": "emendation"}
    data |= {"category": "spelling", "certainty": "probable", "rationale": "x", "proposer": "Ann", "date": "2026-11-30"}
    data |= {"line": 52, "status": "open", "review": {}, **fields}
    folder = project / "editorial" / "proposals"
    folder.mkdir(exist_ok=True)
    path = folder / f"{pid}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_a_proposal_filed_before_a_rule_stays_readable_and_can_be_rejected(project: Path) -> None:
    path = _file(project, "P0001", witness="vast majority ", reading="great majority ")
    _file(project, "P0002", witness="Nevertheless the", reading="Nonetheless the", date="3 December")
    listed = edition(project, "proposals")
    assert listed.returncode == 0 and "P0001" in listed.stdout and "P0002" in listed.stdout, listed.stderr
    assert edition(project, "check").returncode == 0
    refused = edition(project, "accept", "P0001", "--reviewer", "Ben Reviewer")
    assert refused.returncode == 2 and f"{path.relative_to(project)}:" in refused.stderr
    assert "begins or ends with white space" in refused.stderr and "reject P0001 and propose again" in refused.stderr
    assert edition(project, "reject", "P0001", "--reviewer", "Ben Reviewer", "--comment", "Spaces.").returncode == 0
    assert edition(project, "accept", "P0002", "--reviewer", "Ben Reviewer").returncode == 0


def test_a_proposal_whose_words_the_text_no_longer_has_is_flagged_not_fatal(project: Path) -> None:
    """As after a line-break override that keeps a hyphen: the words a proposal names are gone."""
    _file(
        project,
        "P0001",
        witness="vast majoritee",
        reading="vast majority",
        status="rejected",
        review={"reviewer": "Ben", "date": "2026-11-30", "comment": "No."},
    )
    path = _file(project, "P0002", witness="vast majoritee", reading="great majority")
    listed = edition(project, "proposals")
    assert listed.returncode == 0, listed.stderr
    line = next(x for x in listed.stdout.splitlines() if x.startswith("P0002"))
    assert "no longer found" in line and "reject it and propose again" in line, line
    checked = edition(project, "check")
    assert checked.returncode == 1 and f"{path.relative_to(project)}: " in checked.stderr
    assert "the text has changed under it; reject P0002 and propose again" in checked.stderr, checked.stderr
    refused = edition(project, "accept", "P0002", "--reviewer", "Ben Reviewer")
    assert refused.returncode == 2 and "reject P0002 and propose again" in refused.stderr, refused.stderr
    assert edition(project, "reject", "P0002", "--reviewer", "Ben Reviewer", "--comment", "Gone.").returncode == 0
    assert edition(project, "check").returncode == 0, "a closed proposal is history: it stands"


def test_a_stray_proposal_file_beside_an_interrupted_accept_is_not_that_accepts(project: Path) -> None:
    assert propose(project).returncode == 0
    killed = edition(
        project, "accept", "P0001", "--reviewer", "Ben Reviewer", env={"EDITION_TEST_CRASH_AT": "register"}
    )
    assert killed.returncode != 0
    stray = project / "editorial" / "proposals" / f".P0003.yaml.{dead_pid()}.tmp"
    stray.write_text("half a proposal")
    report = next(
        x for x in edition(project, "check").stderr.splitlines() if x.startswith(str(stray.relative_to(project)))
    )
    assert "nothing reads it: delete it" in report and "edition accept" not in report, report
