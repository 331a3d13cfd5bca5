"""smalltalk: "thanks!", "cool", "bye" get a short human reply (the conversation's context is kept)."""

from __future__ import annotations

from bot.context import Context
from bot.intents import Intent
from bot.messages import Reply, Section

_REPLIES = {
    "thanks": ("You're welcome!", "Ask a follow-up any time, or say `mock` when you want to practise."),
    "ok": ("Glad that helped.", "Anything else you'd like to go through?"),
    "bye": ("Bye!", "Good luck with the interview — come back to practise any time."),
}


def handle(ctx: Context) -> Reply:
    title, text = _REPLIES.get(ctx.match.args, _REPLIES["ok"])
    return Reply(title=title, sections=(Section(text=text),), intent=Intent.SMALLTALK)
