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
from typing import Any

from bot.storage.db import Database

log = logging.getLogger("prepbot.storage")

KEY_LENGTH = 400
# A key that does not fit (or that a database cannot store as text: NUL, lone surrogates) is kept
# as a readable prefix plus the SHA-256 of the whole key, so two long keys never collapse into one.
_PREFIX_LENGTH = KEY_LENGTH - 1 - 64

DEDUPE_WINDOW = timedelta(days=2)  # platforms redeliver within minutes; keep two days
PRUNE_EVERY = timedelta(hours=1)

# How SQLAlchemy's DateTime stores a time in SQLite (text that sorts as time); PostgreSQL takes the
# datetime itself. `first_seen` writes with the driver, `forget_before` with SQLAlchemy: same values.
SQLITE_TIME = "%Y-%m-%d %H:%M:%S.%f"


def __getattr__(name: str) -> Any:
    if name == "seen_messages":  # the Table, from the module that imports SQLAlchemy
        from bot.storage.dedupe_table import seen_messages

        return seen_messages
    raise AttributeError(name)


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
        # The driver, not SQLAlchemy: the one write every message makes stays cheap to start.
        inserted = bool(
            self.db.raw(
                "INSERT INTO seen_messages (key, seen_at) VALUES (?, ?) ON CONFLICT (key) DO NOTHING "
                "RETURNING key",
                (stored_key(key), self._time(now)),
            )
        )
        self._prune(now)
        return inserted

    def forget_before(self, cutoff: datetime) -> int:
        """Drop entries seen before `cutoff`; how many were dropped."""
        return len(
            self.db.raw("DELETE FROM seen_messages WHERE seen_at < ? RETURNING key", (self._time(cutoff),))
        )

    def _time(self, when: datetime) -> Any:
        return when.strftime(SQLITE_TIME) if self.db.is_sqlite else when

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


__all__ = ["DEDUPE_WINDOW", "DedupeStore", "stored_key"]
