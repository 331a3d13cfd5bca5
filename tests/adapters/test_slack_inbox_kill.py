"""Nothing acknowledged is lost: a real `prepbot slack --mode http` process, killed with SIGKILL
twenty times under signed traffic, then restarted, has answered every message Slack got a 200
for exactly once (counted at a local fake Slack Web API)."""

from __future__ import annotations

import hashlib
import hmac
import http.client
import json
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

SECRET = "kill-test-signing-secret"
TOKEN = "xoxb-kill-test-token"
KILLS = 20
SENDERS = 3


class FakeSlackApi:
    """auth.test, chat.postMessage and conversations.history/replies (with message metadata);
    records the channel of every posted reply."""

    def __init__(self) -> None:
        self.posts: Counter[str] = Counter()
        self.messages: dict[str, list[dict[str, Any]]] = {}
        self.lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self._answer({k: v[0] for k, v in parse_qs(urlsplit(self.path).query).items()})

            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
                body: dict[str, Any] = {}
                if raw.startswith("{"):
                    body = json.loads(raw)
                elif raw:
                    body = {k: v[0] for k, v in parse_qs(raw).items()}
                self._answer(body)

            def _answer(self, body: dict[str, Any]) -> None:
                path = urlsplit(self.path).path
                channel = str(body.get("channel"))
                answer: dict[str, Any] = {
                    "ok": True,
                    "user_id": "U0BOT",
                    "bot_id": "B0BOT",
                    "team_id": "T1",
                    "team": "t",
                    "url": "https://t.example/",
                    "user": "prepbot",
                    "ts": f"{time.time():.6f}",
                    "channel": channel,
                }
                if path.endswith("chat.postMessage") or path.endswith("chat.postEphemeral"):
                    metadata = body.get("metadata")
                    if isinstance(metadata, str):
                        metadata = json.loads(metadata)
                    with fake.lock:
                        fake.posts[channel] += 1
                        fake.messages.setdefault(channel, []).append(
                            {"ts": answer["ts"], "metadata": metadata}
                        )
                elif path.endswith("conversations.history") or path.endswith("conversations.replies"):
                    with fake.lock:
                        answer["messages"] = list(fake.messages.get(channel, []))
                data = json.dumps(answer).encode()
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

    def replies(self) -> Counter[str]:
        with self.lock:
            return Counter(self.posts)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _start(fake: FakeSlackApi, db: str, port: int, log: Path) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "SLACK_BOT_TOKEN": TOKEN,
        "SLACK_SIGNING_SECRET": SECRET,
        "PREPBOT_RATE_LIMIT": "0",
        "SLACK_API_URL": fake.url + "/api/",
        "PREPBOT_LOG_LEVEL": "WARNING",
    }
    env.pop("SLACK_APP_TOKEN", None)
    env.pop("PREPBOT_CONFIG", None)
    command = [
        sys.executable,
        "-m",
        "bot.cli",
        "slack",
        "--mode",
        "http",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--db",
        db,
    ]
    with log.open("ab") as out:
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=out)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert process.poll() is None, log.read_text()[-2000:]
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return process
        time.sleep(0.02)
    process.kill()
    raise AssertionError("prepbot slack did not start")


class Traffic:
    """Signed DM events, each in its own DM channel so its reply can be counted."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.acknowledged: list[str] = []
        self.lock = threading.Lock()
        self.next = 0
        self.stop = threading.Event()

    def _event(self, n: int) -> tuple[str, str]:
        channel = f"D{n:06d}"
        ts = f"{1_700_000_000 + n}.{n:06d}"
        body = json.dumps(
            {
                "token": "t",
                "team_id": "T1",
                "api_app_id": "A1",
                "type": "event_callback",
                "event_id": f"Ev{n:08d}",
                "event_time": int(time.time()),
                "authorizations": [{"team_id": "T1", "user_id": "U0BOT", "is_bot": True}],
                "event": {
                    "type": "message",
                    "channel_type": "im",
                    "channel": channel,
                    "user": f"U{n % 7}",
                    "text": "help",
                    "ts": ts,
                    "event_ts": ts,
                },
            }
        )
        return channel, body

    def send(self) -> None:
        while not self.stop.is_set():
            with self.lock:
                n, self.next = self.next, self.next + 1
            channel, body = self._event(n)
            stamp = str(int(time.time()))
            mac = hmac.new(SECRET.encode(), f"v0:{stamp}:{body}".encode(), hashlib.sha256).hexdigest()
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                conn.request(
                    "POST",
                    "/slack/events",
                    body=body.encode(),
                    headers={
                        "Content-Type": "application/json",
                        "X-Slack-Request-Timestamp": stamp,
                        "X-Slack-Signature": "v0=" + mac,
                    },
                )
                status = conn.getresponse().status
                conn.close()
            except OSError:  # killed mid-request: not acknowledged, Slack would send it again
                time.sleep(0.01)
                continue
            if status == 200:
                with self.lock:
                    self.acknowledged.append(channel)


@pytest.mark.slow
def test_kill_9_twenty_times_under_traffic_loses_and_doubles_nothing(tmp_path: Path) -> None:
    fake = FakeSlackApi()
    db = f"sqlite:///{tmp_path / 'inbox.db'}"
    log = tmp_path / "prepbot.log"
    rng = random.Random(16)
    traffic = Traffic(0)
    for _ in range(KILLS):
        port = _free_port()
        process = _start(fake, db, port, log)
        traffic.port = port
        traffic.stop.clear()
        senders = [threading.Thread(target=traffic.send) for _ in range(SENDERS)]
        for sender in senders:
            sender.start()
        time.sleep(rng.uniform(0.2, 0.8))
        process.send_signal(signal.SIGKILL)
        process.wait()
        traffic.stop.set()
        for sender in senders:
            sender.join()

    acknowledged = list(traffic.acknowledged)
    assert len(acknowledged) >= 100, "too little traffic got through to mean anything"
    final = _start(fake, db, _free_port(), log)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not set(acknowledged) <= set(fake.replies()):
            time.sleep(0.2)
        time.sleep(1.0)  # anything answered twice would show up by now
    finally:
        final.send_signal(signal.SIGTERM)
        final.wait(timeout=15)
    replies = fake.replies()
    lost = [c for c in acknowledged if replies[c] == 0]
    doubled = {c: n for c, n in replies.items() if n > 1}
    assert lost == [], f"{len(lost)} of {len(acknowledged)} acknowledged messages never answered"
    assert doubled == {}, f"answered more than once: {doubled}"
