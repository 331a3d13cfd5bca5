"""The code is subject-neutral: topic names live only in documents, YAML overlays and tests.

Both packages that answer questions are scanned, every module: `knowledge/` (reading documents) and
`bot/` (the core). A subject word in code would make the bot know one subject better than another
that a team's notes describe just as well.
"""

from __future__ import annotations

import re
from pathlib import Path

from tests.knowledge.conftest import REPO

NAMES = re.compile(r"tensorflow|keras|pytorch|\btorch\b|\btf\b", re.IGNORECASE)


def offenders(root: Path) -> list[str]:
    return [
        f"{path.relative_to(REPO)}:{number}"
        for path in sorted(root.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if NAMES.search(line)
    ]


def test_no_framework_names_in_knowledge_code() -> None:
    assert offenders(REPO / "knowledge") == []


def test_no_framework_names_in_the_core() -> None:
    assert offenders(REPO / "bot") == []


def test_the_scan_sees_a_subject_word(tmp_path: Path) -> None:
    (tmp_path / "x.py").write_text("WORDS = {'keras'}\n")
    assert NAMES.search((tmp_path / "x.py").read_text())
