"""The seen-message ledger's table (see `bot.storage.dedupe`)."""

from __future__ import annotations

from sqlalchemy import Column, DateTime, String, Table

from bot.storage.dedupe import KEY_LENGTH
from bot.storage.metadata import metadata

seen_messages = Table(
    "seen_messages",
    metadata,
    Column("key", String(KEY_LENGTH), primary_key=True),
    Column("seen_at", DateTime(timezone=True), nullable=False, index=True),
)
