"""Mentions driven by dpytest 0.7.0 (it drives messages on discord.py 2.7.1, but neither sharded
clients nor slash commands: those run against the fake Discord in the other tests)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import discord
import discord.ext.test as dpytest
import pytest
import pytest_asyncio
from discord.client import _LoopSentinel

from adapters.discord.client import SingleShardClient
from tests.adapters.discord_adapter.harness import RecordingPrepbot, recording_bot


@pytest_asyncio.fixture
async def configured(tmp_path: Path) -> AsyncIterator[tuple[SingleShardClient, RecordingPrepbot]]:
    core = recording_bot(tmp_path / "db.sqlite")
    # dpytest only finds mentioned members in its member cache, which needs the members intent.
    client = SingleShardClient(core, core.settings, intents=discord.Intents.all())
    if isinstance(client.loop, _LoopSentinel):
        await client._async_setup_hook()
    dpytest.configure(client, guilds=1, text_channels=["general"], members=["ana"])
    yield client, core
    await dpytest.empty_queue()
    core.stores.db.dispose()


@pytest.mark.asyncio
async def test_a_mention_gets_an_embed_answer_and_chatter_gets_none(
    configured: tuple[SingleShardClient, RecordingPrepbot],
) -> None:
    client, core = configured
    assert client.user is not None
    await dpytest.message(f"<@{client.user.id}> help")
    answer = dpytest.get_message()
    assert answer.embeds and answer.embeds[0].title
    assert [m.text for m in core.seen] == ["help"], "the adapter strips its mention markup"
    assert core.seen[0].user.name.startswith("ana")

    await dpytest.message("lunch anyone?")
    assert dpytest.verify().message().nothing()
    assert len(core.seen) == 1
