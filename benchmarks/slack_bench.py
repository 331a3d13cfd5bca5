"""Signed slash commands over loopback against prepbot's Slack HTTP mode, beside a bare bolt
AsyncApp whose listener only acks, measured in the same run.

Run: `python -m benchmarks.slack_bench`. Each app serves on 127.0.0.1 in its own process (prepbot
exactly as `prepbot slack --mode http --host 127.0.0.1 --port P --db sqlite:///…` runs, on the
bundled knowledge); the load generator (aiohttp) and a fake Slack (Web API and response_url, in a
thread) run in this process. Figures:
- steady: a fixed 50 requests/s for STEADY_SECONDS, latency from the scheduled send time;
- saturation: CONCURRENCY requests always in flight for SATURATION_SECONDS.
"ack" is the HTTP response; "reply" is when the answer is visible: in the ack body when prepbot
answered inside the ack, else when the response_url post reached the fake.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import itertools
import logging
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from aiohttp import ClientSession, TCPConnector, web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

SECRET = "bench-signing-secret"
TOKEN = "xoxb-bench-token"
STEADY_RATE = 50
STEADY_SECONDS = 8
SATURATION_SECONDS = 6
CONCURRENCY = 32


class FakeSlack:
    """Answers auth.test and records when each response_url post arrives."""

    def __init__(self) -> None:
        self.arrivals: dict[str, float] = {}
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                if self.path.startswith("/response/"):
                    fake.arrivals[self.path] = time.perf_counter()
                data = b'{"ok":true,"user_id":"U0BOT","bot_id":"B0BOT","team_id":"T1","ts":"1.1"}'
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: Any) -> None:
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"


class Served:
    """An app under test in its own process (so it does not share the load generator's GIL)."""

    def __init__(self, command: list[str], env: dict[str, str], port: int) -> None:
        self.port = port
        self.process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"server exited: {self.process.stderr.read() if self.process.stderr else ''!r}"
                )
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    return
            time.sleep(0.05)
        raise RuntimeError("server did not start")

    def close(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        self.process.communicate(timeout=30)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def serve_prepbot(fake: FakeSlack, db: str) -> Served:
    """`prepbot slack --mode http`, exactly as an operator runs it."""
    port = free_port()
    script = Path(sys.executable).with_name("prepbot")
    launcher = [str(script)] if script.exists() else [sys.executable, "-m", "bot.cli"]
    env = {
        **os.environ,
        "SLACK_BOT_TOKEN": TOKEN,
        "SLACK_SIGNING_SECRET": SECRET,
        "PREPBOT_RATE_LIMIT": "0",
        "SLACK_API_URL": fake.url + "/api/",
        "PREPBOT_LOG_LEVEL": "WARNING",
    }
    env.pop("SLACK_APP_TOKEN", None)
    return Served(
        [*launcher, "slack", "--mode", "http", "--host", "127.0.0.1", "--port", str(port), "--db", db],
        env,
        port,
    )


def serve_bare(fake: FakeSlack) -> Served:
    port = free_port()
    command = [sys.executable, "-m", "benchmarks.slack_bench", "--bare", str(port), fake.url + "/api/"]
    return Served(command, dict(os.environ), port)


async def run_bare(port: int, api_url: str) -> None:
    """The baseline: a bolt AsyncApp on the same aiohttp serving code, whose listener only acks."""
    app = AsyncApp(client=AsyncWebClient(token=TOKEN, base_url=api_url), signing_secret=SECRET, token=TOKEN)

    @app.command(re.compile(".*"))
    async def only_ack(ack: Callable[..., Awaitable[None]]) -> None:
        await ack()

    async def dispatch(request: web.Request) -> web.Response:
        return await to_aiohttp_response(await app.async_dispatch(await to_bolt_request(request)))

    application = web.Application()
    application.router.add_post("/slack/events", dispatch)
    runner = web.AppRunner(application, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    await stop.wait()
    await runner.cleanup()


@dataclass
class Result:
    acks: list[float] = field(default_factory=list)
    replies: list[float] = field(default_factory=list)
    errors: int = 0
    elapsed: float = 0.0

    @property
    def rate(self) -> float:
        return len(self.acks) / self.elapsed if self.elapsed else 0.0


class Load:
    def __init__(self, fake: FakeSlack, port: int, session: ClientSession) -> None:
        self.fake, self.url, self.session = fake, f"http://127.0.0.1:{port}/slack/events", session
        self.ids = itertools.count()
        self.pending: list[tuple[str, float]] = []

    async def one(self, result: Result, started: float) -> None:
        n = next(self.ids)
        path = f"/response/{id(self)}-{n}"
        body = urlencode(
            {
                "command": "/compare",
                "text": "pytorch keras",
                "team_id": "T1",
                "channel_id": "C1",
                "user_id": f"U{n % 50}",
                "trigger_id": f"bench.{id(self)}.{n}",
                "response_url": self.fake.url + path,
            }
        )
        stamp = str(int(time.time()))
        mac = hmac.new(SECRET.encode(), f"v0:{stamp}:{body}".encode(), hashlib.sha256).hexdigest()
        headers = {
            "X-Slack-Request-Timestamp": stamp,
            "X-Slack-Signature": "v0=" + mac,
            "Content-Type": "application/x-www-form-urlencoded",
        }
        try:
            async with self.session.post(self.url, data=body, headers=headers) as response:
                text = await response.text()
                done = time.perf_counter()
                if response.status != 200:
                    result.errors += 1
                    return
        except Exception:
            result.errors += 1
            return
        result.acks.append(done - started)
        if '"blocks"' in text:
            result.replies.append(done - started)
        else:
            self.pending.append((path, started))

    async def settle(self, result: Result, timeout: float = 10) -> None:
        deadline = time.perf_counter() + timeout
        while self.pending and time.perf_counter() < deadline:
            self.pending = [(p, s) for p, s in self.pending if not self._arrived(p, s, result)]
            await asyncio.sleep(0.05)

    def _arrived(self, path: str, started: float, result: Result) -> bool:
        at = self.fake.arrivals.get(path)
        if at is not None:
            result.replies.append(at - started)
        return at is not None

    async def steady(self) -> Result:
        result = Result()
        begin = time.perf_counter()
        tasks = []
        for i in range(STEADY_RATE * STEADY_SECONDS):
            due = begin + i / STEADY_RATE
            await asyncio.sleep(max(0.0, due - time.perf_counter()))
            tasks.append(asyncio.create_task(self.one(result, due)))
        await asyncio.gather(*tasks)
        result.elapsed = time.perf_counter() - begin
        await self.settle(result)
        return result

    async def saturate(self) -> Result:
        result = Result()
        end = time.perf_counter() + SATURATION_SECONDS

        async def worker() -> None:
            while time.perf_counter() < end:
                await self.one(result, time.perf_counter())

        begin = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))
        result.elapsed = time.perf_counter() - begin
        await self.settle(result)
        return result


