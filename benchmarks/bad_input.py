"""Hostile input, timed as a user meets it: each `prepbot ask --json` on a bad message is a fresh
process (target < 1 s each, reliability.md T10), and `prepbot kb check` on a folder of broken and
hostile files (target < 2 s and < 200 MB, T15).

Run: `python -m benchmarks bad_input`.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MESSAGES = {
    "empty": "",
    "40,000 characters": "pytorch " * 5000,
    "NUL and controls": "py\x00torch\x01\x1b[2J vs keras",
    "bidi override": "\u202ekeras vs pytorch\u202c",
    "zero width in a word": "py\u200btorch",
    "fullwidth": "ｐｙｔｏｒｃｈ",
    "emoji only": "🔥🚀🤖",
    "Arabic": "ما هو أفضل إطار عمل للتعلم العميق؟",
    "SQL": "'; DROP TABLE seen_messages; --",
}
HOSTILE = {
    "questions/exec.yaml": "- !!python/object/apply:os.system ['echo owned']\n",
    "questions/bomb.yaml": 'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n'
    "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
    "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n",
    "questions/dupes.yaml": "- id: a\n  id: b\n",
    "questions/tabs.yaml": "- id: x\n\ttext: y\n",
    "questions/unclosed.yaml": "- id: [x\n",
    "empty.md": "",
    "broken-table.md": (
        "# A\n\nA is a thing.\n\n# B\n\nB is a thing.\n\n"
        "| Aspect | A | B |\n|---|---|---|\n| Speed | fast |\n"
    ),
}


def _prepbot() -> str:
    return str(Path(sys.executable).with_name("prepbot"))


def _timed(args: list[str], stdin: str | None = None) -> tuple[float, subprocess.CompletedProcess[str]]:
    env = {**os.environ, "PREPBOT_LOG_LEVEL": "WARNING"}
    start = time.perf_counter()
    done = subprocess.run(args, input=stdin, capture_output=True, text=True, env=env, check=False)
    return (time.perf_counter() - start) * 1000, done


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = f"sqlite:///{tmp}/bad.db"
        _timed([_prepbot(), "ask", "--json", "--db", db, "warm up"])
        print("| input | `prepbot ask --json` wall (ms) | intent |")
        print("|---|---|---|")
        for name, text in MESSAGES.items():
            took, done = _timed([_prepbot(), "ask", "--json", "--db", db, "-"], stdin=text)
            print(f"| {name} | {took:.0f} | {json.loads(done.stdout)['intent']} |")
        took, done = _timed([_prepbot(), "ask", "--json", "--db", db, "-"], stdin="keras " + "x" * 1_000_000)
        print(f"| 1 MB on stdin | {took:.0f} | {json.loads(done.stdout)['intent']} |")
        folder = Path(tmp) / "hostile"
        for relative, content in HOSTILE.items():
            (folder / relative).parent.mkdir(parents=True, exist_ok=True)
            (folder / relative).write_text(content, encoding="utf-8")
        big = folder / "huge.md"
        with big.open("wb") as handle:
            handle.truncate(50 * 1024 * 1024)
        took, done = _timed([_prepbot(), "kb", "check", str(folder)])
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        problems = len([line for line in done.stdout.splitlines() if ": " in line])
    print()
    print("| `prepbot kb check` on a hostile folder | value |")
    print("|---|---|")
    print(f"| wall (ms) | {took:.0f} |")
    print(f"| exit code | {done.returncode} |")
    print(f"| problems reported | {problems} |")
    print(f"| peak RSS of any child so far (MB) | {peak:.0f} |")


if __name__ == "__main__":
    main()
