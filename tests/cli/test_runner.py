"""The process runner: health and metrics, the scheduler posting through the service's poster,
graceful stop (T6), and `prepbot run --adapter console`."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import aiohttp
import pytest

from bot.app import Prepbot
from bot.cli import ops
from bot.cli.runner import run_service
from bot.config import load_settings
from bot.intents import Command
from bot.service import StartupError
from bot.storage import Stores
from tests.bot.daily.conftest import FakeClock, RecordingPoster, make_kb, message, run_handler

REPO = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class FakeService:
    poster: RecordingPoster = field(default_factory=RecordingPoster)
    events: list[str] = field(default_factory=list)

    async def start(self) -> None:
        self.events.append("start")

    async def stop(self) -> None:
        self.events.append("stop")


async def _get(url: str) -> tuple[int, str]:
    async with aiohttp.ClientSession() as session, session.get(url) as response:
        return response.status, await response.text()


@pytest.mark.asyncio
async def test_health_metrics_and_scheduled_posts_while_serving(db_url: str) -> None:
    ops.reset()
    port = free_port()
    settings = load_settings({"database_url": db_url, "health_port": port, "admins": ["boss"]}, environ={})
    clock = FakeClock(datetime(2026, 1, 5, 9, 30, tzinfo=UTC))
    bot = Prepbot(kb=make_kb(), stores=Stores.open(db_url), settings=settings, clock=clock)
    run_handler(bot, message("C7", user="boss"), Command.STUDY, "on 09:00 tz UTC every day")
    service, stopping = FakeService(), asyncio.Event()
    running = asyncio.create_task(run_service(bot, settings, service, stopping=stopping, tick_seconds=0.05))
    for _ in range(200):
        if service.poster.questions():
            break
        await asyncio.sleep(0.02)
    status, body = await _get(f"http://127.0.0.1:{port}/healthz")
    assert status == 200 and '"ok"' in body
    assert await bot.handle(message("C7", "help")) is not None  # counted by the runner's observer
    _status, metrics = await _get(f"http://127.0.0.1:{port}/metrics")
    assert "prepbot_messages_handled_total 1.0" in metrics and "prepbot_errors_total 0.0" in metrics
    assert 'prepbot_replies_total{intent="help"} 1.0' in metrics
    assert 'prepbot_daily_posts_total{kind="question"} 1.0' in metrics
    assert "prepbot_last_post_lag_seconds 1800.0" in metrics  # 09:30 for a 09:00 post
    assert "prepbot_replies_total{intent=" in metrics
    stopping.set()
    await asyncio.wait_for(running, 10)
    assert service.events == ["start", "stop"] and len(service.poster.questions()) == 1
    bot.stores.db.dispose()


@pytest.mark.asyncio
async def test_health_is_503_once_stopping(db_url: str) -> None:
    port = free_port()
    settings = load_settings({"database_url": db_url, "health_port": port}, environ={})
    bot = Prepbot(kb=make_kb(), stores=Stores.open(db_url), settings=settings, clock=FakeClock())
    stop_seen: list[int] = []

    @dataclass
    class SlowStop(FakeService):
        async def stop(self) -> None:
            stop_seen.append((await _get(f"http://127.0.0.1:{port}/healthz"))[0])

    stopping = asyncio.Event()
    running = asyncio.create_task(run_service(bot, settings, SlowStop(), stopping=stopping))
    await asyncio.sleep(0.2)
    stopping.set()
    await asyncio.wait_for(running, 10)
    assert stop_seen == [503]
    bot.stores.db.dispose()


@pytest.mark.slow
def test_sigterm_with_100_answers_in_flight_delivers_all_once_and_exits_fast(db_url: str) -> None:
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.bot.daily.t6_child", db_url],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert child.stdin is not None and child.stderr is not None
    child.stdin.write("".join(f"question {n}\n" for n in range(100)))
    child.stdin.flush()  # stdin stays open: the service is still taking input when the signal comes
    started = 0
    while started < 100:
        line = child.stderr.readline()
        assert line, "child died"
        started += line.startswith("START ")
    signalled = time.monotonic()
    child.send_signal(signal.SIGTERM)
    out, err = child.communicate(timeout=30)
    elapsed = time.monotonic() - signalled
    replies = [line for line in out.splitlines() if line.startswith("reply to ")]
    assert sorted(replies) == sorted(f"reply to question {n}" for n in range(100))
    assert child.returncode == 0 and "EXITED" in err and elapsed < 25


def test_prepbot_run_console_answers_piped_lines_and_exits_at_end_of_input(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "bot.cli",
            "run",
            "--adapter",
            "console",
            "--db",
            f"sqlite:///{tmp_path / 'run.db'}",
        ],
        input="help\n",
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert done.returncode == 0, done.stderr
    # the help reply itself (the apology of a broken core would also be "a reply")
    assert "Here's what I can do" in done.stdout and "mock" in done.stdout, done.stdout
    assert "Sorry" not in done.stdout


@dataclass
class NeverConnects(FakeService):
    """A service stuck connecting (an unreachable API): start() never returns on its own."""

    async def start(self) -> None:
        self.events.append("start")
        try:
            await asyncio.sleep(3600)
        except asyncio.CancelledError:
            self.events.append("start cancelled")
            raise


@pytest.mark.asyncio
async def test_a_stop_while_the_service_is_still_connecting_cancels_the_start_and_stops_it(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    port = free_port()
    settings = load_settings({"database_url": url, "health_port": port}, environ={})
    bot = Prepbot(kb=make_kb(), stores=Stores.open(url), settings=settings, clock=FakeClock())
    service, stopping = NeverConnects(), asyncio.Event()
    running = asyncio.create_task(run_service(bot, settings, service, stopping=stopping))
    await asyncio.sleep(0.3)
    assert (await _get(f"http://127.0.0.1:{port}/healthz"))[0] == 503, "not serving while connecting"
    stopping.set()
    await asyncio.wait_for(running, 3)
    assert service.events == ["start", "start cancelled", "stop"]
    with pytest.raises(aiohttp.ClientError):  # the health server is closed too
        await _get(f"http://127.0.0.1:{port}/healthz")
    bot.stores.db.dispose()


@pytest.mark.asyncio
async def test_a_start_refused_for_good_is_raised_after_stopping_what_was_opened(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    settings = load_settings({"database_url": url}, environ={})
    bot = Prepbot(kb=make_kb(), stores=Stores.open(url), settings=settings, clock=FakeClock())

    @dataclass
    class Rejected(FakeService):
        async def start(self) -> None:
            self.events.append("start")
            raise StartupError("the platform rejected TOKEN: check it")

    service = Rejected()
    with pytest.raises(StartupError, match="rejected TOKEN"):
        await asyncio.wait_for(run_service(bot, settings, service), 5)
    assert service.events == ["start", "stop"] and not service.poster.questions()
    bot.stores.db.dispose()
