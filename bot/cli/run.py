"""`prepbot run [--adapter console|slack|discord]`: serve one platform with the daily scheduler,
the health/metrics server and graceful SIGTERM handling (bot/runner.py)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import click

from bot.app import Prepbot
from bot.cli.common import bot_from, db_option, knowledge_option
from bot.cli.runner import run_service
from bot.service import StartupError

ADAPTERS = ("console", "slack", "discord")


def make_service(adapter: str, bot: Prepbot, channel: str = "console") -> Any:
    """The Service for `adapter`; platform libraries are imported only for the one chosen."""
    if adapter == "slack":
        from adapters.slack.service import SlackService

        return SlackService(bot, bot.settings)
    if adapter == "discord":
        from adapters.discord.service import DiscordService

        if not bot.settings.discord_token:
            raise ValueError("DISCORD_TOKEN is not set")
        return DiscordService(bot, bot.settings)
    from adapters.console.poster import ConsoleService

    return ConsoleService(bot, bot.settings, channel=channel)


@click.command()
@click.option(
    "--adapter",
    type=click.Choice(ADAPTERS),
    default=None,
    help="Platform to serve (default: PREPBOT_ADAPTER, else console).",
)
@click.option(
    "--channel", default="console", show_default=True, help="Console: the channel lines are said in."
)
@db_option
@knowledge_option
def run(adapter: str | None, channel: str, db: str | None, knowledge: Path | None) -> None:
    """Run prepbot until SIGTERM/SIGINT (console: also until standard input ends)."""
    bot = bot_from(db, knowledge)
    chosen = (adapter or bot.settings.adapter or "console").lower()
    if chosen not in ADAPTERS:
        raise click.UsageError(f"unknown adapter {chosen!r} (choose {', '.join(ADAPTERS)})")
    try:
        service = make_service(chosen, bot, channel)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    try:
        asyncio.run(run_service(bot, bot.settings, service))
    except StartupError as exc:  # a rejected token: one line, exit status 1, no restart can help
        raise click.ClickException(str(exc)) from None
    finally:
        bot.stores.db.dispose()
