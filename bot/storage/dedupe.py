"""Seen-message ledger: a redelivered or duplicate message is handled once, across restarts
and across processes sharing the database.

"First seen" is decided by what the database says it inserted (`INSERT … ON CONFLICT DO NOTHING
RETURNING key`), never by a row count: PostgreSQL's driver reports -1 for that statement.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from datetime import datetime, timedelta

from sqlalchemy import Column, DateTime, String, Table, delete

from bot.storage.db import Database, metadata

log = logging.getLogger("prepbot.storage")

KEY_LENGTH = 400
# A key that does not fit (or that a database cannot store as text: NUL, lone surrogates) is kept
# as a readable prefix plus the SHA-256 of the whole key, so two long keys never collapse into one.
_PREFIX_LENGTH = KEY_LENGTH - 1 - 64

DEDUPE_WINDOW = timedelta(days=2)  # platforms redeliver within minutes; keep two days
PRUNE_EVERY = timedelta(hours=1)

seen_messages = Table(
    "seen_messages",
    metadata,
    Column("key", String(KEY_LENGTH), primary_key=True),
    Column("seen_at", DateTime(timezone=True), nullable=False, index=True),
)


def stored_key(key: str) -> str:
    """The ledger's key for `key`: itself when it fits and is plain text, else prefix + hash."""
    try:
        key.encode("utf-8")
        storable = "\x00" not in key
    except UnicodeEncodeError:
        storable = False
    if storable and len(key) <= KEY_LENGTH:
        return key
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()
    prefix = key[:_PREFIX_LENGTH].encode("utf-8", "replace").decode("utf-8").replace("\x00", "?")
    return f"{prefix}#{digest}"


class DedupeStore:
    def __init__(self, db: Database) -> None:
        self.db = db
        self._pruned_at: datetime | None = None
        self._prune_lock = threading.Lock()

    def first_seen(self, key: str, now: datetime) -> bool:
        """Record `key`; True only for the first caller ever to record it (atomic)."""
        stmt = (self.db.upsert_insert(seen_messages).values(key=stored_key(key), seen_at=now)
                .on_conflict_do_nothing(index_elements=["key"])
                .returning(seen_messages.c.key))
        with self.db.write() as conn:
            inserted = conn.execute(stmt).first() is not None
        self._prune(now)
        return inserted

    def forget_before(self, cutoff: datetime) -> int:
        """Drop entries seen before `cutoff`; how many were dropped."""
        stmt = delete(seen_messages).where(seen_messages.c.seen_at < cutoff).returning(seen_messages.c.key)
        with self.db.write() as conn:
            return len(conn.execute(stmt).all())

    def _prune(self, now: datetime) -> None:
        """Once an hour per process, forget what is older than the window (the table stays small)."""
        with self._prune_lock:
            if self._pruned_at is not None and now - self._pruned_at < PRUNE_EVERY:
                return
            self._pruned_at = now
        try:
            self.forget_before(now - DEDUPE_WINDOW)
        except Exception:  # housekeeping never costs a reply; the next hour tries again
            log.warning("could not prune the seen-message ledger", exc_info=True)


__all__ = ["DEDUPE_WINDOW", "DedupeStore", "seen_messages", "stored_key"]
