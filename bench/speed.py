"""Build speed of the edition beside plain Sphinx + MyST of the same text, in one run.

The plain project is generated from the document model: the same paragraphs, headings,
quotations and notes (wanting notes get one sentence, as in the edition), and the editors'
pages with the extension's directives taken out; the same theme and MyST settings, and no
apparatus, no bibliography extension. Both are built side by side (alternating, fresh output
each time, after one untimed build of each, both with compiled bytecode) and the medians compared,
and the pairs. Then, in a temporary copy of the project, one reading of
``edition/index.md`` is changed (what accepting one proposal does to the generated file) and
the incremental rebuild is timed. Last, what parts of the markup cost: the edition beside copies
of itself without them (``FEATURES``).

``report()`` returns the Markdown section for BENCHMARKS.md; ``python bench/speed.py`` prints it.
"""

from __future__ import annotations

import atexit
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WITNESS = ROOT / "witness" / "000_3a5a0b6ac34543a2.txt"
REPETITIONS = 25  # the machine may be shared: enough pairs for a stable median
INCREMENTAL_REPETITIONS = 3
RATIO_GOAL = 1.3
INCREMENTAL_GOAL = 3.0

PLAIN_CONF = '''"""Plain Sphinx + MyST: the edition's text and notes, its theme and MyST settings, nothing else."""
project = "plain"
extensions = ["myst_parser"]
root_doc = "index"
source_suffix = {".md": "markdown"}
myst_enable_extensions = ["colon_fence", "substitution"]
myst_footnote_transition = False
myst_footnote_sort = True
smartquotes = False
html_theme = "furo"
html_show_sourcelink = False
html_copy_source = False
html_use_index = False
html_theme_options = {"sidebar_hide_name": False, "navigation_with_keys": True}
'''
# the extension's directives and the bibliography's: the plain project has none of them
_OWN_BLOCKS = re.compile(
    r"^```\{(apparatus-list|proposal-form|edition-titleblock|bibliography|raw)\}.*?^```\n", re.M | re.S
)


def write_plain_project(target: Path, same_text_as: Path | None = None) -> None:
    """The plain project: index.md from the model, the other pages without the extension's markup.

    With ``same_text_as`` (the edition's HTML output): also the text the extension writes on
    the edition's pages, as plain MyST (``same_text``), so that both projects show the same text."""
    import yaml

    from edition_pipeline.convert import convert_witness
    from edition_pipeline.editorial import load_overrides
    from edition_pipeline.emit import escape, render_text
    from edition_pipeline.witness import read_witness

    document = convert_witness(read_witness(WITNESS), load_overrides(ROOT / "editorial" / "overrides.yaml"))
    metadata = yaml.safe_load((ROOT / "editorial" / "edition.yaml").read_text(encoding="utf-8"))
    pages = [*metadata.get("front_pages", []), *metadata.get("back_pages", [])]
    lines = [f"# {escape(metadata['title'])}", "", "```{toctree}", ":hidden:", "", *pages, "```", ""]
    anchors = document.paragraph_anchors()
    for index, paragraph in enumerate(document.paragraphs):
        body = render_text(paragraph.text, [], frozenset(paragraph.notes))
        if paragraph.kind == "heading":
            lines += [f"## {body}", ""]
        else:
            lines += [f"({anchors[index]})=", f"> {body}" if paragraph.kind == "blockquote" else body, ""]
    for note in document.notes:
        text = render_text(note.text, []) if note.status != "wanting" else f"The text of note {note.n} is wanting."
        lines += [f"[^{note.n}]: {text}", ""]
    target.mkdir(parents=True, exist_ok=True)
    (target / "index.md").write_text("\n".join(lines), encoding="utf-8")
    for page in pages:
        text = (ROOT / "edition" / f"{page}.md").read_text(encoding="utf-8")
        (target / f"{page}.md").write_text(_OWN_BLOCKS.sub("", text), encoding="utf-8")
    from apparatus.vocabulary import reader_date

    # the editors' pages' one substitution, as the edition's conf.py defines it
    substitutions = {"edition_date": reader_date(metadata["edition_date"])}
    (target / "conf.py").write_text(PLAIN_CONF + f"myst_substitutions = {substitutions!r}\n", encoding="utf-8")
    if same_text_as is not None:
        for page, text in same_text(same_text_as).items():
            with (target / f"{page}.md").open("a", encoding="utf-8") as f:
                f.write(text)


