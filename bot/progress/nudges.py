"""Opt-in nudges: a direct message when reviews are due and when a streak is at risk, at the
person's local time, with a snooze. Off by default; `nudges on 18:00 Europe/Berlin`,
`nudges snooze 2d`, `nudges off`, `nudges` (show).

`NudgeScheduler.tick` (called from the daily scheduler's loop) sends each nudge at most once: a
claim row per person, kind and local date is inserted before sending, so two ticks or two
replicas never both send it; a failed send gives the claim back for the next tick.
"""

from __future__ import annotations

import asyncio
import logging
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.clock import Clock
from bot.context import Context
from bot.intents import Intent
from bot.messages import Button, Reply, Section, UserRef
from bot.practice import spaced
from bot.storage import Stores
from bot.storage.nudges import NudgeSetting, NudgeStore

log = logging.getLogger("prepbot.nudges")

DUE, STREAK = "due", "streak"
USAGE = "Say nudges on 18:00 Europe/Berlin (your time and zone), nudges snooze 2d, or nudges off."
_TIME = re.compile(r"^(\d{1,2})(?::(\d{2}))?\s*(am|pm)?$", re.IGNORECASE)
_SNOOZE = re.compile(r"^(\d{1,3})\s*(d|day|days|h|hour|hours|w|week|weeks)$", re.IGNORECASE)
MAX_SNOOZE = timedelta(days=90)


class DirectPoster(Protocol):
    async def direct(self, user: UserRef, reply: Reply, *, idempotency_key: str) -> str:
        """Send `reply` to the person's direct messages; the message id."""
        ...


def command(ctx: Context) -> Reply:
    store = NudgeStore(ctx.stores.db)
    user = ctx.message.user
    words = ctx.match.args.split()
    now = ctx.clock.now()
    verb = words[0].lower() if words else "show"
    if verb in {"on", "at"}:
        return _turn_on(store, ctx, words[1:])
    if verb in {"off", "stop"}:
        store.turn_off(user.key)
        return _reply("Nudges off", "No more nudges. Say nudges on 18:00 Europe/Berlin to have them again.")
    if verb == "snooze":
        span = _snooze(" ".join(words[1:]))
        if span is None:
            return _reply(
                "Snooze how long?", "Say nudges snooze 2d (days), 12h (hours) or 1w (a week), up to 90 days."
            )
        if not store.snooze(user.key, now + span, now):
            return _reply("Nudges are off", "There is nothing to snooze: nudges are off. " + USAGE)
        until = spaced.as_utc(now + span)
        setting = store.get(user.key)
        local = until.astimezone(ZoneInfo(setting.tz)) if setting else until
        return _reply("Nudges snoozed", f"No nudges until {local:%a %Y-%m-%d %H:%M} {local.tzname()}.")
    if verb == "show":
        setting = store.get(user.key)
        if setting is None:
            return _reply("Nudges are off", "You get no nudges (the default). " + USAGE)
        return _reply("Your nudges", _describe(setting))
    return _reply("Nudges", f"I did not understand '{ctx.match.args[:60]}'. " + USAGE)


def _turn_on(store: NudgeStore, ctx: Context, words: list[str]) -> Reply:
    if not words:
        return _reply("At what time?", USAGE)
    at = _clock_time(words[0])
    if at is None:
        return _reply("At what time?", f"'{words[0][:20]}' is not a time of day like 18:00. " + USAGE)
    tz = words[1] if len(words) > 1 else "UTC"
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        return _reply(
            "Which time zone?", f"'{tz[:40]}' is not a time zone I know (like Europe/Berlin). " + USAGE
        )
    user, channel = ctx.message.user, ctx.message.channel
    setting = NudgeSetting(user.key, user.platform, user.id, channel.team, at, tz)
    store.turn_on(setting, ctx.clock.now())
    return _reply("Nudges on", _describe(setting))


def _describe(setting: NudgeSetting) -> str:
    text = (
        f"I'll send you a direct message at {setting.at} ({setting.tz}) when reviews are due, and when "
        "your streak is at risk (no answer yet today). Say nudges snooze 2d or nudges off."
    )
    if setting.snooze_until:
        local = setting.snooze_until.astimezone(ZoneInfo(setting.tz))
        text += f" Snoozed until {local:%a %Y-%m-%d %H:%M}."
    return text


