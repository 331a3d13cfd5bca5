"""Practice storage: open mock/review sessions, graded attempts, counters, practice days, fsrs cards.

Every method is one transaction (`Database.write()`: `BEGIN IMMEDIATE` on SQLite), so a reply is
only sent after what it reports is committed, and a crash never leaves half an answer behind.
Counters are incremented in SQL; the fsrs card row is locked (`FOR UPDATE` on PostgreSQL, the
write lock on SQLite) while it is read and rewritten.

One person, one interview at a time: every change to an open session is conditional on the
session and question it was read with (compare-and-set: `UPDATE … WHERE session_id=? AND
asked=? AND question_id IS ? AND hints=?`). Two messages of one person handled at the same moment
(in one process or on two replicas) cannot both move the same question: the second finds the
row changed and raises `SessionMoved`, whose text the person sees, and nothing of it is stored.
Counters (`answered`, `score_total`) are only ever changed in SQL, never written from a copy.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, time, timedelta
from typing import Any

from sqlalchemy import Connection, delete, func, select, update
from sqlalchemy.sql.functions import coalesce

from bot.errors import UserError
from bot.practice import spaced
from bot.storage.db import Database
from bot.storage.round_tables import practice_daily, practice_prefs, practice_round_items, practice_rounds
from bot.storage.tables import (
    practice_attempts,
    practice_cards,
    practice_days,
    practice_sessions,
    practice_users,
)
from knowledge.model import Question


class SessionMoved(UserError):
    """The session changed between reading it and writing to it: another message got there first."""

    def __init__(self) -> None:
        super().__init__(
            "Your practice moved on while that message was on its way (another message of "
            "yours got there first), so I left it out. Send it again if you still mean it."
        )


@dataclass(frozen=True, slots=True)
class PracticeSession:
    """One person's open practice session in one channel."""

    user_key: str
    channel_key: str
    session_id: str
    kind: str  # "mock" | "review"
    started_at: datetime
    thread: str | None = None
    topics: tuple[str, ...] = ()
    difficulty: str | None = None
    question_id: str | None = None  # waiting for an answer to this one
    hints: int = 0
    asked_ids: tuple[str, ...] = ()
    queue: tuple[str, ...] = ()
    asked: int = 0
    answered: int = 0
    score_total: int = 0
    # The round (bot/storage/round_tables.py): a timed interview's size and time per question,
    # when the pending question was put, the missed point a pending follow-up asks about, and a
    # follow-up offered but not yet taken.
    count: int = 0
    seconds: int = 0
    asked_at: datetime | None = None
    followup: str | None = None
    offer: str | None = None

    @property
    def timed(self) -> bool:
        return self.count > 0


@dataclass(frozen=True, slots=True)
class RoundItem:
    """One question of a session as its scorecard shows it (score None: skipped)."""

    seq: int
    question_id: str
    score: int | None
    seconds: int
    late: bool
    hints: int
    followup: str | None = None


@dataclass(frozen=True, slots=True)
class NextDue:
    at: datetime
    count: int  # cards due by the end of that day (UTC)


@dataclass(frozen=True, slots=True)
class DueCard:
    question_id: str
    due: datetime
    last_score: int | None


@dataclass(frozen=True, slots=True)
class Average:
    count: int
    average: float


@dataclass(frozen=True, slots=True)
class Progress:
    answered: int
    average: float
    passed: int
    due: int
    streak: int
    days: int
    by_topic: dict[str, Average] = field(default_factory=dict)
    by_aspect: dict[str, Average] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Totals:
    answered: int
    score_total: int
    passed: int


class PracticeStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    # -- sessions -------------------------------------------------------------------------------
    def get_session(self, user_key: str, channel_key: str) -> PracticeSession | None:
        with self.db.read() as conn:
            return _get_session(conn, user_key, channel_key)

    def save_session(self, session: PracticeSession, now: datetime) -> None:
        """Store a NEW session, replacing whatever this person had open in this channel."""
        with self.db.write() as conn:
            _save_session(self._insert(), conn, session, now)
            self._save_round(conn, session)

    def _save_round(self, conn: Connection, session: PracticeSession) -> None:
        values = {
            "count": session.count,
            "seconds": session.seconds,
            "asked_at": spaced.as_utc(session.asked_at) if session.asked_at else None,
            "followup": session.followup,
            "offer": session.offer,
        }
        stmt = self._insert()(practice_rounds).values(
            session_id=session.session_id, user_key=session.user_key, **values
        )
        conn.execute(stmt.on_conflict_do_update(index_elements=["session_id"], set_=values))

    def _add_item(self, conn: Connection, session: PracticeSession, item: RoundItem, now: datetime) -> None:
        conn.execute(
            practice_round_items.insert().values(
                session_id=session.session_id,
                user_key=session.user_key,
                seq=item.seq,
                question_id=item.question_id,
                followup=item.followup,
                score=item.score,
                seconds=max(0, item.seconds),
                late=int(item.late),
                hints=item.hints,
                at=spaced.as_utc(now),
            )
        )

    def round_items(self, session_id: str) -> list[RoundItem]:
        """Every question of a session (answered, skipped, follow-ups), in order."""
        c = practice_round_items.c
        query = (
            select(c.seq, c.question_id, c.score, c.seconds, c.late, c.hints, c.followup)
            .where(c.session_id == session_id)
            .order_by(c.id)
        )
        with self.db.read() as conn:
            return [
                RoundItem(
                    int(r[0]),
                    r[1],
                    None if r[2] is None else int(r[2]),
                    int(r[3]),
                    bool(r[4]),
                    int(r[5]),
                    r[6],
                )
                for r in conn.execute(query)
            ]

    def update_session(
        self, read: PracticeSession, new: PracticeSession, now: datetime, skipped: RoundItem | None = None
    ) -> PracticeSession:
        """Move an open session from `read` (as it was read) to `new`: question, hints, asked list,
        queue, thread, round state (and a skipped question's scorecard line, when given). Raises
        `SessionMoved` when the stored session is no longer `read`. The counters `answered` and
        `score_total` are left to `answer_in_session` (SQL increments)."""
        with self.db.write() as conn:
            row = conn.execute(
                update(practice_sessions)
                .where(*_as_read(read))
                .values(
                    thread=new.thread,
                    question_id=new.question_id,
                    hints=new.hints,
                    asked_ids=json.dumps(list(new.asked_ids)),
                    queue=json.dumps(list(new.queue)),
                    asked=new.asked,
                    difficulty=new.difficulty,
                    topics=",".join(new.topics),
                    updated_at=spaced.as_utc(now),
                )
                .returning(practice_sessions.c.answered, practice_sessions.c.score_total)
            ).first()
            if row is None:
                raise SessionMoved()
            self._save_round(conn, new)
            if skipped is not None:
                self._add_item(conn, read, skipped, now)
            return replace(new, answered=int(row[0]), score_total=int(row[1]))

    def adopt_thread(self, session: PracticeSession, thread: str, now: datetime) -> PracticeSession:
        """Remember the thread a session lives in; only the first thread offered is kept."""
        with self.db.write() as conn:
            conn.execute(
                update(practice_sessions)
                .where(
                    *_key(session),
                    practice_sessions.c.session_id == session.session_id,
                    practice_sessions.c.thread.is_(None),
                )
                .values(thread=thread, updated_at=spaced.as_utc(now))
            )
            stored = _get_session(conn, session.user_key, session.channel_key)
        if stored is None or stored.session_id != session.session_id:
            raise SessionMoved()
        return stored

    def end_session(
        self, user_key: str, channel_key: str, session_id: str | None = None
    ) -> PracticeSession | None:
        """Close the session (only if it is still `session_id`, when given) and return it as it was
        (None if there was none, or it was already closed or replaced)."""
        with self.db.write() as conn:
            found = _get_session(conn, user_key, channel_key)
            if found is None or (session_id is not None and found.session_id != session_id):
                return None
            conn.execute(
                delete(practice_sessions).where(
                    practice_sessions.c.user_key == user_key,
                    practice_sessions.c.channel_key == channel_key,
                    practice_sessions.c.session_id == found.session_id,
                )
            )
            conn.execute(delete(practice_rounds).where(practice_rounds.c.session_id == found.session_id))
            return found

    def session_scores(self, session_id: str) -> list[tuple[str | None, str, int]]:
        """(aspect, topics, score) of every answer graded in one session."""
        query = (
            select(practice_attempts.c.aspect, practice_attempts.c.topics, practice_attempts.c.score)
            .where(practice_attempts.c.session_id == session_id)
            .order_by(practice_attempts.c.id)
        )
        with self.db.read() as conn:
            return [(row[0], row[1], int(row[2])) for row in conn.execute(query)]

    # -- answers --------------------------------------------------------------------------------
    def record_answer(
        self,
        user_key: str,
        question: Question,
        score: int,
        now: datetime,
        place: str = "",
        source: str = "mock",
    ) -> None:
        """Store one graded answer: attempt row, counters (in SQL) and fsrs card, in one transaction."""
        with self.db.write() as conn:
            self._record(conn, user_key, question, score, now, place, source, None)

    def answer_in_session(
        self,
        session: PracticeSession,
        question: Question,
        score: int,
        now: datetime,
        place: str = "",
        *,
        offer: str | None = None,
    ) -> PracticeSession:
        """Record an answer to the question `session` was read waiting on, and move the session past
        it, in one transaction. Raises `SessionMoved` (storing nothing) when the session has moved
        on since it was read: the question was answered, skipped or replaced by another message."""
        if session.question_id != question.id:
            raise SessionMoved()
        score = max(0, min(100, int(score)))
        # A follow-up is graded on its own: it is on the scorecard, not in the counters or the card.
        main = session.followup is None
        with self.db.write() as conn:
            row = conn.execute(
                update(practice_sessions)
                .where(*_as_read(session))
                .values(
                    question_id=None,
                    hints=0,
                    answered=practice_sessions.c.answered + int(main),
                    score_total=practice_sessions.c.score_total + score * int(main),
                    updated_at=spaced.as_utc(now),
                )
                .returning(practice_sessions.c.answered, practice_sessions.c.score_total)
            ).first()
            if row is None:
                raise SessionMoved()
            if main:
                self._record(
                    conn, session.user_key, question, score, now, place, session.kind, session.session_id
                )
            seconds, late = timing(session, now)
            self._add_item(
                conn,
                session,
                RoundItem(session.asked, question.id, score, seconds, late, session.hints, session.followup),
                now,
            )
            done = replace(
                session,
                question_id=None,
                hints=0,
                followup=None,
                offer=offer,
                answered=int(row[0]),
                score_total=int(row[1]),
            )
            self._save_round(conn, done)
            return done

    def _record(
        self,
        conn: Connection,
        user_key: str,
        question: Question,
        score: int,
        now: datetime,
        place: str,
        source: str,
        session_id: str | None,
    ) -> None:
        now = spaced.as_utc(now)
        score = max(0, min(100, int(score)))
        won = int(spaced.passed(score))
        conn.execute(
            practice_attempts.insert().values(
                user_key=user_key,
                question_id=question.id,
                topics=",".join(question.topics),
                aspect=question.aspect,
                kind=question.kind,
                score=score,
                source=source,
                place=place[:400],
                session_id=session_id,
                day=now.date().isoformat(),
                answered_at=now,
            )
        )
        users = self._insert()(practice_users).values(
            user_key=user_key, answered=1, score_total=score, passed=won, last_answer_at=now
        )
        conn.execute(
            users.on_conflict_do_update(
                index_elements=["user_key"],
                set_={
                    "answered": practice_users.c.answered + 1,
                    "score_total": practice_users.c.score_total + score,
                    "passed": practice_users.c.passed + won,
                    "last_answer_at": now,
                },
            )
        )
        days = self._insert()(practice_days).values(user_key=user_key, day=now.date().isoformat(), answers=1)
        conn.execute(
            days.on_conflict_do_update(
                index_elements=["user_key", "day"], set_={"answers": practice_days.c.answers + 1}
            )
        )
        self._review_card(conn, user_key, question.id, score, now)

    def _review_card(
        self, conn: Connection, user_key: str, question_id: str, score: int, now: datetime
    ) -> None:
        conn.execute(
            self._insert()(practice_cards)
            .values(user_key=user_key, question_id=question_id, reps=0, lapses=0)
            .on_conflict_do_nothing()
        )
        where = (practice_cards.c.user_key == user_key, practice_cards.c.question_id == question_id)
        stored = conn.execute(select(practice_cards.c.card).where(*where).with_for_update()).scalar_one()
        reviewed = spaced.review(stored, score, now)
        conn.execute(
            update(practice_cards)
            .where(*where)
            .values(
                card=reviewed.card_json,
                due=reviewed.due,
                last_score=score,
                updated_at=now,
                reps=practice_cards.c.reps + 1,
                lapses=practice_cards.c.lapses + int(reviewed.lapsed),
            )
        )

    def schedule_soon(self, user_key: str, question_id: str, now: datetime, minutes: int = 10) -> datetime:
        """A skipped question comes back for review in `minutes` (its fsrs card is left as it was)."""
        due = spaced.as_utc(now) + timedelta(minutes=minutes)
        with self.db.write() as conn:
            conn.execute(
                self._insert()(practice_cards)
                .values(user_key=user_key, question_id=question_id, reps=0, lapses=0)
                .on_conflict_do_nothing()
            )
            conn.execute(
                update(practice_cards)
                .where(practice_cards.c.user_key == user_key, practice_cards.c.question_id == question_id)
                .values(due=due, updated_at=spaced.as_utc(now))
            )
        return due

    # -- settings and the personal question of the day -------------------------------------------
    def followups(self, user_key: str) -> str:
        """always | never | ask (the default)."""
        query = select(practice_prefs.c.followups).where(practice_prefs.c.user_key == user_key)
        with self.db.read() as conn:
            found = conn.execute(query).scalar_one_or_none()
        return str(found) if found else "ask"

    def set_followups(self, user_key: str, value: str, now: datetime) -> None:
        values = {"followups": value, "updated_at": spaced.as_utc(now)}
        stmt = self._insert()(practice_prefs).values(user_key=user_key, **values)
        with self.db.write() as conn:
            conn.execute(stmt.on_conflict_do_update(index_elements=["user_key"], set_=values))

    def daily_status(self, user_key: str, day: str) -> tuple[str, str, int | None] | None:
        """(question id, status, score) of a person's question of the day, or None if not put yet."""
        c = practice_daily.c
        query = select(c.question_id, c.status, c.score).where(c.user_key == user_key, c.day == day)
        with self.db.read() as conn:
            row = conn.execute(query).first()
        return (row[0], row[1], row[2]) if row else None

    def mark_daily(
        self, user_key: str, day: str, question_id: str, status: str, score: int | None = None
    ) -> bool:
        """Move a person's question of the day forward (asked -> revealed/answered); an answered or
        revealed question never moves back. True when this call changed it."""
        c = practice_daily.c
        with self.db.write() as conn:
            conn.execute(
                self._insert()(practice_daily)
                .values(user_key=user_key, day=day, question_id=question_id, status="asked")
                .on_conflict_do_nothing()
            )
            if status == "asked":
                return True
            done = conn.execute(
                update(practice_daily)
                .where(c.user_key == user_key, c.day == day, c.status == "asked")
                .values(status=status, score=score)
                .returning(c.user_key)
            )
            return done.first() is not None

    # -- reading back ---------------------------------------------------------------------------
    def next_due(self, user_key: str, now: datetime) -> NextDue | None:
        """When this person's next review comes due (after `now`), and how many are due that day."""
        c = practice_cards.c
        with self.db.read() as conn:
            first = conn.execute(
                select(func.min(c.due)).where(c.user_key == user_key, c.due > spaced.as_utc(now))
            ).scalar_one_or_none()
            if first is None:
                return None
            at = spaced.as_utc(first)
            end = datetime.combine(at.date() + timedelta(days=1), time(), tzinfo=UTC)
            count = conn.execute(
                select(func.count()).select_from(practice_cards).where(c.user_key == user_key, c.due < end)
            ).scalar_one()
        return NextDue(at, int(count))

    def due(self, user_key: str, now: datetime, limit: int) -> list[DueCard]:
        """Questions due for review, weakest (lowest last score) first, then the longest overdue."""
        query = (
            select(practice_cards.c.question_id, practice_cards.c.due, practice_cards.c.last_score)
            .where(practice_cards.c.user_key == user_key, practice_cards.c.due <= spaced.as_utc(now))
            .order_by(
                # a question only skipped (no score yet) after every answered one, on both databases
                coalesce(practice_cards.c.last_score, 101).asc(),
                practice_cards.c.due.asc(),
                practice_cards.c.question_id.asc(),
            )
            .limit(max(0, limit))
        )
        with self.db.read() as conn:
            return [DueCard(row[0], spaced.as_utc(row[1]), row[2]) for row in conn.execute(query)]

    def due_count(self, user_key: str, now: datetime) -> int:
        query = (
            select(func.count())
            .select_from(practice_cards)
            .where(practice_cards.c.user_key == user_key, practice_cards.c.due <= spaced.as_utc(now))
        )
        with self.db.read() as conn:
            return int(conn.execute(query).scalar_one())

    def answered_today(self, user_key: str, now: datetime, source: str) -> int:
        query = (
            select(func.count())
            .select_from(practice_attempts)
            .where(
                practice_attempts.c.user_key == user_key,
                practice_attempts.c.source == source,
                practice_attempts.c.day == spaced.as_utc(now).date().isoformat(),
            )
        )
        with self.db.read() as conn:
            return int(conn.execute(query).scalar_one())

    def last_scores(self, user_key: str, question_ids: Sequence[str]) -> dict[str, int]:
        """The last score per question this person answered, for the given ids."""
        if not question_ids:
            return {}
        query = select(practice_cards.c.question_id, practice_cards.c.last_score).where(
            practice_cards.c.user_key == user_key, practice_cards.c.question_id.in_(list(question_ids))
        )
        with self.db.read() as conn:
            return {row[0]: int(row[1]) for row in conn.execute(query) if row[1] is not None}

    def totals(self, user_key: str) -> Totals:
        query = select(
            practice_users.c.answered, practice_users.c.score_total, practice_users.c.passed
        ).where(practice_users.c.user_key == user_key)
        with self.db.read() as conn:
            row = conn.execute(query).first()
        return Totals(*(int(v) for v in row)) if row else Totals(0, 0, 0)

    def practice_days(self, user_key: str) -> list[str]:
        """The UTC days (ISO dates, ascending) this person answered at least one question."""
        query = (
            select(practice_days.c.day)
            .where(practice_days.c.user_key == user_key)
            .order_by(practice_days.c.day)
        )
        with self.db.read() as conn:
            return [row[0] for row in conn.execute(query)]

    def progress(self, user_key: str, now: datetime) -> Progress:
        query = select(
            practice_attempts.c.topics, practice_attempts.c.aspect, practice_attempts.c.score
        ).where(practice_attempts.c.user_key == user_key)
        with self.db.read() as conn:
            rows = [(r[0], r[1], int(r[2])) for r in conn.execute(query)]
        totals = self.totals(user_key)
        days = self.practice_days(user_key)
        return Progress(
            answered=totals.answered,
            average=totals.score_total / totals.answered if totals.answered else 0.0,
            passed=totals.passed,
            due=self.due_count(user_key, now),
            streak=spaced.streak(days, now),
            days=len(days),
            by_topic=_averages((t, s) for topics, _a, s in rows for t in topics.split(",") if t),
            by_aspect=_averages((a, s) for _t, a, s in rows if a),
        )

    def _insert(self) -> Any:
        return self.db.upsert_insert


