"""The inbox: every message acknowledged to a platform is recorded before the acknowledgement
leaves, and marked done once its reply is sent, so a crash in between loses nothing.

A row moves `pending -> working -> done` (or `failed` after `MAX_ATTEMPTS` takes). Recording is
`INSERT … ON CONFLICT DO NOTHING RETURNING key`: the first recorder of a key gets True, a
redelivery False. Work is taken with a lease (`UPDATE … WHERE status='pending' OR the lease has
expired … RETURNING`), as the daily posts are: only one process at a time works on a message, and
one that died while working leaves a lease that expires, after which a restarted process or
another replica takes it over. The holder renews its leases while it works.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Column, DateTime, Integer, String, Table, Text, and_, delete, or_, select, update

from bot.storage.db import Database
from bot.storage.dedupe import KEY_LENGTH, stored_key
from bot.storage.metadata import metadata

MAX_ATTEMPTS = 10  # a message whose work crashed the process this often is given up (poison)
KEEP_DONE = timedelta(days=2)  # platforms redeliver within minutes; done rows are kept this long

inbox = Table(
    "inbox",
    metadata,
    Column("key", String(KEY_LENGTH), primary_key=True),
    Column("platform", String(20), nullable=False),
    Column("payload", Text, nullable=False),  # JSON: what the adapter needs to redo the work
    Column("status", String(10), nullable=False, index=True),  # pending | working | done | failed
    Column("owner", String(100), nullable=True),
    Column("lease_until", DateTime(timezone=True), nullable=True),
    Column("attempts", Integer, nullable=False, default=0),
    Column("received_at", DateTime(timezone=True), nullable=False, index=True),
    Column("done_at", DateTime(timezone=True), nullable=True),
)


@dataclass(frozen=True, slots=True)
class Taken:
    """A message leased for work. `attempts` counts this take: above 1, an earlier worker died."""

    key: str
    payload: dict[str, Any]
    attempts: int


class InboxStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    def record(self, key: str, platform: str, payload: Mapping[str, Any], now: datetime) -> bool:
        """Record an acknowledged message; True only for the first recorder of `key` (atomic)."""
        stmt = (
            self.db.upsert_insert(inbox)
            .values(
                key=stored_key(key),
                platform=platform,
                payload=json.dumps(payload),
                status="pending",
                attempts=0,
                received_at=now,
            )
            .on_conflict_do_nothing(index_elements=["key"])
            .returning(inbox.c.key)
        )
        with self.db.write() as conn:
            return conn.execute(stmt).first() is not None

    def take(self, key: str, owner: str, now: datetime, lease: timedelta) -> Taken | None:
        """Lease one message for work; None when it is done, given up, or someone else holds it."""
        with self.db.write() as conn:
            row = conn.execute(
                update(inbox)
                .where(inbox.c.key == stored_key(key), _takeable(now))
                .values(
                    status="working",
                    owner=owner[:100],
                    lease_until=now + lease,
                    attempts=inbox.c.attempts + 1,
                )
                .returning(inbox.c.key, inbox.c.payload, inbox.c.attempts)
            ).first()
        return None if row is None else Taken(row[0], json.loads(row[1]), int(row[2]))

    def due(self, platform: str, now: datetime, *, settle: timedelta, limit: int = 50) -> list[str]:
        """Keys left over: pending for longer than `settle` (their receiver died before taking
        them), or working under an expired lease (their worker died), oldest first."""
        stale_pending = and_(inbox.c.status == "pending", inbox.c.received_at <= now - settle)
        expired = and_(inbox.c.status == "working", inbox.c.lease_until < now)
        query = (
            select(inbox.c.key)
            .where(inbox.c.platform == platform, or_(stale_pending, expired))
            .order_by(inbox.c.received_at)
            .limit(limit)
        )
        with self.db.read() as conn:
            return [row[0] for row in conn.execute(query)]

    def renew(self, keys: Iterable[str], owner: str, now: datetime, lease: timedelta) -> None:
        """Extend the leases `owner` holds on `keys` (a worker that is alive keeps its work)."""
        stored = [stored_key(k) for k in keys]
        if not stored:
            return
        with self.db.write() as conn:
            conn.execute(
                update(inbox)
                .where(inbox.c.key.in_(stored), inbox.c.owner == owner[:100], inbox.c.status == "working")
                .values(lease_until=now + lease)
            )

    def done(self, key: str, now: datetime) -> None:
        """The reply went out (or the message needed none)."""
        with self.db.write() as conn:
            conn.execute(
                update(inbox)
                .where(inbox.c.key == stored_key(key))
                .values(status="done", done_at=now, lease_until=None)
            )

    def give_up(self, key: str, now: datetime) -> None:
        with self.db.write() as conn:
            conn.execute(
                update(inbox)
                .where(inbox.c.key == stored_key(key))
                .values(status="failed", done_at=now, lease_until=None)
            )

    def status(self, key: str) -> str | None:
        with self.db.read() as conn:
            found = conn.execute(select(inbox.c.status).where(inbox.c.key == stored_key(key))).first()
        return None if found is None else str(found[0])

    def prune(self, now: datetime) -> int:
        """Forget finished rows older than `KEEP_DONE`; how many were dropped."""
        stmt = (
            delete(inbox)
            .where(inbox.c.status.in_(("done", "failed")), inbox.c.received_at < now - KEEP_DONE)
            .returning(inbox.c.key)
        )
        with self.db.write() as conn:
            return len(conn.execute(stmt).all())


def _takeable(now: datetime) -> Any:
    return or_(inbox.c.status == "pending", and_(inbox.c.status == "working", inbox.c.lease_until < now))


__all__ = ["MAX_ATTEMPTS", "InboxStore", "Taken", "inbox"]
