"""One person floods a channel; how long does another person in it wait for each reply?

Run: `python -m benchmarks flood_bench`. Slack: a real SlackSender (real AsyncWebClient, pacing 1 message
a second per channel, as `prepbot slack` runs) posts to a local fake Slack Web API. The flooder
asks for 500 replies over 30 s (what gets past the core's per-person limit when it is raised, or
several processes' worth); the other person asks once every 2 s. Latency is from `deliver()` to
the post reaching the fake. Discord: the real discord.py client (DiscordService) connected to the
local fake Discord gateway and REST API of the tests, with Discord's channel budget (1 message a
second, never more than 5 in 5 s); the same flood and asker arrive as gateway MESSAGE_CREATE
events, the core answers at once (the adapter's delivery is what is measured), latency is from the
event to the reply reaching the fake. Baseline, in the same run: the other person alone.
"""

from __future__ import annotations

import asyncio
import json
import logging
import statistics
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from adapters.slack.outbound import Destination, SlackSender, web_client
from adapters.slack.threads import ThreadRegistry
from bot.messages import Reply, Section

SECONDS = 30.0
FLOOD = 500
EVERY = 2.0


class FakeSlack:
    def __init__(self) -> None:
        self.arrivals: dict[str, float] = {}
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
                try:
                    text = str(json.loads(body).get("text", ""))
                except ValueError:
                    text = ""
                fake.arrivals.setdefault(text.split("\n")[0], time.perf_counter())
                data = b'{"ok":true,"ts":"1.1"}'
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: Any) -> None:
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, args=(0.02,), daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/api/"


async def run_slack(flood: bool) -> list[float]:
    fake = FakeSlack()
    sender = SlackSender(web_client("xoxb-bench", fake.url), ThreadRegistry(), interval=1.0)
    asked: dict[str, float] = {}

    async def ask(user: str, title: str) -> None:
        asked[title] = time.perf_counter()
        reply = Reply(title=title, sections=(Section(text="an answer"),))
        await sender.deliver(reply, Destination(channel="C1", user=user, is_direct=False, ts="1.1"))

    tasks: list[asyncio.Future[None]] = []
    start = time.perf_counter()
    n = 0
    while (elapsed := time.perf_counter() - start) < SECONDS:
        if flood:
            while n < FLOOD * elapsed / SECONDS:
                tasks.append(asyncio.ensure_future(ask("U0FLOOD", f"flood {n}")))
                n += 1
        if int(elapsed / EVERY) >= sum(1 for t in asked if t.startswith("other")):
            tasks.append(
                asyncio.ensure_future(
                    ask("U0ANA", f"other {len([t for t in asked if t.startswith('other')])}")
                )
            )
        await asyncio.sleep(0.01)
    await asyncio.sleep(3.0)  # let the last answers arrive
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    fake.server.shutdown()
    return [fake.arrivals[t] - asked[t] for t in asked if t.startswith("other") and t in fake.arrivals]


def p99(values: list[float]) -> float:
    return (
        statistics.quantiles(values, n=100)[98]
        if len(values) > 1
        else (values[0] if values else float("nan"))
    )


async def run_discord(flood: bool) -> tuple[list[float], int]:
    """(the other person's latencies, the most channel messages posted in any 5 s)."""
    import tempfile
    from dataclasses import dataclass
    from pathlib import Path

    import discord
    import yarl
    from aiohttp import web
    from discord.gateway import DiscordWebSocket

    from adapters.discord import responder
    from bot.app import Prepbot
    from bot.messages import Message
    from tests.adapters.discord_adapter import payloads
    from tests.adapters.discord_adapter.conftest import start_service
    from tests.adapters.discord_adapter.fake_discord import BOT_ID, CHANNEL_ID, FakeDiscord
    from tests.adapters.discord_adapter.harness import recording_bot

    class TimedFake(FakeDiscord):
        """Notes when each answer to a chat message reaches the channel."""

        arrivals: dict[str, float]
        posted: list[float]

        async def _rest(self, request: web.Request) -> web.Response:
            response = await super()._rest(request)
            call = self.calls[-1]
            if call.method == "POST" and call.path == f"/channels/{CHANNEL_ID}/messages":
                self.posted.append(time.perf_counter())
                asked = (call.body or {}).get("message_reference", {}).get("message_id")
                if asked:
                    self.arrivals.setdefault(str(asked), time.perf_counter())
            return response

    @dataclass
    class Instant(Prepbot):
        """The core answers at once: what is measured is the adapter's delivery."""

        async def handle(self, message: Message) -> Reply | None:
            return Reply(title="Answer", sections=(Section(text="an answer"),))

    fake = TimedFake()
    fake.arrivals, fake.posted = {}, []
    await fake.start()
    saved = (discord.http.Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY)
    discord.http.Route.BASE = fake.api_base
    DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(fake.ws_url)
    logging.getLogger("prepbot.discord").setLevel(logging.WARNING)  # 500 "reply dropped" lines
    responder.pace_with(responder.discord_budget())
    with tempfile.TemporaryDirectory() as tmp:
        built = recording_bot(Path(tmp) / "bench.db")
        core = Instant(kb=built.kb, stores=built.stores, settings=built.settings, clock=built.clock)
        service = await start_service(core)
        mention = f"<@{BOT_ID}>"
        asked: dict[str, float] = {}
        start = time.perf_counter()
        n = others = 0
        try:
            while (elapsed := time.perf_counter() - start) < SECONDS:
                if flood:
                    while n < FLOOD * elapsed / SECONDS:
                        await fake.dispatch("MESSAGE_CREATE", payloads.chat(f"{mention} flood {n}"))
                        n += 1
                if int(elapsed / EVERY) >= others:
                    said = payloads.chat(f"{mention} other {others}", who=payloads.BEN)
                    asked[said["id"]] = time.perf_counter()
                    await fake.dispatch("MESSAGE_CREATE", said)
                    others += 1
                await asyncio.sleep(0.01)
            await asyncio.sleep(3.0)  # let the last answers arrive
        finally:
            if service.client is not None:
                for task in list(service.client.inflight):
                    task.cancel()
            await service.stop()
            core.stores.db.dispose()
            await fake.close()
            discord.http.Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = saved
    most = max((sum(1 for t in fake.posted if s <= t < s + 5.0) for s in fake.posted), default=0)
    return [fake.arrivals[m] - asked[m] for m in asked if m in fake.arrivals], most


def table(platform: str, alone: list[float], flooded: list[float]) -> None:
    print(f"\n### {platform}\n")
    print("| case | other person's replies | p50 | p99 |")
    print("| --- | --- | --- | --- |")
    for name, values in (("alone (baseline)", alone), (f"beside a {FLOOD}-message flood", flooded)):
        print(
            f"| {name} | {len(values)} | {statistics.median(values) * 1000:.0f} ms | "
            f"{p99(values) * 1000:.0f} ms |"
        )
    print(
        f"\nflooded p99 = {p99(flooded) / p99(alone):.1f}x the baseline ({p99(flooded) * 1000:.0f} ms; "
        "target under 1 s)"
    )


def main() -> None:
    table("Slack", asyncio.run(run_slack(flood=False)), asyncio.run(run_slack(flood=True)))
    alone, _ = asyncio.run(run_discord(flood=False))
    flooded, most = asyncio.run(run_discord(flood=True))
    table("Discord", alone, flooded)
    print(f"most channel messages posted in any 5 s during the flood: {most} (Discord allows 5)")


if __name__ == "__main__":
    main()