def _md(text: str) -> str:
    """Text as MyST: white space collapsed, Markdown's special characters escaped."""
    return re.sub(r"([\\`*_{}\[\]<>#|~$])", r"\\\1", " ".join(text.split()))


def same_text(edition_html: Path) -> dict[str, str]:
    """What the extension writes on the edition's pages that their MyST does not hold, as plain
    MyST, by page: the list of emendations (each entry a list item, its place a link to the
    paragraph, as the edition's) and the bibliography (each entry a paragraph with its anchor,
    and where it is cited), their text taken from the edition's HTML."""
    from bs4 import BeautifulSoup

    pages: dict[str, str] = {}
    listing = BeautifulSoup((edition_html / "apparatus.html").read_text(encoding="utf-8"), "html.parser")
    items = []
    for item in listing.select("li.app-entry"):
        place = item.select_one("a.app-place")
        label = place.get_text() if place is not None else ""
        paragraph = re.match(r"¶ (\d+)", label)
        link = f"index.md#p{paragraph.group(1)}" if paragraph else "index.md"
        items.append(f"- [{_md(label)}]({link}) {_md(item.get_text()[len(label) :])}")
    pages["apparatus"] = "\n\n" + "\n".join(items) + "\n"
    bibliography = BeautifulSoup((edition_html / "bibliography.html").read_text(encoding="utf-8"), "html.parser")
    entries = [
        f"({entry.get('id', '')})=\n" + _md(" ".join(p.get_text() for p in entry.find_all("p"))) + "\n"
        for entry in bibliography.select("div.citation")
    ]
    pages["bibliography"] = "\n\n" + "\n".join(entries)
    if not items or not entries:
        raise RuntimeError(f"no list of emendations or no bibliography found in {edition_html}")
    return pages


_PYCACHE = tempfile.mkdtemp(prefix="bench-pycache-")
atexit.register(shutil.rmtree, _PYCACHE, True)


def _env() -> dict[str, str]:
    """Both builds run with compiled bytecode, as any installed package does: the installed
    packages have theirs in site-packages; the edition's own modules (conf.py's extension,
    edition_pipeline) get theirs in a temporary cache, whatever PYTHONDONTWRITEBYTECODE says
    (without it the edition alone would compile its extension on every build)."""
    from edition_pipeline.editorial import source_date_epoch

    paths = [str(ROOT / "src"), str(ROOT / "extensions"), os.environ.get("PYTHONPATH", "")]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {
        **env,
        "PYTHONPATH": os.pathsep.join(p for p in paths if p),
        "PYTHONPYCACHEPREFIX": _PYCACHE,
        "SOURCE_DATE_EPOCH": source_date_epoch(ROOT / "editorial" / "edition.yaml"),
    }


def _build(source: Path, confdir: Path, out: Path, *, fresh: bool = True) -> tuple[float, float]:
    """CPU seconds (user + system) and wall-clock seconds of one HTML build (a fresh output folder
    unless ``fresh`` is False). The ratio is taken on CPU time: on a shared machine other
    processes stretch the wall clock of the two builds unequally; a Sphinx build without -j runs
    on one core, so on a quiet machine the two agree."""
    if fresh:
        shutil.rmtree(out, ignore_errors=True)
    cmd = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-c", str(confdir), str(source), str(out)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(cmd, capture_output=True, text=True, env=_env(), cwd=confdir)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise RuntimeError(f"build of {source} failed:\n{result.stderr[-2000:]}")
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), wall


def measure_full(repetitions: int = REPETITIONS) -> dict[str, list[float]]:
    """Full HTML builds of the two plain projects (``BASELINES``) and of the edition, in turn."""
    times: dict[str, list[float]] = {name: [] for name in (*BASELINES, EDITION)}
    with tempfile.TemporaryDirectory() as tmp:
        # one untimed build of each first: bytecode compiled, files in the page cache; the
        # edition's is the text of the plain project with the same text
        _build(ROOT / "edition", ROOT, Path(tmp) / "edition-out")
        projects = _plain_projects(Path(tmp), Path(tmp) / "edition-out")
        for name, project in projects.items():
            _build(project, project, Path(tmp) / f"{name}-out")
        for _ in range(repetitions):
            for name, project in projects.items():
                times[name].append(_build(project, project, Path(tmp) / f"{name}-out")[0])
            times[EDITION].append(_build(ROOT / "edition", ROOT, Path(tmp) / "edition-out")[0])
    return times


