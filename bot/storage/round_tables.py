"""Practice tables beside the session row: the state of a round (timed interview, follow-up, when the
pending question was put), each question of a round for its scorecard, per-person practice settings,
and the console's question of the day (answered once).

A round row is only written in the transaction that moved its session (compare-and-set on
`practice_sessions`), so it never disagrees with the session it belongs to.
"""

from __future__ import annotations

from sqlalchemy import Column, DateTime, Integer, String, Table, Text

from bot.storage.metadata import metadata

# One per open session: what the pending question is and when it was put.
practice_rounds = Table(
    "practice_rounds",
    metadata,
    Column("session_id", String(40), primary_key=True),
    Column("user_key", String(200), nullable=False, index=True),  # whose (so "forget me" finds it)
    Column("count", Integer, nullable=False, default=0),  # questions in a timed round; 0: open-ended
    Column("seconds", Integer, nullable=False, default=0),  # time per question; 0: no limit
    Column("asked_at", DateTime(timezone=True), nullable=True),  # when the pending question was put
    Column("followup", Text, nullable=True),  # the missed point a pending follow-up asks about
    Column("offer", Text, nullable=True),  # a follow-up offered ("ask" setting), not yet taken
)

# Every question of a session, answered or skipped, in order: the scorecard reads these.
practice_round_items = Table(
    "practice_round_items",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("session_id", String(40), nullable=False, index=True),
    Column("user_key", String(200), nullable=False, index=True),
    Column("seq", Integer, nullable=False),  # the question's number in the session
    Column("question_id", String(300), nullable=False),
    Column("followup", Text, nullable=True),  # set: the answer was to a follow-up on this point
    Column("score", Integer, nullable=True),  # NULL: skipped
    Column("seconds", Integer, nullable=False, default=0),
    Column("late", Integer, nullable=False, default=0),
    Column("hints", Integer, nullable=False, default=0),
    Column("at", DateTime(timezone=True), nullable=False),
)

# A person's practice settings.
practice_prefs = Table(
    "practice_prefs",
    metadata,
    Column("user_key", String(200), primary_key=True),
    Column("followups", String(10), nullable=False, default="ask"),  # always | never | ask
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

# The personal question of the day (console, DMs): put, revealed or answered, once per person per day.
practice_daily = Table(
    "practice_daily",
    metadata,
    Column("user_key", String(200), primary_key=True),
    Column("day", String(10), primary_key=True),
    Column("question_id", String(300), nullable=False),
    Column("status", String(10), nullable=False),  # asked | revealed | answered
    Column("score", Integer, nullable=True),
)

__all__ = ["practice_daily", "practice_prefs", "practice_round_items", "practice_rounds"]
