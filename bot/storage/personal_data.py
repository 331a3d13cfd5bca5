"""A person's own data across every table that names them: read it all (export), delete it all
(forget me), and a channel's results for its admins.

The tables belong to the practice, channel and nudge stores; this module only reads and deletes
rows keyed by `user_key`, each operation in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Table, delete, select

from bot.storage.channel_tables import daily_answers, leaderboard_optouts
from bot.storage.db import Database
from bot.storage.round_tables import practice_daily, practice_prefs, practice_round_items, practice_rounds
from bot.storage.tables import (
    grade_disputes,
    nudge_settings,
    nudges_sent,
    practice_attempts,
    practice_cards,
    practice_days,
    practice_sessions,
    practice_users,
)

# Every table with a person's rows, in the order an export lists them.
PERSONAL_TABLES: tuple[Table, ...] = (
    practice_attempts,
    practice_days,
    practice_cards,
    practice_users,
    practice_sessions,
    daily_answers,
    grade_disputes,
    leaderboard_optouts,
    nudge_settings,
    nudges_sent,
    practice_rounds,
    practice_round_items,
    practice_prefs,
    practice_daily,
)

Row = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Attempt:
    """One graded answer, as an export and the progress picture read it."""

    user_key: str
    answered_at: datetime
    day: str
    question_id: str
    topics: tuple[str, ...]
    aspect: str | None
    score: int
    source: str
    place: str


class PersonalData:
    def __init__(self, db: Database) -> None:
        self.db = db

    def history(self, user_key: str) -> dict[str, list[Row]]:
        """Every row naming this person, per table name (JSON-ready values: dates as ISO text)."""
        found: dict[str, list[Row]] = {}
        with self.db.read() as conn:
            for table in PERSONAL_TABLES:
                query = select(table).where(table.c.user_key == user_key)
                if "id" in table.c:
                    query = query.order_by(table.c.id)
                found[table.name] = [_plain(dict(row)) for row in conn.execute(query).mappings()]
        return found

    def attempts(self, user_key: str | None = None, place_prefix: str | None = None) -> list[Attempt]:
        """Graded answers, oldest first: one person's (`user_key`), or everyone's whose answers were
        given in places starting with `place_prefix` (a workspace or a channel)."""
        query = select(practice_attempts).order_by(practice_attempts.c.answered_at, practice_attempts.c.id)
        if user_key is not None:
            query = query.where(practice_attempts.c.user_key == user_key)
        if place_prefix is not None:
            escaped = place_prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            query = query.where(practice_attempts.c.place.like(escaped + "%", escape="\\"))
        with self.db.read() as conn:
            return [
                Attempt(
                    user_key=row["user_key"],
                    answered_at=_utc(row["answered_at"]),
                    day=row["day"],
                    question_id=row["question_id"],
                    topics=tuple(t for t in row["topics"].split(",") if t),
                    aspect=row["aspect"],
                    score=int(row["score"]),
                    source=row["source"],
                    place=row["place"],
                )
                for row in conn.execute(query).mappings()
            ]

    def channel_results(self, channel_key: str) -> list[Row]:
        """The daily-question answers counted in one channel, oldest first (for its admins)."""
        query = (
            select(daily_answers)
            .where(daily_answers.c.channel_key == channel_key)
            .order_by(daily_answers.c.day, daily_answers.c.answered_at)
        )
        with self.db.read() as conn:
            return [_plain(dict(row)) for row in conn.execute(query).mappings()]

    def forget(self, user_key: str) -> dict[str, int]:
        """Delete every row naming this person, in one transaction; rows deleted per table."""
        deleted: dict[str, int] = {}
        with self.db.write() as conn:
            for table in PERSONAL_TABLES:
                gone = conn.execute(
                    delete(table).where(table.c.user_key == user_key).returning(table.c.user_key)
                )
                deleted[table.name] = len(gone.fetchall())
        return deleted


def _utc(moment: datetime) -> datetime:
    from bot.practice.spaced import as_utc

    return as_utc(moment)


def _plain(row: Row) -> Row:
    return {k: (_utc(v).isoformat() if isinstance(v, datetime) else v) for k, v in row.items()}


__all__ = ["PERSONAL_TABLES", "Attempt", "PersonalData"]
