"""Study-channel and daily-post tables (owned by the daily-post work)."""

from __future__ import annotations

from bot.storage.db import Database


class ChannelStore:
    def __init__(self, db: Database) -> None:
        self.db = db
