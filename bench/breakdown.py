"""Where the edition's extra instructions go: one HTML build of the edition and one of the plain
project of the pages' MyST alone, each under valgrind's callgrind, cut into parts by callgrind
dumps at the edges of the build's stages (MyST's parse and render, each transform, each event
listener, the HTML writer, the page templates, the search index, the pickled doctrees), summed
by part and compared. The dumps are asked for by a client request (``CALLGRIND_DUMP_STATS_AT``,
valgrind's ``callgrind.h``) from a small C library compiled here with gcc: a count, as the rest
of the instruction figures are, that the machine's load does not move.

A map for whoever works on the build's speed, not a goal: each row is the instructions spent in
that part of the build (nested parts are not counted twice: an interval belongs to the innermost
part open during it); "everything else" is Python's start-up and exit, imports, loading the
extensions and the builder, reading the sources and writing the files.

``report()`` returns the Markdown section for BENCHMARKS.md; ``python bench/breakdown.py`` prints it.
"""

from __future__ import annotations

import collections
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from speed import ROOT, _build, _env, write_plain_project

_SHIM = r"""
#include <valgrind/callgrind.h>
void cg_dump(const char *label) { CALLGRIND_DUMP_STATS_AT(label); }
"""

# Runs sphinx-build with a callgrind dump at each edge of a part of the build. The label of a dump
# names the part the interval before it belongs to: the innermost part open during it.
_DRIVER = r"""
import ctypes, functools, importlib, sys
from operator import attrgetter

_lib = ctypes.CDLL(sys.argv[1])
_open = []


def _dump():
    _lib.cg_dump((_open[-1] if _open else "everything else").encode()[:250])


def _enter(name):
    _dump()
    _open.append(name)


def _leave():
    _dump()
    _open.pop()


def _part(name, fn):
    @functools.wraps(fn)
    def wrapped(*args, **kwargs):
        _enter(name)
        try:
            return fn(*args, **kwargs)
        finally:
            _leave()
    return wrapped


for target, name in [
    ("markdown_it.main:MarkdownIt.parse", "MyST: markdown-it's parse"),
    ("myst_parser.mdit_to_docutils.base:DocutilsRenderer.render", "MyST: rendering to docutils (roles, directives)"),
    ("sphinx.builders.html:StandaloneHTMLBuilder.write_doc", "HTML: the writer (the doctree to HTML)"),
    ("sphinx.builders.html:StandaloneHTMLBuilder.handle_page", "HTML: the page templates"),
    ("sphinx.search:IndexBuilder.feed", "HTML: the search index"),
    ("sphinx.builders:Builder.write_doctree", "the doctrees pickled and read back"),
    ("sphinx.environment:BuildEnvironment.get_doctree", "the doctrees pickled and read back"),
]:
    module, qualname = target.split(":")
    owner = importlib.import_module(module)
    *path, attribute = qualname.split(".")
    for step in path:
        owner = getattr(owner, step)
    setattr(owner, attribute, _part(name, getattr(owner, attribute)))

import docutils.transforms


def apply_transforms(self):
    self.document.reporter.attach_observer(self.document.note_transform_message)
    while self.transforms:
        if not self.sorted:
            self.transforms.sort(reverse=True)
            self.sorted = True
        priority, transform_class, pending, kwargs = self.transforms.pop()
        transform = transform_class(self.document, startnode=pending)
        _enter(f"transform {transform_class.__module__}.{transform_class.__qualname__}")
        try:
            transform.apply(**kwargs)
        finally:
            _leave()
        self.applied.append((priority, transform_class, pending, kwargs))
    self.document.reporter.detach_observer(self.document.note_transform_message)


docutils.transforms.Transformer.apply_transforms = apply_transforms

import sphinx.events


def emit(self, name, *args, allowed_exceptions=()):
    results = []
    for listener in sorted(self.listeners[name], key=attrgetter("priority")):
        handler = listener.handler
        _enter(f"listener {getattr(handler, '__module__', '?')}.{getattr(handler, '__qualname__', '?')}")
        try:
            results.append(handler(self._app, *args))
        finally:
            _leave()
    return results


sphinx.events.EventManager.emit = emit

from sphinx.cmd.build import main

sys.exit(main(sys.argv[2:]))
"""

_TRIGGER = re.compile(r"^desc: Trigger: Client Request: (.*)$", re.M)
_TOTAL = re.compile(r"^(?:summary|totals): (\d+)", re.M)


