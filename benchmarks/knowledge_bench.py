"""Knowledge start-up and memory against knowledge size (issues 11 and 16).

Run: `python -m benchmarks knowledge_bench`. Targets on 50 documents of about 5 MB: cold build under
3 s, cached load under 100 ms, memory of the loaded knowledge under 50 MB; build time and memory
growing linearly with the number of documents (10 / 25 / 50 / 100).

The folder is built in a temporary directory by repeating the real documents of ../shared/realdocs
(each generated document joins a rotating run of them to about 100 KB), so the same topics recur
across documents and merge. Every figure comes from a fresh process (median of RUNS), next to a bare
`python -c pass` measured in the same rounds, so a busy machine shows in both. Memory is the
resident set growth while loading (after imports), read from /proc/self/statm.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REALDOCS = (ROOT / ".." / "shared" / "realdocs").resolve()
RUNS = int(os.environ.get("KNOWLEDGE_BENCH_RUNS", "3"))
DOC_BYTES = 100_000
SIZES = (10, 25, 50, 100)

_CHILD = """
import json, os, sys, time
from pathlib import Path
page = os.sysconf("SC_PAGE_SIZE")
def rss(): return int(open("/proc/self/statm").read().split()[1]) * page
import knowledge, knowledge.build, knowledge.cache  # imports are not the knowledge's memory
before = rss()
start = time.perf_counter()
kb = knowledge.load(Path(sys.argv[1]), cache_dir=Path(sys.argv[2]))
seconds = time.perf_counter() - start
kb.index()
rss_kb = rss() - before
from bot.answers.retrieval import PassageIndex
start = time.perf_counter()
PassageIndex(kb)  # built and stored beside the cache entry on a cold run, read back on a warm one
index = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "rss": rss_kb, "topics": len(kb.topics),
                  "passages": len(kb.passages), "index": index}))
"""


def make_folder(root: Path, count: int) -> int:
    """`count` documents of about DOC_BYTES each, made of the realdocs in turn; returns total bytes."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(REALDOCS.glob("*/*.md"))]
    total, turn = 0, 0
    root.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        parts: list[str] = []
        while sum(map(len, parts)) < DOC_BYTES:
            parts.append(texts[turn % len(texts)])
            turn += 1
        text = "\n\n".join(parts)
        (root / f"notes-{number:03}.md").write_text(text, encoding="utf-8")
        total += len(text.encode())
    return total


def _child(folder: Path, cache: Path) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(folder), str(cache)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _bare() -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    return time.perf_counter() - start


def measure(folder: Path, work: Path) -> dict[str, float]:
    cold, warm, memory, bare, built, read = [], [], [], [], [], []
    found: dict[str, float] = {}
    for run in range(RUNS):
        cache = work / f"cache-{folder.name}-{run}"
        bare.append(_bare())
        found = _child(folder, cache)  # empty cache: a cold build
        cold.append(found["seconds"])
        built.append(found["index"])
        again = _child(folder, cache)  # the same cache: a cached load
        warm.append(again["seconds"])
        read.append(again["index"])
        memory.append(again["rss"])
    return {
        "cold": statistics.median(cold),
        "warm": statistics.median(warm),
        "rss": statistics.median(memory),
        "bare": statistics.median(bare),
        "index_built": statistics.median(built),
        "index_read": statistics.median(read),
        "topics": found["topics"],
        "passages": found["passages"],
    }


def main() -> None:
    if not REALDOCS.is_dir():
        print(f"skipped: {REALDOCS} is absent")
        return
    with tempfile.TemporaryDirectory(prefix="prepbot-kbench-") as temp:
        work = Path(temp)
        rows = []
        for count in SIZES:
            folder = work / f"docs{count}"
            size = make_folder(folder, count)
            rows.append((count, size, measure(folder, work)))
    print(
        "| documents | MB | topics | passages | cold build s (x bare) | cached load ms (x bare) | "
        "loaded KB MB | cold s per doc | passage index built s | passage index read ms (x bare) |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for count, size, m in rows:
        print(
            f"| {count} | {size / 1e6:.1f} | {m['topics']:.0f} | {m['passages']:.0f} | "
            f"{m['cold']:.2f} ({m['cold'] / m['bare']:.0f}x) | {m['warm'] * 1000:.0f} "
            f"({m['warm'] / m['bare']:.1f}x) | {m['rss'] / 1e6:.1f} | {m['cold'] / count:.3f} | "
            f"{m['index_built']:.2f} | {m['index_read'] * 1000:.0f} ({m['index_read'] / m['bare']:.1f}x) |"
        )
    fifty = next(m for count, _size, m in rows if count == 50)
    print(
        f"\n50 documents: cold build {fifty['cold']:.2f} s (target < 3 s), cached load "
        f"{fifty['warm'] * 1000:.0f} ms (target < 100 ms), loaded knowledge {fifty['rss'] / 1e6:.1f} MB "
        f"(target < 50 MB); bare `python -c pass` {fifty['bare'] * 1000:.0f} ms."
    )
    first, last = rows[0], rows[-1]
    growth = (last[2]["cold"] / first[2]["cold"]) / (last[0] / first[0])
    print(
        f"Cold build growth from {first[0]} to {last[0]} documents relative to linear: {growth:.2f} "
        f"(1.00 = linear); memory {((last[2]['rss'] / first[2]['rss']) / (last[0] / first[0])):.2f}."
    )


if __name__ == "__main__":
    main()
