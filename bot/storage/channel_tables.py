"""Tables of the study-channel work: settings, daily posts (the unique claim), answers, opt-outs."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, DateTime, Index, Integer, String, Table, Text, UniqueConstraint

from bot.storage.metadata import metadata

study_channels = Table(
    "study_channels",
    metadata,
    Column("channel_key", String(300), primary_key=True),
    Column("platform", String(20), nullable=False),
    Column("channel_id", String(100), nullable=False),
    Column("team", String(100), nullable=False, default=""),
    Column("post_time", String(5), nullable=False),  # "HH:MM", local
    Column("tz", String(64), nullable=False),  # IANA zone
    Column("days", String(40), nullable=False),  # "0,1,2,3,4" (Monday = 0)
    Column("topics", Text, nullable=False, default=""),  # comma-separated topic ids
    Column("difficulty", String(20), nullable=True),
    Column("paused", Boolean, nullable=False, default=False),
    Column("updated_by", String(200), nullable=False, default=""),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

daily_posts = Table(
    "daily_posts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("channel_key", String(300), nullable=False),
    Column("day", String(10), nullable=False),  # the channel's local date, ISO
    Column("kind", String(10), nullable=False),  # "question" | "digest"
    Column("question_id", String(300), nullable=True),
    Column("status", String(10), nullable=False),  # claimed|sending|sent|failed|unknown|skipped
    Column("attempts", Integer, nullable=False, default=0),
    Column("lease_until", DateTime(timezone=True), nullable=True),
    Column("owner", String(64), nullable=True),
    Column("message_id", String(100), nullable=True),
    Column("due_at", DateTime(timezone=True), nullable=False),
    Column("claimed_at", DateTime(timezone=True), nullable=False),
    Column("sent_at", DateTime(timezone=True), nullable=True),
    UniqueConstraint("channel_key", "day", "kind", name="uq_daily_posts_channel_day_kind"),
    Index("ix_daily_posts_thread", "channel_key", "message_id"),
)

daily_answers = Table(
    "daily_answers",
    metadata,
    Column("channel_key", String(300), primary_key=True),
    Column("day", String(10), primary_key=True),
    Column("user_key", String(200), primary_key=True),
    Column("user_name", String(200), nullable=False, default=""),
    Column("question_id", String(300), nullable=False),
    Column("score", Integer, nullable=False),  # the counted (first) answer's score
    Column("answered_at", DateTime(timezone=True), nullable=False),
)

leaderboard_optouts = Table(
    "leaderboard_optouts",
    metadata,
    Column("user_key", String(200), primary_key=True),
    Column("opted_out_at", DateTime(timezone=True), nullable=False),
)

__all__ = ["daily_answers", "daily_posts", "leaderboard_optouts", "study_channels"]
