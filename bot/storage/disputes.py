"""Contested grades ("I was right"): the last graded answer per person and channel is kept; contesting
it records the dispute for the team to review and re-rates the spaced-repetition card as a pass.

One row per graded answer that is either the latest in its place or contested; remembering a new
grade drops the previous uncontested one, so the table holds disputes plus one row per place.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, delete, select, update

from bot.practice import spaced as practice
from bot.storage.db import Database
from bot.storage.tables import grade_disputes, practice_cards

ANSWER_CHARS = 4000
CONTESTED_SCORE = 70  # the rating a contested grade gets instead: Good


@dataclass(frozen=True, slots=True)
class Dispute:
    id: int
    user_key: str
    channel_key: str
    question_id: str
    answer: str
    score: int  # the grade given
    graded_at: datetime
    disputed_at: datetime | None
    due: datetime | None = None  # when the card comes back after the re-rating


class DisputeStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    def remember(
        self, user_key: str, channel_key: str, question_id: str, answer: str, score: int, now: datetime
    ) -> None:
        """Keep this grade as the one "I was right" would contest here (the previous one, if not
        contested, is dropped)."""
        with self.db.write() as conn:
            conn.execute(
                delete(grade_disputes).where(
                    grade_disputes.c.user_key == user_key,
                    grade_disputes.c.channel_key == channel_key,
                    grade_disputes.c.disputed_at.is_(None),
                )
            )
            conn.execute(
                grade_disputes.insert().values(
                    user_key=user_key,
                    channel_key=channel_key,
                    question_id=question_id,
                    answer=answer[:ANSWER_CHARS],
                    score=max(0, min(100, int(score))),
                    graded_at=practice.as_utc(now),
                )
            )

    def contest(self, user_key: str, channel_key: str, now: datetime) -> Dispute | None:
        """Contest the last grade here: recorded once (a second contest changes nothing and returns
        None), and the question's card re-rated as Good. None when there is nothing to contest."""
        now = practice.as_utc(now)
        with self.db.write() as conn:
            row = conn.execute(
                update(grade_disputes)
                .where(
                    grade_disputes.c.user_key == user_key,
                    grade_disputes.c.channel_key == channel_key,
                    grade_disputes.c.disputed_at.is_(None),
                )
                .values(disputed_at=now)
                .returning(*grade_disputes.c)
            ).first()
            if row is None:
                return None
            due = _rerate(conn, user_key, str(row.question_id), now)
            return _dispute(row, due)

    def list(self, limit: int = 200) -> list[Dispute]:
        """Contested grades, newest first."""
        with self.db.read() as conn:
            rows = conn.execute(
                select(grade_disputes)
                .where(grade_disputes.c.disputed_at.is_not(None))
                .order_by(grade_disputes.c.disputed_at.desc(), grade_disputes.c.id.desc())
                .limit(limit)
            ).all()
        return [_dispute(r, None) for r in rows]


def _rerate(conn: Connection, user_key: str, question_id: str, now: datetime) -> datetime | None:
    """Review the card again as a pass at `now`: a failed grade's short relearning step becomes days."""
    where = (practice_cards.c.user_key == user_key, practice_cards.c.question_id == question_id)
    stored = conn.execute(select(practice_cards.c.card).where(*where).with_for_update()).first()
    if stored is None or stored[0] is None:
        return None
    reviewed = practice.review(stored[0], CONTESTED_SCORE, now)
    conn.execute(
        update(practice_cards)
        .where(*where)
        .values(card=reviewed.card_json, due=reviewed.due, last_score=CONTESTED_SCORE, updated_at=now)
    )
    return reviewed.due


def _dispute(row: Row[Any], due: datetime | None) -> Dispute:
    return Dispute(
        int(row.id),
        str(row.user_key),
        str(row.channel_key),
        str(row.question_id),
        str(row.answer),
        int(row.score),
        practice.as_utc(row.graded_at),
        practice.as_utc(row.disputed_at) if row.disputed_at is not None else None,
        due,
    )
