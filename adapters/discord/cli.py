"""`prepbot discord`: serve Discord (slash commands, mentions, buttons, daily posts) through the
process runner (daily scheduler, health server, graceful SIGTERM)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import click

from bot.cli.common import bot_from, db_option, knowledge_option


@click.command("discord")
@db_option
@knowledge_option
def discord_command(db: str | None, knowledge: Path | None) -> None:
    """Run prepbot on Discord (needs DISCORD_TOKEN; DISCORD_GUILD_ID syncs commands to one server)."""
    from adapters.discord.service import DiscordService
    from bot.cli.runner import run_service
    from bot.service import StartupError

    prepbot = bot_from(db, knowledge)
    if not prepbot.settings.discord_token:
        raise click.UsageError("DISCORD_TOKEN is not set (see docs/discord.md).")
    service = DiscordService(prepbot, prepbot.settings)
    try:
        asyncio.run(run_service(prepbot, prepbot.settings, service))
    except StartupError as exc:  # a rejected token: one line, exit status 1, no restart loop
        raise click.ClickException(str(exc)) from None
    finally:
        prepbot.stores.db.dispose()
