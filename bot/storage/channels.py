"""Study channels and their daily posts: settings, the exactly-once post claim, answers, opt-outs.

The claim is a unique row per (channel, local date, kind), inserted with ON CONFLICT DO NOTHING
before anything is sent. Whether a statement inserted or deleted a row is read from its RETURNING
rows, never from a row count (PostgreSQL's driver reports -1 for ON CONFLICT DO NOTHING). A row
then moves `claimed -> sending -> sent`; `sending` carries a lease
(`lease_until`) so that only one process at a time may send it, and a process that died while
sending leaves a lease that expires and tells the next taker to check before resending.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import and_, delete, func, or_, select, update

from bot.storage.channel_tables import daily_answers, daily_posts, leaderboard_optouts, study_channels
from bot.storage.db import Database

QUESTION = "question"
DIGEST = "digest"
MAX_ATTEMPTS = 5
SETTLED = ("sent", "failed", "unknown", "skipped")  # no more work for these


@dataclass(frozen=True, slots=True)
class StudyChannel:
    channel_key: str
    platform: str
    channel_id: str
    team: str
    post_time: str
    tz: str
    days: tuple[int, ...]
    topics: tuple[str, ...] = ()
    difficulty: str | None = None
    paused: bool = False


@dataclass(frozen=True, slots=True)
class PostClaim:
    """One post to claim: the row is created only if none exists for (channel, day, kind)."""

    channel_key: str
    day: str
    kind: str
    question_id: str | None
    due_at: datetime


@dataclass(frozen=True, slots=True)
class PostRow:
    channel_key: str
    day: str
    kind: str
    question_id: str | None
    status: str
    attempts: int
    message_id: str | None
    due_at: datetime
    sent_at: datetime | None
    lease_expired: bool = False  # taken over from a process that died while sending


@dataclass(frozen=True, slots=True)
class DailyAnswer:
    user_key: str
    user_name: str
    day: str
    question_id: str
    score: int


class ChannelStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    # -- study-channel settings -----------------------------------------------------------------
    def save(self, channel: StudyChannel, by: str, now: datetime) -> None:
        values = _channel_values(channel) | {"updated_by": by[:200], "updated_at": now}
        stmt = self._insert()(study_channels).values(channel_key=channel.channel_key, **values)
        with self.db.write() as conn:
            conn.execute(stmt.on_conflict_do_update(index_elements=["channel_key"], set_=values))

    def save_many(self, channels: Sequence[StudyChannel], by: str, now: datetime) -> None:
        """Save many channels' settings in one transaction (imports, benchmarks)."""
        with self.db.write() as conn:
            for channel in channels:
                values = _channel_values(channel) | {"updated_by": by[:200], "updated_at": now}
                stmt = self._insert()(study_channels).values(channel_key=channel.channel_key, **values)
                conn.execute(stmt.on_conflict_do_update(index_elements=["channel_key"], set_=values))

    def remove(self, channel_key: str) -> bool:
        stmt = (
            delete(study_channels)
            .where(study_channels.c.channel_key == channel_key)
            .returning(study_channels.c.channel_key)
        )
        with self.db.write() as conn:
            return conn.execute(stmt).first() is not None

    def get(self, channel_key: str) -> StudyChannel | None:
        with self.db.read() as conn:
            row = (
                conn.execute(select(study_channels).where(study_channels.c.channel_key == channel_key))
                .mappings()
                .first()
            )
        return _channel(row) if row else None

    def all(self) -> list[StudyChannel]:
        with self.db.read() as conn:
            return [_channel(row) for row in conn.execute(select(study_channels)).mappings()]

    # -- the claim ------------------------------------------------------------------------------
    def claim(self, claims: Sequence[PostClaim], now: datetime) -> None:
        """Insert a claim row for each post that has none (atomic per row; existing rows are kept)."""
        if not claims:
            return
        now = _utc(now)
        rows = [
            {
                "channel_key": c.channel_key,
                "day": c.day,
                "kind": c.kind,
                "question_id": c.question_id,
                "status": "claimed",
                "attempts": 0,
                "due_at": _utc(c.due_at),
                "claimed_at": now,
            }
            for c in claims
        ]
        stmt = self._insert()(daily_posts).on_conflict_do_nothing(
            index_elements=["channel_key", "day", "kind"]
        )
        with self.db.write() as conn:
            conn.execute(stmt, rows)

    def take(
        self, channel_key: str, day: str, kind: str, owner: str, now: datetime, lease: timedelta
    ) -> PostRow | None:
        """Lease a claimed post for sending. None: sent, given up, or being sent by someone else.

        A `sending` row whose lease has expired is taken over with `lease_expired=True`: the
        process that held it died mid-send, so the caller must check before sending again.
        """
        key, now = _key(channel_key, day, kind), _utc(now)
        sendable = or_(
            daily_posts.c.status == "claimed",
            and_(daily_posts.c.status == "sending", daily_posts.c.lease_until < now),
        )
        with self.db.write() as conn:
            row = conn.execute(select(daily_posts).where(*key, sendable).with_for_update()).mappings().first()
            if row is None:
                return None
            conn.execute(
                update(daily_posts)
                .where(*key)
                .values(
                    status="sending",
                    owner=owner,
                    lease_until=now + lease,
                    attempts=daily_posts.c.attempts + 1,
                )
            )
            return _post(row, lease_expired=row["status"] == "sending")

    def set_question(self, channel_key: str, day: str, kind: str, question_id: str) -> None:
        with self.db.write() as conn:
            conn.execute(
                update(daily_posts).where(*_key(channel_key, day, kind)).values(question_id=question_id)
            )

    def mark_sent(self, channel_key: str, day: str, kind: str, message_id: str, now: datetime) -> None:
        with self.db.write() as conn:
            conn.execute(
                update(daily_posts)
                .where(*_key(channel_key, day, kind))
                .values(status="sent", message_id=message_id[:100], sent_at=_utc(now), lease_until=None)
            )

    def release(
        self, channel_key: str, day: str, kind: str, *, give_up: bool = False, status: str = "failed"
    ) -> None:
        """After a failed send: back to `claimed` for the next tick, or `status` when giving up."""
        with self.db.write() as conn:
            conn.execute(
                update(daily_posts)
                .where(*_key(channel_key, day, kind))
                .values(status=status if give_up else "claimed", lease_until=None, owner=None)
            )

    def count_posts(self, day: str) -> int:
        with self.db.read() as conn:
            return int(
                conn.execute(
                    select(func.count()).select_from(daily_posts).where(daily_posts.c.day == day)
                ).scalar_one()
            )

    def post(self, channel_key: str, day: str, kind: str = QUESTION) -> PostRow | None:
        with self.db.read() as conn:
            row = conn.execute(select(daily_posts).where(*_key(channel_key, day, kind))).mappings().first()
        return _post(row) if row else None

    def settled(self, keys: Iterable[tuple[str, str, str]]) -> set[tuple[str, str, str]]:
        """Of the (channel, day, kind) keys, those that need no more work (sent, failed, unknown)."""
        wanted = set(keys)
        if not wanted:
            return set()
        days = {day for _c, day, _k in wanted}
        query = select(daily_posts.c.channel_key, daily_posts.c.day, daily_posts.c.kind).where(
            daily_posts.c.day.in_(sorted(days)), daily_posts.c.status.in_(SETTLED)
        )
        with self.db.read() as conn:
            return {(r[0], r[1], r[2]) for r in conn.execute(query)} & wanted

    def thread_post(self, channel_key: str, message_id: str) -> PostRow | None:
        """The sent daily question whose message (thread) id this is."""
        query = select(daily_posts).where(
            daily_posts.c.channel_key == channel_key,
            daily_posts.c.message_id == message_id,
            daily_posts.c.kind == QUESTION,
        )
        with self.db.read() as conn:
            row = conn.execute(query).mappings().first()
        return _post(row) if row else None

    def history(self, channel_key: str, before_day: str) -> list[PostRow]:
        """Question posts in this channel before `before_day`, oldest first."""
        query = (
            select(daily_posts)
            .where(
                daily_posts.c.channel_key == channel_key,
                daily_posts.c.kind == QUESTION,
                daily_posts.c.day < before_day,
            )
            .order_by(daily_posts.c.day)
        )
        with self.db.read() as conn:
            return [_post(row) for row in conn.execute(query).mappings()]

    # -- answers --------------------------------------------------------------------------------
    def record_answer(self, channel_key: str, day: str, answer: DailyAnswer, now: datetime) -> bool:
        """Count this person's answer for the day; False if they were already counted (kept as was)."""
        stmt = self._insert()(daily_answers).values(
            channel_key=channel_key,
            day=day,
            user_key=answer.user_key,
            user_name=answer.user_name[:200],
            question_id=answer.question_id,
            score=answer.score,
            answered_at=now,
        )
        stmt = stmt.on_conflict_do_nothing(index_elements=["channel_key", "day", "user_key"]).returning(
            daily_answers.c.user_key
        )
        with self.db.write() as conn:  # what was inserted, not a row count (-1 on PostgreSQL)
            return conn.execute(stmt).first() is not None

    def answers(
        self, channel_key: str, since_day: str | None = None, day: str | None = None
    ) -> list[DailyAnswer]:
        query = select(daily_answers).where(daily_answers.c.channel_key == channel_key)
        if since_day is not None:
            query = query.where(daily_answers.c.day >= since_day)
        if day is not None:
            query = query.where(daily_answers.c.day == day)
        with self.db.read() as conn:
            return [
                DailyAnswer(r["user_key"], r["user_name"], r["day"], r["question_id"], int(r["score"]))
                for r in conn.execute(
                    query.order_by(daily_answers.c.day, daily_answers.c.answered_at)
                ).mappings()
            ]

    # -- leaderboard opt-outs -------------------------------------------------------------------
    def set_optout(self, user_key: str, out: bool, now: datetime) -> None:
        with self.db.write() as conn:
            if out:
                conn.execute(
                    self._insert()(leaderboard_optouts)
                    .values(user_key=user_key, opted_out_at=now)
                    .on_conflict_do_nothing(index_elements=["user_key"])
                )
            else:
                conn.execute(delete(leaderboard_optouts).where(leaderboard_optouts.c.user_key == user_key))

    def optouts(self) -> set[str]:
        with self.db.read() as conn:
            return {row[0] for row in conn.execute(select(leaderboard_optouts.c.user_key))}

    def _insert(self) -> Any:
        return self.db.upsert_insert


