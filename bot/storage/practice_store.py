"""Practice storage: sessions, answers, spaced-repetition cards (owned by the practice work)."""

from __future__ import annotations

from bot.storage.db import Database


class PracticeStore:
    def __init__(self, db: Database) -> None:
        self.db = db
