"""Mentions and thread messages (needs the message-content intent), and running without it (D5)."""

from __future__ import annotations

import logging
from pathlib import Path

import discord
import pytest

from adapters.discord.client import PrepbotClient
from adapters.discord.service import DiscordService
from tests.adapters.discord_adapter import payloads
from tests.adapters.discord_adapter.conftest import start_service
from tests.adapters.discord_adapter.fake_discord import APP_ID, BOT_ID, CHANNEL_ID, GUILD_ID, FakeDiscord
from tests.adapters.discord_adapter.harness import RecordingPrepbot, recording_bot

MENTION = f"<@{BOT_ID}>"


def channel_posts(fake: FakeDiscord, channel_id: object = CHANNEL_ID) -> list[dict[str, object]]:
    return [c.body for c in fake.calls if c.method == "POST" and c.path == f"/channels/{channel_id}/messages"]


@pytest.mark.asyncio
async def test_a_mention_is_answered_as_a_reply_without_pings(
    service: DiscordService, core: RecordingPrepbot, fake: FakeDiscord
) -> None:
    said = payloads.chat(f"{MENTION} compare pytorch and keras @everyone")
    await fake.dispatch("MESSAGE_CREATE", said)
    await fake.wait_for(lambda: channel_posts(fake))
    [body] = channel_posts(fake)
    assert str(body["message_reference"]["message_id"]) == said["id"]
    assert body["allowed_mentions"] == {"parse": [], "replied_user": False}
    assert body["embeds"]
    [message] = core.seen
    assert message.text == "compare pytorch and keras @everyone" and message.id == said["id"]  # markup gone
    assert (message.channel.id, message.channel.team, message.channel.is_direct) == (
        str(CHANNEL_ID),
        str(GUILD_ID),
        False,
    )


@pytest.mark.asyncio
async def test_chatter_not_for_the_bot_and_bot_messages_are_ignored(
    service: DiscordService, core: RecordingPrepbot, fake: FakeDiscord
) -> None:
    await fake.dispatch("MESSAGE_CREATE", payloads.chat("lunch anyone?", mention=False))
    other_bot = payloads.chat(f"{MENTION} help")
    other_bot["author"]["bot"] = True
    await fake.dispatch("MESSAGE_CREATE", other_bot)
    await fake.dispatch("MESSAGE_CREATE", payloads.chat(f"{MENTION} help", who=payloads.BEN))
    await fake.wait_for(lambda: channel_posts(fake))
    assert [m.user.name for m in core.seen] == ["ben"]


@pytest.mark.asyncio
async def test_messages_in_a_bot_thread_carry_the_thread_and_the_parent_channel(
    service: DiscordService, core: RecordingPrepbot, fake: FakeDiscord
) -> None:
    thread_id = "940000000000000001"
    await fake.dispatch("THREAD_CREATE", dict(payloads.thread_channel(thread_id), newly_created=True))
    await fake.dispatch(
        "MESSAGE_CREATE", payloads.chat("see you all at lunch later", channel_id=thread_id, mention=False)
    )
    await fake.dispatch("MESSAGE_CREATE", payloads.chat("", channel_id=thread_id, mention=False))
    await fake.dispatch("MESSAGE_CREATE", payloads.chat(f"{MENTION} help", channel_id=thread_id))
    await fake.wait_for(lambda: channel_posts(fake, thread_id))
    statement, mention = core.seen
    assert (statement.channel.id, statement.thread) == (str(CHANNEL_ID), thread_id)
    assert mention.thread == thread_id, "an empty message (no message-content intent) is not handed on"
    [answer] = channel_posts(fake, thread_id)
    assert answer["message_reference"]["message_id"] == int(mention.id), "only the mention is answered"


@pytest.mark.asyncio
async def test_without_the_message_content_intent_it_runs_on_slash_commands(
    tmp_path: Path, fake: FakeDiscord, caplog: pytest.LogCaptureFixture
) -> None:
    fake.refuse_message_content = True
    core = recording_bot(tmp_path / "db.sqlite")
    caplog.set_level(logging.WARNING, logger="prepbot.discord")
    service = await start_service(core)
    try:
        wanted = [discord.Intents._from_value(i["intents"]).message_content for i in fake.identifies]
        assert wanted == [True, False]
        assert service.message_content is False
        assert "message-content intent" in caplog.text
        command = payloads.slash("daily")
        await fake.dispatch("INTERACTION_CREATE", command)
        await fake.wait_for(lambda: fake.posts(f"/webhooks/{APP_ID}/{command['token']}"))
    finally:
        await service.stop()
        core.stores.db.dispose()


@pytest.mark.asyncio
async def test_identify_asks_for_message_content_and_no_member_lists(
    service: DiscordService, fake: FakeDiscord
) -> None:
    [identify] = fake.identifies
    intents = discord.Intents._from_value(identify["intents"])
    assert intents.message_content and intents.guild_messages and intents.dm_messages
    assert not intents.members and not intents.presences
    assert identify["token"] == "fake-token"


@pytest.mark.asyncio
async def test_a_process_runs_only_the_shards_it_is_given(tmp_path: Path, fake: FakeDiscord) -> None:
    class NoIdentifyPause(PrepbotClient):
        async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
            return None  # discord.py waits 5 s between shards' IDENTIFYs; not needed against the fake

    core = recording_bot(tmp_path / "db.sqlite", discord_shard_count=4, discord_shard_ids=[2, 3])
    service = await start_service(core, client_factory=NoIdentifyPause)
    try:
        assert sorted(tuple(i["shard"]) for i in fake.identifies) == [(2, 4), (3, 4)]
        assert not [c for c in fake.calls if c.path == "/gateway/bot"], "a fixed shard count asks nothing"
    finally:
        await service.stop()
        core.stores.db.dispose()
