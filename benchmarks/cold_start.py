"""Cold `prepbot ask --json "pytorch vs keras"`: wall time of a fresh process, and its peak memory.

Run: `python -m benchmarks cold_start` (or `make bench`). The first run warms the knowledge cache
and creates the database; the figures are over the runs after it, each a new process.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 15
QUERY = "pytorch vs keras"


def _prepbot() -> list[str]:
    script = Path(sys.executable).with_name("prepbot")
    return [str(script)] if script.exists() else [sys.executable, "-m", "bot.cli"]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        command = [*_prepbot(), "ask", "--json", "--db", f"sqlite:///{tmp}/bench.db", QUERY]
        env = {**os.environ, "PREPBOT_LOG_LEVEL": "WARNING"}
        first = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
        reply = json.loads(first.stdout)
        times = []
        for _ in range(RUNS):
            start = time.perf_counter()
            subprocess.run(command, capture_output=True, text=True, env=env, check=True)
            times.append((time.perf_counter() - start) * 1000)
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print("| measure | value |")
    print("|---|---|")
    print(f"| reply intent / topics | {reply['intent']} / {', '.join(reply['topics'])} |")
    print(f"| cold `prepbot ask --json` median (ms) | {statistics.median(times):.0f} |")
    print(f"| cold `prepbot ask --json` max of {RUNS} (ms) | {max(times):.0f} |")
    print(f"| peak RSS of one run (MB) | {peak_mb:.0f} |")


if __name__ == "__main__":
    main()
