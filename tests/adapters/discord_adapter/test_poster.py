"""The daily post: idempotent through Discord's nonce (D8), with a thread to answer in."""

from __future__ import annotations

import pytest

from adapters.discord.poster import nonce_for
from adapters.discord.service import DiscordService
from bot.messages import ChannelRef, Reply, Section
from tests.adapters.discord_adapter.fake_discord import CHANNEL_ID, GUILD_ID, FakeDiscord

STUDY = ChannelRef("discord", str(CHANNEL_ID), team=str(GUILD_ID))
DAILY = Reply(
    title="Daily question · 5 Jan", sections=(Section(text="What is eager execution?"),), start_thread=True
)


@pytest.mark.asyncio
async def test_a_resent_daily_post_returns_the_first_message(
    service: DiscordService, fake: FakeDiscord
) -> None:
    key = f"daily:{STUDY.key}:2026-01-05"
    first = await service.poster.post(STUDY, DAILY, idempotency_key=key)
    again = await service.poster.post(STUDY, DAILY, idempotency_key=key)
    sends = [c for c in fake.calls if c.method == "POST" and c.path == f"/channels/{CHANNEL_ID}/messages"]
    assert len(sends) == 2 and first == again
    assert len(fake.threads) == 1
    nonces = {c.body["nonce"] for c in sends}
    assert len(nonces) == 1 and len(nonces.pop()) <= 25
    assert all(c.body["enforce_nonce"] is True for c in sends)
    assert sends[0].body["embeds"][0]["description"] == "What is eager execution?"
    assert sends[0].body["allowed_mentions"] == {"parse": []}


@pytest.mark.asyncio
async def test_the_daily_post_opens_its_answer_thread_on_itself(
    service: DiscordService, fake: FakeDiscord
) -> None:
    posted = await service.poster.post(STUDY, DAILY, idempotency_key="daily:x:2026-01-06")
    [thread] = fake.posts("/threads")
    assert thread.path == f"/channels/{CHANNEL_ID}/messages/{posted}/threads"
    assert thread.body["name"] == "Daily question · 5 Jan"
    assert service.poster.platform == "discord"


def test_nonces_are_short_stable_and_distinct_per_post_and_part() -> None:
    a = nonce_for("daily:discord:1:2:2026-01-05")
    assert a == nonce_for("daily:discord:1:2:2026-01-05") and len(a) <= 25
    assert a != nonce_for("daily:discord:1:2:2026-01-06")
    assert a != nonce_for("daily:discord:1:2:2026-01-05", part=1)
