"""Grading quality and speed on the labelled answer sets: the old grader, the default blend and the
blend with the `[semantic]` extra, side by side.

`python -m benchmarks grading_bench`. Quality: Pearson and Spearman between the score and the human
label (0-5), the share of good answers (label >= 4) scored under 40, the mean score against the
labels' mean (x20). Speed: CPU time per answer, p50/p99 over the set repeated (see `_timings`).
The public Mohler/Texas short-answer set (computer-science questions, student answers, the mean of
two human graders 0-5) is evaluated with `python -m benchmarks.grading_bench --mohler DIR` (or
PREPBOT_MOHLER=DIR under `python -m benchmarks grading_bench`), DIR holding `questions.csv`
(id,question,answer) and `answers.csv` (id,answer,score,...): read from outside the repository,
never committed. Each reference answer's sentences are its key points.
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from rapidfuzz import fuzz

from benchmarks import grading_old
from benchmarks.grading_sets import Case, cases, knowledge_base
from bot.practice import grading
from bot.practice.grading import similarity
from knowledge.model import Question

Grader = Callable[[Case], int]


def _old(case: Case) -> int:
    return grading_old.grade(case.question, case.answer, knowledge_base(case.kb_name)).score


def _new(case: Case) -> int:
    return grading.grade(
        case.question, case.answer, knowledge_base(case.kb_name), alternatives=case.alternatives
    ).score


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


REPEATS = 10  # the set is timed this many times over, each answer as a new text (p99 over ~700 answers)


def _timings(grader: Grader, sets: list[Case]) -> tuple[list[float], list[float]]:
    """Seconds per answer (CPU time of the process, all threads, and wall clock) over the set repeated
    REPEATS times;
    each repeat changes the text (trailing spaces) so no per-text memo helps, while the per-question
    and per-word caches stay warm, as in a running bot. CPU time is the grading's own cost; wall clock
    also counts the time the OS gave the core to other processes (it is noisy on a shared machine)."""
    cpu: list[float] = []
    wall: list[float] = []
    for repeat in range(REPEATS):
        for case in sets:
            variant = Case(
                case.kb_name, case.question, case.answer + " " * (repeat + 1), case.label, case.alternatives
            )
            start, start_cpu = time.perf_counter(), time.process_time()
            grader(variant)
            cpu.append(time.process_time() - start_cpu)
            wall.append(time.perf_counter() - start)
    return sorted(cpu), sorted(wall)


def _p(values: list[float], share: float) -> float:
    return 1000 * values[min(len(values) - 1, int(share * len(values)))]


def measure(grader: Grader, sets: list[Case]) -> dict[str, float]:
    scores = [grader(case) for case in sets]  # also warms vocabularies, caches, the model
    cpu, wall = _timings(grader, sets)
    labels = [float(c.label) for c in sets]
    good = [s for s, c in zip(scores, sets, strict=True) if c.label >= 4]
    return {
        "pearson": statistics.correlation([float(s) for s in scores], labels),
        "spearman": statistics.correlation(_ranks([float(s) for s in scores]), _ranks(labels)),
        "good_under_40": sum(1 for s in good if s < 40) / max(1, len(good)),
        "mean": statistics.fmean(scores),
        "p50_ms": _p(cpu, 0.5),
        "p99_ms": _p(cpu, 0.99),
        "wall_p99_ms": _p(wall, 0.99),
    }


def _baseline(case: Case) -> int:
    """The yardstick: one rapidfuzz token_set_ratio call between the answer and the model answer."""
    return round(fuzz.token_set_ratio(case.answer, case.question.model_answer))


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.grading_bench")
    parser.add_argument("--mohler", metavar="DIR", help="also evaluate the Mohler/Texas set in DIR")
    mohler_dir = parser.parse_args(argv or []).mohler
    sets = cases()
    labels_mean = statistics.fmean(20 * c.label for c in sets)
    print(
        f"{len(sets)} labelled answers, {len({c.question.id for c in sets})} questions; "
        f"human mean {labels_mean:.0f}/100\n"
    )
    rows: list[tuple[str, dict[str, float]]] = [
        ("baseline: one rapidfuzz token_set_ratio", measure(_baseline, sets)),
        ("old grader (key points only)", measure(_old, sets)),
    ]
    similarity.use_semantic(False)
    rows.append(("default blend (rapidfuzz)", measure(_new, sets)))
    rss_before = _rss_mb()
    if similarity.semantic_available():
        similarity.use_semantic(True)
        start = time.perf_counter()
        similarity.phrase_similarity("a", "b")
        load_s = time.perf_counter() - start
        rows.append(("[semantic] blend (wordllama)", measure(_new, sets)))
        model_note = (
            f"semantic model: loaded in {load_s:.2f} s, process max RSS {rss_before:.0f} MB -> "
            f"{_rss_mb():.0f} MB (+{_rss_mb() - rss_before:.0f} MB)"
        )
    else:
        model_note = "[semantic] extra not installed: pip install '.[semantic]'"
    print(
        f"time per answer over {REPEATS * len(sets)} gradings: CPU time (ratio to the baseline's), and wall "
        f"clock p99 (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)\n"
    )
    print(
        "| grader | Pearson | Spearman | good (>=4) under 40 | mean score | p50 ms | p99 ms | wall p99 ms |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    base = rows[0][1]
    for name, row in rows:
        r50 = row["p50_ms"] / base["p50_ms"] if base["p50_ms"] else 0.0
        r99 = row["p99_ms"] / base["p99_ms"] if base["p99_ms"] else 0.0
        print(
            f"| {name} | {row['pearson']:.2f} | {row['spearman']:.2f} | {100 * row['good_under_40']:.0f}% | "
            f"{row['mean']:.0f} | {row['p50_ms']:.3f} ({r50:.0f}x) | {row['p99_ms']:.3f} ({r99:.0f}x) | "
            f"{row['wall_p99_ms']:.2f} |"
        )
    print(f"\n{model_note}")
    print(_cold_start())
    mohler = mohler_dir or os.environ.get("PREPBOT_MOHLER")
    if mohler:
        print(evaluate_mohler(Path(mohler)))


_MOHLER_TOKENS = (("-LRB-", "("), ("-RRB-", ")"), ("-LSB-", "["), ("-RSB-", "]"))


def _mohler_text(text: str) -> str:
    for token, char in _MOHLER_TOKENS:
        text = text.replace(token, char)
    return " ".join(text.split())


def mohler_cases(directory: Path) -> list[Case]:
    """The Mohler/Texas set as cases: the reference answer is the model answer, its sentences the key
    points; the label is the graders' mean (0-5, a float kept x10 in an int: 3.5 -> 35)."""
    with (directory / "questions.csv").open(encoding="utf-8", newline="") as handle:
        questions = {}
        for row in csv.DictReader(handle):
            reference = _mohler_text(row["answer"])
            points = tuple(p.strip(" .") for p in re.split(r"(?<=[.;])\s+", reference) if p.strip(" ."))
            questions[row["id"]] = Question(
                f"mohler-{row['id']}",
                _mohler_text(row["question"]),
                (),
                None,
                "medium",
                points or (reference,),
                reference,
            )
    with (directory / "answers.csv").open(encoding="utf-8", newline="") as handle:
        return [
            Case(
                "bundled", questions[row["id"]], _mohler_text(row["answer"]), round(10 * float(row["score"]))
            )
            for row in csv.DictReader(handle)
            if row["id"] in questions
        ]


