"""The knowledge code is subject-neutral: topic names live only in documents, YAML and tests."""

from __future__ import annotations

import re

from tests.knowledge.conftest import REPO

NAMES = re.compile(r"tensorflow|keras|pytorch|\btorch\b|\btf\b", re.IGNORECASE)


def test_no_framework_names_in_knowledge_code() -> None:
    files = [*sorted((REPO / "knowledge").glob("*.py")), REPO / "bot" / "commands" / "kb.py"]
    offenders = [f"{path.name}:{number}" for path in files
                 for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if NAMES.search(line)]
    assert offenders == []
