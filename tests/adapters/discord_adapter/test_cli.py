"""`prepbot discord` and the fallback runner (used until bot.runner exists)."""

from __future__ import annotations

import asyncio
import os
import signal
from pathlib import Path

import pytest
from click.testing import CliRunner

from adapters.discord import cli
from bot.cli import main
from tests.adapters.discord_adapter.harness import recording_bot


def test_without_a_token_it_says_what_is_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)
    result = CliRunner().invoke(main, ["discord", "--db", f"sqlite:///{tmp_path / 'db.sqlite'}"])
    assert result.exit_code == 2
    assert "DISCORD_TOKEN is not set" in result.output


class FakeService:
    """A Service that serves until stopped, recording what the runner did."""

    def __init__(self) -> None:
        self.events: list[str] = []
        self.task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        self.events.append("start")
        self.task = asyncio.create_task(asyncio.Event().wait())

    async def stop(self) -> None:
        self.events.append("stop")
        assert self.task is not None
        self.task.cancel()


@pytest.mark.asyncio
async def test_serve_stops_the_service_cleanly_on_sigterm(tmp_path: Path) -> None:
    bot = recording_bot(tmp_path / "db.sqlite")
    service = FakeService()
    loop = asyncio.get_running_loop()
    loop.call_later(0.05, os.kill, os.getpid(), signal.SIGTERM)
    try:
        await asyncio.wait_for(cli.serve(bot, bot.settings, service), 5)
    finally:
        loop.remove_signal_handler(signal.SIGTERM)
        loop.remove_signal_handler(signal.SIGINT)
        bot.stores.db.dispose()
    assert service.events == ["start", "stop"]


def test_the_runner_is_the_shared_one_when_it_exists() -> None:
    try:
        from bot.runner import run_service
    except ImportError:
        assert cli.runner() is cli.serve
    else:
        assert cli.runner() is run_service
