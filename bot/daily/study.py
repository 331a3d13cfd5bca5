"""`/prep study on|off|pause|resume|show`: turn a channel into a study channel and tune it.

Only admins change it (the platform's admin flag, or PREPBOT_ADMINS); everyone may `show` it.
Refusals are logged with the user id. Not available in direct messages.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime, time

from bot import admin
from bot.context import Context
from bot.daily import due, study_args
from bot.intents import Intent
from bot.messages import Message, Reply, Section
from bot.storage.channels import StudyChannel

log = logging.getLogger("prepbot.study")

DEFAULT_TIME = time(9, 0)
DEFAULT_TZ = "UTC"
DEFAULT_DAYS = (0, 1, 2, 3, 4)


def handle(ctx: Context) -> Reply:
    message = ctx.message
    if message.channel.is_direct:
        return _short(
            "Study channels live in channels",
            f"Run `{admin.command(ctx, 'study on')}` in the "
            "channel your team studies in; in a direct message, `daily` gives you a question of the day.",
        )
    parsed = study_args.parse(ctx.match.args, topic_names(ctx))
    current = ctx.stores.channels.get(message.channel.key)
    if parsed.action == "show":
        return show(current, ctx.clock.now(), admin.command(ctx, "study"))
    if not admin.is_admin(ctx):
        admin.refused(f"study {parsed.action}", ctx, log)
        return _short(
            "Only admins can change this",
            f"Only an admin can change the study settings. {admin.who_are_admins(ctx)}",
        )
    if parsed.problems:
        return _short(
            "Nothing changed",
            "\n".join(parsed.problems) + f"\nExample: `{admin.command(ctx, 'study')} "
            f"on 09:00 tz Europe/Paris days mon-fri topics {next(iter(ctx.kb.topics), 'TOPIC')} difficulty "
            f"easy`.",
        )
    return _apply(ctx, parsed, current)


def _apply(ctx: Context, parsed: study_args.StudyArgs, current: StudyChannel | None) -> Reply:
    store, now, by = ctx.stores.channels, ctx.clock.now(), ctx.message.user.key
    if parsed.action == "off":
        removed = store.remove(ctx.message.channel.key)
        text = "No more daily questions here." if removed else "This channel was not a study channel."
        return _public("Study channel off", text)
    if parsed.action in ("pause", "resume"):
        if current is None:
            return _short(
                "Not a study channel",
                f"Turn it on first: `{admin.command(ctx, 'study')} on 09:00 tz Europe/Paris`.",
            )
        store.save(replace(current, paused=parsed.action == "pause"), by, now)
        return show(store.get(current.channel_key), now, admin.command(ctx, "study"))
    updated = merged(ctx.message, parsed, current)
    store.save(updated, by, now)
    log.info("study settings of %s changed by %s", updated.channel_key, by)
    return show(updated, now, admin.command(ctx, "study"))


def merged(message: Message, parsed: study_args.StudyArgs, current: StudyChannel | None) -> StudyChannel:
    base = current or StudyChannel(
        channel_key=message.channel.key,
        platform=message.channel.platform,
        channel_id=message.channel.id,
        team=message.channel.team,
        post_time=DEFAULT_TIME.strftime("%H:%M"),
        tz=DEFAULT_TZ,
        days=DEFAULT_DAYS,
    )
    return replace(
        base,
        post_time=parsed.at.strftime("%H:%M") if parsed.at else base.post_time,
        tz=parsed.tz or base.tz,
        days=parsed.days if parsed.days is not None else base.days,
        topics=parsed.topics if parsed.topics is not None else base.topics,
        difficulty=parsed.difficulty or base.difficulty,
        paused=False if parsed.action == "on" else base.paused,
    )


def show(channel: StudyChannel | None, now: datetime, study: str = "/prep study") -> Reply:
    """The channel's settings; `study` is how the study command is typed on this platform."""
    if channel is None:
        return _public(
            "Not a study channel",
            f"An admin can start daily questions here with `{study} on 09:00 tz Europe/Paris days mon-fri`.",
        )
    lines = [
        f"A question {due.describe_days(channel.days)} at {channel.post_time} ({channel.tz}).",
        f"Topics: {', '.join(channel.topics) or 'all'} · difficulty: {channel.difficulty or 'any'}.",
    ]
    if channel.paused:
        lines.append(f"Paused: `{study} resume` starts it again.")
    else:
        upcoming = due.next_post_at(channel, now)
        if upcoming is not None:
            local = upcoming.astimezone(due.zone(channel.tz))
            lines.append(f"Next question: {local:%a %Y-%m-%d %H:%M %Z}.")
    return _public("Study channel", "\n".join(lines))


def topic_names(ctx: Context) -> dict[str, str]:
    names: dict[str, str] = {}
    for topic in ctx.kb.topics.values():
        for label in (topic.id, topic.name, *topic.aliases):
            names.setdefault(label.lower(), topic.id)
    return names


def _short(title: str, text: str) -> Reply:
    return Reply(title=title, sections=(Section(text=text),), ephemeral=True, intent=Intent.DAILY)


def _public(title: str, text: str) -> Reply:
    return Reply(title=title, sections=(Section(text=text),), intent=Intent.DAILY)
