"""`python -m benchmarks [name ...]`: run the named benchmarks (default: all) and print their tables."""

from __future__ import annotations

import importlib
import sys

ALL = (
    "matcher_bench",
    "cold_start",
    "bad_input",
    "practice_bench",
    "scheduler_bench",
    "slack_bench",
    "grading_bench",
    "knowledge_bench",
    "retrieval_bench",
    "charts_bench",
)


def main(argv: list[str]) -> int:
    names = argv or list(ALL)
    for name in names:
        module = importlib.import_module(f"benchmarks.{name}")
        print(f"\n## {name}\n", flush=True)
        module.main()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