#: The two plain projects the edition is measured against: the article and the editors' pages as
#: their MyST has them, and the same with the text the extension writes on the editors' pages
#: (the goal is taken against the second: the same text; the first is the earlier baseline).
BASELINES = {
    "same": "plain Sphinx + MyST, the same text (with the list of emendations and the bibliography)",
    "article": "plain Sphinx + MyST, the pages' MyST alone (without the list and the bibliography)",
}
EDITION = "edition"


def _plain_projects(folder: Path, edition_html: Path) -> dict[str, Path]:
    projects = {name: folder / f"plain-{name}" for name in BASELINES}
    write_plain_project(projects["same"], same_text_as=edition_html)
    write_plain_project(projects["article"])
    return projects


_READING = re.compile(r"\{emend\}`([^`\[]+?) \[")


def measure_incremental(repetitions: int = INCREMENTAL_REPETITIONS) -> list[tuple[float, float]]:
    """In a copy of the project: build once, then change one reading of edition/index.md and
    rebuild; (CPU, wall-clock) seconds of each rebuild."""
    times: list[tuple[float, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "project"
        _copy_project(copy)
        out = Path(tmp) / "out"
        _build(copy / "edition", copy, out)
        index = copy / "edition" / "index.md"
        for n in range(repetitions):
            text = index.read_text(encoding="utf-8")
            # one accepted proposal changes one reading: here the first emendation's, back and forth
            first = _READING.search(text)
            if first is None:
                raise RuntimeError("no {emend} reading in edition/index.md")
            reading = first.group(1)
            changed = reading[:-1] if n % 2 else reading + "s"
            text = text[: first.start(1)] + changed + text[first.end(1) :]
            index.write_text(text, encoding="utf-8")
            times.append(_build(copy / "edition", copy, out, fresh=False))
    return times


#: Parts of the edition's markup, each taken out of a copy of ``edition/index.md`` to measure
#: what it costs a full build: (what, the roles' pattern, what stands in their place).
FEATURES: tuple[tuple[str, str, str], ...] = (
    ("W's line starts (`{lb}`: the diplomatic view, the line numbers of citations)", r"\{lb\}`[^`]*`", ""),
    (
        "readings (`{emend}`, `{sic}`, `{supplied}`) set as their plain text",
        r"\{(?:emend|sic|supplied)\}`([^`\[]*?)(?: \[[^`]*)?`",
        r"\1",
    ),
    (
        "cited works (`{work}` as plain text, `{cite:empty}` taken out: the bibliography then lists none)",
        r"\{work\}`([^`<]*?)(?: <[^`]*>)?`|\{cite:empty\}`[^`]*`",
        r"\1",
    ),
)
FEATURE_REPETITIONS = 7


def measure_features(repetitions: int = FEATURE_REPETITIONS) -> list[tuple[str, int, float]]:
    """For each of ``FEATURES``: (what, roles taken out, CPU seconds it costs), the median of the
    differences between a build of the whole edition and a build of a copy without it, side by side."""
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        whole = Path(tmp) / "whole"
        _copy_project(whole)
        for n, (what, pattern, replacement) in enumerate(FEATURES):
            copy = Path(tmp) / f"without-{n}"
            _copy_project(copy)
            index = copy / "edition" / "index.md"
            text, removed = re.subn(pattern, replacement, index.read_text(encoding="utf-8"))
            index.write_text(text, encoding="utf-8")
            _build(whole / "edition", whole, Path(tmp) / "out-whole")
            _build(copy / "edition", copy, Path(tmp) / "out-copy")
            costs = []
            for _ in range(repetitions):
                full = _build(whole / "edition", whole, Path(tmp) / "out-whole")[0]
                costs.append(full - _build(copy / "edition", copy, Path(tmp) / "out-copy")[0])
            results.append((what, removed, statistics.median(costs)))
    return results


_REFS = re.compile(r"I\s+refs:\s+([\d,]+)")


def instructions(source: Path, confdir: Path) -> int:
    """Instructions executed by one full HTML build, counted by valgrind's callgrind: a count, not
    a time, the same however loaded the machine is (to about 0.3% from run to run here, where CPU
    time moved by half within an hour), so that a small change of cost can be seen at all. The
    build runs some fifty times slower under it."""
    with tempfile.TemporaryDirectory() as out:
        cmd = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, "-m", "sphinx"]
        cmd += ["-b", "html", "-q", "-c", str(confdir), str(source), out]
        result = subprocess.run(cmd, capture_output=True, text=True, env={**_env(), "PYTHONHASHSEED": "0"}, cwd=confdir)
    found = _REFS.search(result.stderr)
    if result.returncode != 0 or found is None:
        raise RuntimeError(f"build of {source} under callgrind failed:\n{result.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def measure_instructions() -> list[tuple[str, int]]:
    """(build, instructions): the two plain projects, the edition, the edition without each of
    ``FEATURES``, and without all of them (what the extension costs apart from its markup)."""
    with tempfile.TemporaryDirectory() as tmp:
        _build(ROOT / "edition", ROOT, Path(tmp) / "edition-out")
        projects = _plain_projects(Path(tmp), Path(tmp) / "edition-out")
        counts = []
        for name, project in projects.items():
            _build(project, project, Path(tmp) / "warm")  # bytecode compiled, as for the timed builds
            counts.append((BASELINES[name], instructions(project, project)))
        counts.append(("the edition", instructions(ROOT / "edition", ROOT)))
        everything = Path(tmp) / "without-all"
        _copy_project(everything)
        text = (everything / "edition" / "index.md").read_text(encoding="utf-8")
        for n, (what, pattern, replacement) in enumerate(FEATURES):
            copy = Path(tmp) / f"without-{n}"
            _copy_project(copy)
            index = copy / "edition" / "index.md"
            index.write_text(re.sub(pattern, replacement, index.read_text(encoding="utf-8")), encoding="utf-8")
            counts.append((f"the edition without {what.split(' (')[0]}", instructions(copy / "edition", copy)))
            text = re.sub(pattern, replacement, text)
        (everything / "edition" / "index.md").write_text(text, encoding="utf-8")
        counts.append(("the edition without all three", instructions(everything / "edition", everything)))
    return counts


def _copy_project(target: Path) -> None:
    for part in ("edition", "editorial", "bib", "extensions"):
        shutil.copytree(ROOT / part, target / part, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(ROOT / "conf.py", target / "conf.py")


_ROLE = re.compile(r"\{[a-z][a-z:-]*\}`")


def role_counts() -> tuple[int, int]:
    """MyST roles in index.md of the edition and of the plain project, as this code writes them."""
    with tempfile.TemporaryDirectory() as tmp:
        write_plain_project(Path(tmp))
        plain = (Path(tmp) / "index.md").read_text(encoding="utf-8")
    edition = (ROOT / "edition" / "index.md").read_text(encoding="utf-8")
    return len(_ROLE.findall(edition)), len(_ROLE.findall(plain))


def report() -> str:
    """The speed section of BENCHMARKS.md."""
    load_before = os.getloadavg()[0]
    times = measure_full()
    incremental = measure_incremental()
    features = measure_features()
    counted = measure_instructions()
    load = max(load_before, os.getloadavg()[0])
    plain, article, edition = times["same"], times["article"], times[EDITION]
    p, a, e = statistics.median(plain), statistics.median(article), statistics.median(edition)
    i_cpu = statistics.median(t for t, _ in incremental)
    i_wall = statistics.median(w for _, w in incremental)
    ratio, fastest = e / p, min(edition) / min(plain)
    # each edition build beside the plain builds just before it: a change of load between turns cancels
    pair_ratios = [b / a for a, b in zip(plain, edition, strict=True)]
    paired = statistics.median(pair_ratios)
    low, _, high = statistics.quantiles(pair_ratios, n=4)  # the middle half of the pairs: how noisy the machine was
    article_pairs = statistics.median(b / a for a, b in zip(article, edition, strict=True))
    roles, plain_roles = role_counts()
    same_count, article_count, edition_count = (n for _, n in counted[:3])
    in_instructions = edition_count / same_count

    def verdict(ok: bool) -> str:
        return "met" if ok else "NOT met"

    def runs(times: list[float]) -> str:
        return ", ".join(f"{t:.2f}" for t in times)

    return "\n".join(
        [
            "## Build speed",
            "",
            f"Measured by `bench/speed.py` in one run: {len(plain)} full HTML builds of each project, in turn, fresh",
            "output each time, after one untimed build of each (bytecode compiled, files cached). The plain",
            "projects are generated from the model: the same paragraphs, headings, quotations and notes, the",
            "editors' pages without the extension's directives, the same theme (furo) and MyST settings; no",
            "apparatus, no bibliography extension. The first (the goal's baseline) also holds, as plain MyST,",
            "the text the extension writes on the editors' pages: the list of emendations (each entry a list",
            "item, its place a link) and the bibliography (each entry a paragraph with its anchor and where it",
            "is cited), taken from the edition's HTML of the same run: both projects then show the same text.",
            "The second is the earlier baseline (until 3 December 2026), without that text: the edition also",
            "builds those two pages' text, so against it the ratio counts the text as the extension's cost.",
            "(The edition's pages hold besides what neither plain project has: W's readings and the editors'",
            "notes in the popovers, W's line starts for the diplomatic view.)",
            "",
            "| build | median | all runs |",
            "| --- | --- | --- |",
            f"| {BASELINES['same']}, full (CPU s) | {p:.2f} s | {runs(plain)} |",
            f"| {BASELINES['article']}, full (CPU s) | {a:.2f} s | {runs(article)} |",
            f"| the edition, full (CPU s) | {e:.2f} s | {runs(edition)} |",
            f"| the edition, incremental after one changed reading (CPU s) | {i_cpu:.2f} s | {runs([t for t, _ in incremental])} |",
            f"| the same, wall clock | {i_wall:.2f} s | {runs([w for _, w in incremental])} |",
            "",
            "- instructions executed (valgrind's callgrind, one build of each; a count the machine's load does not",
            "  move, to about 0.3% from run to run, where CPU time moves by half within an hour here):",
            "",
            "  | build | instructions | times the plain project with the same text |",
            "  | --- | --- | --- |",
            *(f"  | {what} | {n / 1e9:.2f} G | {n / same_count:.3f} |" for what, n in counted),
            "",
            f"- **edition / plain with the same text, in instructions: {in_instructions:.3f}** (goal at most "
            f"{RATIO_GOAL}: {verdict(in_instructions <= RATIO_GOAL)}); in CPU time, medians: {ratio:.2f} "
            f"({verdict(ratio <= RATIO_GOAL)}); fastest runs: {fastest:.2f}; median of the {len(plain)} side-by-side",
            f"  pairs: {paired:.2f}, the middle half of the pairs between {low:.2f} and {high:.2f}; the plain builds",
            f"  alone ran from {min(plain):.2f} to {max(plain):.2f} s (the machine's noise: a difference smaller than that",
            "  spread, as some costs below may be, is not measured)",
            f"- against the earlier baseline, the pages' MyST alone: {edition_count / article_count:.3f} in instructions,",
            f"  {e / a:.2f} in CPU time (medians; pairs {article_pairs:.2f}): goal {verdict(edition_count / article_count <= RATIO_GOAL)}",
            f"  against it; the list's and the bibliography's text cost plain Sphinx + MyST "
            f"{(same_count - article_count) / 1e9:.2f} G instructions",
            f"- the markup's three parts cost {(edition_count - counted[-1][1]) / (edition_count - same_count):.0%} of the "
            "edition's extra instructions over the same text, the rest is the extension and",
            "  sphinxcontrib-bibtex apart from the markup (making the list and the bibliography among it)",
            f"- incremental rebuild after one accepted proposal (one reading of `edition/index.md` changed, "
            f"{len(incremental)} times): **{i_cpu:.2f} s** CPU, {i_wall:.2f} s wall clock (goal under "
            f"{INCREMENTAL_GOAL:.0f} s: {verdict(i_cpu < INCREMENTAL_GOAL)} in CPU time, "
            f"{verdict(i_wall < INCREMENTAL_GOAL)} in wall-clock time at this load)",
            f"- markup: {roles:,} MyST roles in the edition's index.md against {plain_roles} in the plain one's (counted in this run)",
            f"- what parts of the markup cost (this run: a copy of index.md without them, {FEATURE_REPETITIONS} builds of",
            f"  each beside the whole edition, the median difference; the edition's extra time over plain is {1000 * (e - p):.0f} ms):",
            "",
            "  | taken out of a copy | roles | CPU time it costs | share of the extra time |",
            "  | --- | --- | --- | --- |",
            *(
                f"  | {what} | {removed:,} | {1000 * cost:.0f} ms | {cost / (e - p):.0%} |"
                for what, removed, cost in features
            ),
            "",
            "  The rest is spread over every stage: the extension and sphinxcontrib-bibtex loading and parsing",
            "  the database, Sphinx's own transforms and writer over a doctree about twice the plain one's, the",
            "  list of emendations and the bibliography pages, and the interpreter's garbage collection and exit",
            "  (measured by hand on 2 December 2026, against builds that skip the interpreter's teardown: +70 ms",
            "  at exit, where a final collection meets 118,500 objects against 82,200, among them the root",
            "  document's doctree, which Sphinx keeps as `env.master_doctree`, and the last document each role",
            "  read, which the role object keeps)",
            "- tried and measured by hand, not by this run: reading the bibliography's fields without the LaTeX",
            "  lexer where they hold no LaTeX (adopted: about 60 ms less a build, the same text); W's line starts",
            '  as inline HTML milestones (`<lb n="5"/>`) instead of `{lb}` roles (no gain: markdown-it parses inline',
            "  HTML no faster than a role); as plain-text markers split by a transform (about 30 ms less, but an",
            "  opaque notation in the MyST and the markers in the headings' anchors: not adopted); `gc.freeze()`",
            "  after start-up (both builds faster, the ratio 1.41 with it in both; in the edition alone it would",
            "  read 1.17, a comparison of a tuned build with a stock one: not adopted); W's line starts that join",
            "  with a space (584 of 847) as Markdown soft breaks instead of roles (2 December 2026: no gain",
            "  measurable in 9 pairs). Profiled the same day: the extension's own listeners and transforms",
            "  take about a fifth of the extra time, sphinxcontrib-bibtex about a tenth, the garbage collector",
            "  about a sixth (two full collections against the plain build's one); with the extension's own",
            "  code at nothing the ratio would still be about 1.33: the goal needs a smaller doctree, not faster code.",
            "  3 December 2026, in instructions: W's line-start marker as an empty text until JoinLines (one object",
            "  where an element is nine) and the diplomatic view's line-start spans written out as starttag writes",
            "  them (adopted: 1.1% fewer instructions, the same HTML); garbage collection is not the lever (with it",
            "  disabled in both builds the ratio is 1.452 against 1.465); not worth their code: pybtex's templates",
            "  built once per entry type (1.3 ms), a narrower entry-point scan (3 ms), starttag avoided in popovers",
            "  (about 3 ms)",
            "  3 December 2026, later, in instructions, measured by phase (callgrind dumping at each of Sphinx's",
            "  events, transforms and listeners, in both builds): W's runs of lines as one text each, not an",
            "  element holding a text (308 elements fewer in the article's doctree: every transform, the pickle and",
            "  the writer walk fewer; SmartQuotes, where a project has it on, is followed by a transform that gives",
            "  the texts it replaced their line starts back): 1.6% fewer instructions (5.68 G to 5.58 G); the block",
            "  texts of the citation data collapsing white space only where there is any (the regular expression was",
            "  two fifths of that listener), apparatus.json written by json's C encoder, one entry to a line (with",
            "  `indent` json uses its Python encoder), the list's LaTeX-only page references left out of the HTML",
            "  build's doctree: 0.7% more (5.54 G); each `{cite:empty}` out of the doctree once parsed (its citation",
            "  recorded; it resolved to an empty span no link targets): 1.2% more; a work's words parted by W's",
            "  line start joined into one citation when read, and written by HTML as its link (no reference node",
            "  made for it when resolved): 0.6%; the domain collecting with docutils' fast walk (a class, not a",
            "  function, for findall): 0.3% (5.42 G); all with the same HTML but for the empty spans. Where the",
            "  rest goes (beside the plain",
            "  project of the pages' MyST alone, phase by phase): parsing the article's MyST and its roles",
            "  about 0.25 G, writing the HTML about 0.2 G, loading the extension and sphinxcontrib-bibtex",
            "  about 0.15 G, formatting and parsing the bibliography about 0.17 G, the search index about 0.09 G,",
            "  Sphinx's root-document walks for each page's contents (furo) about 0.04 G",
            "- CPU time (user + system) of each `sphinx-build` process, so that other load on the machine does",
            "  not stretch one build more than the other (the wall clock waits for the other processes too);",
            f"  machine: {os.cpu_count()} CPUs, {platform.machine()}, {platform.system()}, Python "
            f"{sys.version.split()[0]}; load average during the run up to {load:.1f}",
            "",
        ]
    )


if __name__ == "__main__":
    print(report())
