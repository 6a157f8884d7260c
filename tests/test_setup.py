"""A fresh Debian machine: everything the build and the tests use from outside the repository
comes from a Debian package that the Makefile installs (or one those depend on); a failed PDF
build shows its TeX error and does not block the next one; no build runs on data that no longer
validates."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import BUILD_ENV, ROOT

TOOLS = ["xelatex", "xdvipdfmx", "latexmk", "pdftotext", "pdftoppm", "pdffonts", "chromium", "jing", "make",
         "fc-list", "dpkg", "apt-cache"]  # fmt: skip
# the edition's make run in a copy: never reinstall the Python packages (the .venv is shared)
MAKE = ["make", "-o", ".venv/.installed"]


def listed_packages() -> list[str]:
    out = subprocess.run(["make", "-s", "print-packages"], cwd=ROOT, capture_output=True, text=True, check=True)
    return out.stdout.split()


@pytest.fixture(scope="module")
def closure() -> set[str]:
    """The listed packages and everything apt installs with them (Depends and Pre-Depends: the
    Makefile installs with --no-install-recommends)."""
    packages = listed_packages()
    assert packages, "make print-packages lists nothing"
    out = subprocess.run(
        ["apt-cache", "depends", "--recurse", "--no-recommends", "--no-suggests", "--no-conflicts",
         "--no-breaks", "--no-replaces", "--no-enhances", *packages],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    names = {line.strip() for line in out.splitlines() if line and not line.startswith(" ")}
    return {name.split(":")[0] for name in names if not name.startswith("<")}


def owners(paths: list[str]) -> dict[str, set[str]]:
    """Each path's Debian packages; a generated file (a TeX format, texmf.cnf) is owned by the
    package that owns its nearest directory below the top level."""
    result: dict[str, set[str]] = {}
    for path in paths:
        candidate = Path(path)
        while len(candidate.parts) > 2:
            out = subprocess.run(["dpkg", "-S", str(candidate)], capture_output=True, text=True)
            found = {
                pkg.strip().split(":")[0]
                for line in out.stdout.splitlines()
                if ": " in line and line.split(": ", 1)[1] == str(candidate)
                for pkg in line.split(": ", 1)[0].split(",")
            }
            if found:
                result[path] = found
                break
            candidate = candidate.parent
        else:
            result[path] = set()
    return result


def outside(path: str, *inside: Path) -> bool:
    return path.startswith("/") and not any(Path(path).resolve().is_relative_to(p.resolve()) for p in inside)


def test_every_file_xelatex_reads_comes_from_a_listed_package(pdf_file: Path, closure: set[str]) -> None:
    fls = pdf_file.with_suffix(".fls").read_text(encoding="utf-8")
    inputs = sorted({line[6:] for line in fls.splitlines() if line.startswith("INPUT ")})
    foreign = [p for p in inputs if outside(p, ROOT, pdf_file.parent)]
    assert len(foreign) > 50, "xelatex's recorder lists the TeX files it read"
    found = owners(foreign)
    unowned = [p for p, pkgs in found.items() if not pkgs]
    assert not unowned, f"read by xelatex, in no Debian package: {unowned}"
    missing = {p: pkgs for p, pkgs in found.items() if not pkgs & closure}
    assert not missing, f"read by xelatex, from packages the Makefile does not install: {missing}"


def test_every_font_in_the_pdf_is_a_file_of_a_listed_package(pdf_file: Path, closure: set[str]) -> None:
    out = subprocess.run(["pdffonts", str(pdf_file)], capture_output=True, text=True, check=True).stdout
    # "ABCDEF+EBGaramond12-Regular-Identity-H": subset tag and encoding around the PostScript name
    names = {
        re.sub(r"-Identity-[HV]$", "", line.split()[0].split("+")[-1]) for line in out.splitlines()[2:] if line.strip()
    }
    assert any("Garamond" in n for n in names) and any("Mono" in n for n in names), names
    # the files fontspec loaded by path, as the log names them (TeX wraps its log at 79 characters)
    log = "".join(
        line if len(line) == 79 else line + "\n"
        for line in pdf_file.with_suffix(".log").read_text(encoding="utf-8", errors="replace").splitlines()
    )
    loaded = set(re.findall(r"\[(/[^\]]+?\.(?:otf|ttf))\]", log))
    for name in sorted(names):
        listed = subprocess.run(
            ["fc-list", f":postscriptname={name}", "file"], capture_output=True, text=True, check=True
        )
        files = [f.rstrip(":") for f in listed.stdout.split()]
        assert files, f"the font {name} in the PDF is not a font installed on this system"
        used = [f for f in files if f in loaded] or files
        for path, pkgs in owners(used).items():
            assert pkgs & closure, f"the font {name} ({path}) comes from {pkgs}, which the Makefile does not install"


@pytest.mark.parametrize("tool", TOOLS)
def test_every_tool_the_build_and_tests_run_comes_from_a_listed_package(tool: str, closure: set[str]) -> None:
    where = shutil.which(tool)
    assert where, f"{tool} is not installed"
    real = os.path.realpath(where)
    pkgs = owners([real])[real] | owners([where])[where]
    assert pkgs & closure, f"{tool} ({real}) comes from {pkgs}, which the Makefile does not install"


def test_the_makefile_installs_the_listed_packages_or_prints_the_line() -> None:
    """One rule, driven by the list: as root it installs what is missing, otherwise it prints
    the exact apt-get line. A package that is surely absent shows which branch runs."""
    dry = subprocess.run(
        ["make", "-n", "packages", "PACKAGES=edition-test-no-such-package"], cwd=ROOT, capture_output=True, text=True
    )
    assert "apt-get update" in dry.stdout and "apt-get install -y --no-install-recommends" in dry.stdout
    if os.geteuid() != 0:
        run = subprocess.run(
            ["make", "-s", "packages", "PACKAGES=edition-test-no-such-package"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        assert run.returncode != 0
        assert "apt-get install -y --no-install-recommends edition-test-no-such-package" in run.stdout
    present = subprocess.run(["make", "-s", "packages"], cwd=ROOT, capture_output=True, text=True)
    assert present.returncode == 0 and present.stdout == "", "every listed package is installed: nothing to do"


# --- a failed PDF build -------------------------------------------------------------------------

TINY = """# A tiny edition