def evaluate_mohler(directory: Path) -> str:
    sets = mohler_cases(directory)
    labels = [c.label / 10 for c in sets]
    lines = [
        f"\n### Mohler/Texas set ({directory}): {len(sets)} answers, {len({c.question.id for c in sets})} "
        f"questions; graders' mean {statistics.fmean(labels):.2f}/5 (x20 = "
        f"{20 * statistics.fmean(labels):.0f})\n",
        "| grader | Pearson | Spearman | mean score | answers the graders gave >= 4 scored under 40 |",
        "| --- | --- | --- | --- | --- |",
    ]
    graders: list[tuple[str, Grader, bool | None]] = [
        ("baseline: one rapidfuzz token_set_ratio", _baseline, None),
        ("old grader (key points only)", _old, None),
        ("default blend (rapidfuzz)", _new, False),
    ]
    if similarity.semantic_available():
        graders.append(("[semantic] blend (wordllama)", _new, True))
    for name, grader, semantic in graders:
        if semantic is not None:
            similarity.use_semantic(semantic)
        scores = [float(grader(c)) for c in sets]
        good = [s for s, label in zip(scores, labels, strict=True) if label >= 4]
        lines.append(
            f"| {name} | {statistics.correlation(scores, labels):.2f} | "
            f"{statistics.correlation(_ranks(scores), _ranks(labels)):.2f} | {statistics.fmean(scores):.0f} |"
            f" "
            f"{100 * sum(1 for s in good if s < 40) / max(1, len(good)):.0f}% of {len(good)} |"
        )
    return "\n".join(lines)


def _cold_start() -> str:
    """`prepbot ask` cold start, extra installed: the model must not load for a message that is no answer."""
    code = (
        "import time,sys;t=time.perf_counter();from click.testing import CliRunner;from bot.cli import main;"
        "r=CliRunner().invoke(main,['ask','what is keras']);"
        "import bot.grading_similarity as g;"
        "print(f'{time.perf_counter()-t:.3f} {int(g.semantic_loaded())} {\"wordllama\" in sys.modules}')"
    )
    runs = []
    for _ in range(3):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
        runs.append(out.stdout.split() or ["nan", "?", "?"])
    best = min(float(r[0]) for r in runs)
    return (
        f"`prepbot ask` cold start (in-process CLI, best of 3): {best:.3f} s; semantic model loaded: "
        f"{runs[0][1] == '1'}; wordllama imported: {runs[0][2]}"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