def _reply(title: str, text: str) -> Reply:
    return Reply(title=title, sections=(Section(text=text),), ephemeral=True, intent=Intent.PERSONAL)


def _clock_time(text: str) -> str | None:
    found = _TIME.match(text.strip())
    if not found:
        return None
    hour, minute = int(found.group(1)), int(found.group(2) or 0)
    half = (found.group(3) or "").lower()
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}"


def _snooze(text: str) -> timedelta | None:
    found = _SNOOZE.match(text.strip())
    if not found:
        return None
    n, unit = int(found.group(1)), found.group(2)[0].lower()
    span = timedelta(days=n) if unit == "d" else timedelta(hours=n) if unit == "h" else timedelta(weeks=n)
    return span if timedelta(0) < span <= MAX_SNOOZE else None


# -- sending ------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class DueNudge:
    setting: NudgeSetting
    kind: str
    day: date  # the person's local date
    reply: Reply

    @property
    def key(self) -> str:
        return f"nudge:{self.setting.user_key}:{self.kind}:{self.day.isoformat()}"


def due_nudges(stores: Stores, now: datetime) -> list[DueNudge]:
    """The nudges whose local time has come today, for people who turned them on and are not snoozed."""
    now = spaced.as_utc(now)
    found: list[DueNudge] = []
    for setting in NudgeStore(stores.db).all_on():
        if setting.snooze_until is not None and now < setting.snooze_until:
            continue
        zone = ZoneInfo(setting.tz)
        local = now.astimezone(zone)
        hour, minute = (int(p) for p in setting.at.split(":"))
        send_at = datetime.combine(local.date(), time(hour, minute), tzinfo=zone)
        if now < send_at:  # aware datetimes compare as instants, across DST changes
            continue
        due = stores.practice.due_count(setting.user_key, now)
        if due:
            found.append(
                DueNudge(
                    setting,
                    DUE,
                    local.date(),
                    _nudge(f"{due} question{'s' * (due != 1)} due for review", "review"),
                )
            )
        days = stores.practice.practice_days(setting.user_key)
        streak = spaced.streak(days, now)
        if streak and now.date().isoformat() not in days:
            found.append(
                DueNudge(
                    setting,
                    STREAK,
                    local.date(),
                    _nudge(f"Your {streak}-day streak ends today unless you answer a question", "mock"),
                )
            )
    return found


def _nudge(text: str, action: str) -> Reply:
    return Reply(
        title="A nudge from prepbot",
        sections=(Section(text=text + "."),),
        footer="Say nudges snooze 2d or nudges off to hear less from me.",
        buttons=(Button(action, "Review now" if action == "review" else "Practise now", "primary"),),
        intent=Intent.PERSONAL,
    )


@dataclass
class NudgeScheduler:
    stores: Stores
    poster: DirectPoster
    clock: Clock

    async def tick(self) -> list[str]:
        """Send the nudges due now, each once; the ids of the messages sent."""
        now = self.clock.now()
        store = NudgeStore(self.stores.db)
        sent: list[str] = []
        for nudge in await asyncio.to_thread(due_nudges, self.stores, now):
            day = nudge.day.isoformat()
            if not await asyncio.to_thread(store.claim, nudge.setting.user_key, nudge.kind, day, now):
                continue
            user = UserRef(nudge.setting.platform, nudge.setting.user_id)
            try:
                message_id = await self.poster.direct(user, nudge.reply, idempotency_key=nudge.key)
            except Exception as exc:
                log.warning(
                    "nudge not sent (%s), will try again", type(exc).__name__, extra={"user": user.key}
                )
                await asyncio.to_thread(store.release, nudge.setting.user_key, nudge.kind, day)
                continue
            await asyncio.to_thread(
                store.mark_sent, nudge.setting.user_key, nudge.kind, day, self.clock.now()
            )
            sent.append(message_id)
        return sent
