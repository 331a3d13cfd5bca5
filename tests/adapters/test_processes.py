"""`prepbot slack` (Socket Mode and HTTP), `prepbot discord` and `prepbot run` as real processes
against local fakes of Slack and Discord: a token the platform rejects ends the process with one
line naming the variable; SIGTERM and SIGINT end it within 10 s whether it is connected, still
connecting, backing off from an unreachable API, or waiting on a reply in flight.

Storage is not what these tests are about: each process uses its own SQLite file.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import socket
import sys
import threading
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
import pytest_asyncio
from aiohttp import web

from tests.adapters.discord_adapter import payloads
from tests.adapters.discord_adapter.fake_discord import FakeDiscord
from tests.adapters.slack_adapter.conftest import APP_TOKEN, BOT_TOKEN, SECRET, SlackSide
from tests.adapters.slack_adapter.fake_slack import Call, FakeSlack, sign
from tests.adapters.slack_adapter.test_socket_mode import FakeSocket

pytestmark = pytest.mark.slow  # real processes: started, signalled, killed

REPO = Path(__file__).resolve().parents[2]
STOP_WITHIN = 10.0  # seconds from the signal to the process's exit
DISCORD_TOKEN = "TEST.discord.bot-token-0000"
SIGNALS = [pytest.param(signal.SIGTERM, id="SIGTERM"), pytest.param(signal.SIGINT, id="SIGINT")]


def closed_port() -> int:
    """A port nothing listens on (connections are refused at once)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Process:
    """A `prepbot` child process; its stderr and stdout are collected line by line."""

    def __init__(self, proc: asyncio.subprocess.Process) -> None:
        self.proc = proc
        self.err: list[str] = []
        self.out: list[str] = []
        assert proc.stderr is not None and proc.stdout is not None
        self._readers = [
            asyncio.create_task(self._collect(proc.stderr, self.err)),
            asyncio.create_task(self._collect(proc.stdout, self.out)),
        ]

    @staticmethod
    async def _collect(stream: asyncio.StreamReader, into: list[str]) -> None:
        while line := await stream.readline():
            into.append(line.decode("utf-8", "replace").rstrip("\n"))

    @property
    def stderr(self) -> str:
        return "\n".join(self.err)

    async def wait_for(self, check: Any, what: str, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while not check():
            if self.proc.returncode is not None:
                await asyncio.gather(*self._readers)
                raise AssertionError(f"prepbot exited ({self.proc.returncode}) before {what}:\n{self.stderr}")
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what}; stderr so far:\n{self.stderr}")
            await asyncio.sleep(0.05)

    async def wait_line(self, fragment: str, count: int = 1, timeout: float = 30.0) -> None:
        await self.wait_for(
            lambda: sum(fragment in line for line in self.err) >= count,
            f"{count} stderr line(s) with {fragment!r}",
            timeout,
        )

    async def exit_code(self, timeout: float = 30.0) -> int:
        try:
            code = await asyncio.wait_for(self.proc.wait(), timeout)
        except TimeoutError:
            self.kill()
            raise AssertionError(f"prepbot did not exit within {timeout} s; stderr:\n{self.stderr}") from None
        await asyncio.gather(*self._readers)
        return code

    async def stop_with(self, signum: signal.Signals) -> float:
        """Send `signum`; the seconds until the process was gone (it must go within STOP_WITHIN)."""
        assert self.proc.returncode is None, f"prepbot already exited:\n{self.stderr}"
        sent = time.monotonic()
        self.proc.send_signal(signum)
        code = await self.exit_code(timeout=STOP_WITHIN + 20)
        took = time.monotonic() - sent
        assert took < STOP_WITHIN, f"{signum.name} took {took:.1f} s; stderr:\n{self.stderr}"
        assert code in (0, -signum, 128 + signum), f"exit status {code}; stderr:\n{self.stderr}"
        assert "Traceback" not in self.stderr, self.stderr
        return took

    def kill(self) -> None:
        if self.proc.returncode is None:
            self.proc.kill()


