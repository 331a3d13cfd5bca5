"""The project's own questions YAML (the format of knowledge/questions/*.yaml, read by
knowledge/questions.py with every check it makes), then checked like any other import."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

from knowledge.imports.common import KIND, Checker, normalised
from knowledge.model import Source
from knowledge.problems import Problem
from knowledge.questions import load_questions


def read_yaml(data: bytes, checker: Checker) -> None:
    # knowledge/questions.py reads files (size cap, safe loader, lines): give it one, in a private folder.
    with tempfile.TemporaryDirectory(prefix="prepbot-import-") as folder:
        path = Path(folder) / "questions.yaml"
        path.write_bytes(data)
        found, problems = load_questions([path], checker.kb.topics, checker.kb.aspects)
    checker.problems += [Problem(checker.path, p.line, p.problem) for p in problems]
    bank_texts = {normalised(q.text): q.id for q in checker.existing}
    bank_ids = {q.id for q in checker.existing}
    seen: dict[str, int | None] = {}
    for question in found:
        line = question.source.line if question.source else None
        key = normalised(question.text)
        if question.id in bank_ids:
            checker.problem(line, f"question id {question.id!r} is already in the question bank")
        elif key in bank_texts:
            checker.problem(
                line, f"{question.text[:60]!r} is already in the question bank (as {bank_texts[key]})"
            )
        elif key in seen:
            checker.problem(line, f"duplicate question {question.text[:60]!r} (first at line {seen[key]})")
        elif not checker.full():
            checker.questions.append(replace(question, kind=KIND, source=Source(checker.path, line)))
        seen.setdefault(key, line)
