"""`DiscordService`: the Discord connection as the process runner sees it (bot/service.py)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import discord

from adapters.discord.backoff import RestartGuard
from adapters.discord.client import PrepbotClient
from adapters.discord.poster import DiscordPoster

if TYPE_CHECKING:
    from bot.app import Prepbot
    from bot.config import Settings

log = logging.getLogger("prepbot.discord")

DRAIN_SECONDS = 20.0  # replies in flight get this long to finish on stop (K8s gives 30 s)
ClientFactory = Callable[..., PrepbotClient]


class ConnectionEnded(RuntimeError):
    """Discord closed the connection without being asked to: restart it (with back-off)."""


class DiscordService:
    def __init__(self, bot: Prepbot, settings: Settings, *, client_factory: ClientFactory = PrepbotClient,
                 guard: RestartGuard | None = None, **client_options: Any) -> None:
        self.bot = bot
        self.settings = settings
        self.client: PrepbotClient | None = None
        self.poster = DiscordPoster(lambda: self.client)
        self.message_content = True
        self._factory = client_factory
        self._options = client_options
        self._guard = guard or RestartGuard()
        self._ready = asyncio.Event()
        self._stopping = False
        self._task: asyncio.Task[None] | None = None

    @property
    def task(self) -> asyncio.Task[None] | None:
        """The task serving Discord; it ends only on stop() or an unrecoverable error."""
        return self._task

    async def start(self) -> None:
        """Log in and connect; returns once ready. Raises if the client fails for good first."""
        token = self.settings.discord_token
        if token is None or not token.get_secret_value().strip():
            raise ValueError("DISCORD_TOKEN is not set")
        self._task = asyncio.create_task(self._guard.run(self._run_once), name="prepbot-discord")
        ready = asyncio.create_task(self._ready.wait())
        await asyncio.wait({ready, self._task}, return_when=asyncio.FIRST_COMPLETED)
        ready.cancel()
        if self._task.done():
            self._task.result()

    async def stop(self) -> None:
        """Stop: let replies in flight finish (bounded), then disconnect."""
        self._stopping = True
        client = self.client
        if client is not None:
            await _drain(client, DRAIN_SECONDS)
            await client.close()
        if self._task is not None:
            try:
                await self._task
            except asyncio.CancelledError:
                pass
            except Exception:  # already raised from start(), or the reason the runner is stopping us
                log.error("the Discord connection had ended with an error", exc_info=True)

    async def _run_once(self) -> None:
        assert self.settings.discord_token is not None
        token = self.settings.discord_token.get_secret_value()
        while not self._stopping:
            client = self._factory(self.bot, self.settings, message_content=self.message_content,
                                   on_ready_callback=self._ready.set, **self._options)
            self.client = client
            try:
                async with client:
                    await client.start(token)
            except discord.PrivilegedIntentsRequired:
                if not self.message_content:
                    raise
                log.warning("Discord refused the message-content intent (enable it in the Developer "
                            "Portal to answer mentions); retrying on slash commands alone.")
                self.message_content = False
                continue
            if not self._stopping:
                raise ConnectionEnded("Discord closed the connection")


async def _drain(client: PrepbotClient, seconds: float) -> None:
    """Wait (at most `seconds`) until no reply is being made, including ones begun meanwhile."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    while client.inflight and (left := deadline - loop.time()) > 0:
        await asyncio.wait(set(client.inflight), timeout=left)
    if client.inflight:
        log.warning("stopping with %d replies unfinished", len(client.inflight))