@pytest_asyncio.fixture
async def spawn(tmp_path: Path) -> AsyncIterator[Any]:
    started: list[Process] = []

    async def start(*args: str, env: dict[str, str], stdin: int = asyncio.subprocess.DEVNULL) -> Process:
        base = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DISCORD_", "PREPBOT_"))}
        base |= {
            "HOME": str(tmp_path),
            "XDG_DATA_HOME": str(tmp_path / "data"),
            "XDG_STATE_HOME": str(tmp_path / "state"),
            "XDG_CACHE_HOME": str(tmp_path / "cache"),
            "PYTHONPATH": str(REPO),
            "PREPBOT_DATABASE_URL": f"sqlite:///{tmp_path}/prepbot.db",
        }
        proc = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "tests.adapters.proc_main",
            *args,
            cwd=REPO,
            env=base | env,
            stdin=stdin,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        started.append(Process(proc))
        return started[-1]

    yield start
    for process in started:
        process.kill()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(process.proc.wait(), 10)


# ---- fakes ---------------------------------------------------------------------------------------
class StallingSlack(FakeSlack):
    """A fake Slack whose answers to the methods in `stall` never come (until the test ends)."""

    def __init__(self) -> None:
        super().__init__()
        self.stall: set[str] = set()
        self.release = threading.Event()

    def answer(self, call: Call) -> tuple[int, dict[str, str], dict[str, Any]]:
        answer = super().answer(call)
        if call.method in self.stall or (call.path.startswith("/response/") and "response" in self.stall):
            self.release.wait(60)
        return answer

    def close(self) -> None:
        self.release.set()
        super().close()


@pytest.fixture
def slack_api() -> Iterator[StallingSlack]:
    fake = StallingSlack().start()
    yield fake
    fake.close()


@pytest_asyncio.fixture
async def slack_socket(slack_api: StallingSlack) -> AsyncIterator[FakeSocket]:
    fake = FakeSocket()
    await fake.start()
    slack_api.socket_url = fake.url
    yield fake
    await fake.close()


class StallingDiscord(FakeDiscord):
    """A fake Discord whose follow-up messages (webhook POSTs) hang while `stall_followups` is set."""

    stall_followups: bool = False

    def __init__(self) -> None:
        super().__init__()
        self.release = asyncio.Event()

    async def _rest(self, request: web.Request) -> web.Response:
        if self.stall_followups and request.method == "POST" and "/webhooks/" in request.path:
            self.calls.append(_call_of(request))
            await self.release.wait()
        return await super()._rest(request)

    async def close(self) -> None:
        self.release.set()
        await super().close()


def _call_of(request: web.Request) -> Any:
    from tests.adapters.discord_adapter.fake_discord import Call as DiscordCall

    return DiscordCall(request.method, request.path.removeprefix("/api/v10"), None, dict(request.query))


@pytest_asyncio.fixture
async def discord_api() -> AsyncIterator[StallingDiscord]:
    fake = StallingDiscord()
    await fake.start()
    yield fake
    await fake.close()


