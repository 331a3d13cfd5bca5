"""Handler for the recommend intent."""

from __future__ import annotations

from bot.handlers import Context
from bot.messages import Reply, Section


def handle(ctx: Context) -> Reply:
    return Reply(title="recommend", sections=(Section(text="This part of prepbot is being built."),))
