"""The process runner: one `Service` (Slack, Discord, console) plus the daily scheduler and the
/healthz + /metrics server, until SIGTERM/SIGINT.

Shutdown (budget 25 s, under Kubernetes' 30 s grace): the signal stops the scheduler (a post in
flight gets up to `SCHEDULER_GRACE` seconds; one cut short is finished by the next process, see
bot/daily_scheduler.py), then `service.stop()` refuses new events and finishes the replies in
flight (up to `SERVICE_GRACE`), then the health server closes. /healthz answers 503 from the
signal on, so a load balancer stops sending traffic.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import text

from bot.daily_scheduler import TICK_SECONDS, DailyScheduler
from bot.ops import MetricsObserver, OpsServer

if TYPE_CHECKING:
    from bot.app import Prepbot
    from bot.config import Settings
    from bot.service import Service

log = logging.getLogger("prepbot.runner")

SCHEDULER_GRACE = 3.0
SERVICE_GRACE = 20.0
DEFAULT_HEALTH_HOST = "127.0.0.1"


@dataclass
class _State:
    serving: bool = False


async def run_service(bot: Prepbot, settings: Settings, service: Service, *,
                      stopping: asyncio.Event | None = None, tick_seconds: float = TICK_SECONDS) -> None:
    """Serve until SIGTERM/SIGINT (or `stopping`, or the service's own `task` ending), then stop cleanly."""
    stopping = stopping or asyncio.Event()
    bot.observers.append(MetricsObserver())
    state = _State()
    restore = _on_signals(stopping)
    health = await _start_health(bot, settings, state, stopping)
    try:
        await service.start()
        state.serving = True
        log.info("serving", extra={"adapter": getattr(service.poster, "platform", "?")})
        scheduler = DailyScheduler(bot.stores, bot.bank.questions, service.poster, bot.clock)
        ticking = asyncio.create_task(scheduler.run(stopping, tick_seconds), name="prepbot-scheduler")
        await _until_stopped(stopping, service)
        stopping.set()
        await _finish(ticking, SCHEDULER_GRACE, "scheduler")
        await _finish(asyncio.ensure_future(service.stop()), SERVICE_GRACE, "service")
    finally:
        state.serving = False
        if health is not None:
            await health.stop()
        restore()
    log.info("stopped")


async def _until_stopped(stopping: asyncio.Event, service: Service) -> None:
    waiter = asyncio.create_task(stopping.wait())
    watched: set[asyncio.Future[Any]] = {waiter}
    own = getattr(service, "task", None)
    if isinstance(own, asyncio.Future):
        watched.add(own)
    await asyncio.wait(watched, return_when=asyncio.FIRST_COMPLETED)
    waiter.cancel()


async def _finish(task: asyncio.Future[Any], seconds: float, what: str) -> None:
    try:
        await asyncio.wait_for(asyncio.shield(task), timeout=seconds)
    except TimeoutError:
        log.warning("%s did not finish within %.0f s; stopping it", what, seconds)
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await task
    except Exception:
        log.exception("%s failed while stopping", what)


async def _start_health(bot: Prepbot, settings: Settings, state: _State,
                        stopping: asyncio.Event) -> OpsServer | None:
    if settings.health_port is None:
        return None

    async def healthy() -> bool:
        return state.serving and not stopping.is_set() and await asyncio.to_thread(_database_ok, bot)

    host = settings.health_host or DEFAULT_HEALTH_HOST
    server = OpsServer(healthy, host, settings.health_port)
    await server.start()
    return server


def _database_ok(bot: Prepbot) -> bool:
    try:
        with bot.stores.db.read() as conn:
            conn.execute(text("SELECT 1"))
        return True
    except Exception:
        log.exception("health check: database unreachable")
        return False


def _on_signals(stopping: asyncio.Event) -> Any:
    loop = asyncio.get_running_loop()
    installed: list[signal.Signals] = []
    for signum in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(signum, _signalled, stopping, signum)
            installed.append(signum)

    def restore() -> None:
        for signum in installed:
            with contextlib.suppress(Exception):
                loop.remove_signal_handler(signum)

    return restore


def _signalled(stopping: asyncio.Event, signum: signal.Signals) -> None:
    log.info("received %s: stopping", signum.name)
    stopping.set()
