"""`prepbot slack`: serve Slack over Socket Mode or HTTP (`--mode`), through the process runner
(daily scheduler, health server, graceful SIGTERM).

A token Slack rejects ends the command with one line naming the variable (exit status 1)."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import click

from bot.cli.common import bot_from, db_option, knowledge_option


@click.command()
@click.option(
    "--mode",
    type=click.Choice(["socket", "http"]),
    default=None,
    help="Socket Mode (default when SLACK_APP_TOKEN is set) or HTTP on /slack/events.",
)
@click.option(
    "--host",
    default=None,
    help="HTTP mode: address to listen on (default: PREPBOT_HTTP_HOST, else 127.0.0.1).",
)
@click.option("--port", default=3000, show_default=True, type=int, help="HTTP mode: port to listen on.")
@db_option
@knowledge_option
def slack(mode: str | None, host: str | None, port: int, db: str | None, knowledge: Path | None) -> None:
    """Run prepbot in Slack."""
    from adapters.slack.service import SlackService
    from bot.cli.runner import run_service
    from bot.service import StartupError

    bot = bot_from(db, knowledge)
    logging.getLogger("prepbot.slack").setLevel(logging.INFO)
    try:
        service = SlackService(bot, bot.settings, mode=mode, host=host, port=port)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    where = f" on http://{service.host}:{port}/slack/events" if service.mode == "http" else ""
    click.echo(
        f"prepbot is starting Slack ({service.mode} mode{where}); stop with Ctrl-C or SIGTERM", err=True
    )
    try:
        asyncio.run(run_service(bot, bot.settings, service))
    except StartupError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        bot.stores.db.dispose()
