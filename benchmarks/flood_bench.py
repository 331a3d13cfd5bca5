"""One person floods a channel; how long does another person in it wait for each reply?

Run: `python -m benchmarks flood_bench`. A real SlackSender (real AsyncWebClient, pacing 1 message
a second per channel, as `prepbot slack` runs) posts to a local fake Slack Web API. The flooder
asks for 500 replies over 30 s (what gets past the core's per-person limit when it is raised, or
several processes' worth); the other person asks once every 2 s. Latency is from `deliver()` to
the post reaching the fake. Baseline, in the same run: the other person alone in the channel.
"""

from __future__ import annotations

import asyncio
import json
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


async def run(flood: bool) -> list[float]:
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


def main() -> None:
    alone = asyncio.run(run(flood=False))
    flooded = asyncio.run(run(flood=True))
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


if __name__ == "__main__":
    main()
