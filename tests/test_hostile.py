"""Hostile input: no witness or register injects markup, and no editor's text (too long, with
control characters, empty where a person must answer for it, a name spelt to pass as another,
escape sequences for the reviewer's terminal) gets past the command or the loader."""

from __future__ import annotations

import ast
import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import ROOT

from edition_pipeline import bounds
from edition_pipeline.cli import main
from edition_pipeline.diagnostics import shown
from edition_pipeline.names import same_person

WITNESS = (
    "\n".join(
        [
            " Title Of A Hostile Witness ",
            "",
            "1. This paragraph starts like a list <script>alert(1)</script> and has {raw}`html <b>x</b>` in it.1 ",
            "",
            "- Another starts like a bullet with `code` and **bold** and $x$ and \\input{/etc/passwd} here.2 ",
            "",
            "--- ",
            "",
            "```{eval-rst} ",
            "",
            "=== and [link](javascript:alert(1)) and <!-- comment --> end. ",
            "",
            "  1.\t A note with {raw}`latex \\def\\x{}` and <img src=x onerror=alert(1)> and % comment and & ampersand. ",
            "  2.\t Second note with ]] and [^9] and `` back ticks ``. ",
        ]
    )
    + "\n"
)

REGISTER = """entries:
  - {id: h1, line: 3, witness: "alert(1)", reading: "alert(2)", kind: emendation, category: spelling,
     certainty: certain, resp: "<b>ET</b>", rationale: "Backticks ``` and ]] and ; id: zz; note: x and <i>tags</i> {raw}`html <b>`."}
"""

CONF = """
extensions = ["myst_parser", "apparatus"]
edition_metadata = {"title": "T", "author": "A", "editors": ["E"], "edition_date": "2026-01-01"}
exclude_patterns = ["_build"]
"""


