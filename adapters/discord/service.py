"""`DiscordService`: the Discord connection as the process runner sees it (bot/service.py).

A token Discord rejects (401 at login) ends the service at once with a `StartupError`, no restart;
other failures restart with back-off (adapters/discord/backoff.py). `stop()` ends every state
promptly: connected, logging in, reconnecting, or waiting out a restart back-off.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import discord

from adapters.discord.backoff import RestartGuard
from adapters.discord.client import PrepbotClient
from adapters.discord.poster import DiscordPoster
from bot.service import StartupError

if TYPE_CHECKING:
    from bot.app import Prepbot
    from bot.config import Settings

log = logging.getLogger("prepbot.discord")

DRAIN_SECONDS = 4.5  # replies in flight get this long to finish on stop (the process ends < 10 s)
CLOSE_SECONDS = 1.0  # then the connection gets this long to close before its task is cancelled
REJECTED_TOKEN = (
    "Discord rejected DISCORD_TOKEN: copy the bot token from the Developer Portal "
    "(Bot › Reset Token) into DISCORD_TOKEN (see docs/discord.md)."
)
REFUSED_INTENTS = (
    "Discord refused the bot's gateway intents: check Bot › Privileged Gateway Intents "
    "in the Developer Portal (see docs/discord.md)."
)
ClientFactory = Callable[..., PrepbotClient]


class ConnectionEnded(RuntimeError):
    """Discord closed the connection without being asked to: restart it (with back-off)."""


class DiscordService:
    def __init__(
        self,
        bot: Prepbot,
        settings: Settings,
        *,
        client_factory: ClientFactory = PrepbotClient,
        guard: RestartGuard | None = None,
        **client_options: Any,
    ) -> None:
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
        self._task = asyncio.create_task(self._serve(), name="prepbot-discord")
        ready = asyncio.create_task(self._ready.wait())
        await asyncio.wait({ready, self._task}, return_when=asyncio.FIRST_COMPLETED)
        ready.cancel()
        if self._task.done():
            self._task.result()

    async def stop(self) -> None:
        """Stop: let replies in flight finish (bounded), then disconnect (bounded).

        A task still logging in, reconnecting or sleeping out a restart back-off is cancelled.
        """
        self._stopping = True
        client = self.client
        if client is not None:
            await _drain(client, DRAIN_SECONDS)
            try:
                await asyncio.wait_for(client.close(), CLOSE_SECONDS)
            except TimeoutError:
                log.warning("the Discord connection did not close within %.0f s", CLOSE_SECONDS)
        task = self._task
        if task is None:
            return
        if not task.done():
            await asyncio.wait({task}, timeout=CLOSE_SECONDS)
        if not task.done():
            task.cancel()
            await asyncio.wait({task}, timeout=CLOSE_SECONDS)
        if task.done() and not task.cancelled():
            error = task.exception()
            if error is not None and not isinstance(error, StartupError):
                log.error(
                    "the Discord connection had ended with an error (%s)",
                    type(error).__name__,
                    exc_info=error,
                )

    async def _serve(self) -> None:
        """Run the client (restarting with back-off); a rejected token or intent is a StartupError."""
        try:
            await self._guard.run(self._run_once)
        except discord.LoginFailure:
            raise StartupError(REJECTED_TOKEN) from None
        except discord.PrivilegedIntentsRequired:
            raise StartupError(REFUSED_INTENTS) from None

    async def _run_once(self) -> None:
        assert self.settings.discord_token is not None
        token = self.settings.discord_token.get_secret_value()
        while not self._stopping:
            client = self._factory(
                self.bot,
                self.settings,
                message_content=self.message_content,
                on_ready_callback=self._ready.set,
                **self._options,
            )
            self.client = client
            try:
                async with client:
                    await client.start(token)
            except discord.PrivilegedIntentsRequired:
                if not self.message_content:
                    raise
                log.warning(
                    "Discord refused the message-content intent (enable it in the Developer "
                    "Portal to answer mentions); retrying on slash commands alone."
                )
                self.message_content = False
                continue
            if not self._stopping:
                raise ConnectionEnded("Discord closed the connection")


async def _drain(client: PrepbotClient, seconds: float) -> None:
    """Wait (at most `seconds`) until no reply is being made, including ones begun meanwhile; then
    cancel what is left, so a reply cut short ends quietly instead of failing on a closed session."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    while client.inflight and (left := deadline - loop.time()) > 0:
        await asyncio.wait(set(client.inflight), timeout=left)
    if client.inflight:
        unfinished = set(client.inflight)
        log.warning("stopping with %d replies unfinished", len(unfinished))
        for task in unfinished:
            task.cancel()
        await asyncio.wait(unfinished, timeout=CLOSE_SECONDS)
