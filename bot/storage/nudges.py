"""Nudge settings (opt-in: a row means on) and the claim rows that make each nudge go out once:
one row per person, kind and local day, inserted before sending (like daily posts' claims)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select, update

from bot.practice.spaced import as_utc
from bot.storage.db import Database
from bot.storage.tables import nudge_settings, nudges_sent


@dataclass(frozen=True, slots=True)
class NudgeSetting:
    user_key: str
    platform: str
    user_id: str
    team: str
    at: str  # "HH:MM" local
    tz: str
    snooze_until: datetime | None = None


class NudgeStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    def turn_on(self, setting: NudgeSetting, now: datetime) -> None:
        values = {
            "platform": setting.platform,
            "user_id": setting.user_id,
            "team": setting.team,
            "at": setting.at,
            "tz": setting.tz,
            "snooze_until": None,
            "updated_at": as_utc(now),
        }
        stmt = self.db.upsert_insert(nudge_settings).values(user_key=setting.user_key, **values)
        with self.db.write() as conn:
            conn.execute(stmt.on_conflict_do_update(index_elements=["user_key"], set_=values))

    def turn_off(self, user_key: str) -> bool:
        with self.db.write() as conn:
            gone = conn.execute(
                delete(nudge_settings)
                .where(nudge_settings.c.user_key == user_key)
                .returning(nudge_settings.c.user_key)
            )
            return gone.first() is not None

    def snooze(self, user_key: str, until: datetime, now: datetime) -> bool:
        with self.db.write() as conn:
            result = conn.execute(
                update(nudge_settings)
                .where(nudge_settings.c.user_key == user_key)
                .values(snooze_until=as_utc(until), updated_at=as_utc(now))
                .returning(nudge_settings.c.user_key)
            )
            return result.first() is not None

    def get(self, user_key: str) -> NudgeSetting | None:
        with self.db.read() as conn:
            row = (
                conn.execute(select(nudge_settings).where(nudge_settings.c.user_key == user_key))
                .mappings()
                .first()
            )
        return _setting(row) if row else None

    def all_on(self) -> list[NudgeSetting]:
        with self.db.read() as conn:
            return [_setting(r) for r in conn.execute(select(nudge_settings)).mappings()]

    def claim(self, user_key: str, kind: str, day: str, now: datetime) -> bool:
        """Take the one right to send this nudge; False when it was already taken (sent or sending)."""
        stmt = (
            self.db.upsert_insert(nudges_sent)
            .values(user_key=user_key, kind=kind, day=day, status="claimed", claimed_at=as_utc(now))
            .on_conflict_do_nothing(index_elements=["user_key", "kind", "day"])
            .returning(nudges_sent.c.user_key)
        )
        with self.db.write() as conn:
            return conn.execute(stmt).first() is not None

    def mark_sent(self, user_key: str, kind: str, day: str, now: datetime) -> None:
        with self.db.write() as conn:
            conn.execute(
                update(nudges_sent)
                .where(*_key(user_key, kind, day))
                .values(status="sent", sent_at=as_utc(now))
            )

    def release(self, user_key: str, kind: str, day: str) -> None:
        """Sending failed: give the claim back so the next tick tries again."""
        with self.db.write() as conn:
            conn.execute(delete(nudges_sent).where(*_key(user_key, kind, day)))

    def sent(self, user_key: str) -> list[tuple[str, str]]:
        """(kind, day) of the nudges sent to this person, oldest first."""
        query = (
            select(nudges_sent.c.kind, nudges_sent.c.day)
            .where(nudges_sent.c.user_key == user_key, nudges_sent.c.status == "sent")
            .order_by(nudges_sent.c.day, nudges_sent.c.kind)
        )
        with self.db.read() as conn:
            return [(r[0], r[1]) for r in conn.execute(query)]


def _key(user_key: str, kind: str, day: str) -> tuple[Any, ...]:
    return (nudges_sent.c.user_key == user_key, nudges_sent.c.kind == kind, nudges_sent.c.day == day)


def _setting(row: object) -> NudgeSetting:
    r: dict[str, object] = dict(row)  # type: ignore[call-overload]
    snooze = r["snooze_until"]
    return NudgeSetting(
        user_key=str(r["user_key"]),
        platform=str(r["platform"]),
        user_id=str(r["user_id"]),
        team=str(r["team"]),
        at=str(r["at"]),
        tz=str(r["tz"]),
        snooze_until=as_utc(snooze) if isinstance(snooze, datetime) else None,
    )


__all__ = ["NudgeSetting", "NudgeStore"]
