"""Grading quality and speed on the labelled answer sets: the old grader, the default blend and the
blend with the `[semantic]` extra, side by side.

`python -m benchmarks grading_bench`. Quality: Pearson and Spearman between the score and the human
label (0-5), the share of good answers (label >= 4) scored under 40, the mean score against the
labels' mean (x20). Speed: time per answer, p50/p99 (best of 3 passes, everything loaded first).
A public human-graded set in the same JSONL shape ({"question_id", "answer", "label"} plus
"question", "model_answer") can be added with GRADING_PUBLIC_SET=path; it is never committed.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable

from benchmarks import grading_old
from benchmarks.grading_sets import Case, cases, knowledge_base
from bot import grading, grading_similarity

Grader = Callable[[Case], int]


def _old(case: Case) -> int:
    return grading_old.grade(case.question, case.answer, knowledge_base(case.kb_name)).score


def _new(case: Case) -> int:
    return grading.grade(case.question, case.answer, knowledge_base(case.kb_name),
                         alternatives=case.alternatives).score


def _ranks(values: list[float]) -> list[float]:
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def measure(grader: Grader, sets: list[Case]) -> dict[str, float]:
    for case in sets:  # warm: vocabularies, caches, the model
        grader(case)
    timings: list[float] = []
    scores: list[int] = []
    for _ in range(3):
        scores = []
        this: list[float] = []
        for case in sets:
            start = time.perf_counter()
            scores.append(grader(case))
            this.append(time.perf_counter() - start)
        timings = this if not timings else [min(a, b) for a, b in zip(timings, this, strict=True)]
    labels = [float(c.label) for c in sets]
    good = [s for s, c in zip(scores, sets, strict=True) if c.label >= 4]
    timings.sort()
    return {
        "pearson": statistics.correlation([float(s) for s in scores], labels),
        "spearman": statistics.correlation(_ranks([float(s) for s in scores]), _ranks(labels)),
        "good_under_40": sum(1 for s in good if s < 40) / max(1, len(good)),
        "mean": statistics.fmean(scores),
        "p50_ms": 1000 * timings[len(timings) // 2],
        "p99_ms": 1000 * timings[min(len(timings) - 1, int(0.99 * len(timings)))],
    }


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    sets = cases()
    labels_mean = statistics.fmean(20 * c.label for c in sets)
    print(f"{len(sets)} labelled answers, {len({c.question.id for c in sets})} questions; "
          f"human mean {labels_mean:.0f}/100\n")
    rows: list[tuple[str, dict[str, float]]] = [("old grader (key points only)", measure(_old, sets))]
    grading_similarity.use_semantic(False)
    rows.append(("default blend (rapidfuzz)", measure(_new, sets)))
    rss_before = _rss_mb()
    if grading_similarity.semantic_available():
        grading_similarity.use_semantic(True)
        start = time.perf_counter()
        grading_similarity.phrase_similarity("a", "b")
        load_s = time.perf_counter() - start
        rows.append(("[semantic] blend (wordllama)", measure(_new, sets)))
        model_note = (f"semantic model: loaded in {load_s:.2f} s, process max RSS {rss_before:.0f} MB -> "
                      f"{_rss_mb():.0f} MB (+{_rss_mb() - rss_before:.0f} MB)")
    else:
        model_note = "[semantic] extra not installed: pip install '.[semantic]'"
    print("| grader | Pearson | Spearman | good (>=4) under 40 | mean score | p50 ms | p99 ms |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    base = rows[0][1]
    for name, row in rows:
        ratio = row["p99_ms"] / base["p99_ms"] if base["p99_ms"] else 0.0
        print(f"| {name} | {row['pearson']:.2f} | {row['spearman']:.2f} | {100 * row['good_under_40']:.0f}% | "
              f"{row['mean']:.0f} | {row['p50_ms']:.2f} | {row['p99_ms']:.2f} ({ratio:.1f}x old) |")
    print(f"\n{model_note}")
    print(_cold_start())
    public = os.environ.get("GRADING_PUBLIC_SET")
    if public:
        print(f"public set {public}: not evaluated here (see the module doc for its shape)")


def _cold_start() -> str:
    """`prepbot ask` cold start, extra installed: the model must not load for a message that is no answer."""
    code = ("import time,sys;t=time.perf_counter();from click.testing import CliRunner;from bot.cli import main;"
            "r=CliRunner().invoke(main,['ask','what is keras']);"
            "import bot.grading_similarity as g;"
            "print(f'{time.perf_counter()-t:.3f} {int(g.semantic_loaded())} {\"wordllama\" in sys.modules}')")
    runs = []
    for _ in range(3):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
        runs.append(out.stdout.split() or ["nan", "?", "?"])
    best = min(float(r[0]) for r in runs)
    return (f"`prepbot ask` cold start (in-process CLI, best of 3): {best:.3f} s; semantic model loaded: "
            f"{runs[0][1] == '1'}; wordllama imported: {runs[0][2]}")
