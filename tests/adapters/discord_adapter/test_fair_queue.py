"""No one person stalls a Discord channel: the real client's channel messages take turns through the
channel's send budget (adapters/pacing.py), a flooder's excess is dropped before it queues and they
are told once, and slash commands (interaction follow-ups) never wait behind the queue.

The budget is held still (one token an hour) so what goes and what waits is decided by order alone.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

from adapters.discord import responder
from adapters.discord.service import DiscordService
from adapters.pacing import ChannelPacer
from tests.adapters.discord_adapter import payloads
from tests.adapters.discord_adapter.conftest import start_service
from tests.adapters.discord_adapter.fake_discord import APP_ID, BOT_ID, CHANNEL_ID, FakeDiscord, shown
from tests.adapters.discord_adapter.harness import RecordingPrepbot, recording_bot

MENTION = f"<@{BOT_ID}>"
HELD = 3600.0  # seconds a token: the budget does not move during a test
DROPPED = "send queue full: reply dropped"


@pytest_asyncio.fixture
async def running(
    db_url: str, tmp_path: Path, fake: FakeDiscord
) -> AsyncIterator[tuple[RecordingPrepbot, DiscordService]]:
    """The real core (SQLite and PostgreSQL) behind the real client, on a held budget."""
    responder.pace_with(ChannelPacer(interval=HELD, burst=2.0, per_person=3))
    core = recording_bot(tmp_path / "unused.db", database_url=db_url)
    service = await start_service(core)
    yield core, service
    if service.client is not None:  # replies still waiting for a turn that will not come
        for task in list(service.client.inflight):
            task.cancel()
    await service.stop()
    core.stores.db.dispose()


def channel_posts(fake: FakeDiscord) -> list[dict[str, object]]:
    return [c.body for c in fake.calls if c.method == "POST" and c.path == f"/channels/{CHANNEL_ID}/messages"]


def answered(fake: FakeDiscord) -> list[str]:
    """The ids of the chat messages the channel posts answer, in the order they were posted."""
    return [str(body["message_reference"]["message_id"]) for body in channel_posts(fake)]  # type: ignore[index]


def dropped(caplog: pytest.LogCaptureFixture) -> int:
    return sum(1 for r in caplog.records if r.getMessage() == DROPPED)


@pytest.mark.asyncio
async def test_a_flooder_gets_one_turn_and_one_notice_and_another_person_goes_next(
    running: tuple[RecordingPrepbot, DiscordService], fake: FakeDiscord, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="prepbot.discord")
    flood = [payloads.chat(f"{MENTION} help", who=payloads.ANA) for _ in range(10)]
    for said in flood:
        await fake.dispatch("MESSAGE_CREATE", said)
    # One answer goes, three wait their turn, six are dropped before they queue.
    await fake.wait_for(lambda: dropped(caplog) == 6 and fake.direct_messages(payloads.ANA[0]), timeout=30)
    assert len(answered(fake)) == 1 and answered(fake)[0] in {m["id"] for m in flood}
    notices = fake.direct_messages(payloads.ANA[0])
    assert len(notices) == 1 and "Slow down" in shown(notices[0])  # told once, privately

    # A slash command is a webhook follow-up, outside the channel's queue: answered at once.
    command = payloads.slash("prep", sub="help", who=payloads.BEN)
    await fake.dispatch("INTERACTION_CREATE", command)
    await fake.wait_for(lambda: fake.posts(f"/webhooks/{APP_ID}/{command['token']}"), timeout=30)

    # Someone else's message goes before the flooder's queued three: the last token was kept.
    asked = payloads.chat(f"{MENTION} help", who=payloads.BEN)
    await fake.dispatch("MESSAGE_CREATE", asked)
    await fake.wait_for(lambda: len(answered(fake)) == 2, timeout=30)
    assert answered(fake)[1] == asked["id"]
    await asyncio.sleep(0.2)  # nothing else gets through a held budget
    assert len(answered(fake)) == 2 and len(fake.direct_messages(payloads.ANA[0])) == 1
    assert dropped(caplog) == 6


@pytest.mark.asyncio
async def test_with_direct_messages_closed_the_flooder_is_told_once_in_the_channel(
    running: tuple[RecordingPrepbot, DiscordService], fake: FakeDiscord, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="prepbot.discord")
    fake.dms_closed = True
    for _ in range(8):
        await fake.dispatch("MESSAGE_CREATE", payloads.chat(f"{MENTION} help", who=payloads.ANA))
    await fake.wait_for(lambda: dropped(caplog) == 4 and len(channel_posts(fake)) >= 2, timeout=30)
    await asyncio.sleep(0.2)  # nothing else gets through a held budget
    posts = channel_posts(fake)
    assert len(posts) == 2  # the one answer that went, and the notice
    assert sum("Slow down" in shown(body) for body in posts) == 1
    assert all(body["allowed_mentions"]["parse"] == [] for body in posts)  # type: ignore[index]


@pytest.mark.asyncio
async def test_the_discord_budget_never_sends_more_than_its_window_allows() -> None:
    pacer = ChannelPacer(interval=0.001, burst=2.0, window=(3, HELD))  # tokens flow; the window is full
    sent: list[str] = []

    async def send(person: str) -> None:
        async with pacer.slot("C1", person):
            sent.append(person)

    waiting = [asyncio.ensure_future(send(person)) for person in ("ana", "ben", "cy", "dee")]
    await asyncio.wait_for(asyncio.gather(*waiting[:3]), timeout=5)
    await asyncio.sleep(0.1)
    assert sent == ["ana", "ben", "cy"] and not waiting[3].done()  # a fourth waits for the window
    waiting[3].cancel()
    await asyncio.gather(waiting[3], return_exceptions=True)


def test_discords_own_budget_is_five_messages_in_five_seconds() -> None:
    budget = responder.discord_budget()
    assert budget.window == (5, 5.0)
    # The bucket alone would allow a burst plus one a second: the window is what keeps it within.
    assert budget.burst + 5.0 / budget.interval > 5
