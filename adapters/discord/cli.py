"""`prepbot discord`: serve Discord (slash commands, mentions, buttons, daily posts)."""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import signal
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import click
from discord import LoginFailure

from bot.app import Prepbot
from bot.commands.common import bot_from, db_option, knowledge_option
from bot.config import Settings

Runner = Callable[[Prepbot, Settings, Any], Awaitable[None]]


@click.command("discord")
@db_option
@knowledge_option
def discord_command(db: str | None, knowledge: Path | None) -> None:
    """Run prepbot on Discord (needs DISCORD_TOKEN; DISCORD_GUILD_ID syncs commands to one server)."""
    from adapters.discord.service import DiscordService

    prepbot = bot_from(db, knowledge)
    if prepbot.settings.discord_token is None:
        raise click.UsageError("DISCORD_TOKEN is not set (see docs/discord.md).")
    service = DiscordService(prepbot, prepbot.settings)
    try:
        asyncio.run(runner()(prepbot, prepbot.settings, service))
    except LoginFailure as exc:
        raise click.ClickException("Discord rejected DISCORD_TOKEN: reset it in the Developer Portal "
                                   "(see docs/discord.md).") from exc


def runner() -> Runner:
    """`bot.runner.run_service` (scheduler, health server, SIGTERM) where it exists, else serve()."""
    try:
        module = importlib.import_module("bot.runner")
    except ImportError:
        return serve
    run: Runner = module.run_service
    return run


async def serve(bot: Prepbot, settings: Settings, service: Any) -> None:
    """Run `service` until SIGTERM/SIGINT or until it fails for good, then stop it cleanly."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(signum, stop.set)
    await service.start()
    waiter = asyncio.create_task(stop.wait())
    watched = {waiter} | ({service.task} if getattr(service, "task", None) is not None else set())
    await asyncio.wait(watched, return_when=asyncio.FIRST_COMPLETED)
    waiter.cancel()
    await service.stop()
