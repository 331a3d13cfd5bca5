"""Admin operations on the running bot (reliability.md T12): only platform admins or the ids in
PREPBOT_ADMINS; anyone else gets a short refusal, nothing changes, and the attempt is logged."""

from __future__ import annotations

import logging

from bot.context import Context
from bot.intents import Intent
from bot.messages import Reply, Section, UserRef

log = logging.getLogger("prepbot.admin")
MAX_PROBLEMS = 10


def is_admin(ctx: Context) -> bool:
    """The platform says so (workspace/guild admin), or an entry of PREPBOT_ADMINS names this person."""
    user = ctx.message.user
    return user.is_admin or any(names(entry, user, ctx.message.channel.team) for entry in ctx.settings.admins)


def names(entry: str, user: UserRef, team: str) -> bool:
    """Whether a PREPBOT_ADMINS entry names `user` speaking in `team`:

    - `platform:team:user` (`slack:T123:U456`, `discord:GUILD:USER`): that person in that workspace/guild;
    - `platform:user` (`slack:U456`): that person in every workspace/guild of that platform;
    - a plain `user` id: that id on any platform and in any workspace (kept for old settings;
      prefer a scoped entry, since ids are only unique within a platform).
    """
    parts = [part.strip() for part in entry.split(":")]
    if not all(parts) or not user.id:
        return False
    if len(parts) == 3:
        return parts[0] == user.platform and parts[1] == team and parts[2] == user.id
    if len(parts) == 2:
        return parts[0] == user.platform and parts[1] == user.id
    return len(parts) == 1 and parts[0] == user.id


def command(ctx: Context, sub: str) -> str:
    """How a person types the admin command `sub` ("study on", "reload") where this message came from:
    Discord keeps the admin commands in their own `/prep-admin` command, elsewhere they are `/prep`."""
    return f"/prep-admin {sub}" if ctx.message.user.platform == "discord" else f"/prep {sub}"


def who_are_admins(ctx: Context) -> str:
    """Who counts as an admin on this platform, as `is_admin` decides it, for refusals."""
    platform = ctx.message.user.platform
    if platform == "slack":
        return (
            "On Slack the admins are the people listed in PREPBOT_ADMINS (prepbot does not read "
            "workspace roles): ask whoever runs the bot to add your user id."
        )
    if platform == "discord":
        return (
            "Admins are members who can manage this server or its channels, and the people listed in "
            "PREPBOT_ADMINS."
        )
    return "Admins are the people listed in PREPBOT_ADMINS."


def refused(what: str, ctx: Context, logger: logging.Logger = log) -> None:
    """Log a refused admin operation with who tried and where in the message text itself (the log
    format shows no `extra=`; it is kept for structured handlers)."""
    user, channel = ctx.message.user.key, ctx.message.channel.key
    logger.warning(
        "refused %s: %s is not an admin (in %s)",
        what,
        user,
        channel,
        extra={"user": user, "channel": channel},
    )


def reload(ctx: Context) -> Reply:
    """Reload the knowledge folder; a broken folder leaves the current knowledge serving."""
    if not is_admin(ctx):
        refused("knowledge reload", ctx)
        return Reply(
            title="Admins only",
            sections=(Section(text=f"Only an admin can reload the knowledge. {who_are_admins(ctx)}"),),
            ephemeral=True,
            intent=Intent.HELP,
        )
    problems = ctx.reload_knowledge()
    log.info("knowledge reload by %s: %d problems", ctx.message.user.key, len(problems))
    if problems:
        shown = "\n".join(f"• {p}" for p in problems[:MAX_PROBLEMS])
        more = f"\n…and {len(problems) - MAX_PROBLEMS} more" if len(problems) > MAX_PROBLEMS else ""
        return Reply(
            title="Knowledge not reloaded",
            sections=(
                Section(text="I kept the knowledge I had, because the folder has problems:"),
                Section(text=shown + more),
            ),
            footer="Fix them (`prepbot kb check DIR` lists them too) and reload again.",
            ephemeral=True,
            intent=Intent.HELP,
        )
    return Reply(
        title="Knowledge reloaded",
        sections=(Section(text="Serving the documents as they are now."),),
        ephemeral=True,
        intent=Intent.HELP,
    )