def _averages(pairs: Any) -> dict[str, Average]:
    sums: dict[str, list[int]] = {}
    for key, score in pairs:
        sums.setdefault(key, []).append(score)
    return {key: Average(len(v), sum(v) / len(v)) for key, v in sorted(sums.items())}


def _key(session: PracticeSession) -> tuple[Any, ...]:
    return (
        practice_sessions.c.user_key == session.user_key,
        practice_sessions.c.channel_key == session.channel_key,
    )


def _as_read(session: PracticeSession) -> tuple[Any, ...]:
    """The stored row is still the session as `session` was read: same interview, same question."""
    question = (
        practice_sessions.c.question_id.is_(None)
        if session.question_id is None
        else practice_sessions.c.question_id == session.question_id
    )
    followup = (
        select(practice_rounds.c.followup)
        .where(practice_rounds.c.session_id == practice_sessions.c.session_id)
        .scalar_subquery()
    )
    return (
        *_key(session),
        practice_sessions.c.session_id == session.session_id,
        practice_sessions.c.asked == session.asked,
        practice_sessions.c.hints == session.hints,
        question,
        coalesce(followup, "") == (session.followup or ""),  # a follow-up is another question
    )


def timing(session: PracticeSession, now: datetime) -> tuple[int, bool]:
    """Seconds the pending question has been open, and whether that is past the round's limit."""
    if session.asked_at is None:
        return 0, False
    seconds = int((spaced.as_utc(now) - spaced.as_utc(session.asked_at)).total_seconds())
    return seconds, bool(session.seconds) and seconds > session.seconds


