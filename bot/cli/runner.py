"""The process runner: one `Service` (Slack, Discord, console) plus the daily scheduler and the
/healthz + /metrics server, until SIGTERM/SIGINT.

A signal stops the process in every state, within 10 s. While the service is still connecting or
backing off (an unreachable API, a gateway that keeps failing), its `start()` is cancelled and
`stop()` closes what was opened. Once serving, the signal stops the scheduler (a post in flight
gets up to `SCHEDULER_GRACE` seconds; one cut short is finished by the next process, see
bot/daily_scheduler.py), then `service.stop()` refuses new events and finishes the replies in
flight (up to `SERVICE_GRACE`), then the health server closes. /healthz answers 503 from the
signal on, so a load balancer stops sending traffic. A second signal ends the process at once.
A `StartupError` (a token the platform rejected) ends the run with that one-line reason.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import text

from bot.cli.ops import MetricsObserver, OpsServer
from bot.daily.scheduler import TICK_SECONDS, DailyScheduler
from bot.service import StartupError

if TYPE_CHECKING:
    from bot.app import Prepbot
    from bot.config import Settings
    from bot.service import Service

log = logging.getLogger("prepbot.runner")

# The whole stop stays under 10 s from the signal: scheduler, then service, then health server.
SCHEDULER_GRACE = 2.0
SERVICE_GRACE = 6.0
START_CANCEL_GRACE = 1.0  # a start cancelled by the signal gets this long to unwind
DEFAULT_HEALTH_HOST = "127.0.0.1"


@dataclass
class _State:
    serving: bool = False


async def run_service(
    bot: Prepbot,
    settings: Settings,
    service: Service,
    *,
    stopping: asyncio.Event | None = None,
    tick_seconds: float = TICK_SECONDS,
) -> None:
    """Serve until SIGTERM/SIGINT (or `stopping`, or the service's own `task` ending), then stop cleanly.

    Raises what made the service fail to start (or its task end with an error) once it is stopped.
    """
    stopping = stopping or asyncio.Event()
    bot.observers.append(MetricsObserver())
    state = _State()
    restore = _on_signals(stopping)
    health: OpsServer | None = None
    try:
        health = await _start_health(bot, settings, state, stopping)
        if not await _start(service, stopping):
            log.info("stopped before serving")
            return
        state.serving = True
        log.info("serving", extra={"adapter": getattr(service.poster, "platform", "?")})
        from bot.storage.imported import LiveQuestions  # imported questions join the daily posts

        scheduler = DailyScheduler(bot.stores, LiveQuestions(lambda: bot.bank), service.poster, bot.clock)
        ticking = asyncio.create_task(scheduler.run(stopping, tick_seconds), name="prepbot-scheduler")
        await _until_stopped(stopping, service)
        stopping.set()
        await _finish(ticking, SCHEDULER_GRACE, "scheduler")
        await _finish(asyncio.ensure_future(service.stop()), SERVICE_GRACE, "service")
        _raise_if_failed(service)
    finally:
        state.serving = False
        if health is not None:
            await health.stop()
        restore()
    log.info("stopped")


async def _start(service: Service, stopping: asyncio.Event) -> bool:
    """Start the service unless a stop comes first; False when stopped before serving.

    A start that fails is stopped too (closing what it opened) before its error is raised.
    """
    starting = asyncio.ensure_future(service.start())
    waiter = asyncio.ensure_future(stopping.wait())
    try:
        await asyncio.wait({starting, waiter}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        waiter.cancel()
    if not starting.done():
        starting.cancel()
        await asyncio.wait({starting}, timeout=START_CANCEL_GRACE)
    finished = starting.done() and not starting.cancelled()
    failed = finished and starting.exception() is not None
    if finished and not failed and not stopping.is_set():
        return True
    await _finish(asyncio.ensure_future(service.stop()), SERVICE_GRACE, "service")
    if failed:
        starting.result()  # raises the start's error
    return False


def _raise_if_failed(service: Service) -> None:
    """The service's own task ended because the platform rejected it (a token reset while running):
    raise that StartupError so the command ends with its one line and a non-zero status. Other
    errors were logged by `service.stop()`."""
    own = getattr(service, "task", None)
    if (
        isinstance(own, asyncio.Future)
        and own.done()
        and not own.cancelled()
        and isinstance(own.exception(), StartupError)
    ):
        own.result()


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


async def _start_health(
    bot: Prepbot, settings: Settings, state: _State, stopping: asyncio.Event
) -> OpsServer | None:
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
    received: list[signal.Signals] = []
    for signum in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(signum, _signalled, stopping, signum, received)
            installed.append(signum)

    def restore() -> None:
        for signum in installed:
            with contextlib.suppress(Exception):
                loop.remove_signal_handler(signum)

    return restore


def _signalled(stopping: asyncio.Event, signum: signal.Signals, received: list[signal.Signals]) -> None:
    received.append(signum)
    if len(received) > 1:  # asked twice: the person does not want to wait for the replies in flight
        log.warning("received %s again: exiting now", signum.name)
        logging.shutdown()
        os._exit(128 + signum)
    log.info("received %s: stopping", signum.name)
    stopping.set()
