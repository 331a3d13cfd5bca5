"""Imported questions in the database, so every process using it (a running bot, its replicas, a
`prepbot questions --db URL`) sees an import at once.

`ImportedStore.add` stores one import in one transaction: all of it or, on any clash (a question id
another import stored meanwhile), none. `LiveBank` is a running bot's bank: the questions built from
the knowledge plus the imported ones, rebuilt only when the table's version (row count and highest
id: one indexed query) changed since the last message.
"""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from typing import Any, overload

from sqlalchemy import Row, func, select
from sqlalchemy.exc import IntegrityError

from bot.errors import UserError
from bot.practice import spaced
from bot.practice.bank import QuestionBank
from bot.storage.db import Database
from bot.storage.tables import imported_questions
from knowledge.model import Question, Source

KIND = "imported"


class ImportClash(UserError):
    """Some of the questions were stored by another import meanwhile; nothing was added."""


class ImportedStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    def version(self) -> tuple[int, int]:
        """(rows, highest id): changes with every import (and every removal)."""
        with self.db.read() as conn:
            row = conn.execute(
                select(func.count(imported_questions.c.id), func.max(imported_questions.c.id))
            ).one()
        return int(row[0] or 0), int(row[1] or 0)

    def questions(self) -> list[Question]:
        with self.db.read() as conn:
            rows = conn.execute(select(imported_questions).order_by(imported_questions.c.id)).all()
        return [_question(r) for r in rows]

    def add(self, questions: Sequence[Question], now: datetime) -> str:
        """Store every question in one transaction; returns the import's batch id. Raises
        ImportClash (and stores nothing) when any question id is already stored."""
        batch = uuid.uuid4().hex
        rows = [_row(q, batch, spaced.as_utc(now)) for q in questions]
        if not rows:
            return batch
        try:
            with self.db.write() as conn:
                conn.execute(imported_questions.insert(), rows)
        except IntegrityError:
            raise ImportClash(
                "some of these questions were imported meanwhile by someone else; "
                "nothing was added. Run the import again to see which."
            ) from None
        return batch


def _row(question: Question, batch: str, now: datetime) -> dict[str, Any]:
    source = question.source
    return {
        "question_id": question.id,
        "batch": batch,
        "text": question.text,
        "topics": ",".join(question.topics),
        "difficulty": question.difficulty,
        "key_points": json.dumps(list(question.key_points)),
        "model_answer": question.model_answer,
        "alternatives": json.dumps(list(question.alternatives)),
        "source_file": (source.path if source else "")[:300],
        "source_line": source.line if source else None,
        "imported_at": now,
    }


def _question(row: Row[Any]) -> Question:
    return Question(
        id=str(row.question_id),
        text=str(row.text),
        topics=tuple(t for t in str(row.topics).split(",") if t),
        aspect=None,
        difficulty=str(row.difficulty),
        key_points=tuple(json.loads(row.key_points)),
        model_answer=str(row.model_answer),
        kind=KIND,
        source=Source(str(row.source_file), row.source_line),
        alternatives=tuple(json.loads(row.alternatives or "[]")),
    )


class LiveBank:
    """The bank built from the knowledge plus the imported questions, checked once per call of
    `current()` (once per message) and rebuilt only when an import happened."""

    def __init__(self, base: QuestionBank, store: ImportedStore) -> None:
        self.base = base
        self.store = store
        self._lock = threading.Lock()
        self._version: tuple[int, int] = (0, 0)
        self._bank = base

    def current(self) -> QuestionBank:
        version = self.store.version()
        if version == self._version:
            return self._bank
        with self._lock:
            if version != self._version:
                self._bank = self.base.with_imported(self.store.questions()) if version[0] else self.base
                self._version = version
            return self._bank


class LiveQuestions(Sequence[Question]):
    """The current bank's questions each time it is read (for the daily scheduler of a running bot)."""

    def __init__(self, bank: Callable[[], QuestionBank]) -> None:
        self._bank = bank

    def __len__(self) -> int:
        return len(self._bank().questions)

    def __iter__(self) -> Iterator[Question]:
        return iter(self._bank().questions)

    @overload
    def __getitem__(self, index: int) -> Question: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Question]: ...
    def __getitem__(self, index: int | slice) -> Question | Sequence[Question]:
        return self._bank().questions[index]


def bank_with_imported(bank: QuestionBank, url: str | None) -> QuestionBank:
    """`bank` plus the questions imported into the database at `url` (the configured one; with none,
    the default SQLite file when it exists: a listing never creates a database)."""
    from sqlalchemy.engine import make_url

    from bot.storage.db import default_sqlite_url

    if url is None:
        url = default_sqlite_url()
        path = make_url(url).database
        if not path:
            return bank
        from pathlib import Path

        if not Path(path).exists() or Path(path).stat().st_size == 0:
            return bank
    db = Database(url)
    try:
        db.create_schema()
        return bank.with_imported(ImportedStore(db).questions())
    finally:
        db.dispose()
