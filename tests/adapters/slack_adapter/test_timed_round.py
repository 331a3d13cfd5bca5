"""A timed interview round through Slack: signed events into the real bolt app (HTTP mode) with a
local fake Web API, in the thread the round opens in a channel; replies read as Block Kit text.
Runs on SQLite and PostgreSQL (`db_url`)."""

from __future__ import annotations

import asyncio

import aiohttp
import pytest

from adapters.slack.service import SlackService
from tests.adapters.slack_adapter.conftest import ALICE, GENERAL, SlackSide, slack_settings
from tests.adapters.slack_adapter.fake_slack import TEAM, FakeSlack, texts
from tests.bot.practice.conftest import make_bot
from tests.bot.practice.kbs import SEED_CURATED, seed_kb
from tests.bot.practice.round_script import Player, play
from tests.fakes import FakeClock


@pytest.mark.asyncio
async def test_a_timed_round_in_a_slack_thread(db_url: str) -> None:
    clock = FakeClock()
    bot = make_bot(db_url, seed_kb(SEED_CURATED), clock)
    fake = FakeSlack().start()
    service = SlackService(
        bot, slack_settings(db_url, fake.api_url), mode="http", host="127.0.0.1", port=0, pace_seconds=0.0
    )
    await service.start()
    thread: list[str] = []
    try:
        async with aiohttp.ClientSession() as session:
            side = SlackSide(f"http://127.0.0.1:{service.port}/slack/events", fake, session)

            async def say(text: str) -> str:
                before = len(fake.replies())
                if thread:
                    event = side.message(text, user=ALICE, thread_ts=thread[0])
                else:
                    event = side.mention(text, user=ALICE)
                    if text.startswith("mock"):
                        thread.append(event["ts"])  # the round's thread hangs under the command
                assert (await side.event(event)).status == 200
                await fake.wait_for(lambda: len(fake.replies()) > before)
                await asyncio.sleep(0.05)  # a long reply may come in more than one post
                calls = fake.replies()[before:]
                if thread:
                    assert all(c.body.get("thread_ts") == thread[0] for c in calls if "thread_ts" in c.body)
                return "\n".join(texts(call) for call in calls)

            player = Player(say, lambda: bot, f"slack:{ALICE}", f"slack:{TEAM}:{GENERAL}", clock)
            card = await play(player)
            scorecards = [c for c in fake.replies() if "Round complete: scorecard" in texts(c)]
            assert scorecards and any(
                b.get("type") == "header" for b in scorecards[-1].body.get("blocks", [])
            )
            assert "1b. Follow-up" in card
    finally:
        await service.stop()
        fake.close()
        bot.stores.db.dispose()


@pytest.mark.asyncio
async def test_slash_mock_interview_starts_a_timed_round_in_a_dm(db_url: str) -> None:
    clock = FakeClock()
    bot = make_bot(db_url, seed_kb(SEED_CURATED), clock)
    fake = FakeSlack().start()
    service = SlackService(
        bot, slack_settings(db_url, fake.api_url), mode="http", host="127.0.0.1", port=0, pace_seconds=0.0
    )
    await service.start()
    try:
        async with aiohttp.ClientSession() as session:
            side = SlackSide(f"http://127.0.0.1:{service.port}/slack/events", fake, session)
            answer = await side.command("/mock", "interview 3 hard 4", channel="D0ALICE")
            assert answer.status == 200
            await asyncio.sleep(0.1)
            # A quick answer rides on the ack; a slower one comes by response_url or a post.
            shown = answer.text + "\n".join(texts(c) for c in fake.replies())
            assert "Question 1 of 3" in shown
            assert "Timed interview: 3 questions, 4 minutes each" in shown and "4:00" in shown
            stored = bot.stores.practice.get_session(f"slack:{ALICE}", f"slack:{TEAM}:D0ALICE")
            assert stored is not None and stored.count == 3 and stored.seconds == 240
            assert stored.asked_at == clock.now()
    finally:
        await service.stop()
        fake.close()
        bot.stores.db.dispose()
