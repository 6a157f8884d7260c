"""The register's transactions, with real processes: a lock for every writer, accept
all-or-nothing and idempotent, a crash at any point flagged by `edition check` or finished by
running accept again, file modes kept, a full disk refused without a traceback or half a file."""

from __future__ import annotations

import os
import re
import shutil
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from edition_pipeline.register import anchor_entries, load_register

WITNESS = "witness/000_3a5a0b6ac34543a2.txt"


def copy_project(target: Path) -> Path:
    for name in ("witness", "editorial", "bib", "edition"):
        shutil.copytree(ROOT / name, target / name)
    shutil.rmtree(target / "editorial" / "proposals", ignore_errors=True)
    return target


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "edition_pipeline.cli", *args]


def edition(project: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cli(*args), cwd=project, capture_output=True, text=True, env={**os.environ, **(env or {})})


def free_words(document, count: int) -> list[tuple[str, str]]:
    """(paragraph anchor, word): words that occur once in their paragraph, touching no entry."""
    anchors = anchor_entries(document, load_register(ROOT / "editorial" / "emendations.yaml"), "register")
    taken = {(a.block, i) for a in anchors for i in range(a.start - 1, a.end + 1)}
    found: list[tuple[str, str]] = []
    for index, (name, paragraph) in enumerate(zip(document.paragraph_anchors(), document.paragraphs, strict=True)):
        if not name.startswith("p"):
            continue
        for match in re.finditer(r"\b[a-z]{8,}\b", paragraph.text):
            word = match.group()
            span = range(match.start(), match.end())
            if paragraph.text.count(word) == 1 and not any((("p", index), i) in taken for i in span):
                found.append((name, word))
                break
        if len(found) == count:
            return found
    raise AssertionError("not enough free words")


def propose_args(where: str, word: str, by: str = "Ann Editor") -> list[str]:
    return [
        "propose",
        "--where",
        where,
        "--witness",
        word,
        "--reading",
        word.upper(),
        "--rationale",
        "A test of the register's transactions.",
        "--by",
        by,
    ]


def entries(project: Path) -> list[dict]:
    return yaml.safe_load((project / "editorial" / "emendations.yaml").read_text(encoding="utf-8"))["entries"]


def proposal(project: Path, pid: str) -> dict:
    return yaml.safe_load((project / "editorial" / "proposals" / f"{pid}.yaml").read_text(encoding="utf-8"))


