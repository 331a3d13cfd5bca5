"""A study channel on Discord: an admin turns it on, the scheduler posts the question with its
thread, and an answer in that thread is graded."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.daily.scheduler import DailyScheduler
from tests.adapters.discord_adapter import payloads
from tests.adapters.discord_adapter.conftest import start_service
from tests.adapters.discord_adapter.fake_discord import APP_ID, CHANNEL_ID, FakeDiscord, shown, thread_posts
from tests.adapters.discord_adapter.harness import recording_bot
from tests.conftest import FakeClock


@pytest.mark.asyncio
async def test_the_daily_question_is_posted_once_with_a_thread_where_answers_are_graded(
    tmp_path: Path, fake: FakeDiscord
) -> None:
    clock = FakeClock()  # Monday 2026-01-05 09:00 UTC
    core = recording_bot(tmp_path / "db.sqlite", clock=clock)
    service = await start_service(core)
    try:
        turn_on = payloads.slash(
            "prep-admin",
            payloads.options(settings="on 09:00 tz UTC"),
            sub="study",
            permissions=payloads.ADMIN,
        )
        await fake.dispatch("INTERACTION_CREATE", turn_on)
        await fake.wait_for(lambda: fake.posts(f"/webhooks/{APP_ID}/{turn_on['token']}"))

        scheduler = DailyScheduler(core.stores, core.bank.questions, service.poster, clock)
        assert len(await scheduler.tick()) == 1
        assert await scheduler.tick() == [], "posted once"
        [post] = [
            c for c in fake.calls if c.method == "POST" and c.path == f"/channels/{CHANNEL_ID}/messages"
        ]
        assert "Question of the day" in shown(post.body) and len(post.body["nonce"]) <= 25
        [thread] = fake.posts("/threads")
        thread_id = thread.path.split("/")[4]

        await fake.dispatch(
            "MESSAGE_CREATE",
            payloads.chat(
                "Keras is the high-level API; PyTorch is lower level", channel_id=thread_id, mention=False
            ),
        )
        await fake.wait_for(lambda: fake.direct_messages(payloads.ANA[0]))
        [graded] = fake.direct_messages(payloads.ANA[0])
        assert core.seen[-1].thread == thread_id
        assert "/100" in shown(graded), "the grade comes back privately, as the post promises"
        assert thread_posts(fake, thread_id) == [], "and is not shown in the shared thread"
    finally:
        await service.stop()
        core.stores.db.dispose()
