"""Cold `prepbot ask` under PYTHONDONTWRITEBYTECODE=1 (as Docker images often set it): without the
project's bytecode, as an editable install leaves it, against after `python -m compileall`, which is
what `make` and the Dockerfile now run at install time.

Run: `python -m benchmarks bytecode_bench`. The project's packages are copied to a temporary folder
(the working tree's own `__pycache__` folders are left alone) and imported from there; the runs
alternate between the two states so that both see the same machine load. The libraries in the venv
are compiled in both (pip compiles what it installs).
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 15
PACKAGES = ("bot", "knowledge", "adapters")
ROOT = Path(__file__).resolve().parents[1]
CLI = "import sys; sys.argv[0] = 'prepbot'; from bot.cli import main; main()"


def _clear(tree: Path) -> None:
    for cache in tree.rglob("__pycache__"):
        shutil.rmtree(cache)


def _compile(tree: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run([sys.executable, "-m", "compileall", "-q", *PACKAGES], cwd=tree, env=env, check=True)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp) / "src"
        for package in PACKAGES:
            shutil.copytree(ROOT / package, tree / package, ignore=shutil.ignore_patterns("__pycache__"))
        command = [sys.executable, "-c", CLI, "ask", "--db", f"sqlite:///{tmp}/bench.db", "who made keras"]
        env = {
            **os.environ,
            "PYTHONDONTWRITEBYTECODE": "1",
            "PYTHONPATH": str(tree),
            "PREPBOT_LOG_LEVEL": "WARNING",
        }

        def ask() -> tuple[float, float]:
            """(wall ms, CPU ms) of one process: CPU time is what load on a shared machine disturbs least."""
            used = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            done = subprocess.run(command, cwd=tree, env=env, capture_output=True, text=True, check=True)
            wall = (time.perf_counter() - start) * 1000
            now = resource.getrusage(resource.RUSAGE_CHILDREN)
            assert "Keras" in done.stdout, done.stdout
            return wall, (now.ru_utime + now.ru_stime - used.ru_utime - used.ru_stime) * 1000

        ask()  # warms the knowledge cache, the database and the file system cache
        before: list[tuple[float, float]] = []
        after: list[tuple[float, float]] = []
        for _ in range(RUNS):
            _clear(tree)
            before.append(ask())
            _compile(tree)
            after.append(ask())
    print(f"`prepbot ask`, PYTHONDONTWRITEBYTECODE=1, {RUNS} alternating pairs (medians; min–max)\n")
    print("| | wall (ms) | CPU (ms) |")
    print("|---|---|---|")
    rows = {"project modules not compiled (baseline)": before, "compiled at install time": after}
    for label, runs in rows.items():
        wall, cpu = [r[0] for r in runs], [r[1] for r in runs]
        print(
            f"| {label} | {statistics.median(wall):.0f} ({min(wall):.0f}–{max(wall):.0f}) "
            f"| {statistics.median(cpu):.0f} ({min(cpu):.0f}–{max(cpu):.0f}) |"
        )
    ratio = [statistics.median(r[i] for r in after) / statistics.median(r[i] for r in before) for i in (0, 1)]
    print(f"| ratio compiled / baseline | {ratio[0]:.2f} | {ratio[1]:.2f} |")


if __name__ == "__main__":
    main()
