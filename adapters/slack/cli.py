"""`prepbot slack`: serve Slack over Socket Mode or HTTP (`--mode`), with the daily scheduler and
health server when the process runner is available."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from pathlib import Path
from typing import TYPE_CHECKING

import click

from bot.app import Prepbot
from bot.commands.common import bot_from, db_option, knowledge_option
from bot.config import Settings

if TYPE_CHECKING:
    from adapters.slack.service import SlackService

log = logging.getLogger("prepbot.slack")


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

    bot = bot_from(db, knowledge)
    logging.getLogger("prepbot.slack").setLevel(logging.INFO)
    try:
        service = SlackService(bot, bot.settings, mode=mode, host=host, port=port)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    asyncio.run(_serve(bot, bot.settings, service))


async def _serve(bot: Prepbot, settings: Settings, service: SlackService) -> None:
    try:
        from bot.runner import run_service
    except ImportError:
        await run_until_signalled(service)
        return
    await run_service(bot, settings, service)


async def run_until_signalled(service: SlackService) -> None:
    """Serve until SIGTERM or SIGINT, then stop gracefully (finish replies in flight)."""
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stopping.set)
    await service.start()
    click.echo(f"prepbot is serving Slack ({service.mode} mode"
               + (f" on http://{service.host}:{service.port}/slack/events)" if service.mode == "http" else ")"))
    await stopping.wait()
    log.info("stopping")
    await service.stop()
