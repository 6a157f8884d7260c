"""`make bench`: accuracy against the gold and speed, each beside a baseline from the same run.

Writes BENCHMARKS.md. Accuracy is scored for the automatic pass alone (no overrides).
"""

from __future__ import annotations

import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from scoring import score  # noqa: E402
from witnessgen import generate  # noqa: E402

from edition_pipeline.convert import convert_witness  # noqa: E402
from edition_pipeline.witness import parse_witness_text, read_witness  # noqa: E402

WITNESS = ROOT / "witness" / "000_3a5a0b6ac34543a2.txt"
GOLD = yaml.safe_load((ROOT / "bench" / "gold" / "000_3a5a0b6ac34543a2.yaml").read_text())


def naive(text: str) -> tuple[dict[int, str], list[int]]:
    """Baseline: drop every line-end hyphen; a paragraph starts after every blank line."""
    lines = text.split("\n")
    breaks = {i: "drop-hyphen" for i, line in enumerate(lines, 1) if line.rstrip().endswith("-")}
    firsts = [i for i, line in enumerate(lines, 1) if line.strip() and (i == 1 or not lines[i - 2].strip())]
    return breaks, firsts


def pct(a: int, b: int) -> str:
    return f"{a}/{b} ({100 * a / b:.1f}%)" if b else "n/a"


def convert_text(text: str) -> int:
    return len(convert_witness(parse_witness_text(text)).paragraphs)


def main() -> None:
    text = WITNESS.read_text(encoding="utf-8")
    gold_breaks = {int(k): v for k, v in GOLD["breaks"].items()}
    gold_blocks = [tuple(b) for b in GOLD["blocks"]]
    witness = read_witness(WITNESS)
    start = time.perf_counter()
    document = convert_witness(witness)
    auto_seconds = time.perf_counter() - start
    start = time.perf_counter()
    naive_breaks, naive_firsts = naive(text)
    naive_seconds = time.perf_counter() - start

    auto_breaks = {b.line: b.join for b in document.breaks if b.join != "space"}
    lines = set(gold_breaks) | set(auto_breaks) | set(naive_breaks)
    auto_ok = sum(auto_breaks.get(n) == gold_breaks.get(n) for n in lines)
    naive_ok = sum(naive_breaks.get(n) == gold_breaks.get(n) for n in lines)
    gold_firsts = [b[0] for b in gold_blocks]
    auto_firsts = [p.first_line for p in document.paragraphs]
    bound_auto = len(set(gold_firsts) & set(auto_firsts))
    bound_naive = len(set(gold_firsts) & set(naive_firsts))
    kinds_ok = sum(1 for p in document.paragraphs if (p.first_line, p.last_line, p.kind) in gold_blocks)
    naive_kinds = sum(1 for b in gold_blocks if b[2] == "paragraph" and b[0] in naive_firsts)
    markers = sum(1 for n in document.notes if n.marker_line)
    statuses = sum(1 for n in document.notes if GOLD["notes"].get(n.n) == n.status)

    gen_auto: dict[str, list[int]] = {}
    gen_naive = [0, 0]
    for seed in range(200):
        generated = generate(seed)
        result = score(convert_witness(parse_witness_text(generated.text)), generated)
        for key, (a, b) in result.items():
            gen_auto.setdefault(key, [0, 0])
            gen_auto[key][0] += a
            gen_auto[key][1] += b
        nb, _ = naive(generated.text)
        keys = set(nb) | set(generated.breaks)
        gen_naive[0] += sum(nb.get(k) == generated.breaks.get(k) for k in keys)
        gen_naive[1] += len(keys)

    # speed: 100 witnesses on both cores, and growth with size
    texts = [generate(seed, n_paragraphs=12).text for seed in range(100)]
    start = time.perf_counter()
    for t in texts:
        convert_text(t)
    serial = time.perf_counter() - start
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=2) as pool:
        list(pool.map(convert_text, texts, chunksize=10))
    parallel = time.perf_counter() - start
    sizes = []
    for n in (6, 12, 24, 48):
        t = generate(7, n_paragraphs=n).text
        start = time.perf_counter()
        convert_text(t)
        sizes.append((n, len(t), time.perf_counter() - start))

    rows = [
        "# Benchmarks",
        "",
        "Made by `make bench` (bench/run.py) on this machine (2 cores); every figure beside its baseline from the same run.",
        "Accuracy is the automatic pass alone, before editorial overrides.",
        "",
        "## Witness 000_3a5a0b6ac34543a2 against the gold (bench/gold/)",
        "",
        "| measure | automatic pass | naive baseline (drop every line-end hyphen; paragraph at each blank line) |",
        "| --- | --- | --- |",
        f"| line-break decisions (every line end either joins non-trivially) | {pct(auto_ok, len(lines))} | {pct(naive_ok, len(lines))} |",
        f"| paragraph boundaries (block first lines found) | {pct(bound_auto, len(gold_firsts))} | {pct(bound_naive, len(gold_firsts))} |",
        f"| blocks with exact extent and kind | {pct(kinds_ok, len(gold_blocks))} | {pct(naive_kinds, len(gold_blocks))} (paragraph kind only) |",
        f"| note markers linked (of 86) | {pct(markers, 86)} | — |",
        f"| note statuses (present / wanting / truncated) | {pct(statuses, len(GOLD['notes']))} | — |",
        f"| conversion time | {auto_seconds * 1000:.0f} ms | {naive_seconds * 1000:.1f} ms |",
        "",
        "## 200 generated witnesses (tests/witnessgen.py: other prose, pyphen hyphenation)",
        "",
        "| measure | automatic pass | naive baseline |",
        "| --- | --- | --- |",
        f"| line-break decisions | {pct(*gen_auto['breaks'])} | {pct(*gen_naive)} |",
        f"| paragraphs recovered exactly (text and markers) | {pct(*gen_auto['paragraphs'])} | — |",
        f"| note texts | {pct(*gen_auto['notes'])} | — |",
        f"| pages | {pct(*gen_auto['pages'])} | — |",
        "",
        "## Speed",
        "",
        "| measure | value | baseline |",
        "| --- | --- | --- |",
        f"| 100 generated witnesses, 2 processes | {parallel:.2f} s | {serial:.2f} s in one process |",
        "",
        "| paragraphs | characters | seconds |",
        "| --- | --- | --- |",
        *[f"| {n} | {chars} | {sec:.3f} |" for n, chars, sec in sizes],
        "",
    ]
    (ROOT / "BENCHMARKS.md").write_text("\n".join(rows), encoding="utf-8")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
