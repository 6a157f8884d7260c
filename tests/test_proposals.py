"""Editors propose; a second editor accepts or rejects; accepted corrections land in the apparatus."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, copy_project


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path)


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
    # written as the editors write theirs: the names of the lists plain, every text quoted, the rationale on a line of its own
    written = register[register.index(f"  - {{id: {expected},") :].splitlines()
    assert written[0] == (
        f'  - {{id: {expected}, line: 41, witness: "rebuild a strategic dialogue", reading: "rebuild a strategic dialog", '
        f"kind: {entry['kind']}, category: {entry['category']}, certainty: {entry['certainty']},"
    ), written
    assert written[1].startswith('     rationale: "') and written[1].endswith(", proposal: P0001}"), written
    assert 'resp: "Ann Editor; reviewed by Ben Reviewer", date: "' in written[1], written
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
        project,
        "propose",
        "--where",
        "line 42",
        "--witness",
        "normalizaiton",
        "--reading",
        "normalisation",
        "--rationale",
        "British spelling.",
        "--by",
        "Ann Editor",
    )
    assert result.returncode == 2 and "overlaps register entry e02" in result.stderr, result.stderr
    assert "edition propose --revise e02 ... or --withdraw e02" in result.stderr, "it says how to change e02"
    assert not (project / "editorial" / "proposals").exists() or not list(
        (project / "editorial" / "proposals").iterdir()
    )


def test_of_two_proposals_on_the_same_words_the_second_accept_is_refused(project: Path) -> None:
    for reading in ("rebuild a strategic dialog", "rebuild a strategic conversation"):
        args = list(PROPOSAL)
        args[args.index("--reading") + 1] = reading
        assert edition(project, "propose", *args).returncode == 0
    assert edition(project, "accept", "P0001", "--reviewer", "Ben").returncode == 0
    register = (project / "editorial" / "emendations.yaml").read_bytes()
    second = edition(project, "accept", "P0002", "--reviewer", "Ben")
    # the message names what exists: the accepted entry and its proposal, not the entry P0002
    # would have become nor a line of the register that was never written
    landed = next(e["id"] for e in yaml.safe_load(register)["entries"] if e.get("proposal") == "P0001")
    assert second.returncode == 2, second.stderr
    assert (
        f"proposal P0002 ('rebuild a strategic dialogue', line 41) overlaps register entry {landed} "
        f"(accepted from P0001): reject it, or correct {landed}"
    ) in second.stderr, second.stderr
    assert "emendations.yaml:" not in second.stderr and "P0002.yaml:" in second.stderr
    assert (project / "editorial" / "emendations.yaml").read_bytes() == register
    assert (
        yaml.safe_load((project / "editorial" / "proposals" / "P0002.yaml").read_text(encoding="utf-8"))["status"]
        == "open"
    )


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
        [
            sys.executable,
            "-m",
            "sphinx",
            "-b",
            "html",
            "-c",
            ".",
            "-W",
            "--keep-going",
            "-n",
            "-q",
            "edition",
            str(out),
        ],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, build.stderr
    entries = json.loads((out / "apparatus.json").read_text(encoding="utf-8"))["interventions"]
    mine = [e for e in entries if e["lemma"] == "rebuild a strategic dialog"]
    assert len(mine) == 1 and mine[0]["resp"] == "Ann Editor; reviewed by Ben Reviewer", mine
    assert mine[0]["witness"] == "rebuild a strategic dialogue" and mine[0]["line"] == 41


FORM = (
    'where: "p2"\nwitness: "rebuild a strategic dialogue"\nreading: "rebuild a strategic dialog"\nkind: "emendation"\n'
    'category: "spelling"\ncertainty: "possible"\nrationale: "Check."\nproposer: "Ann Editor"\ndate: "2026-11-25"\n'
)


def form(project: Path, text: str, name: str = "proposal.yaml") -> Path:
    path = project / name
    path.write_text(text, encoding="utf-8")
    return path


def stored(project: Path) -> list[str]:
    folder = project / "editorial" / "proposals"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_a_reading_not_at_its_place_is_named_with_the_files_line_and_where_w_has_it(project: Path) -> None:
    path = form(project, FORM.replace('where: "p2"', 'where: "p3"'))
    result = edition(project, "propose", str(path))
    assert result.returncode == 2 and not stored(project)
    assert (
        f"{path}:2: the witness reading 'rebuild a strategic dialogue' is not found exactly once in p3" in result.stderr
    )
    assert "W has it in p2 (line 41)" in result.stderr, result.stderr
    nowhere_place = form(project, FORM.replace('where: "p2"', 'where: "p999"'), "p999.yaml")
    result = edition(project, "propose", str(nowhere_place))
    assert result.returncode == 2 and f"{nowhere_place}:1: there is no p999" in result.stderr, result.stderr
    args = list(PROPOSAL)
    args[args.index("--where") + 1] = "p3"
    command = edition(project, "propose", *args)
    assert command.returncode == 2 and "command line: " in command.stderr
    assert "W has it in p2 (line 41)" in command.stderr, command.stderr
    args[args.index("--witness") + 1] = "rebuild a strategic dialogue!"
    nowhere = edition(project, "propose", *args)
    assert nowhere.returncode == 2 and "W has it nowhere" in nowhere.stderr, nowhere.stderr


def test_a_file_may_not_set_its_status_or_review(project: Path) -> None:
    path = form(project, FORM + "status: accepted\nreview:\n  reviewer: Ben Reviewer\n  entry: e99\n")
    result = edition(project, "propose", str(path))
    assert result.returncode == 2, result.stdout
    assert f"{path}:10: " in result.stderr and "set by `edition accept` or `edition reject`" in result.stderr
    assert not stored(project)
    review_only = form(project, FORM + "review:\n  reviewer: Ben Reviewer\n")
    result = edition(project, "propose", str(review_only))
    assert result.returncode == 2 and f"{review_only}:10: 'review:'" in result.stderr, result.stderr
    assert not stored(project)


def test_the_same_proposal_twice_is_refused_and_overlapping_ones_are_shown_to_conflict(project: Path) -> None:
    path = form(project, FORM)
    assert edition(project, "propose", str(path)).returncode == 0
    again = edition(project, "propose", str(path))
    assert again.returncode == 2 and "repeats open proposal P0001" in again.stderr, again.stderr
    assert edition(project, "propose", *PROPOSAL[:-2], "--by", "Cy").returncode == 2, "the same from the command line"
    assert stored(project) == ["P0001.yaml"]
    other = form(project, FORM.replace('reading: "rebuild a strategic dialog"', 'reading: "a conversation"'), "b.yaml")
    assert edition(project, "propose", str(other)).returncode == 0, "a different reading of the same words is allowed"
    listed = {line.split()[0]: line for line in edition(project, "proposals").stdout.splitlines()}
    assert "overlaps P0002" in listed["P0001"] and "overlaps P0001" in listed["P0002"], listed


def test_a_witness_reading_that_starts_or_ends_inside_a_word_is_refused_naming_the_words(project: Path) -> None:
    args = list(PROPOSAL)
    args[args.index("--where") + 1] = "p1"
    args[args.index("--witness") + 1] = "sive negotiations"  # W: inconclu-/sive negotiations
    result = edition(project, "propose", *args)
    assert result.returncode == 2 and "begins inside a word" in result.stderr, result.stderr
    assert "'inconclusive negotiations'" in result.stderr
    args[args.index("--where") + 1] = "p2"
    args[args.index("--witness") + 1] = "strategic dialog"  # W: strategic dialogue
    result = edition(project, "propose", *args)
    assert result.returncode == 2 and "ends inside a word" in result.stderr and "'strategic dialogue'" in result.stderr
    assert not stored(project)


def test_a_yaml_syntax_error_is_reported_where_it_starts_in_plain_words(project: Path) -> None:
    path = form(project, FORM.replace('kind: "emendation"', 'kind: "emendation'))  # unclosed quote, line 4
    result = edition(project, "propose", str(path))
    assert result.returncode == 2 and f"{path}:4: " in result.stderr, result.stderr
    assert "a quoted value opens on this line and is not closed" in result.stderr
    last = form(project, FORM + 'note: "unclosed\n', "last.yaml")  # unclosed on the last line, 10
    result = edition(project, "propose", str(last))
    assert result.returncode == 2 and f"{last}:10: not valid YAML: a quoted value is not closed" in result.stderr
    colon = form(project, FORM.replace('rationale: "Check."', "rationale: see: W"), "colon.yaml")
    result = edition(project, "propose", str(colon))
    assert result.returncode == 2 and f"{colon}:7: not valid YAML: a second ':'" in result.stderr, result.stderr


def test_a_list_instead_of_a_proposal_is_refused_in_plain_words(project: Path) -> None:
    path = form(project, "- where: n42\n  witness: Shoichi Itoh\n")
    result = edition(project, "propose", str(path))
    assert result.returncode == 2
    assert (
        f"{path}:1: a proposal file holds one proposal as keys and values (where:, witness:, ...), not a list"
        in result.stderr
    ), result.stderr
    assert "[{" not in result.stderr and "'where'" not in result.stderr


def test_a_name_with_cyrillic_look_alikes_names_the_cyrillic_letters(project: Path) -> None:
    """'Саrl' has two Cyrillic letters and two Latin: the Cyrillic ones are the look-alikes to
    name, whatever order Python's hashing gives the scripts (PYTHONHASHSEED)."""
    for seed in ("1", "2", "5"):
        result = subprocess.run(
            [sys.executable, "-m", "edition_pipeline.cli", "propose", *PROPOSAL[:-1], "Саrl Editor"],
            cwd=project,
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        assert result.returncode == 2
        assert "'С' (CYRILLIC CAPITAL LETTER ES, looks like Latin C)" in result.stderr, (seed, result.stderr)
        assert "'а' (CYRILLIC SMALL LETTER A, looks like Latin a)" in result.stderr
        assert "'r'" not in result.stderr and "'l'" not in result.stderr


def test_the_schemas_say_that_an_accepted_entry_names_its_editors() -> None:
    """An accepted entry's resp holds two names ('proposer; reviewed by reviewer'), not an id."""
    import json

    for path in (
        ROOT / "editorial" / "emendations.schema.json",
        ROOT / "extensions" / "apparatus" / "apparatus.schema.json",
    ):
        schema = json.loads(path.read_text(encoding="utf-8"))
        items = schema["properties"].get("entries", schema["properties"].get("interventions"))["items"]
        assert "reviewed by" in items["properties"]["resp"].get("description", ""), path


def test_the_readme_has_the_section_every_proposal_file_points_to(project: Path) -> None:
    assert edition(project, "propose", *PROPOSAL).returncode == 0
    header = (project / "editorial" / "proposals" / "P0001.yaml").read_text(encoding="utf-8").splitlines()[0]
    pointer = header.split("see README: ", 1)[1].split(")", 1)[0]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    headings = [line[3:].strip().lower() for line in readme.splitlines() if line.startswith("## ")]
    assert pointer.lower() in headings, (pointer, headings)
    section = readme.split("## Proposing a correction", 1)[1].split("\n## ", 1)[0]
    for committed in ("editorial/proposals/P0001.yaml", "editorial/emendations.yaml", "edition/index.md"):
        assert committed in section, committed
    for command in ("edition propose --revise e12", "edition propose\n--withdraw e12", "`history`", "`withdrawn:`"):
        assert command in section, command


def test_the_command_takes_a_place_as_the_site_names_it(document) -> None:
    """'¶ 3' (as the site labels a paragraph, and as the proposal form now accepts it), 'note-13'
    and 'p3' name the same places to the command as to the form."""
    from edition_pipeline.proposals import locate, names_a_place, not_located

    assert locate(document, "¶ 3", "Nevertheless the") == locate(document, "p3", "Nevertheless the") > 0
    assert locate(document, "¶3", "Nevertheless the") == locate(document, "p3", "Nevertheless the")
    assert (
        names_a_place(document, "¶ 3") and names_a_place(document, "note-13") and not names_a_place(document, "¶ 999")
    )
    assert "W has it in p3" in not_located(document, "¶ 4", "Nevertheless the vast"), "named as the command names it"
