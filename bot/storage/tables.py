"""Practice tables: mock sessions, graded attempts, per-person counters, practice days, fsrs cards.

Counters are incremented in SQL (`answered = answered + 1`), never read-modified-written in Python,
so concurrent writers on SQLite or PostgreSQL never lose an update.
"""

from __future__ import annotations

from sqlalchemy import Column, DateTime, Integer, String, Table, Text

from bot.storage.metadata import metadata

# One open practice session per person per channel (see bot/sessions.py for the thread rule).
practice_sessions = Table(
    "practice_sessions",
    metadata,
    Column("user_key", String(200), primary_key=True),
    Column("channel_key", String(300), primary_key=True),
    Column("session_id", String(40), nullable=False, unique=True),
    Column("thread", String(100), nullable=True),
    Column("kind", String(20), nullable=False),  # "mock" | "review"
    Column("topics", Text, nullable=False, default=""),  # comma-separated topic ids
    Column("difficulty", String(20), nullable=True),
    Column("question_id", String(300), nullable=True),  # the question waiting for an answer
    Column("hints", Integer, nullable=False, default=0),  # hints used on that question
    Column("asked_ids", Text, nullable=False, default="[]"),  # JSON list, in order
    Column("queue", Text, nullable=False, default="[]"),  # JSON list: review questions still to serve
    Column("asked", Integer, nullable=False, default=0),
    Column("answered", Integer, nullable=False, default=0),
    Column("score_total", Integer, nullable=False, default=0),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

# Every graded answer, from a mock, a review or a daily thread.
practice_attempts = Table(
    "practice_attempts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("user_key", String(200), nullable=False, index=True),
    Column("question_id", String(300), nullable=False),
    Column("topics", Text, nullable=False, default=""),
    Column("aspect", String(100), nullable=True),
    Column("kind", String(20), nullable=False, default=""),
    Column("score", Integer, nullable=False),
    Column("source", String(20), nullable=False),  # "mock" | "review" | "daily"
    Column("place", String(400), nullable=False, default=""),
    Column("session_id", String(40), nullable=True, index=True),
    Column("day", String(10), nullable=False),  # UTC date, ISO
    Column("answered_at", DateTime(timezone=True), nullable=False),
)

# Per-person totals, incremented in SQL.
practice_users = Table(
    "practice_users",
    metadata,
    Column("user_key", String(200), primary_key=True),
    Column("answered", Integer, nullable=False, default=0),
    Column("score_total", Integer, nullable=False, default=0),
    Column("passed", Integer, nullable=False, default=0),
    Column("last_answer_at", DateTime(timezone=True), nullable=True),
)

# The UTC days a person practised on (streaks).
practice_days = Table(
    "practice_days",
    metadata,
    Column("user_key", String(200), primary_key=True),
    Column("day", String(10), primary_key=True),
    Column("answers", Integer, nullable=False, default=0),
)

# One fsrs card per person and question.
practice_cards = Table(
    "practice_cards",
    metadata,
    Column("user_key", String(200), primary_key=True),
    Column("question_id", String(300), primary_key=True),
    Column("card", Text, nullable=True),  # fsrs Card.to_dict() as JSON; NULL until first graded
    Column("due", DateTime(timezone=True), nullable=True, index=True),
    Column("last_score", Integer, nullable=True),
    Column("reps", Integer, nullable=False, default=0),
    Column("lapses", Integer, nullable=False, default=0),
    Column("updated_at", DateTime(timezone=True), nullable=True),
)

# A person's latest graded answer per channel, and every grade contested ("I was right"), kept for the team.
grade_disputes = Table(
    "grade_disputes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("user_key", String(200), nullable=False, index=True),
    Column("channel_key", String(300), nullable=False),
    Column("question_id", String(300), nullable=False),
    Column("answer", Text, nullable=False),
    Column("score", Integer, nullable=False),
    Column("graded_at", DateTime(timezone=True), nullable=False),
    Column("disputed_at", DateTime(timezone=True), nullable=True, index=True),  # NULL: not contested
)

# Questions people brought (`prepbot questions import`): one row each, joining the bank on read.
imported_questions = Table(
    "imported_questions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("question_id", String(300), nullable=False, unique=True),
    Column("batch", String(40), nullable=False, index=True),  # one import: all its rows or none
    Column("text", Text, nullable=False),
    Column("topics", Text, nullable=False, default=""),  # comma-separated topic ids
    Column("difficulty", String(20), nullable=False),
    Column("key_points", Text, nullable=False),  # JSON list
    Column("model_answer", Text, nullable=False),
    Column("alternatives", Text, nullable=False, default="[]"),  # JSON list
    Column("source_file", String(300), nullable=False),
    Column("source_line", Integer, nullable=True),
    Column("imported_at", DateTime(timezone=True), nullable=False),
)

# Opt-in nudges (a DM when reviews are due / a streak is at risk): a row means "on", at a local time.
nudge_settings = Table(
    "nudge_settings",
    metadata,
    Column("user_key", String(200), primary_key=True),
    Column("platform", String(20), nullable=False),
    Column("user_id", String(100), nullable=False),
    Column("team", String(100), nullable=False, default=""),
    Column("at", String(5), nullable=False),  # "HH:MM", local
    Column("tz", String(64), nullable=False),  # IANA zone
    Column("snooze_until", DateTime(timezone=True), nullable=True),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

# One claim per person, kind and local day: a nudge is sent at most once (like daily_posts).
nudges_sent = Table(
    "nudges_sent",
    metadata,
    Column("user_key", String(200), primary_key=True),
    Column("kind", String(20), primary_key=True),  # "due" | "streak"
    Column("day", String(10), primary_key=True),  # the person's local date, ISO
    Column("status", String(10), nullable=False),  # claimed | sent | failed
    Column("claimed_at", DateTime(timezone=True), nullable=False),
    Column("sent_at", DateTime(timezone=True), nullable=True),
)

__all__ = [
    "grade_disputes",
    "imported_questions",
    "nudge_settings",
    "nudges_sent",
    "practice_attempts",
    "practice_cards",
    "practice_days",
    "practice_sessions",
    "practice_users",
]
