"""Storage: one `Database` (SQLAlchemy) and the stores built on it, bundled as `Stores`."""

from __future__ import annotations

from dataclasses import dataclass

from bot.storage.channels import ChannelStore
from bot.storage.db import Database
from bot.storage.dedupe import DedupeStore
from bot.storage.practice_store import PracticeStore


@dataclass(frozen=True, slots=True)
class Stores:
    db: Database
    dedupe: DedupeStore
    practice: PracticeStore
    channels: ChannelStore

    @classmethod
    def open(cls, url: str | None = None) -> Stores:
        """Open the database at `url` (default: SQLite in the user data dir) and upgrade its schema."""
        db = Database(url)
        db.create_schema()
        return cls(db=db, dedupe=DedupeStore(db), practice=PracticeStore(db), channels=ChannelStore(db))


__all__ = ["ChannelStore", "Database", "DedupeStore", "PracticeStore", "Stores"]