def test_a_hostile_witness_and_register_come_out_as_text(tmp_path: Path) -> None:
    (tmp_path / "w.txt").write_text(WITNESS, encoding="utf-8")
    (tmp_path / "editorial").mkdir()
    sha = hashlib.sha256(WITNESS.encode("utf-8")).hexdigest()
    (tmp_path / "editorial" / "edition.yaml").write_text(
        f'title: "T <script>"\nwitness_sha256: "{sha}"\n', encoding="utf-8"
    )
    (tmp_path / "editorial" / "emendations.yaml").write_text(REGISTER, encoding="utf-8")
    convert = [sys.executable, "-m", "edition_pipeline.cli", "convert", "w.txt", "--out", "src"]
    result = subprocess.run(convert, cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    (tmp_path / "src" / "conf.py").write_text(CONF, encoding="utf-8")
    for builder in ("html", "latex"):
        build = [sys.executable, "-m", "sphinx", "-b", builder, "-W", "-q", "src", f"out/{builder}"]
        done = subprocess.run(build, cwd=tmp_path, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
    soup = BeautifulSoup((tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("div.body, article") or soup
    assert not article.select("script, img, b, i, ol, ul, hr:not(.footnotes), a[href^=javascript]")
    text = article.get_text(" ")
    for literal in (
        "<script>",
        "</script>",
        "{raw}`html <b>x</b>`",
        "\\input{/etc/passwd}",
        "[^9]",
        "**bold**",
        "1. This paragraph",
    ):
        assert literal in text, literal
    pop = soup.select_one("#h1-pop").get_text(" ")
    assert "Backticks ``` and ]] and ; id: zz; note: x and <i>tags</i>" in pop and "<b>ET</b>" in pop
    assert soup.select_one("#h1 .rdg").get_text() == "alert(2)"
    tex = next((tmp_path / "out" / "latex").glob("*.tex")).read_text(encoding="utf-8")
    assert "\\input{/etc/passwd}" not in tex and "\\textbackslash{}input" in tex


# --- Editors' text: bounds, control characters, accountability, names, terminal output ----------
# (issue 9, deliver 4) Each refusal is an exit-2 error naming the file and the line of the key
# (or the command line and the option), and nothing is written.

ESC = "\x1b[2J"  # clears the screen of a terminal that prints it raw


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("witness", "editorial", "bib", "edition"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.rmtree(tmp_path / "editorial" / "proposals", ignore_errors=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """The edition command, in this process (real code, real files)."""
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


GOOD = {
    "--where": "p2",
    "--witness": "rebuild a strategic dialogue",
    "--reading": "rebuild a strategic dialog",
    "--rationale": "A test proposal.",
    "--by": "Ann Editor",
}


def proposal(**change: str | None) -> list[str]:
    options = {**GOOD, **{f"--{k.rstrip('_')}": v for k, v in change.items()}}
    return ["propose", *[x for k, v in options.items() if v is not None for x in (k, v)]]


def stored(project: Path) -> list[Path]:
    folder = project / "editorial" / "proposals"
    return sorted(folder.glob("*.yaml")) if folder.is_dir() else []


def test_every_bound_is_documented_with_its_reason() -> None:
    tree = ast.parse(Path(bounds.__file__).read_text(encoding="utf-8"))
    body = tree.body
    names = [n.targets[0].id for n in body if isinstance(n, ast.Assign) and isinstance(n.targets[0], ast.Name)]
    assert {"READING_MAX", "RATIONALE_MAX", "NAME_MAX", "TOKEN_MAX", "URL_MAX"} <= set(names)
    for i, node in enumerate(body):
        if isinstance(node, ast.Assign):
            doc = body[i + 1] if i + 1 < len(body) else None
            assert isinstance(doc, ast.Expr) and isinstance(doc.value, ast.Constant), node.targets[0].id
            assert len(str(doc.value.value).split()) >= 12, f"{node.targets[0].id}: say why, in a sentence"


BEYOND = [
    ({"reading": "rebuild a strategic " + "dialog " * 30}, "--reading: 230 characters, more than the 200"),
    ({"reading": "rebuild a " + "x" * 61}, "--reading: a word without a space or a hyphen of 61 characters"),
    ({"rationale": "why " * 501}, "--rationale: 2004 characters, more than the 2000"),
    ({"by": "Ann Editor " * 10}, "--by: 110 characters, more than the 100"),
    ({"rationale": "See https://example.org/" + "a" * 190 + "."}, "--rationale: a URL of 211 characters"),
]


@pytest.mark.parametrize(("change", "message"), BEYOND, ids=[m.split(":")[0] + m[-12:] for _, m in BEYOND])
def test_text_beyond_its_bound_is_refused_at_propose(project: Path, capsys, change, message) -> None:
    code, _, err = run(capsys, *proposal(**change))
    assert code == 2 and f"command line: {message}" in err, err
    assert not stored(project)


def test_text_within_the_bounds_is_proposed(project: Path, capsys) -> None:
    long_url = "https://example.org/" + "a" * (bounds.URL_MAX - 21)
    code, _, err = run(
        capsys,
        *proposal(
            reading="rebuild a " + "x" * bounds.TOKEN_MAX + " well-" + "y" * 50 + "-hyphenated",
            rationale=f"See {long_url} (a long address is one token) " + "z " * ((bounds.RATIONALE_MAX - 300) // 2),
            by="N" * 49 + " " + "M" * (bounds.NAME_MAX - 50),
        ),
    )
    assert code == 0, err
    assert len(stored(project)) == 1


def key_line(text: str, marker: str) -> int:
    return text[: text.index(marker)].count("\n") + 1


def test_bounds_hold_when_proposals_and_the_register_are_loaded(project: Path, capsys) -> None:
    assert run(capsys, *proposal())[0] == 0
    path = stored(project)[0]
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("reading: rebuild a strategic dialog\n", f"reading: {'long ' * 200}\n"), encoding="utf-8"
    )
    register = (project / "editorial" / "emendations.yaml").read_bytes()
    code, _, err = run(capsys, "accept", "P0001", "--reviewer", "Ben Reviewer")
    line = key_line(path.read_text(encoding="utf-8"), "reading:")
    assert code == 2 and f"P0001.yaml:{line}: reading: 999 characters, more than the 200" in err, err
    assert (project / "editorial" / "emendations.yaml").read_bytes() == register
    code, _, err = run(capsys, "proposals")
    assert code == 2 and f"P0001.yaml:{line}: reading" in err
    # a form saved from the HTML edition: the line of the key
    form = project / "form.yaml"
    form.write_text(
        'where: "p2"\nwitness: "rebuild a strategic dialogue"\nkind: "emendation"\ncategory: "spelling"\n'
        f'certainty: "possible"\nrationale: "Check."\nproposer: "Ann"\ndate: "2026-11-25"\nreading: "{"x" * 70}"\n',
        encoding="utf-8",
    )
    code, _, err = run(capsys, "propose", str(form))
    assert code == 2 and "form.yaml:9: reading: a word without a space or a hyphen of 70 characters" in err, err
    # the register
    path = project / "editorial" / "emendations.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('reading: "normalization"', f'reading: "{"n" * 61}"'), encoding="utf-8")
    code, _, err = run(capsys, "check")
    line = key_line(text, 'reading: "normalization"')
    assert code == 2 and f"emendations.yaml:{line}: reading: a word without a space or a hyphen of 61" in err, err


@pytest.mark.parametrize("option", ["--where", "--witness", "--reading", "--rationale", "--by", "--date"])
def test_control_characters_in_any_option_of_propose_are_refused(project: Path, capsys, option: str) -> None:
    value = {**GOOD, "--date": "2026-12-02"}[option]
    code, _, err = run(capsys, *proposal(**{option[2:]: value[:3] + ESC + value[3:]}))
    assert code == 2 and f"command line: {option}: control character U+001B" in err, err
    assert "\x1b" not in err
    assert not stored(project)


@pytest.mark.parametrize(
    ("verb", "args", "message"),
    [
        ("accept", ("--reviewer", "Ben" + ESC), "--reviewer: control character U+001B"),
        ("accept", ("--reviewer", "Ben", "--comment", "ok\x07"), "--comment: control character U+0007"),
        ("accept", ("--reviewer", "Ben", "--date", "2026\x9b"), "--date: control character U+009B"),
        ("reject", ("--reviewer", "Ben", "--comment", "no" + ESC), "--comment: control character U+001B"),
    ],
)
def test_control_characters_in_a_review_are_refused(project: Path, capsys, verb, args, message) -> None:
    assert run(capsys, *proposal())[0] == 0
    before = stored(project)[0].read_bytes()
    code, _, err = run(capsys, verb, "P0001", *args)
    assert code == 2 and message in err and "\x1b" not in err, err
    assert stored(project)[0].read_bytes() == before


def test_nul_in_a_proposal_file_is_refused_with_its_line(project: Path, capsys) -> None:
    form = project / "form.yaml"
    form.write_text(
        'where: "p2"\nwitness: "rebuild a strategic dialogue"\nreading: "rebuild a strategic dialog"\n'
        'rationale: "a\\0b"\nproposer: "Ann"\nkind: "emendation"\ncategory: "spelling"\ncertainty: "possible"\n'
        'date: "2026-11-25"\n',
        encoding="utf-8",
    )
    code, _, err = run(capsys, "propose", str(form))
    assert code == 2 and "form.yaml:4: control character U+0000" in err, err
    assert not stored(project)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"by": None}, "a proposal needs --by"),
        ({"rationale": None}, "a proposal needs --rationale"),
        ({"by": " \t "}, "a proposal needs --by"),
        ({"by": "\u200b\u2060"}, "a proposal needs --by"),
        ({"rationale": "\u00a0"}, "a proposal needs --rationale"),
    ],
)
def test_a_proposal_without_a_proposer_or_a_rationale_is_refused(project: Path, capsys, change, message) -> None:
    code, _, err = run(capsys, *proposal(**change))
    assert code == 2 and message in err, err
    assert not stored(project)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("accept", "P0001", "--reviewer", ""), "--reviewer is required and may not be empty"),
        (("accept", "P0001", "--reviewer", "  "), "--reviewer is required and may not be empty"),
        (("accept", "P0001", "--reviewer", "\u200b"), "--reviewer is required and may not be empty"),
        (("reject", "P0001", "--reviewer", "Ben"), "a rejection needs --comment"),
        (("reject", "P0001", "--reviewer", "Ben", "--comment", " \u200b "), "a rejection needs --comment"),
    ],
)
def test_a_review_without_a_reviewer_or_a_reason_is_refused(project: Path, capsys, args, message) -> None:
    assert run(capsys, *proposal())[0] == 0
    before = stored(project)[0].read_bytes()
    register = (project / "editorial" / "emendations.yaml").read_bytes()
    code, _, err = run(capsys, *args)
    assert code == 2 and message in err, err
    assert stored(project)[0].read_bytes() == before
    assert (project / "editorial" / "emendations.yaml").read_bytes() == register


