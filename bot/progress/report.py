"""`progress` (and admins' `progress team`): the figures as before, a compact text chart, and the
progress picture as a PNG when the `charts` extra is installed. Handlers run in a worker thread
(`Prepbot.handle`), so drawing never blocks an adapter's event loop."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from bot import admin
from bot.context import Context
from bot.intents import Intent
from bot.messages import Attachment, Reply, Section
from bot.practice.replies import progress_reply
from bot.practice.spaced import as_utc
from bot.progress import picture
from bot.storage.db import Database
from bot.storage.personal_data import Attempt, PersonalData
from knowledge.model import KnowledgeBase


def names(kb: KnowledgeBase) -> dict[str, str]:
    found = {a: aspect.label for a, aspect in kb.aspects.items()}
    found.update({t: topic.name for t, topic in kb.topics.items()})
    return found


def progress(ctx: Context) -> Reply:
    if ctx.match.args == "team":
        return team(ctx)
    user = ctx.message.user.key
    base = progress_reply(ctx.kb, ctx.stores.practice.progress(user, ctx.clock.now()))
    attempts = PersonalData(ctx.stores.db).attempts(user_key=user)
    if not attempts:
        return base
    summary = picture.summarise("Your progress", attempts, names(ctx.kb), as_utc(ctx.clock.now()).date())
    return _with_picture(base, summary)


def team(ctx: Context) -> Reply:
    if not admin.is_admin(ctx):
        admin.refused("team progress", ctx)
        return Reply(
            title="Admins only",
            sections=(
                Section(text="Only an admin can see the team's progress. " + admin.who_are_admins(ctx)),
            ),
            ephemeral=True,
            intent=Intent.MOCK,
        )
    channel = ctx.message.channel
    attempts = PersonalData(ctx.stores.db).attempts(place_prefix=f"{channel.platform}:{channel.team}:")
    return team_reply(ctx.kb, attempts, as_utc(ctx.clock.now()).date(), ephemeral=True)


def team_reply(
    kb: KnowledgeBase,
    attempts: Sequence[Attempt],
    today: date,
    *,
    ephemeral: bool,
    title: str = "Team progress",
) -> Reply:
    """Everyone's answers together (no names): the text chart, and the picture when it can be drawn."""
    people = len({a.user_key for a in attempts})
    if not attempts:
        return Reply(
            title=title, sections=(Section(text="No answers yet."),), ephemeral=ephemeral, intent=Intent.MOCK
        )
    summary = picture.summarise(title, attempts, names(kb), today)
    base = Reply(
        title=title,
        sections=(
            Section(text=f"{len(attempts)} answers from {people} {'person' if people == 1 else 'people'}."),
        ),
        ephemeral=ephemeral,
        intent=Intent.MOCK,
    )
    return _with_picture(base, summary)


def _with_picture(base: Reply, summary: picture.Summary) -> Reply:
    sections = (*base.sections, Section(heading="Chart", text=picture.text_chart(summary)))
    image = picture.png(summary)
    files = (
        (Attachment(f"progress-{summary.today:%Y%m%d}.png", image, "image/png", summary.title),)
        if image is not None
        else ()
    )
    return replace(base, sections=sections, attachments=base.attachments + files)


def with_team_picture(reply: Reply, db: Database, channel_key: str, today: date) -> Reply:
    """The weekly digest with the channel's picture (its answers of the last weeks) attached,
    when the `charts` extra can draw it."""
    attempts = PersonalData(db).attempts(place_prefix=channel_key + ":")
    if not attempts:
        return reply
    image = picture.png(picture.summarise("Team progress", attempts, {}, today))
    if image is None:
        return reply
    files = (Attachment(f"team-progress-{today:%Y%m%d}.png", image, "image/png", "Team progress"),)
    return replace(reply, attachments=reply.attachments + files)
