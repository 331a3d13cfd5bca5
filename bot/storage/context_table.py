"""The conversation_context table (its store, bot/storage/context.py, talks to the driver only, so a
one-shot command's cold path never imports SQLAlchemy for it)."""

from __future__ import annotations

from sqlalchemy import Column, Float, String, Table, Text

from bot.storage.metadata import metadata

conversation_context = Table(
    "conversation_context",
    metadata,
    Column("user_key", String(200), primary_key=True),
    Column("place", String(400), primary_key=True),
    Column("topics", Text, nullable=False, default=""),  # comma-separated topic ids
    Column("aspect", String(100), nullable=True),
    Column("intent", String(20), nullable=False, default=""),
    Column("said", Text, nullable=False, default=""),  # the last message in a mock, for a switch
    Column("read_as", String(10), nullable=False, default=""),  # "answer" | "question" | ""
    Column("updated", Float, nullable=False),  # epoch seconds
)
