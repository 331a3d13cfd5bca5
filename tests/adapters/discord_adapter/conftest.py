"""Fixtures: a fake Discord on 127.0.0.1 and the real prepbot client connected to it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import discord
import pytest
import pytest_asyncio
import yarl
from discord.gateway import DiscordWebSocket

from adapters.discord.backoff import RestartGuard
from adapters.discord.service import DiscordService
from bot.app import Prepbot
from tests.adapters.discord_adapter.fake_discord import FakeDiscord
from tests.adapters.discord_adapter.harness import RecordingPrepbot, recording_bot


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


async def start_service(bot: Prepbot, **options: Any) -> DiscordService:
    """The real DiscordService, connected to the fake (no real waits)."""
    guard = RestartGuard(sleep=no_sleep, max_failures=3, jitter=lambda delay: 0.0)
    service = DiscordService(bot, bot.settings, guard=guard, guild_ready_timeout=0.01, **options)
    await service.start()
    return service


@pytest.fixture
def core(tmp_path: Path) -> RecordingPrepbot:
    """The real core on a SQLite file, with the bundled knowledge."""
    return recording_bot(tmp_path / "prepbot.db")


@pytest_asyncio.fixture
async def service(core: RecordingPrepbot, fake: FakeDiscord) -> AsyncIterator[DiscordService]:
    running = await start_service(core)
    yield running
    await running.stop()
    core.stores.db.dispose()