def pct(values: list[float], q: float) -> str:
    if not values:
        return "—"
    ordered = sorted(values)
    return f"{ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000:.1f}"


async def measure(fake: FakeSlack, port: int) -> tuple[Result, Result]:
    async with ClientSession(connector=TCPConnector(limit=CONCURRENCY * 2)) as session:
        load = Load(fake, port, session)
        for _ in range(20):  # warm-up: auth.test, first DB writes, imports
            await load.one(Result(), time.perf_counter())
        return await load.steady(), await load.saturate()


def row(name: str, load: str, result: Result) -> str:
    return (
        f"| {name} | {load} | {result.rate:.0f} | {pct(result.acks, 0.5)} | {pct(result.acks, 0.99)} | "
        f"{pct(result.replies, 0.5)} | {pct(result.replies, 0.99)} | {result.errors} |"
    )


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--bare":
        asyncio.run(run_bare(int(sys.argv[2]), sys.argv[3]))
        return
    logging.disable(logging.WARNING)
    fake = FakeSlack()
    with tempfile.TemporaryDirectory() as tmp:
        results: dict[str, tuple[Result, Result]] = {}
        for name, start in (
            ("bare bolt (ack only)", lambda: serve_bare(fake)),
            ("prepbot", lambda: serve_prepbot(fake, f"sqlite:///{tmp}/bench.db")),
        ):
            served = start()
            try:
                results[name] = asyncio.run(measure(fake, served.port))
            finally:
                served.close()
    print(
        f"Signed slash commands over loopback; steady {STEADY_RATE}/s for {STEADY_SECONDS} s, "
        f"saturation at concurrency {CONCURRENCY} for {SATURATION_SECONDS} s. Times in ms.\n"
    )
    print("| app | load | req/s | ack p50 | ack p99 | reply p50 | reply p99 | errors |")
    print("|---|---|---|---|---|---|---|---|")
    for name, (steady, saturated) in results.items():
        print(row(name, f"{STEADY_RATE}/s", steady))
        print(row(name, "saturation", saturated))
    bare, ours = results["bare bolt (ack only)"][1].rate, results["prepbot"][1].rate
    print(
        f"\nprepbot saturation throughput = {100 * ours / bare:.0f}% of the bare app's "
        f"(mean ack at 50/s: {statistics.fmean(results['prepbot'][0].acks) * 1000:.1f} ms)"
    )
    fake.server.shutdown()


if __name__ == "__main__":
    main()
