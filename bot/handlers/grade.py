"""Handler for the grade intent."""

from __future__ import annotations

from bot.handlers import Context
from bot.messages import Reply, Section


def handle(ctx: Context) -> Reply:
    return Reply(title="grade", sections=(Section(text="This part of prepbot is being built."),))
