"""The whole daily loop over the bundled knowledge and the real matcher, as a team would use it."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from bot import plaintext
from bot.app import Prepbot, build
from bot.config import load_settings
from bot.daily.scheduler import DailyScheduler
from bot.intents import Intent
from tests.bot.daily.conftest import FakeClock, RecordingPoster, message


@pytest.fixture
def real_bot(db_url: str) -> Iterator[Prepbot]:
    settings = load_settings(
        {"database_url": db_url, "rate_limit_per_10s": 0, "admins": ["lead"]}, environ={}
    )
    bot = build(settings, clock=FakeClock(datetime(2026, 3, 27, 7, 0, tzinfo=UTC)))  # Friday before EU DST
    if not bot.bank.questions:
        pytest.skip("the bundled knowledge base has no questions yet")
    yield bot
    bot.stores.db.dispose()


def say(bot: Prepbot, channel: str, text: str, user: str = "ana", thread: str | None = None) -> str:
    reply = asyncio.run(bot.handle(message(channel, text, user=user, thread=thread)))
    assert reply is not None
    return plaintext.render(reply)


def test_a_team_week_in_a_study_channel(real_bot: Prepbot) -> None:
    clock: FakeClock = real_bot.clock  # type: ignore[assignment]
    refused = say(
        real_bot, "CTEAM", "/prep study on 09:00 tz Europe/Berlin days mon-fri topics keras", user="eve"
    )
    assert "Only admins" in refused
    setup = say(
        real_bot, "CTEAM", "/prep study on 09:00 tz Europe/Berlin days mon-fri topics keras", user="lead"
    )
    assert "mon-fri at 09:00 (Europe/Berlin)" in setup and "keras" in setup

    poster = RecordingPoster()
    scheduler = DailyScheduler(real_bot.stores, real_bot.bank.questions, poster, clock)
    clock.current = datetime(2026, 3, 27, 8, 0, tzinfo=UTC)  # 09:00 CET
    asyncio.run(scheduler.tick())
    friday = poster.questions()[-1][1]
    assert friday.start_thread and "keras" in friday.topics
    graded = asyncio.run(
        real_bot.handle(
            message(
                "CTEAM",
                "Keras is a high-level API that runs on TensorFlow, simple and user-friendly for beginners",
                thread="m1",
            )
        )
    )
    assert (
        graded is not None and graded.ephemeral and graded.intent is Intent.GRADE and graded.score is not None
    )
    again = say(real_bot, "CTEAM", "second try: Keras is easy", thread="m1")
    assert "Feedback only" in again and "does not change your score, your streak or the leaderboard" in again

    clock.current = datetime(2026, 3, 30, 7, 0, tzinfo=UTC)  # Monday 09:00 CEST, after the change
    asyncio.run(scheduler.tick())
    monday = plaintext.render(poster.questions()[-1][1])
    assert "A model answer" in monday and poster.questions()[-1][2].endswith("2026-03-30:question")
    assert len(poster.questions()) == 2  # nothing on the weekend
    board = say(real_bot, "CTEAM", "/prep leaderboard all", user="zoe")
    assert "Ana" in board
