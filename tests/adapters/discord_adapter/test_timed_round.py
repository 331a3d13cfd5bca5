"""A timed interview round through Discord: gateway MESSAGE_CREATE events into the real discord.py
client over a local fake Discord. Started by mention in a channel, the round runs in the thread the
bot opens; grades are personal (sent to the person's DMs). Runs on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from tests.adapters.discord_adapter import payloads
from tests.adapters.discord_adapter.conftest import start_service
from tests.adapters.discord_adapter.fake_discord import CHANNEL_ID, GUILD_ID, FakeDiscord
from tests.bot.practice.conftest import make_bot
from tests.bot.practice.kbs import SEED_CURATED, seed_kb
from tests.bot.practice.round_script import Player, play
from tests.fakes import FakeClock


def _text(body: dict[str, Any]) -> str:
    parts = [str(body.get("content") or "")]
    for embed in body.get("embeds") or []:
        parts += [embed.get("title", ""), embed.get("description", "")]
        parts += [f"{f['name']}\n{f['value']}" for f in embed.get("fields", [])]
        parts.append((embed.get("footer") or {}).get("text", ""))
    return "\n".join(parts)


@pytest.mark.asyncio
async def test_a_timed_round_in_a_discord_thread(db_url: str, fake: FakeDiscord) -> None:
    clock = FakeClock()
    bot = make_bot(db_url, seed_kb(SEED_CURATED), clock, discord_token="fake-token")
    service = await start_service(bot)
    thread: list[str] = []
    try:

        async def say(text: str) -> str:
            before = len(fake.sent_messages())
            where = thread[0] if thread else str(CHANNEL_ID)
            await fake.dispatch("MESSAGE_CREATE", payloads.chat(text, channel_id=where, mention=not thread))
            await fake.wait_for(lambda: len(fake.sent_messages()) > before)
            if text.startswith("mock"):
                await fake.wait_for(lambda: bool(fake.threads))
                thread.append(next(iter(fake.threads)))
            await asyncio.sleep(0.05)  # a long reply may come in more than one message
            return "\n".join(_text(body) for body in fake.sent_messages()[before:])

        user_key = f"discord:{payloads.ANA[0]}"
        player = Player(say, lambda: bot, user_key, f"discord:{GUILD_ID}:{CHANNEL_ID}", clock)
        card = await play(player)
        assert "1b. Follow-up" in card
        grades = fake.direct_messages(payloads.ANA[0])
        assert any("Score:" in _text(m) for m in grades)  # personal grades went to her DMs
    finally:
        await service.stop()
        bot.stores.db.dispose()
