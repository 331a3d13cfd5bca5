"""The Discord service under the shared process runner (scheduler, health, clean stop)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from adapters.discord.service import DiscordService
from tests.adapters.discord_adapter import payloads
from tests.adapters.discord_adapter.conftest import no_sleep
from tests.adapters.discord_adapter.fake_discord import APP_ID, FakeDiscord
from tests.adapters.discord_adapter.harness import recording_bot

runner = pytest.importorskip("bot.cli.runner")


@pytest.mark.asyncio
async def test_run_service_serves_discord_until_told_to_stop(tmp_path: Path, fake: FakeDiscord) -> None:
    from adapters.discord.backoff import RestartGuard

    core = recording_bot(tmp_path / "db.sqlite")
    service = DiscordService(
        core, core.settings, guard=RestartGuard(sleep=no_sleep, max_failures=2), guild_ready_timeout=0.01
    )
    stopping = asyncio.Event()
    running = asyncio.create_task(runner.run_service(core, core.settings, service, stopping=stopping))
    try:
        await fake.wait_for(
            lambda: fake.identifies and service.client is not None and service.client.is_ready()
        )
        command = payloads.slash("daily")
        await fake.dispatch("INTERACTION_CREATE", command)
        await fake.wait_for(lambda: fake.posts(f"/webhooks/{APP_ID}/{command['token']}"))
    finally:
        stopping.set()
        await asyncio.wait_for(running, 10)
        core.stores.db.dispose()
    assert service.client is not None and service.client.is_closed()
    assert service.task is not None and service.task.done()
