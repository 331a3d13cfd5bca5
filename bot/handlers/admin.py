"""Admin operations on the running bot (reliability.md T12): only platform admins or the ids in
PREPBOT_ADMINS; anyone else gets a short refusal, nothing changes, and the attempt is logged."""

from __future__ import annotations

import logging

from bot.handlers import Context
from bot.intents import Intent
from bot.messages import Reply, Section

log = logging.getLogger("prepbot.admin")
MAX_PROBLEMS = 10


def is_admin(ctx: Context) -> bool:
    user = ctx.message.user
    return user.is_admin or user.id in ctx.settings.admins


def reload(ctx: Context) -> Reply:
    """Reload the knowledge folder; a broken folder leaves the current knowledge serving."""
    if not is_admin(ctx):
        log.warning("refused knowledge reload", extra={"user": ctx.message.user.key})
        return Reply(title="Admins only", sections=(Section(text="Only an admin can reload the knowledge."),),
                     ephemeral=True, intent=Intent.HELP)
    problems = ctx.reload_knowledge()
    log.info("knowledge reload by %s: %d problems", ctx.message.user.key, len(problems))
    if problems:
        shown = "\n".join(f"• {p}" for p in problems[:MAX_PROBLEMS])
        more = f"\n…and {len(problems) - MAX_PROBLEMS} more" if len(problems) > MAX_PROBLEMS else ""
        return Reply(title="Knowledge not reloaded",
                     sections=(Section(text="I kept the knowledge I had, because the folder has problems:"),
                               Section(text=shown + more)),
                     footer="Fix them (`prepbot kb check DIR` lists them too) and reload again.",
                     ephemeral=True, intent=Intent.HELP)
    return Reply(title="Knowledge reloaded",
                 sections=(Section(text="Serving the documents as they are now."),),
                 ephemeral=True, intent=Intent.HELP)
