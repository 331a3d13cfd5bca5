"""Cold `prepbot ask --json "pytorch vs keras"` as a ratio to a bare `python -c pass` (issue 10).

Run: `python -m benchmarks cold_start` (or `make bench`); `COLD_START_RUNS=N` for more or fewer
runs (default 15). Target: the ratio at most 8 for an installed prepbot.

Each figure is the median of N fresh processes; every round runs the bare interpreter and then
prepbot, one after the other, so both see the same machine load (on a busy machine the absolute
figures grow but the ratio stays comparable). Wall time is the headline; CPU time (user + system of
the child) is beside it because it moves less when other processes share the cores.

The project's packages are copied to temporary folders (the working tree is neither read while
others edit it nor given `__pycache__` folders) and imported from there through `PYTHONPATH`,
by the same interpreter and `prepbot` script the venv has. Three ways a Python may start prepbot:

- default: bytecode allowed; the first run writes it, later runs read it;
- PYTHONDONTWRITEBYTECODE=1 after install-time compilation (`make` and the Dockerfile run
  `compileall`), i.e. what an image gets;
- PYTHONDONTWRITEBYTECODE=1 and never compiled (an editable checkout without `make`): every start
  compiles prepbot's own modules again. Not the target, shown so that the cost is visible.

The libraries in the venv are compiled in all three (pip compiles what it installs). A first run of
each warms the knowledge cache, creates the SQLite database and fills the file system cache; it is
not counted. The database stays on the path: every run records the message in the dedupe ledger.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

RUNS = int(os.environ.get("COLD_START_RUNS", "15"))
QUERY = "pytorch vs keras"
TARGET = 8.0
PACKAGES = ("bot", "knowledge", "adapters")
ROOT = Path(__file__).resolve().parents[1]
BARE = (sys.executable, "-c", "pass")


@dataclass
class Samples:
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    rss_mb: float = 0.0

    def add(self, wall: float, cpu: float) -> None:
        self.wall.append(wall)
        self.cpu.append(cpu)


@dataclass
class Mode:
    label: str
    env: dict[str, str]
    tree: Path
    bare: Samples = field(default_factory=Samples)
    ask: Samples = field(default_factory=Samples)


def _prepbot() -> list[str]:
    script = Path(sys.executable).with_name("prepbot")
    return [str(script)] if script.exists() else [sys.executable, "-m", "bot.cli"]


def _copy(tree: Path, *, compiled: bool) -> Path:
    for package in PACKAGES:
        shutil.copytree(ROOT / package, tree / package, ignore=shutil.ignore_patterns("__pycache__"))
    if compiled:  # what `make` and the Dockerfile do after installing
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        subprocess.run([sys.executable, "-m", "compileall", "-q", *PACKAGES], cwd=tree, env=env, check=True)
    return tree


def _run(command: list[str] | tuple[str, ...], mode: Mode, into: Samples) -> str:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, cwd=mode.tree, env=mode.env, capture_output=True, text=True, check=True)
    wall = (time.perf_counter() - start) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = ((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)) * 1000
    into.add(wall, cpu)
    into.rss_mb = max(into.rss_mb, after.ru_maxrss / 1024)  # the largest child so far
    return done.stdout


def _row(mode: Mode) -> str:
    bare_wall, ask_wall = statistics.median(mode.bare.wall), statistics.median(mode.ask.wall)
    bare_cpu, ask_cpu = statistics.median(mode.bare.cpu), statistics.median(mode.ask.cpu)
    return (
        f"| {mode.label} | {ask_wall / bare_wall:.1f}x | {ask_wall:.0f} | {bare_wall:.0f} | "
        f"{ask_cpu / bare_cpu:.1f}x | {ask_cpu:.0f} | {bare_cpu:.0f} |"
    )


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        base = {**os.environ, "PREPBOT_LOG_LEVEL": "WARNING"}
        for variable in ("PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX"):
            base.pop(variable, None)
        quiet = {**base, "PYTHONDONTWRITEBYTECODE": "1"}
        modes = [
            Mode(
                "default (bytecode written on first run)",
                {**base, "PYTHONPATH": f"{tmp}/a"},
                _copy(Path(tmp) / "a", compiled=False),
            ),
            Mode(
                "PYTHONDONTWRITEBYTECODE=1, compiled at install",
                {**quiet, "PYTHONPATH": f"{tmp}/b"},
                _copy(Path(tmp) / "b", compiled=True),
            ),
            Mode(
                "PYTHONDONTWRITEBYTECODE=1, never compiled",
                {**quiet, "PYTHONPATH": f"{tmp}/c"},
                _copy(Path(tmp) / "c", compiled=False),
            ),
        ]
        command = [*_prepbot(), "ask", "--json", "--db", f"sqlite:///{tmp}/bench.db", QUERY]
        reply = {}
        for mode in modes:  # warm-up, not counted
            _run(BARE, mode, Samples())
            reply = json.loads(_run(command, mode, Samples()))
        for _ in range(RUNS):
            for mode in modes:
                _run(BARE, mode, mode.bare)
                _run(command, mode, mode.ask)
    installed = modes[1]
    ratio = statistics.median(installed.ask.wall) / statistics.median(installed.bare.wall)
    print(
        f'`prepbot ask --json "{QUERY}"` (SQLite) against `python -c pass`; medians of {RUNS} fresh '
        f"processes each; reply: {reply['intent']} / {', '.join(reply['topics'])}.\n"
    )
    print(
        "| how Python starts | ratio (wall) | prepbot ask (ms) | python -c pass (ms) | "
        "ratio (CPU) | prepbot ask CPU (ms) | python -c pass CPU (ms) |"
    )
    print("|---|---|---|---|---|---|---|")
    for mode in modes:
        print(_row(mode))
    print(
        f"\nTarget: at most {TARGET:.0f}x for an installed prepbot (compiled row): "
        f"{ratio:.1f}x, {'met' if ratio <= TARGET else 'NOT met'}. "
        f"Peak RSS of one prepbot run: {max(m.ask.rss_mb for m in modes):.0f} MB."
    )


if __name__ == "__main__":
    main()