def slack_env(api_url: str, *, app_token: bool = True) -> dict[str, str]:
    env = {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_API_URL": api_url, "SLACK_SIGNING_SECRET": SECRET}
    return env | ({"SLACK_APP_TOKEN": APP_TOKEN} if app_token else {})


def discord_env(api: str, gateway: str) -> dict[str, str]:
    return {
        "DISCORD_TOKEN": DISCORD_TOKEN,
        "PREPBOT_TEST_DISCORD_API": api,
        "PREPBOT_TEST_DISCORD_GATEWAY": gateway,
    }


def unreachable_api() -> str:
    return f"http://127.0.0.1:{closed_port()}/api/"


def error_lines(process: Process) -> list[str]:
    return [line for line in process.err if line.startswith("Error")]


# ---- rejected tokens -------------------------------------------------------------------------------
REJECTIONS = [pytest.param(code, id=code) for code in ("invalid_auth", "token_revoked", "account_inactive")]


@pytest.mark.asyncio
@pytest.mark.parametrize("error", REJECTIONS)
async def test_slack_socket_mode_with_a_rejected_bot_token_exits_with_one_line(
    spawn: Any, slack_api: StallingSlack, error: str
) -> None:
    slack_api.script["auth.test"] = [(200, {}, {"ok": False, "error": error})] * 5
    process = await spawn("slack", env=slack_env(slack_api.api_url))
    assert await process.exit_code() == 1
    [line] = error_lines(process)
    assert "SLACK_BOT_TOKEN" in line and error in line and "xoxb-" in line, line  # what to check
    assert len(process.err) <= 2 and "Traceback" not in process.stderr, process.stderr
    assert BOT_TOKEN not in process.stderr and APP_TOKEN not in process.stderr
    assert len(slack_api.sent("auth.test")) == 1, "a rejected token is not retried"
    assert not slack_api.sent("apps.connections.open")


@pytest.mark.asyncio
async def test_slack_socket_mode_with_a_rejected_app_token_exits_with_one_line(
    spawn: Any, slack_api: StallingSlack
) -> None:
    slack_api.script["apps.connections.open"] = [(200, {}, {"ok": False, "error": "invalid_auth"})] * 5
    process = await spawn("slack", env=slack_env(slack_api.api_url))
    assert await process.exit_code() == 1
    [line] = error_lines(process)
    assert "SLACK_APP_TOKEN" in line and "connections:write" in line, line
    assert "Traceback" not in process.stderr and APP_TOKEN not in process.stderr, process.stderr
    assert len(slack_api.sent("apps.connections.open")) == 1


@pytest.mark.asyncio
async def test_slack_http_mode_with_a_rejected_bot_token_exits_with_one_line(
    spawn: Any, slack_api: StallingSlack
) -> None:
    slack_api.script["auth.test"] = [(200, {}, {"ok": False, "error": "invalid_auth"})]
    process = await spawn(
        "slack",
        "--mode",
        "http",
        "--port",
        str(closed_port()),
        env=slack_env(slack_api.api_url, app_token=False),
    )
    assert await process.exit_code() == 1
    [line] = error_lines(process)
    assert "SLACK_BOT_TOKEN" in line and "invalid_auth" in line, line
    assert "Traceback" not in process.stderr, process.stderr


@pytest.mark.asyncio
@pytest.mark.parametrize("command", [("discord",), ("run", "--adapter", "discord")], ids=["discord", "run"])
async def test_discord_with_a_rejected_token_exits_at_once_with_one_line(
    spawn: Any, discord_api: StallingDiscord, command: tuple[str, ...]
) -> None:
    discord_api.reject_token = True
    process = await spawn(*command, env=discord_env(discord_api.api_base, discord_api.ws_url))
    assert await process.exit_code(timeout=30) == 1
    [line] = error_lines(process)
    assert "DISCORD_TOKEN" in line and "Developer Portal" in line, line
    assert len(process.err) == 1 and "Traceback" not in process.stderr, process.stderr
    assert [c.path for c in discord_api.calls] == ["/users/@me"], "one login attempt, no restart loop"


# ---- an unreachable API: back-off, one line per attempt ------------------------------------------------
@pytest.mark.asyncio
async def test_slack_with_the_api_unreachable_retries_with_one_line_per_attempt(spawn: Any) -> None:
    process = await spawn("slack", env=slack_env(unreachable_api()))
    await process.wait_line("unreachable", count=3, timeout=30)
    tries = [line for line in process.err if "unreachable" in line]
    assert all("trying again in" in line for line in tries), tries
    assert [line.rsplit("in ", 1)[1] for line in tries[:3]] == ["1 s", "2 s", "4 s"], "the waits double"
    assert "Traceback" not in process.stderr and BOT_TOKEN not in process.stderr, process.stderr
    await process.stop_with(signal.SIGTERM)


# ---- SIGTERM / SIGINT in every state ---------------------------------------------------------------
@pytest.mark.asyncio
@pytest.mark.parametrize("signum", SIGNALS)
@pytest.mark.parametrize("command", [("slack",), ("run", "--adapter", "slack")], ids=["slack", "run"])
async def test_slack_socket_mode_stops_while_backing_off(
    spawn: Any, signum: signal.Signals, command: tuple[str, ...]
) -> None:
    process = await spawn(*command, env=slack_env(unreachable_api()))
    await process.wait_line("unreachable", count=2)
    await process.stop_with(signum)


@pytest.mark.asyncio
@pytest.mark.parametrize("signum", SIGNALS)
async def test_slack_socket_mode_stops_while_connecting(
    spawn: Any, slack_api: StallingSlack, signum: signal.Signals
) -> None:
    slack_api.socket_url = f"ws://127.0.0.1:{closed_port()}/link"  # the websocket cannot be reached
    process = await spawn("slack", env=slack_env(slack_api.api_url))
    await process.wait_for(lambda: slack_api.sent("apps.connections.open"), "the websocket URL")
    await asyncio.sleep(1.0)  # inside the SDK's connect loop
    await process.stop_with(signum)


@pytest.mark.asyncio
@pytest.mark.parametrize("signum", SIGNALS)
@pytest.mark.parametrize("command", [("slack",), ("run", "--adapter", "slack")], ids=["slack", "run"])
async def test_slack_socket_mode_stops_while_connected(
    spawn: Any,
    slack_api: StallingSlack,
    slack_socket: FakeSocket,
    signum: signal.Signals,
    command: tuple[str, ...],
) -> None:
    process = await spawn(*command, env=slack_env(slack_api.api_url))
    await process.wait_for(slack_socket.connected.is_set, "the Socket Mode connection")
    await asyncio.sleep(0.5)
    await process.stop_with(signum)


@pytest.mark.asyncio
async def test_slack_socket_mode_stops_while_a_reply_is_stuck_in_flight(
    spawn: Any, slack_api: StallingSlack, slack_socket: FakeSocket
) -> None:
    slack_api.stall = {"chat.postMessage"}
    process = await spawn("slack", env=slack_env(slack_api.api_url))
    await process.wait_for(slack_socket.connected.is_set, "the Socket Mode connection")
    side = SlackSide("unused", slack_api, None)  # type: ignore[arg-type]
    body = json.loads(side.event_body(side.message("what is keras?", channel="D0ALICE")))
    await slack_socket.send(
        {
            "envelope_id": "env-1",
            "type": "events_api",
            "accepts_response_payload": False,
            "retry_attempt": 0,
            "retry_reason": "",
            "payload": body,
        }
    )
    await process.wait_for(lambda: slack_api.sent("chat.postMessage"), "the reply being sent")
    took = await process.stop_with(signal.SIGTERM)
    assert took > 1.0, "the reply in flight was given time to finish"


@pytest.mark.asyncio
@pytest.mark.parametrize("signum", SIGNALS)
async def test_slack_http_mode_stops_while_backing_off(spawn: Any, signum: signal.Signals) -> None:
    process = await spawn(
        "slack",
        "--mode",
        "http",
        "--port",
        str(closed_port()),
        env=slack_env(unreachable_api(), app_token=False),
    )
    await process.wait_line("unreachable", count=2)
    await process.stop_with(signum)


async def _serving(process: Process, port: int) -> None:
    async def accepts() -> bool:
        with contextlib.suppress(OSError):
            _reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.close()
            return True
        return False

    deadline = time.monotonic() + 30
    while not await accepts():
        assert process.proc.returncode is None and time.monotonic() < deadline, process.stderr
        await asyncio.sleep(0.1)


@pytest.mark.asyncio
@pytest.mark.parametrize("signum", SIGNALS)
async def test_slack_http_mode_stops_while_serving(
    spawn: Any, slack_api: StallingSlack, signum: signal.Signals
) -> None:
    port = closed_port()
    process = await spawn(
        "slack", "--mode", "http", "--port", str(port), env=slack_env(slack_api.api_url, app_token=False)
    )
    await _serving(process, port)
    await process.stop_with(signum)


@pytest.mark.asyncio
async def test_slack_http_mode_listens_on_loopback_unless_told(spawn: Any, slack_api: StallingSlack) -> None:
    port = closed_port()
    process = await spawn(
        "slack", "--mode", "http", "--port", str(port), env=slack_env(slack_api.api_url, app_token=False)
    )
    await _serving(process, port)
    assert f"http://127.0.0.1:{port}/slack/events" in process.stderr
    await process.stop_with(signal.SIGTERM)
    port = closed_port()
    process = await spawn(
        "slack",
        "--mode",
        "http",
        "--port",
        str(port),
        env=slack_env(slack_api.api_url, app_token=False) | {"PREPBOT_HTTP_HOST": "0.0.0.0"},
    )
    await _serving(process, port)
    assert f"http://0.0.0.0:{port}/slack/events" in process.stderr
    await process.stop_with(signal.SIGTERM)


@pytest.mark.asyncio
async def test_slack_http_mode_stops_while_a_reply_is_stuck_in_flight(
    spawn: Any, slack_api: StallingSlack
) -> None:
    slack_api.stall = {"chat.postMessage"}
    port = closed_port()
    process = await spawn(
        "slack", "--mode", "http", "--port", str(port), env=slack_env(slack_api.api_url, app_token=False)
    )
    await _serving(process, port)
    side = SlackSide("unused", slack_api, None)  # type: ignore[arg-type]
    body = side.event_body(side.message("what is keras?", channel="D0ALICE"))
    headers = {**sign(body, SECRET), "Content-Type": "application/json"}
    async with (
        aiohttp.ClientSession() as session,
        session.post(f"http://127.0.0.1:{port}/slack/events", data=body.encode(), headers=headers) as answer,
    ):
        assert answer.status == 200
    await process.wait_for(lambda: slack_api.sent("chat.postMessage"), "the reply being sent")
    await process.stop_with(signal.SIGTERM)


@pytest.mark.asyncio
@pytest.mark.parametrize("signum", SIGNALS)
@pytest.mark.parametrize("command", [("discord",), ("run", "--adapter", "discord")], ids=["discord", "run"])
async def test_discord_stops_while_backing_off(
    spawn: Any, signum: signal.Signals, command: tuple[str, ...]
) -> None:
    port = closed_port()  # neither the REST API nor the gateway can be reached
    process = await spawn(
        *command, env=discord_env(f"http://127.0.0.1:{port}/api/v10", f"ws://127.0.0.1:{port}/gateway")
    )
    await process.wait_line("restart 1 in")
    assert "Traceback" not in process.stderr and "PyNaCl" not in process.stderr, process.stderr
    await process.stop_with(signum)


@pytest.mark.asyncio
@pytest.mark.parametrize("signum", SIGNALS)
async def test_discord_stops_while_connected(
    spawn: Any, discord_api: StallingDiscord, signum: signal.Signals
) -> None:
    process = await spawn("discord", env=discord_env(discord_api.api_base, discord_api.ws_url))
    await process.wait_for(lambda: discord_api.identifies and discord_api._sockets, "the gateway connection")
    await asyncio.sleep(0.5)
    assert "PyNaCl" not in process.stderr and "davey" not in process.stderr, "no voice warnings"
    await process.stop_with(signum)


@pytest.mark.asyncio
async def test_discord_stops_while_a_reply_is_stuck_in_flight(
    spawn: Any, discord_api: StallingDiscord
) -> None:
    discord_api.stall_followups = True
    process = await spawn("discord", env=discord_env(discord_api.api_base, discord_api.ws_url))
    await process.wait_for(lambda: discord_api.identifies and discord_api._sockets, "the gateway connection")
    await asyncio.sleep(0.5)
    await discord_api.dispatch("INTERACTION_CREATE", payloads.slash("daily"))
    await process.wait_for(lambda: discord_api.posts("/webhooks/"), "the follow-up being sent")
    took = await process.stop_with(signal.SIGTERM)
    assert took > 1.0, "the reply in flight was given time to finish"


@pytest.mark.asyncio
@pytest.mark.parametrize("signum", SIGNALS)
async def test_prepbot_run_on_the_console_stops_while_reading_input(
    spawn: Any, signum: signal.Signals
) -> None:
    process = await spawn("run", env={}, stdin=asyncio.subprocess.PIPE)
    assert process.proc.stdin is not None
    process.proc.stdin.write(b"help\n")
    await process.proc.stdin.drain()
    await process.wait_for(lambda: any("Here's what I can do" in line for line in process.out), "the reply")
    await process.stop_with(signum)  # standard input is still open


@pytest.mark.asyncio
async def test_discord_stops_while_connecting_to_an_unreachable_gateway(
    spawn: Any, discord_api: StallingDiscord
) -> None:
    gateway = f"ws://127.0.0.1:{closed_port()}/gateway"  # logged in over REST; the gateway refuses
    process = await spawn("discord", env=discord_env(discord_api.api_base, gateway))
    await process.wait_for(
        lambda: (
            any(c.path == "/gateway/bot" for c in discord_api.calls)
            or any("gateway" in line.lower() for line in process.err)
        ),
        "the gateway being sought",
    )
    await asyncio.sleep(1.5)
    await process.stop_with(signal.SIGTERM)
