"""due() and the scheduler loop over time: one post per due local date, DST gaps and overlaps,
late posts after downtime, nothing for a day that is over."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import UTC, date, datetime, time, timedelta

import pytest

from bot.app import Prepbot
from bot.daily.due import due, occurrence, zone
from bot.daily.scheduler import DailyScheduler
from bot.storage.channels import StudyChannel
from tests.bot.daily.conftest import FakeClock, RecordingPoster

NY, BERLIN = "America/New_York", "Europe/Berlin"


def study(
    key: str, at: str, tz: str, days: tuple[int, ...] = tuple(range(7)), platform: str = "slack"
) -> StudyChannel:
    return StudyChannel(
        channel_key=f"{platform}:T1:{key}",
        platform=platform,
        channel_id=key,
        team="T1",
        post_time=at,
        tz=tz,
        days=days,
    )


def test_a_time_in_the_spring_gap_posts_at_the_end_of_the_gap() -> None:
    at = occurrence(date(2026, 3, 8), time(2, 30), zone(NY))
    assert at == datetime(2026, 3, 8, 7, 0, tzinfo=UTC)  # 03:00 EDT, the first valid instant
    assert at.astimezone(zone(NY)).strftime("%H:%M") == "03:00"
    berlin = occurrence(date(2026, 3, 29), time(2, 30), zone(BERLIN))
    assert berlin.astimezone(zone(BERLIN)).strftime("%H:%M %Z") == "03:00 CEST"


def test_an_ambiguous_time_posts_at_its_first_occurrence() -> None:
    at = occurrence(date(2026, 11, 1), time(1, 30), zone(NY))
    assert at == datetime(2026, 11, 1, 5, 30, tzinfo=UTC)  # 01:30 EDT, not 01:30 EST an hour later


def test_due_only_today_local_and_only_after_the_time() -> None:
    tokyo = study("C1", "09:00", "Asia/Tokyo", days=(0, 1, 2, 3, 4))
    monday_0830_tokyo = datetime(2026, 1, 4, 23, 30, tzinfo=UTC)
    assert due([tokyo], monday_0830_tokyo) == []
    posts = due([tokyo], monday_0830_tokyo + timedelta(minutes=31))
    assert [(p.day, p.kind) for p in posts] == [(date(2026, 1, 5), "digest"), (date(2026, 1, 5), "question")]
    saturday = datetime(2026, 1, 10, 3, 0, tzinfo=UTC)
    assert due([tokyo], saturday) == []


def test_settled_posts_are_not_due_again() -> None:
    channel = study("C1", "09:00", "UTC", days=(2,))
    now = datetime(2026, 1, 7, 10, 0, tzinfo=UTC)
    keys = {p.key for p in due([channel], now)}
    assert due([channel], now, keys) == []


def _walk(bot: Prepbot, clock: FakeClock, poster: RecordingPoster, until: datetime, step: timedelta) -> None:
    scheduler = DailyScheduler(bot.stores, bot.bank.questions, poster, clock)

    async def walk() -> None:
        while clock.current < until:
            await scheduler.tick()
            clock.current += step

    asyncio.run(walk())


@pytest.mark.slow
@pytest.mark.parametrize(
    "start", [datetime(2026, 2, 20, tzinfo=UTC), datetime(2026, 9, 20, tzinfo=UTC)], ids=["spring", "autumn"]
)
def test_sixty_days_across_dst_one_post_per_due_local_date(
    bot: Prepbot, clock: FakeClock, start: datetime
) -> None:
    channels = [
        study("NY0930", "09:30", NY),
        study("NY0230", "02:30", NY),
        study("NY0130", "01:30", NY),
        study("BE0230", "02:30", BERLIN),
        study("BE0800wk", "08:00", BERLIN, days=(0, 1, 2, 3, 4)),
    ]
    for channel in channels:
        bot.stores.channels.save(channel, "boss", start)
    clock.current = start
    poster = RecordingPoster()
    end = start + timedelta(days=60)
    _walk(bot, clock, poster, end, timedelta(minutes=30))

    posted = Counter(key for _c, _r, key in poster.questions())
    assert max(posted.values()) == 1, "a channel got two questions for one local date"
    for channel in channels:
        tz = zone(channel.tz)
        first, last = start.astimezone(tz).date(), (end - timedelta(minutes=30)).astimezone(tz).date()
        expected = set()
        day = first
        while day <= last:
            at = occurrence(day, time.fromisoformat(channel.post_time), tz)
            # a post whose time had passed when the bot started still goes out (late) that day
            if day.weekday() in channel.days and (start <= at or day == first) and at < end:
                expected.add(f"daily:{channel.channel_key}:{day.isoformat()}:question")
            day += timedelta(days=1)
        got = {key for key in posted if f":{channel.channel_key}:" in key}
        assert got == expected, channel.channel_key


def test_dst_change_days_post_at_the_promised_local_time(bot: Prepbot, clock: FakeClock) -> None:
    gap = study("GAP", "02:30", NY)
    bot.stores.channels.save(gap, "boss", clock.now())
    clock.current = datetime(2026, 3, 8, 6, 0, tzinfo=UTC)  # 01:00 EST on the spring-forward day
    poster = RecordingPoster()
    scheduler = DailyScheduler(bot.stores, bot.bank.questions, poster, clock)
    sent_at: list[datetime] = []
    while clock.current < datetime(2026, 3, 8, 9, 0, tzinfo=UTC):
        if asyncio.run(scheduler.tick()) and "question" in poster.posts[-1][2]:
            sent_at.append(clock.current)
        clock.advance(minutes=1)
    assert [t.astimezone(zone(NY)).strftime("%H:%M") for t in sent_at] == ["03:00"]


def test_bot_down_at_post_time_posts_late_once_and_says_so(bot: Prepbot, clock: FakeClock) -> None:
    bot.stores.channels.save(study("LATE", "09:00", "UTC", days=(0, 1, 2, 3, 4, 5, 6)), "boss", clock.now())
    clock.current = datetime(2026, 1, 6, 9, 7, tzinfo=UTC)  # down from 09:00 to 09:07: the first tick after
    poster = RecordingPoster()
    scheduler = DailyScheduler(bot.stores, bot.bank.questions, poster, clock)
    asyncio.run(scheduler.tick())
    clock.current = datetime(2026, 1, 6, 15, 0, tzinfo=UTC)
    asyncio.run(scheduler.tick())
    assert len(poster.questions()) == 1
    assert "late" not in poster.questions()[0][1].footer.lower()  # 7 min: within the grace

    clock.current = datetime(2026, 1, 7, 16, 30, tzinfo=UTC)  # down all morning the next day
    asyncio.run(DailyScheduler(bot.stores, bot.bank.questions, poster, clock).tick())
    late = poster.questions()[-1][1]
    assert len(poster.questions()) == 2 and "Posted late (7 h 30 min" in late.footer


def test_a_day_that_is_over_while_down_is_not_posted(bot: Prepbot, clock: FakeClock) -> None:
    bot.stores.channels.save(study("OVER", "09:00", "UTC", days=(1,)), "boss", clock.now())  # Tuesdays
    clock.current = datetime(2026, 1, 7, 0, 5, tzinfo=UTC)  # Wednesday: Tuesday is over
    poster = RecordingPoster()
    asyncio.run(DailyScheduler(bot.stores, bot.bank.questions, poster, clock).tick())
    assert poster.posts == []
    assert bot.stores.channels.post("slack:T1:OVER", "2026-01-06") is None


def test_paused_channels_get_nothing(bot: Prepbot, clock: FakeClock) -> None:
    bot.stores.channels.save(_paused(study("PAUSED", "09:00", "UTC")), "boss", clock.now())
    clock.current = datetime(2026, 1, 6, 12, 0, tzinfo=UTC)
    poster = RecordingPoster()
    asyncio.run(DailyScheduler(bot.stores, bot.bank.questions, poster, clock).tick())
    assert poster.posts == []


def _paused(channel: StudyChannel) -> StudyChannel:
    from dataclasses import replace

    return replace(channel, paused=True)