Some text of the tiny edition, enough for one page.
"""


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    """A copy of the project with a one-page edition: the real Makefile, conf.py and extension."""
    project = tmp_path / "project"
    project.mkdir()
    for name in ("Makefile", "conf.py", "pyproject.toml"):
        shutil.copy2(ROOT / name, project / name)
    for name in ("extensions", "editorial", "bib", ".venv"):
        (project / name).symlink_to(ROOT / name)
    (project / "edition").mkdir()
    (project / "edition" / "_latex").symlink_to(ROOT / "edition" / "_latex")  # the print design (conf.py)
    (project / "edition" / "index.md").write_text(TINY, encoding="utf-8")
    return project


def make_pdf(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*MAKE, "-o", "validate", "pdf", "SPHINXOPTS=-q"],
        cwd=project,
        capture_output=True,
        text=True,
        env=BUILD_ENV,
        timeout=600,
    )


def test_a_failed_latex_run_shows_the_tex_error_and_does_not_block_the_next(tiny: Path) -> None:
    """The preamble needs a file that is missing at first, as a font was on the fresh machine.
    The first build fails and prints TeX's own error; once the file exists, with no source
    changed, the next build succeeds."""
    fix = tiny / "fix.tex"
    with (tiny / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(
            f'\nlatex_elements["preamble"] += r"\\IfFileExists{{{fix}}}{{\\input{{{fix}}}}}{{\\edTestUndefinedMacro}}"\n'
        )
    failed = make_pdf(tiny)
    assert failed.returncode != 0
    output = failed.stdout + failed.stderr
    assert "! Undefined control sequence." in output, output[-2000:]
    assert "\\edTestUndefinedMacro" in output, "the error's context: the line that failed"
    assert not (tiny / "_build" / "latex" / "edition.pdf").exists()
    fix.write_text("\\relax\n", encoding="utf-8")
    fixed = make_pdf(tiny)
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert (tiny / "_build" / "latex" / "edition.pdf").exists()
    text = subprocess.run(
        ["pdftotext", str(tiny / "_build" / "latex" / "edition.pdf"), "-"], capture_output=True, text=True
    ).stdout
    assert "Some text of the tiny edition" in text


# --- no build on data that no longer validates ----------------------------------------------------


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """The project's data and sources, copied (the code and the .venv linked)."""
    project = tmp_path / "copy"
    project.mkdir()
    for name in ("Makefile", "conf.py", "pyproject.toml"):
        shutil.copy2(ROOT / name, project / name)
    for name in ("editorial", "edition", "witness", "bib"):
        shutil.copytree(ROOT / name, project / name)
    for name in ("extensions", "src", ".venv"):
        (project / name).symlink_to(ROOT / name)
    return project


@pytest.mark.parametrize("target", ["html", "pdf"])
def test_make_refuses_to_build_from_invalid_data_or_a_stale_edition(copy: Path, target: str) -> None:
    register = copy / "editorial" / "emendations.yaml"
    register.write_text(register.read_text(encoding="utf-8") + "\nthis is: [not, a register entry\n", encoding="utf-8")
    broken = subprocess.run([*MAKE, target], cwd=copy, capture_output=True, text=True, env=BUILD_ENV, timeout=600)
    assert broken.returncode != 0
    assert "edition check" in broken.stdout and "sphinx-build" not in broken.stdout
    assert not (copy / "_build").exists()
    shutil.copy2(ROOT / "editorial" / "emendations.yaml", register)
    index = copy / "edition" / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("Nevertheless", "Neverthless", 1), encoding="utf-8")
    stale = subprocess.run([*MAKE, target], cwd=copy, capture_output=True, text=True, env=BUILD_ENV, timeout=600)
    assert stale.returncode != 0
    assert "sphinx-build" not in stale.stdout
    assert not (copy / "_build").exists()