def test_two_accepts_at_once_keep_both_entries_ten_times(tmp_path: Path, document) -> None:
    project = copy_project(tmp_path)
    words = free_words(document, 20)
    before = len(entries(project))
    for rep in range(10):
        pair = words[2 * rep : 2 * rep + 2]
        proposing = [
            subprocess.Popen(
                cli(*propose_args(*w)), cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
            )
            for w in pair
        ]
        outs = [p.communicate() for p in proposing]
        assert all(p.returncode == 0 for p in proposing), outs
        ids = sorted(re.search(r"proposal (P\d+)", out).group(1) for out, _ in outs)
        assert ids == [f"P{2 * rep + 1:04d}", f"P{2 * rep + 2:04d}"], "two proposals at once get two ids"
        accepting = [
            subprocess.Popen(
                cli("accept", pid, "--reviewer", "Ben Reviewer"),
                cwd=project,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for pid in ids
        ]
        outs = [p.communicate() for p in accepting]
        assert all(p.returncode == 0 for p in accepting), outs
        landed = {e["proposal"]: e["id"] for e in entries(project) if "proposal" in e}
        assert set(ids) <= set(landed), f"repetition {rep}: an entry was lost: {landed}"
        assert len(set(landed.values())) == len(landed), "each entry its own id"
        for pid in ids:
            assert proposal(project, pid)["review"]["entry"] == landed[pid]
    assert len(entries(project)) == before + 20
    myst = (project / "edition" / "index.md").read_text(encoding="utf-8")
    for _, word in words:
        assert myst.count(f"{{emend}}`{word.upper()} [wit: {word};") == 1
    checked = edition(project, "check")
    assert checked.returncode == 0, checked.stderr


@pytest.fixture(scope="module")
def proposed(tmp_path_factory, document) -> tuple[Path, str]:
    """A project with one open proposal, P0001."""
    project = copy_project(tmp_path_factory.mktemp("proposed"))
    where, word = free_words(document, 1)[0]
    result = edition(project, *propose_args(where, word))
    assert result.returncode == 0, result.stderr
    return project, word


CRASH_POINTS = [
    # (where the process dies, whether the register already holds the entry)
    ("replace emendations.yaml", False),
    ("register", True),
    ("replace index.md", True),
    ("edition", True),
    ("replace P0001.yaml", True),
    ("status", True),
]


@pytest.mark.parametrize(("point", "written"), CRASH_POINTS)
def test_an_accept_killed_at_any_point_is_flagged_or_finished_by_a_rerun(
    tmp_path: Path, proposed: tuple[Path, str], point: str, written: bool
) -> None:
    project = tmp_path / "p"
    shutil.copytree(proposed[0], project)
    word = proposed[1]
    register_before = (project / "editorial" / "emendations.yaml").read_bytes()
    killed = edition(project, "accept", "P0001", "--reviewer", "Ben Reviewer", env={"EDITION_TEST_CRASH_AT": point})
    assert killed.returncode == -signal.SIGKILL, (point, killed.stdout, killed.stderr)
    landed = [e for e in entries(project) if e.get("proposal") == "P0001"]
    assert len(landed) == (1 if written else 0)
    if not written:
        assert (project / "editorial" / "emendations.yaml").read_bytes() == register_before
    checked = edition(project, "check")
    finished = point == "status"
    if point.startswith("replace "):  # killed between writing a temporary file and renaming it
        assert checked.returncode == 1 and "a temporary file left by process" in checked.stderr, checked.stderr
    elif written and not finished:
        assert checked.returncode == 1, (point, checked.stdout, checked.stderr)
        assert "edition accept P0001" in checked.stderr or "stale generated file" in checked.stderr
    else:
        assert checked.returncode == 0, (point, checked.stderr)
    rerun = edition(project, "accept", "P0001", "--reviewer", "Ben Reviewer")
    assert rerun.returncode == 0, (point, rerun.stderr)
    if finished:
        assert "nothing to do" in rerun.stdout
    elif written:
        assert "finished an interrupted accept" in rerun.stdout
    again = edition(project, "accept", "P0001", "--reviewer", "Ben Reviewer")
    assert again.returncode == 0 and "nothing to do" in again.stdout
    assert len([e for e in entries(project) if e.get("proposal") == "P0001"]) == 1, "never twice"
    assert proposal(project, "P0001")["status"] == "accepted"
    myst = (project / "edition" / "index.md").read_text(encoding="utf-8")
    assert myst.count(f"{{emend}}`{word.upper()} [wit: {word};") == 1
    final = edition(project, "check")
    assert final.returncode == 0, (point, final.stderr)


@pytest.mark.parametrize("point", ["replace index.md", "replace P0001.yaml"])
def test_temporary_files_of_a_killed_accept_are_reported_then_removed_by_the_rerun(
    tmp_path: Path, proposed: tuple[Path, str], point: str
) -> None:
    project = tmp_path / "p"
    shutil.copytree(proposed[0], project)
    killed = edition(project, "accept", "P0001", "--reviewer", "Ben Reviewer", env={"EDITION_TEST_CRASH_AT": point})
    assert killed.returncode == -signal.SIGKILL
    left = sorted(project.rglob(".*.tmp"))
    target = point.split()[1]
    assert [p.name.split(".")[1:3] for p in left] == [target.split(".")], left
    listed = edition(project, "proposals")
    line = next(x for x in listed.stdout.splitlines() if x.startswith("P0001"))
    assert " open " not in line and "accept interrupted" in line and "edition accept P0001" in line, line
    checked = edition(project, "check")
    assert checked.returncode == 1
    report = next((x for x in checked.stderr.splitlines() if x.startswith(str(left[0].relative_to(project)))), "")
    assert f"left by process {left[0].name.split('.')[-2]}, which is no longer running" in report, checked.stderr
    assert "run `edition accept P0001` again" in report
    rerun = edition(project, "accept", "P0001", "--reviewer", "Ben Reviewer")
    assert rerun.returncode == 0 and "finished an interrupted accept" in rerun.stdout, rerun.stderr
    assert f"removed {left[0].relative_to(project)}" in rerun.stdout
    assert not list(project.rglob("*.tmp")), "the rerun removes the temporary files of that transaction"
    final = edition(project, "check")
    assert final.returncode == 0, final.stderr


def test_accept_keeps_file_modes_and_new_files_get_the_umask(tmp_path: Path, proposed: tuple[Path, str]) -> None:
    project = tmp_path / "p"
    shutil.copytree(proposed[0], project)
    modes = {
        project / "editorial" / "emendations.yaml": 0o664,
        project / "edition" / "index.md": 0o644,
        project / "editorial" / "proposals" / "P0001.yaml": 0o640,
    }
    for path, mode in modes.items():
        path.chmod(mode)
    result = edition(project, "accept", "P0001", "--reviewer", "Ben Reviewer")
    assert result.returncode == 0, result.stderr
    for path, mode in modes.items():
        assert stat.S_IMODE(path.stat().st_mode) == mode, path
    args = propose_args("p2", "rebuild a strategic dialogue")
    made = subprocess.run(cli(*args), cwd=project, capture_output=True, text=True, preexec_fn=lambda: os.umask(0o022))
    assert made.returncode == 0, made.stderr
    assert stat.S_IMODE((project / "editorial" / "proposals" / "P0002.yaml").stat().st_mode) == 0o644


FULL_DISK = """
import errno, os, sys
real = os.write
def write(fd, data):
    target = os.readlink(f"/proc/self/fd/{fd}")
    if any(name in target for name in sys.argv[1].split(",")):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    return real(fd, data)
os.write = write
from edition_pipeline.cli import main
sys.exit(main(sys.argv[2:]))
"""


def full_disk(project: Path, failing: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the command with every write to a file whose name holds ``failing`` refused: ENOSPC."""
    return subprocess.run(
        [sys.executable, "-c", FULL_DISK, failing, *args], cwd=project, capture_output=True, text=True
    )


def test_a_full_disk_leaves_nothing_half_written(tmp_path: Path, proposed: tuple[Path, str]) -> None:
    project = tmp_path / "p"
    shutil.copytree(proposed[0], project)
    snapshot = {p: p.read_bytes() for p in project.rglob("*") if p.is_file() and p.name != ".edition.lock"}
    # the disk is full from the start: nothing changes, and the message is one line
    refused = full_disk(project, ".tmp", "accept", "P0001", "--reviewer", "Ben Reviewer")
    assert refused.returncode == 2 and "No space left on device" in refused.stderr, refused.stderr
    assert "Traceback" not in refused.stderr and "emendations.yaml" in refused.stderr
    assert {p: p.read_bytes() for p in project.rglob("*") if p.is_file() and p.name != ".edition.lock"} == snapshot
    proposing = full_disk(project, ".tmp", *propose_args("p2", "rebuild a strategic dialogue"))
    assert proposing.returncode == 2 and "Traceback" not in proposing.stderr
    assert sorted(p.name for p in (project / "editorial" / "proposals").iterdir()) == ["P0001.yaml"]
    # the disk fills after the register is written: check flags it, a rerun finishes
    half = full_disk(project, "index.md", "accept", "P0001", "--reviewer", "Ben Reviewer")
    assert half.returncode == 2 and "Traceback" not in half.stderr, half.stderr
    assert "run `edition accept P0001` again" in half.stderr
    assert edition(project, "check").returncode == 1
    assert edition(project, "accept", "P0001", "--reviewer", "Ben Reviewer").returncode == 0
    assert edition(project, "check").returncode == 0
    assert not list(project.rglob("*.tmp")), "no temporary file is left behind"


def _mount_tmpfs(where: Path, size: str) -> bool:
    if os.geteuid() != 0 or not shutil.which("mount"):
        return False
    where.mkdir()
    return (
        subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)], capture_output=True
        ).returncode
        == 0
    )


def test_a_really_full_disk(tmp_path: Path, proposed: tuple[Path, str]) -> None:
    """The same on a real full file system (a tiny tmpfs), where the machine allows mounting one."""
    disk = tmp_path / "disk"
    if not _mount_tmpfs(disk, "2m"):
        pytest.skip("cannot mount a tmpfs here (needs root); the simulated full disk above stands in")
    try:
        project = disk / "p"
        shutil.copytree(proposed[0], project)
        filler = disk / "filler"
        with filler.open("wb", buffering=0) as handle:
            try:
                while handle.write(b"\0" * 512):
                    pass
            except OSError:
                pass
        before = (project / "editorial" / "emendations.yaml").read_bytes()
        refused = edition(project, "accept", "P0001", "--reviewer", "Ben Reviewer")
        assert refused.returncode == 2 and "No space left on device" in refused.stderr, refused.stderr
        assert "Traceback" not in refused.stderr
        assert (project / "editorial" / "emendations.yaml").read_bytes() == before
        filler.unlink()
        assert edition(project, "accept", "P0001", "--reviewer", "Ben Reviewer").returncode == 0
        assert edition(project, "check").returncode == 0
    finally:
        subprocess.run(["umount", str(disk)], capture_output=True)