def _get_session(conn: Connection, user_key: str, channel_key: str) -> PracticeSession | None:
    rounds = practice_rounds.c
    query = (
        select(
            practice_sessions,
            rounds.count.label("round_count"),
            rounds.seconds.label("round_seconds"),
            rounds.asked_at.label("round_asked_at"),
            rounds.followup.label("round_followup"),
            rounds.offer.label("round_offer"),
        )
        .select_from(
            practice_sessions.outerjoin(
                practice_rounds, practice_rounds.c.session_id == practice_sessions.c.session_id
            )
        )
        .where(practice_sessions.c.user_key == user_key, practice_sessions.c.channel_key == channel_key)
    )
    row = conn.execute(query).mappings().first()
    if row is None:
        return None
    asked_at = row["round_asked_at"]
    return PracticeSession(
        count=int(row["round_count"] or 0),
        seconds=int(row["round_seconds"] or 0),
        asked_at=spaced.as_utc(asked_at) if asked_at is not None else None,
        followup=row["round_followup"],
        offer=row["round_offer"],
        user_key=row["user_key"],
        channel_key=row["channel_key"],
        session_id=row["session_id"],
        kind=row["kind"],
        started_at=spaced.as_utc(row["started_at"]),
        thread=row["thread"],
        topics=tuple(t for t in row["topics"].split(",") if t),
        difficulty=row["difficulty"],
        question_id=row["question_id"],
        hints=int(row["hints"]),
        asked_ids=tuple(json.loads(row["asked_ids"])),
        queue=tuple(json.loads(row["queue"])),
        asked=int(row["asked"]),
        answered=int(row["answered"]),
        score_total=int(row["score_total"]),
    )


def _save_session(insert: Any, conn: Connection, session: PracticeSession, now: datetime) -> None:
    values: dict[str, Any] = {
        "session_id": session.session_id,
        "thread": session.thread,
        "kind": session.kind,
        "topics": ",".join(session.topics),
        "difficulty": session.difficulty,
        "question_id": session.question_id,
        "hints": session.hints,
        "asked_ids": json.dumps(list(session.asked_ids)),
        "queue": json.dumps(list(session.queue)),
        "asked": session.asked,
        "answered": session.answered,
        "score_total": session.score_total,
        "updated_at": spaced.as_utc(now),
    }
    stmt = insert(practice_sessions).values(
        user_key=session.user_key,
        channel_key=session.channel_key,
        started_at=spaced.as_utc(session.started_at),
        **values,
    )
    conn.execute(stmt.on_conflict_do_update(index_elements=["user_key", "channel_key"], set_=values))


__all__ = [
    "Average",
    "DueCard",
    "NextDue",
    "PracticeSession",
    "PracticeStore",
    "Progress",
    "RoundItem",
    "SessionMoved",
    "Totals",
]
