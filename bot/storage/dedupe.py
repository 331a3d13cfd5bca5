"""Seen-message ledger: a redelivered or duplicate message is handled once, across restarts
and across processes sharing the database."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Column, DateTime, String, Table, delete

from bot.storage.db import Database, metadata

seen_messages = Table(
    "seen_messages",
    metadata,
    Column("key", String(400), primary_key=True),
    Column("seen_at", DateTime(timezone=True), nullable=False, index=True),
)


class DedupeStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    def first_seen(self, key: str, now: datetime) -> bool:
        """Record `key`; True only for the first caller ever to record it (atomic)."""
        stmt = self.db.upsert_insert(seen_messages).values(key=key[:400], seen_at=now)
        stmt = stmt.on_conflict_do_nothing(index_elements=["key"])
        with self.db.write() as conn:
            return conn.execute(stmt).rowcount == 1

    def forget_before(self, cutoff: datetime) -> int:
        with self.db.write() as conn:
            return conn.execute(delete(seen_messages).where(seen_messages.c.seen_at < cutoff)).rowcount


DEDUPE_WINDOW = timedelta(days=2)
__all__ = ["DEDUPE_WINDOW", "DedupeStore", "seen_messages"]
