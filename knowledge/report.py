"""The report behind `kb check`: every problem in a knowledge folder, not just the first, plus a one-line summary."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from knowledge.build import compile_layout
from knowledge.model import KnowledgeBase
from knowledge.problems import Problem
from knowledge.sources import layout


@dataclass(frozen=True, slots=True)
class Report:
    kb: KnowledgeBase
    problems: tuple[Problem, ...]  # sorted by file and line; repairs (mojibake) included

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        kb = self.kb
        return (f"{len(kb.topics)} topics, {len(kb.table_aspects())} aspects, {len(kb.cells)} cells, "
                f"{len(kb.facts)} facts, {len(kb.questions)} questions")


def validate(path: Path | None = None) -> Report:
    """Compile a folder (None = bundled) from scratch, bypassing the cache, and collect its problems."""
    compiled = compile_layout(layout(Path(path) if path is not None else None))
    found = sorted({*compiled.problems, *compiled.repairs}, key=lambda p: (p.path, p.line or 0, p.problem))
    return Report(compiled.kb, tuple(found))