def parts(source: Path, confdir: Path, work: Path) -> dict[str, int]:
    """Instructions by part of one full HTML build of ``source``."""
    library, driver = work / "libcgdump.so", work / "driver.py"
    if not library.exists():
        (work / "cgdump.c").write_text(_SHIM, encoding="utf-8")
        subprocess.run(["gcc", "-O2", "-shared", "-fPIC", "-o", str(library), str(work / "cgdump.c")], check=True)
        driver.write_text(_DRIVER, encoding="utf-8")
    dumps = Path(tempfile.mkdtemp(dir=work))
    args = ["-b", "html", "-q", "-c", str(confdir), str(source), str(dumps / "out")]
    cmd = ["valgrind", "--tool=callgrind", "--dump-instr=no", f"--callgrind-out-file={dumps}/cg.out"]
    cmd += [sys.executable, str(driver), str(library), *args]
    result = subprocess.run(cmd, capture_output=True, text=True, env={**_env(), "PYTHONHASHSEED": "0"}, cwd=confdir)
    if result.returncode != 0:
        raise RuntimeError(f"build of {source} under callgrind failed:\n{result.stderr[-2000:]}")
    counts: collections.Counter[str] = collections.Counter()
    for path in dumps.glob("cg.out*"):
        text = path.read_text(encoding="utf-8", errors="replace")
        head = text[: text.find("\nfn=")] if "\nfn=" in text else text
        label, total = _TRIGGER.search(head), _TOTAL.search(text)
        counts[label.group(1).strip() if label else "everything else"] += int(total.group(1)) if total else 0
    return dict(counts)


def group(part: str) -> str:
    """A part's row: the edition's extension, sphinxcontrib-bibtex, or Sphinx's, docutils', MyST's
    and the theme's own transforms and listeners (which walk the doctree the markup makes)."""
    if part.startswith(("transform ", "listener ")):
        module = part.split(" ", 1)[1]
        if module.startswith("apparatus."):
            return "the edition's extension: its transforms and listeners"
        if "bibtex" in module:
            return "sphinxcontrib-bibtex: reading, formatting and placing the bibliography"
        return "Sphinx's, docutils', MyST's and the theme's transforms and listeners"
    return part


def measure() -> tuple[dict[str, int], dict[str, int], list[tuple[str, int, int]]]:
    """(plain by group, edition by group, the edition's ten largest parts beside plain's)."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        plain = work / "plain"
        write_plain_project(plain)
        _build(plain, plain, work / "warm-plain")  # bytecode compiled, as for the other counts
        _build(ROOT / "edition", ROOT, work / "warm-edition")
        counted = {"plain": parts(plain, plain, work), "edition": parts(ROOT / "edition", ROOT, work)}
    grouped = {name: collections.Counter() for name in counted}
    for name, found in counted.items():
        for part, n in found.items():
            grouped[name][group(part)] += n
    largest = sorted(
        ((part, counted["edition"][part], counted["plain"].get(part, 0)) for part in counted["edition"]),
        key=lambda row: row[2] - row[1],
    )
    return dict(grouped["plain"]), dict(grouped["edition"]), largest[:12]


def report() -> str:
    plain, edition, largest = measure()
    total_plain, total_edition = sum(plain.values()), sum(edition.values())
    allowed = int(1.3 * total_plain)
    rows = sorted(set(plain) | set(edition), key=lambda g: plain.get(g, 0) - edition.get(g, 0))

    def g(n: int) -> str:
        return f"{n / 1e9:.3f} G"

    lines = [
        "## Where the edition's extra instructions go",
        "",
        "One build of each under callgrind, cut into parts at the edges of the build's stages",
        "(bench/breakdown.py); against the plain project of the pages' MyST alone, the baseline the goal's",
        "strict reading takes. The goal (1.3 times it) allows the edition "
        f"{g(allowed)}: {g(abs(total_edition - allowed))} "
        + ("more than it spends." if total_edition <= allowed else "less than it spends."),
        "",
        "| part of the build | plain | edition | extra |",
        "| --- | --- | --- | --- |",
        *[
            f"| {r} | {g(plain.get(r, 0))} | {g(edition.get(r, 0))} | {g(edition.get(r, 0) - plain.get(r, 0))} |"
            for r in rows
        ],
        f"| **the whole build** | {g(total_plain)} | {g(total_edition)} | {g(total_edition - total_plain)} |",
        "",
        "The parts where the edition spends most beyond the plain build:",
        "",
        "| part | edition | plain |",
        "| --- | --- | --- |",
        *[f"| {part} | {g(n)} | {g(p)} |" for part, n, p in largest],
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    print(report())
