"""Bring your own questions: CSV, TSV, Anki decks (.apkg, older and newer) and the project's own
questions YAML, read into `Question`s plus problems located by file and line.

`read_import(data, filename, kb, existing)` takes bytes and a file name, so a chat adapter can pass
an attachment as it is; `read_import_file(path, ...)` refuses a file over the size limit by its size,
before reading it. Nothing here writes anywhere: storing is the caller's (bot/storage/imported.py),
and only an import without problems should be stored (nothing is half-imported).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from knowledge.imports.common import DIFFICULTIES, KIND, MAX_QUESTIONS, Checker, derive_points, resolve_topic
from knowledge.model import KnowledgeBase, Question
from knowledge.problems import Problem

MAX_FILE_BYTES = 50_000_000  # any import file; bigger ones are refused unread
FORMATS = {
    ".csv": "CSV",
    ".tsv": "TSV",
    ".tab": "TSV",
    ".apkg": "Anki",
    ".colpkg": "Anki",
    ".yaml": "YAML",
    ".yml": "YAML",
}


@dataclass(frozen=True, slots=True)
class ImportResult:
    path: str  # the file name as given, used in every problem
    format: str  # CSV | TSV | Anki | YAML | "" (not recognised)
    questions: tuple[Question, ...]  # the entries that passed; stored only when there are no problems
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.questions)

    def per_topic(self) -> list[tuple[str, int]]:
        """(topic id or "" for no topic, count), most first."""
        counts = Counter(t for q in self.questions for t in (q.topics or ("",)))
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def read_import(
    data: bytes,
    filename: str,
    kb: KnowledgeBase,
    existing: Sequence[Question] = (),
    default_topics: Sequence[str] = (),
) -> ImportResult:
    """Read one import file given as bytes. `existing`: the question bank (duplicates against it are
    problems); `default_topics`: topic ids for entries that name none."""
    name = Path(filename).name or "upload"
    kind = FORMATS.get(Path(name).suffix.casefold(), "")
    if not kind:
        known = ", ".join(sorted(FORMATS))
        return ImportResult(name, "", (), (Problem(name, None, f"unknown kind of file; use one of {known}"),))
    if len(data) > MAX_FILE_BYTES:
        return _too_big(name, kind, len(data))
    checker = Checker(name, kb, tuple(existing), tuple(default_topics))
    if kind in ("CSV", "TSV"):
        from knowledge.imports.tabular import read_tabular

        read_tabular(data, checker, "," if kind == "CSV" else "\t")
    elif kind == "Anki":
        from knowledge.imports.anki import read_apkg

        read_apkg(data, checker)
    else:
        from knowledge.imports.yamlfile import read_yaml

        read_yaml(data, checker)
    if not checker.questions and not checker.problems:
        checker.problem(None, "no questions in this file")
    return ImportResult(name, kind, tuple(checker.questions), tuple(checker.problems))


def read_import_file(
    path: Path, kb: KnowledgeBase, existing: Sequence[Question] = (), default_topics: Sequence[str] = ()
) -> ImportResult:
    """Read an import file from disk; one over MAX_FILE_BYTES is refused by its size, unread."""
    name = path.name
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return _too_big(name, FORMATS.get(path.suffix.casefold(), ""), size)
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)  # a file that grows (or /proc) still stops here
    except OSError as error:
        return ImportResult(
            name, "", (), (Problem(str(path), None, f"cannot read: {error.strerror or error}"),)
        )
    return read_import(data, name, kb, existing, default_topics)


def _too_big(name: str, kind: str, size: int) -> ImportResult:
    return ImportResult(
        name,
        kind,
        (),
        (
            Problem(
                name,
                None,
                f"refused: the file is {size:,} bytes, over the {MAX_FILE_BYTES:,}-byte limit for an import",
            ),
        ),
    )


__all__ = [
    "DIFFICULTIES",
    "FORMATS",
    "KIND",
    "MAX_FILE_BYTES",
    "MAX_QUESTIONS",
    "ImportResult",
    "derive_points",
    "read_import",
    "read_import_file",
    "resolve_topic",
]
