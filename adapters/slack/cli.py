"""`prepbot slack`: serve Slack over Socket Mode or HTTP (`--mode`), through the process runner
(daily scheduler, health server, graceful SIGTERM)."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import click

from bot.commands.common import bot_from, db_option, knowledge_option


@click.command()
@click.option("--mode", type=click.Choice(["socket", "http"]), default=None,
              help="Socket Mode (default when SLACK_APP_TOKEN is set) or HTTP on /slack/events.")
@click.option("--host", default="0.0.0.0", show_default=True, help="HTTP mode: address to listen on.")
@click.option("--port", default=3000, show_default=True, type=int, help="HTTP mode: port to listen on.")
@db_option
@knowledge_option
def slack(mode: str | None, host: str, port: int, db: str | None, knowledge: Path | None) -> None:
    """Run prepbot in Slack."""
    from adapters.slack.service import SlackService
    from bot.runner import run_service

    bot = bot_from(db, knowledge)
    logging.getLogger("prepbot.slack").setLevel(logging.INFO)
    try:
        service = SlackService(bot, bot.settings, mode=mode, host=host, port=port)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    where = f" on http://{host}:{port}/slack/events" if service.mode == "http" else ""
    click.echo(f"prepbot is serving Slack ({service.mode} mode{where}); stop with Ctrl-C or SIGTERM", err=True)
    asyncio.run(run_service(bot, bot.settings, service))