def _key(channel_key: str, day: str, kind: str) -> tuple[Any, ...]:
    return (daily_posts.c.channel_key == channel_key, daily_posts.c.day == day, daily_posts.c.kind == kind)


def _channel_values(channel: StudyChannel) -> dict[str, Any]:
    return {
        "platform": channel.platform,
        "channel_id": channel.channel_id,
        "team": channel.team,
        "post_time": channel.post_time,
        "tz": channel.tz,
        "days": ",".join(str(d) for d in channel.days),
        "topics": ",".join(channel.topics),
        "difficulty": channel.difficulty,
        "paused": channel.paused,
    }


def _channel(row: Any) -> StudyChannel:
    return StudyChannel(
        channel_key=row["channel_key"],
        platform=row["platform"],
        channel_id=row["channel_id"],
        team=row["team"],
        post_time=row["post_time"],
        tz=row["tz"],
        days=tuple(int(d) for d in row["days"].split(",") if d),
        topics=tuple(t for t in row["topics"].split(",") if t),
        difficulty=row["difficulty"],
        paused=bool(row["paused"]),
    )


def _post(row: Any, lease_expired: bool = False) -> PostRow:
    return PostRow(
        channel_key=row["channel_key"],
        day=row["day"],
        kind=row["kind"],
        question_id=row["question_id"],
        status=row["status"],
        attempts=int(row["attempts"]),
        message_id=row["message_id"],
        due_at=_utc(row["due_at"]),
        sent_at=_utc(row["sent_at"]) if row["sent_at"] else None,
        lease_expired=lease_expired,
    )


def _utc(moment: datetime) -> datetime:
    """Aware UTC; SQLite hands back naive values, which were stored as UTC."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


__all__ = [
    "DIGEST",
    "MAX_ATTEMPTS",
    "QUESTION",
    "SETTLED",
    "ChannelStore",
    "DailyAnswer",
    "PostClaim",
    "PostRow",
    "StudyChannel",
    "daily_answers",
    "daily_posts",
    "leaderboard_optouts",
    "study_channels",
]
