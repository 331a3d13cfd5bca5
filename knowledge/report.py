"""The report behind `kb check`: every problem in a knowledge folder, not just the first, plus a
one-line summary."""

from __future__ import annotations

from collections import Counter
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
    warnings: tuple[Problem, ...] = ()  # looks wrong but was read: shown, does not fail the check
    tables: tuple[str, ...] = ()  # how each table was read
    skipped: tuple[tuple[str, str], ...] = ()  # (file, why) not read as notes

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        kb = self.kb
        return (
            f"{len(kb.topics)} topics, {len(kb.table_aspects())} aspects, {len(kb.cells)} cells, "
            f"{len(kb.facts)} facts, {len(kb.questions)} questions"
        )

    def understood(self, limit: int = 200) -> list[str]:
        """What was read, as a reader would check it: topics with aliases and passage counts, tables
        and how each was read, aspects, model answers, skipped files and why, warnings."""
        kb = self.kb
        counts: Counter[str] = Counter(t for p in kb.passages for t in p.topics)
        lines = [
            f"documents: {len(kb.documents)}, passages: {len(kb.passages)}, "
            f"model answers: {len(kb.model_answers)}"
        ]
        lines.append(f"topics ({len(kb.topics)}):")
        for topic in list(kb.topics.values())[:limit]:
            aliases = f" (also: {', '.join(topic.aliases)})" if topic.aliases else ""
            lines.append(f"  {topic.name}{aliases}: {counts[topic.id]} passage(s)")
        if len(kb.topics) > limit:
            lines.append(f"  ... and {len(kb.topics) - limit} more")
        lines.append(f"tables ({len(self.tables)}):")
        lines += [f"  {_short(note)}" for note in self.tables[:limit]]
        labels = [kb.aspects[a].label for a in kb.table_aspects() if a in kb.aspects]
        shown = ", ".join(labels[:limit]) + (
            f", ... and {len(labels) - limit} more" if len(labels) > limit else ""
        )
        lines.append(f"aspects ({len(labels)}): {shown}")
        if self.skipped:
            lines.append(f"skipped ({len(self.skipped)}):")
            lines += [f"  {_short(path)}: {why}" for path, why in self.skipped]
        if self.warnings:
            lines.append(f"warnings ({len(self.warnings)}):")
            lines += [f"  {_short(str(w))}" for w in self.warnings[:limit]]
        return lines


def _short(text: str) -> str:
    """Paths relative to the working directory where that is shorter."""
    here = str(Path.cwd()) + "/"
    return text.replace(here, "")


def validate(path: Path | None = None) -> Report:
    """Compile a folder (None = bundled) from scratch, bypassing the cache, and collect its problems."""
    compiled = compile_layout(layout(Path(path) if path is not None else None))
    found = sorted({*compiled.problems, *compiled.repairs}, key=lambda p: (p.path, p.line or 0, p.problem))
    warnings = sorted(compiled.warnings, key=lambda p: (p.path, p.line or 0, p.problem))
    skipped = tuple((str(path), why) for path, why in compiled.skipped)
    return Report(compiled.kb, tuple(found), tuple(warnings), compiled.tables, skipped)