def test_what_is_recorded_names_people_and_never_none(project: Path, capsys) -> None:
    code, _, err = run(capsys, *proposal(by=" Ann\t Editor ", reading=None, kind="sic"))
    assert code == 0, err
    code, _, err = run(capsys, "accept", "P0001", "--reviewer", "Ben  Reviewer")
    assert code == 0, err
    text = stored(project)[0].read_text(encoding="utf-8")
    record = yaml.safe_load(text)
    assert record["proposer"] == "Ann Editor" and record["review"]["reviewer"] == "Ben Reviewer"
    assert "None" not in text and "null" not in text
    entry = yaml.safe_load((project / "editorial" / "emendations.yaml").read_text(encoding="utf-8"))["entries"][-1]
    assert entry["resp"] == "Ann Editor; reviewed by Ben Reviewer" and entry["rationale"] == "A test proposal."


def test_an_empty_name_in_the_files_is_refused_with_its_line(project: Path, capsys) -> None:
    form = project / "form.yaml"
    form.write_text(
        'where: "p2"\nwitness: "rebuild a strategic dialogue"\nreading: "rebuild a strategic dialog"\n'
        'rationale: "Why."\nproposer: "\\u200b"\nkind: "emendation"\ncategory: "spelling"\ncertainty: "possible"\n'
        'date: "2026-11-25"\n',
        encoding="utf-8",
    )
    code, _, err = run(capsys, "propose", str(form))
    assert code == 2 and "form.yaml:5: proposer: empty" in err, err
    path = project / "editorial" / "emendations.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("{resp: ET,", '{resp: " \\u2060",'), encoding="utf-8")
    code, _, err = run(capsys, "check")
    assert code == 2 and "emendations.yaml:8: resp: empty" in err, err


PROPOSER_AGAIN = [
    "Ann  Editor",
    "ann\teditor",
    "Ann\u00a0Editor",
    "Ann\u200bEditor",
    "Ann Edi\u200btor",
    "ＡＮＮ ＥＤＩＴＯＲ",
]


@pytest.mark.parametrize("reviewer", PROPOSER_AGAIN, ids=[repr(r) for r in PROPOSER_AGAIN])
def test_the_proposer_cannot_review_under_another_spelling(project: Path, capsys, reviewer: str) -> None:
    assert run(capsys, *proposal())[0] == 0
    register = (project / "editorial" / "emendations.yaml").read_bytes()
    code, _, err = run(capsys, "accept", "P0001", "--reviewer", reviewer)
    assert code == 2 and "reviewed by a second editor, not by its proposer" in err, err
    assert (project / "editorial" / "emendations.yaml").read_bytes() == register


def test_a_name_mixing_scripts_with_look_alikes_is_refused_and_one_script_per_word_is_not(
    project: Path, capsys
) -> None:
    code, _, err = run(capsys, *proposal(by="Аnn Editor"))  # Cyrillic А
    assert code == 2 and "--by: 'Аnn Editor' mixes scripts with look-alike letters: 'А' (CYRILLIC" in err, err
    assert not stored(project)
    assert run(capsys, *proposal())[0] == 0
    code, _, err = run(capsys, "accept", "P0001", "--reviewer", "Ann Editоr")  # Cyrillic о
    assert code == 2 and "'о' (CYRILLIC SMALL LETTER O, looks like Latin o)" in err, err
    assert same_person("ВЕС", "Bec"), "a word wholly of look-alikes reads as the Latin it imitates"
    code, _, err = run(capsys, "accept", "P0001", "--reviewer", "Иван Petrov")
    assert code == 0, err
    register = project / "editorial" / "emendations.yaml"
    text = register.read_text(encoding="utf-8")
    assert 'resp: "Ann Editor; reviewed by Иван Petrov"' in text
    register.write_text(text.replace("reviewed by Иван Petrov", "reviewed by ANN\u00a0EDITOR"), encoding="utf-8")
    code, _, err = run(capsys, "check")
    line = key_line(text, "reviewed by Иван Petrov")
    assert code == 2 and f"emendations.yaml:{line}: resp:" in err and "the reviewer is the proposer" in err, err


def test_terminal_output_of_proposal_text_is_escaped(project: Path, capsys) -> None:
    form = project / "form.yaml"
    form.write_text(
        'where: "p2"\nwitness: "rebuild a strategic dialogue"\nreading: "rebuild a strategic dialog"\n'
        'rationale: "“Quoted”, then \\u202egnp.exe and a hidden\\u200bspace."\nproposer: "Ann"\nkind: "emendation"\n'
        'category: "spelling"\ncertainty: "possible"\ndate: "2026-11-25"\n',
        encoding="utf-8",
    )
    assert run(capsys, "propose", str(form))[0] == 0
    code, out, _ = run(capsys, "proposals")
    assert code == 0
    assert "“Quoted”, then \\u202egnp.exe and a hidden\\u200bspace." in out, out
    assert "\u202e" not in out and "\u200b" not in out
    code, _, err = run(capsys, "propose", f"nowhere{ESC}.yaml")
    assert code == 2 and "nowhere\\x1b[2J.yaml: no such file" in err and "\x1b" not in err, err
    assert shown("a\x1b[31mb\x07c\x9bd\te\u2028f") == "a\\x1b[31mb\\x07c\\x9bd\\te\\u2028f"


def test_a_control_character_in_the_bibliography_is_refused_with_its_line(project: Path, capsys) -> None:
    bib = project / "bib" / "edition.bib"
    text = bib.read_text(encoding="utf-8")
    at = text.index("title", text.index("@"))
    bib.write_text(text[:at] + "\x1b[2J" + text[at:], encoding="utf-8")
    before = (project / "edition" / "index.md").read_bytes()
    for args in (("check",), ("convert", "witness/000_3a5a0b6ac34543a2.txt")):
        code, _, err = run(capsys, *args)
        line = text[:at].count("\n") + 1
        assert code == 2 and f"bib/edition.bib:{line}: control character U+001B" in err, err
    assert (project / "edition" / "index.md").read_bytes() == before


def test_a_word_as_long_as_the_bound_fits_the_printed_line(tmp_path: Path) -> None:
    """The reason for TOKEN_MAX, measured: a reading with an unbreakable word of that length,
    in the text and in the list of emendations (after its place and lemma), overruns no line of
    the PDF (at 60 characters it ran 22pt into the margin)."""
    for name in ("witness", "editorial", "bib", "edition", "extensions"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "conf.py", tmp_path / "conf.py")
    word = "x" * bounds.TOKEN_MAX  # a letter a little wider than the average of the alphabet
    register = tmp_path / "editorial" / "emendations.yaml"
    register.write_text(
        register.read_text(encoding="utf-8").rstrip("\n")
        + f'\n  - {{id: e99, line: 41, witness: "rebuild a strategic dialogue", reading: "rebuild a {word}",'
        ' kind: emendation, category: spelling, certainty: possible, rationale: "The bound, measured."}\n',
        encoding="utf-8",
    )
    convert = [sys.executable, "-m", "edition_pipeline.cli", "convert", "witness/000_3a5a0b6ac34543a2.txt"]
    done = subprocess.run(convert, cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    build = [sys.executable, "-m", "sphinx", "-b", "latex", "-c", ".", "-W", "-q", "edition", "out"]
    done = subprocess.run(build, cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out" / "edition.tex").read_text(encoding="utf-8").count(word) >= 2, "text and list"
    pdf = ["make", "-s", "-C", "out", "all-pdf", "LATEXMKOPTS=-g", "LATEXOPTS=-interaction=nonstopmode -halt-on-error"]
    done = subprocess.run(pdf, cwd=tmp_path, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stdout[-3000:]
    log = (tmp_path / "out" / "edition.log").read_text(encoding="utf-8", errors="replace")
    overruns = [chunk for chunk in log.split("Overfull \\hbox")[1:] if word[:12] in chunk[:600].replace("\n", "")]
    assert not overruns, overruns[0][:300]
