"""Restart guard: a crash loop must not burn Discord's 1,000 logins a day.

Each failed run of the client waits twice as long as the one before (capped); a run that stayed
up for a while resets the count, so a healthy bot that drops once restarts quickly.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import aiohttp
import discord

log = logging.getLogger("prepbot.discord")

# Errors a restart cannot fix: a bad token, or a shard setup Discord refuses.
FATAL: tuple[type[BaseException], ...] = (discord.LoginFailure, discord.PrivilegedIntentsRequired)
# Errors of the network, not of the code: logged as one line, without a traceback.
NETWORK: tuple[type[BaseException], ...] = (
    OSError,
    aiohttp.ClientError,
    TimeoutError,
    discord.GatewayNotFound,
)


@dataclass
class RestartGuard:
    """Runs `run_once` until it returns cleanly, sleeping base·2ⁿ⁻¹ s (≤ cap) after the nth failure.

    `sleep`, `clock` and `jitter` are injectable so tests can count sleeps without waiting.
    """

    base: float = 5.0
    cap: float = 1800.0  # a steady crash loop then logs in < 50 times a day
    healthy_after: float = 600.0  # seconds up after which the failure count starts again
    max_failures: int | None = None  # None: keep trying
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep
    clock: Callable[[], float] = time.monotonic
    jitter: Callable[[float], float] = field(default=lambda delay: random.uniform(0, delay / 10))
    failures: int = 0
    delays: list[float] = field(default_factory=list)

    def delay(self) -> float:
        """The wait before the next attempt after `failures` failures in a row."""
        return float(min(self.cap, self.base * 2 ** (self.failures - 1)))

    async def run(self, run_once: Callable[[], Awaitable[None]]) -> None:
        """Call `run_once` again after each failure; re-raise FATAL errors and the last failure
        once `max_failures` is reached. A clean return ends the loop."""
        while True:
            started = self.clock()
            try:
                await run_once()
                return
            except FATAL:
                raise
            except (asyncio.CancelledError, KeyboardInterrupt):
                raise
            except Exception as exc:
                self._failed(started)
                if self.max_failures is not None and self.failures >= self.max_failures:
                    raise
                wait = self.delay() + self.jitter(self.delay())
                network = isinstance(exc, NETWORK)
                log.error(
                    "Discord client stopped (%s%s); restart %d in %.1f s",
                    type(exc).__name__,
                    f": {_first_line(exc)}" if network else "",
                    self.failures,
                    wait,
                    exc_info=None if network else exc,
                )
            self.delays.append(wait)
            await self.sleep(wait)

    def _failed(self, started: float) -> None:
        if self.clock() - started >= self.healthy_after:
            self.failures = 0
        self.failures += 1


def _first_line(exc: BaseException) -> str:
    text = str(exc)
    return text.splitlines()[0] if text else ""
