"""Fixtures: a fake Discord on 127.0.0.1 and the real prepbot client connected to it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import discord
import pytest
import pytest_asyncio
import yarl
from discord.gateway import DiscordWebSocket

from adapters.discord.backoff import RestartGuard
from adapters.discord.service import DiscordService
from bot.app import Prepbot, build
from bot.config import Settings, load_settings
from tests.adapters.discord_adapter.fake_discord import FakeDiscord


def settings_for(db_file: Path, **extra: object) -> Settings:
    values = {"database_url": f"sqlite:///{db_file}", "discord_token": "fake-token", "rate_limit_per_10s": 0}
    return load_settings({**values, **extra}, environ={})


@pytest_asyncio.fixture
async def fake(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[FakeDiscord]:
    server = FakeDiscord()
    await server.start()
    monkeypatch.setattr(discord.http.Route, "BASE", server.api_base)
    monkeypatch.setattr(DiscordWebSocket, "DEFAULT_GATEWAY", yarl.URL(server.ws_url))
    yield server
    await server.close()


async def no_sleep(seconds: float) -> None:
    return None


async def start_service(bot: Prepbot, fake: FakeDiscord) -> DiscordService:
    guard = RestartGuard(sleep=no_sleep, max_failures=3, jitter=lambda delay: 0.0)
    service = DiscordService(bot, bot.settings, guard=guard, guild_ready_timeout=0.01)
    await service.start()
    return service


@pytest.fixture
def prepbot_bot(tmp_path: Path) -> Prepbot:
    return build(settings_for(tmp_path / "prepbot.db"))


@pytest_asyncio.fixture
async def service(prepbot_bot: Prepbot, fake: FakeDiscord) -> AsyncIterator[DiscordService]:
    running = await start_service(prepbot_bot, fake)
    yield running
    await running.stop()
    prepbot_bot.stores.db.dispose()
