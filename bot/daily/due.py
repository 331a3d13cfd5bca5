"""When each study channel's daily post is due: pure functions over the channel settings and `now`.

A channel posts on its due weekdays at its local time (IANA zone). Only the current local date
counts: a post missed while the bot was down goes out late the same local day, and a day that is
over in the channel's zone is not posted any more. Daylight saving:
- a local time that does not exist that day (spring forward) posts at the first instant after it
  (the end of the gap, e.g. 03:00 for 02:30);
- an ambiguous local time (fall back) posts at its first occurrence; the claim per local date
  keeps it to one post anyway.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from bot.storage.channels import DIGEST, QUESTION, StudyChannel

LATE_AFTER = timedelta(minutes=10)  # posted later than this after its time: say so in the post
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True, slots=True)
class DuePost:
    channel: StudyChannel
    day: date  # the channel's local date
    kind: str  # QUESTION | DIGEST
    due_at: datetime  # UTC

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.channel.channel_key, self.day.isoformat(), self.kind)

    @property
    def idempotency_key(self) -> str:
        return f"daily:{self.channel.channel_key}:{self.day.isoformat()}:{self.kind}"

    def lateness(self, now: datetime) -> timedelta:
        return now - self.due_at


@lru_cache(maxsize=1024)
def zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def parse_hhmm(text: str) -> time:
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


def occurrence(day: date, at: time, tz: ZoneInfo) -> datetime:
    """The UTC instant of local `at` on `day` in `tz` (first occurrence; end of a DST gap)."""
    naive = datetime.combine(day, at)
    first = naive.replace(tzinfo=tz, fold=0).astimezone(UTC)
    if first.astimezone(tz).replace(tzinfo=None) == naive:
        return first
    return _gap_end(naive, tz)


def _gap_end(naive: datetime, tz: ZoneInfo) -> datetime:
    """First instant whose local wall time is at or after `naive`, for a time in a DST gap."""
    low = naive.replace(tzinfo=tz, fold=1).astimezone(UTC)
    high = naive.replace(tzinfo=tz, fold=0).astimezone(UTC)
    low, high = min(low, high), max(low, high)
    while high - low > timedelta(seconds=1):
        middle = low + (high - low) / 2
        if middle.astimezone(tz).replace(tzinfo=None) >= naive:
            high = middle
        else:
            low = middle
    return high.replace(microsecond=0)


def local_day(now: datetime, tz: ZoneInfo) -> date:
    return now.astimezone(tz).date()


def is_due_day(channel: StudyChannel, day: date) -> bool:
    return day.weekday() in channel.days


def is_digest_day(channel: StudyChannel, day: date) -> bool:
    """The weekly digest goes out on the channel's first due weekday of each week."""
    return bool(channel.days) and day.weekday() == min(channel.days)


def due(
    channels: Iterable[StudyChannel],
    now: datetime,
    settled: set[tuple[str, str, str]] | frozenset[tuple[str, str, str]] = frozenset(),
) -> list[DuePost]:
    """Posts due at `now` (UTC) that are not in `settled`: today's, local to each channel."""
    found: list[DuePost] = []
    today_in: dict[str, date] = {}
    for channel in channels:
        if channel.paused or not channel.days:
            continue
        today = today_in.get(channel.tz)
        if today is None:
            today = today_in[channel.tz] = local_day(now, zone(channel.tz))
        if today.weekday() not in channel.days:
            continue
        due_at = _due_at(channel.tz, today, channel.post_time)
        if now < due_at:
            continue
        kinds = (DIGEST, QUESTION) if is_digest_day(channel, today) else (QUESTION,)
        for kind in kinds:
            post = DuePost(channel, today, kind, due_at)
            if post.key not in settled:
                found.append(post)
    return found


@lru_cache(maxsize=4096)
def _due_at(tz: str, day: date, post_time: str) -> datetime:
    return occurrence(day, parse_hhmm(post_time), zone(tz))


def next_post_at(channel: StudyChannel, now: datetime) -> datetime | None:
    """The next time (UTC) after `now` this channel posts a question."""
    if not channel.days:
        return None
    tz = zone(channel.tz)
    today = local_day(now, tz)
    for offset in range(8):
        day = today + timedelta(days=offset)
        if is_due_day(channel, day):
            at = occurrence(day, parse_hhmm(channel.post_time), tz)
            if at > now:
                return at
    return None


def previous_due_days(channel: StudyChannel, before: date, count: int) -> list[date]:
    """The `count` due local dates before `before`, newest first (streaks skip non-due days)."""
    days: list[date] = []
    day = before
    while len(days) < count and channel.days:
        day -= timedelta(days=1)
        if is_due_day(channel, day):
            days.append(day)
    return days


def describe_days(days: tuple[int, ...]) -> str:
    if set(days) == set(range(7)):
        return "every day"
    if set(days) == set(range(5)):
        return "mon-fri"
    return ",".join(WEEKDAYS[d] for d in sorted(days))
