"""Conversation context: what one person was last talking about in one place (channel + thread).

One row per (person, place): the last topics, aspect and intent, plus the last message of a mock
interview and how it was read (an answer or a question), so "that was a question" can switch it.
A row older than `TTL_SECONDS` is not context any more. A message's context is read from the
database (one primary-key query), never from what this process remembers: several processes of
one deployment (PostgreSQL) take a person's messages in turn, and a remembered row would read a
follow-up against what the person said before their last message. Recording what the message was
about reuses that read (`last`).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.storage.db import Database

TTL_SECONDS = 30 * 60  # half an hour of silence and a follow-up is a new conversation
_CACHE_MAX = 10_000


@dataclass(frozen=True, slots=True)
class Snapshot:
    topics: tuple[str, ...] = ()
    aspect: str | None = None
    intent: str = ""
    said: str = ""
    read_as: str = ""
    updated: float = 0.0

    def fresh(self, now: float) -> bool:
        return now - self.updated < TTL_SECONDS


class ContextStore:
    def __init__(self, db: Database) -> None:
        self.db = db
        self._cache: dict[tuple[str, str], Snapshot | None] = {}
        self._lock = threading.Lock()

    def get(self, user_key: str, place: str, now: float) -> Snapshot | None:
        """The person's context here as stored now, or None when there is none or it has expired."""
        rows = self.db.raw(
            "SELECT topics, aspect, intent, said, read_as, updated FROM conversation_context "
            "WHERE user_key = ? AND place = ?",
            (user_key, place),
        )
        found = _snapshot(rows[0]) if rows else None
        self._remember((user_key, place), found)
        return found if found is not None and found.fresh(now) else None

    def last(self, user_key: str, place: str, now: float) -> Snapshot | None:
        """The context as this process last read or wrote it (`get` if it has not): for the message
        whose context `get` has just read, without reading it again."""
        with self._lock:
            cached = self._cache.get((user_key, place), _MISSING)
        if cached is _MISSING:
            return self.get(user_key, place, now)
        return cached if cached is not None and cached.fresh(now) else None

    def put(self, user_key: str, place: str, snapshot: Snapshot) -> None:
        self.db.raw(
            "INSERT INTO conversation_context (user_key, place, topics, aspect, intent, said, read_as, "
            "updated) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (user_key, place) DO UPDATE SET "
            "topics = excluded.topics, aspect = excluded.aspect, intent = excluded.intent, "
            "said = excluded.said, read_as = excluded.read_as, updated = excluded.updated",
            (
                user_key,
                place,
                ",".join(snapshot.topics),
                snapshot.aspect,
                snapshot.intent,
                snapshot.said,
                snapshot.read_as,
                snapshot.updated,
            ),
        )
        self._remember((user_key, place), snapshot)

    def forget_user(self, user_key: str) -> None:
        """Drop a person's context everywhere (they asked to be forgotten)."""
        self.db.raw("DELETE FROM conversation_context WHERE user_key = ?", (user_key,))
        with self._lock:
            for key in [k for k in self._cache if k[0] == user_key]:
                del self._cache[key]

    def prune(self, now: float) -> None:
        """Delete expired rows (a housekeeping task may call this; reads ignore them anyway)."""
        self.db.raw("DELETE FROM conversation_context WHERE updated < ?", (now - TTL_SECONDS,))
        with self._lock:
            self._cache.clear()

    def _remember(self, key: tuple[str, str], value: Snapshot | None) -> None:
        with self._lock:
            if len(self._cache) >= _CACHE_MAX:
                self._cache.clear()
            self._cache[key] = value


_MISSING = Snapshot(intent="\0missing")


def _snapshot(row: tuple[object, ...]) -> Snapshot:
    topics, aspect, intent, said, read_as, updated = row
    return Snapshot(
        topics=tuple(t for t in str(topics or "").split(",") if t),
        aspect=str(aspect) if aspect else None,
        intent=str(intent or ""),
        said=str(said or ""),
        read_as=str(read_as or ""),
        updated=float(updated),  # type: ignore[arg-type]
    )
