"""Storage: one `Database` and the stores built on it, bundled as `Stores`.

The stores are made on first use, so a message that needs only the dedupe ledger (most of a
one-shot `prepbot ask`) never imports SQLAlchemy or the practice and channel code.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any

from bot.storage.db import Database
from bot.storage.dedupe import DedupeStore

if TYPE_CHECKING:
    from bot.storage.channels import ChannelStore
    from bot.storage.practice import PracticeStore


class Stores:
    def __init__(self, db: Database) -> None:
        self.db = db
        self.dedupe = DedupeStore(db)

    @classmethod
    def open(cls, url: str | None = None) -> Stores:
        """Open the database at `url` (default: SQLite in the user data dir) and upgrade its schema."""
        db = Database(url)
        try:
            db.create_schema()
        except BaseException:
            db.dispose()  # the schema check's connection is not left to the garbage collector
            raise
        return cls(db)

    @cached_property
    def practice(self) -> PracticeStore:
        from bot.storage.practice import PracticeStore

        return PracticeStore(self.db)

    @cached_property
    def channels(self) -> ChannelStore:
        from bot.storage.channels import ChannelStore

        return ChannelStore(self.db)


def __getattr__(name: str) -> Any:
    if name == "ChannelStore":
        from bot.storage.channels import ChannelStore

        return ChannelStore
    if name == "PracticeStore":
        from bot.storage.practice import PracticeStore

        return PracticeStore
    raise AttributeError(name)


__all__ = ["ChannelStore", "Database", "DedupeStore", "PracticeStore", "Stores"]
