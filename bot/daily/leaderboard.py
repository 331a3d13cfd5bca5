"""Streaks, `/prep leaderboard [week|month|all]` and leaderboard opt-out/in.

A streak counts consecutive due days answered, in the channel's time zone, ending today (or at the
last due day, while today's question is still open); days the schedule skips don't break it.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from bot import admin
from bot.context import Context
from bot.daily import content as content
from bot.daily import due as scheduler
from bot.intents import Intent
from bot.messages import Reply, Section
from bot.storage.channels import StudyChannel

PERIODS = {"week": 7, "month": 30, "all": None}
LEADERBOARD_SIZE = 10
STREAK_LOOKBACK = 400  # due days


def streak(channel: StudyChannel, answered: set[str], today: date) -> int:
    count = 1 if today.isoformat() in answered else 0
    for day in _due_days_before(channel, today):
        if day.isoformat() not in answered:
            break
        count += 1
    return count


def _due_days_before(channel: StudyChannel, day: date) -> Iterator[date]:
    for _ in range(STREAK_LOOKBACK * 7 // max(1, len(channel.days))):
        day -= timedelta(days=1)
        if scheduler.is_due_day(channel, day):
            yield day


def today_in(channel: StudyChannel, ctx: Context) -> date:
    return scheduler.local_day(ctx.clock.now(), scheduler.zone(channel.tz))


def streaks(ctx: Context, channel: StudyChannel) -> dict[str, int]:
    days: dict[str, set[str]] = {}
    for answer in ctx.stores.channels.answers(channel.channel_key):
        days.setdefault(answer.user_key, set()).add(answer.day)
    today = today_in(channel, ctx)
    return {user: streak(channel, answered, today) for user, answered in days.items()}


def leaderboard(ctx: Context) -> Reply:
    channel = ctx.stores.channels.get(ctx.message.channel.key)
    if channel is None:
        return Reply(
            title="No leaderboard here",
            sections=(
                Section(
                    text="Leaderboards belong to study channels (an admin starts one with "
                    f"`{admin.command(ctx, 'study on')}`)."
                ),
            ),
            ephemeral=True,
            intent=Intent.DAILY,
        )
    period = next((p for p in PERIODS if p in ctx.match.args.lower().split()), "week")
    length = PERIODS[period]
    today = today_in(channel, ctx)
    since = None if length is None else (today - timedelta(days=length - 1)).isoformat()
    hidden = ctx.stores.channels.optouts()
    rows = content.rank(ctx.stores.channels.answers(channel.channel_key, since_day=since), hidden)
    title = {
        "week": "Leaderboard · last 7 days",
        "month": "Leaderboard · last 30 days",
        "all": "Leaderboard · all time",
    }[period]
    if not rows:
        return Reply(
            title=title,
            sections=(Section(text="No answers yet: answer today's question in its thread."),),
            intent=Intent.DAILY,
        )
    return Reply(
        title=title,
        table=content.leaderboard_table(rows[:LEADERBOARD_SIZE], streaks(ctx, channel)),
        footer="Points = the sum of each day's counted score. Leave the board with "
        "`/prep leaderboard optout`.",
        intent=Intent.DAILY,
    )


def optout(ctx: Context) -> Reply:
    words = ctx.match.args.lower().split()
    back_in = "in" in words or "optin" in words
    ctx.stores.channels.set_optout(ctx.message.user.key, not back_in, ctx.clock.now())
    text = (
        "You're back on the leaderboards."
        if back_in
        else "You're off the leaderboards: your answers still count for you, but your name isn't shown. "
        "`/prep leaderboard optin` brings you back."
    )
    return Reply(title="Leaderboard", sections=(Section(text=text),), ephemeral=True, intent=Intent.DAILY)
