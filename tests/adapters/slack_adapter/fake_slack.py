"""A local stand-in for Slack: the Web API and response_url endpoints on 127.0.0.1, recording
what reached them (the way bolt-python's tests use `mock_web_api_server`)."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import itertools
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl

BOT_USER = "U0BOT"
BOT_ID = "B0BOT"
TEAM = "T0001"


@dataclass
class Call:
    path: str
    body: dict[str, Any]
    headers: dict[str, str]
    at: float = field(default_factory=time.monotonic)

    @property
    def method(self) -> str:
        return self.path.removeprefix("/api/")


class FakeSlack:
    """Answers like Slack; `script[method]` holds canned (status, headers, body) answers to use first."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.script: dict[str, list[tuple[int, dict[str, str], dict[str, Any]]]] = {}
        self.socket_url = ""
        self._ts = itertools.count(1)
        self.history: dict[str, list[dict[str, Any]]] = {}  # channel -> messages posted there, oldest first
        self.uploads: dict[str, bytes] = {}  # file id -> bytes POSTed to its upload URL
        self.shared: list[dict[str, Any]] = []  # files.completeUploadExternal: file, channel, thread
        self._files = itertools.count(1)
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.02,), daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def api_url(self) -> str:
        return self.url + "/api/"

    def response_url(self, name: str) -> str:
        return f"{self.url}/response/{name}"

    def start(self) -> FakeSlack:
        self._thread.start()
        return self

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def sent(self, method: str | None = None) -> list[Call]:
        """What reached the fake (Web API method name, or "response" for response_url posts)."""
        with self._lock:
            calls = list(self.calls)
        if method == "response":
            return [c for c in calls if c.path.startswith("/response/")]
        return [c for c in calls if method is None or c.method == method]

    def replies(self) -> list[Call]:
        """Everything a person could see: channel posts, ephemerals and response_url answers."""
        return [
            c
            for c in self.sent()
            if c.method in ("chat.postMessage", "chat.postEphemeral") or c.path.startswith("/response/")
        ]

    async def wait_for(self, check: Callable[[], bool], timeout: float = 5.0) -> None:
        deadline = time.monotonic() + timeout
        while not check():
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out; fake Slack saw: {[c.path for c in self.sent()]}")
            await asyncio.sleep(0.01)

    def answer(self, call: Call) -> tuple[int, dict[str, str], dict[str, Any]]:
        with self._lock:
            self.calls.append(call)
            queued = self.script.get(call.method)
            if queued:
                return queued.pop(0)
        return 200, {}, self._ok(call)

    def _ok(self, call: Call) -> dict[str, Any]:
        method, body = call.method, call.body
        if call.path.startswith("/response/"):
            return {"ok": True}
        if method == "auth.test":
            return {
                "ok": True,
                "user_id": BOT_USER,
                "bot_id": BOT_ID,
                "team_id": TEAM,
                "team": "Test",
                "user": "prepbot",
                "url": "https://test.slack.com/",
            }
        if method == "chat.postMessage":
            ts = f"1800000000.{next(self._ts):06d}"
            posted = {"ts": ts, "text": body.get("text", ""), "metadata": body.get("metadata")}
            self.history.setdefault(str(body.get("channel")), []).append(posted)
            return {
                "ok": True,
                "channel": body.get("channel"),
                "ts": ts,
                "message": {"text": body.get("text", "")},
            }
        if method == "conversations.history":
            found = list(reversed(self.history.get(str(body.get("channel")), [])))
            shown = [
                m
                if body.get("include_all_metadata") in ("1", "true", True)
                else {k: v for k, v in m.items() if k != "metadata"}
                for m in found
            ]
            return {"ok": True, "messages": shown, "has_more": False}
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": f"1800000001.{next(self._ts):06d}"}
        if method == "users.info":
            return {"ok": True, "user": {"id": body.get("user"), "is_admin": False, "is_owner": False}}
        if method == "conversations.open":
            return {"ok": True, "channel": {"id": "D" + str(body.get("users", "")).split(",")[0]}}
        if method == "files.getUploadURLExternal":  # Slack's current upload flow, step 1
            file_id = f"F{next(self._files):06d}"
            self.uploads.setdefault(file_id, b"")
            return {"ok": True, "upload_url": f"{self.url}/upload/{file_id}", "file_id": file_id}
        if method == "files.completeUploadExternal":  # step 3: share what was POSTed in step 2
            files = body.get("files")
            files = json.loads(files) if isinstance(files, str) else files or []
            missing = [f["id"] for f in files if not self.uploads.get(f["id"])]
            if missing:
                return {"ok": False, "error": "file_not_found"}
            for f in files:
                self.shared.append(
                    {
                        "id": f["id"],
                        "title": f.get("title"),
                        "channel": body.get("channel_id"),
                        "thread_ts": body.get("thread_ts"),
                        "data": self.uploads[f["id"]],
                    }
                )
            return {"ok": True, "files": [{"id": f["id"], "title": f.get("title")} for f in files]}
        if method == "apps.connections.open":
            return {"ok": True, "url": self.socket_url}
        return {"ok": True}

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # the SDK reads some methods (conversations.history) with GET
                path, _, query = self.path.partition("?")
                self._reply(
                    Call(path, dict(parse_qsl(query)), {k.lower(): v for k, v in self.headers.items()})
                )

            def do_POST(self) -> None:
                if self.path.startswith("/upload/"):  # step 2: the file's bytes, as they are
                    data = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                    file_id = self.path.removeprefix("/upload/")
                    with fake._lock:
                        known = file_id in fake.uploads
                        if known:
                            fake.uploads[file_id] = data
                    self.send_response(200 if known else 404)
                    self.send_header("Content-Length", "2")
                    self.end_headers()
                    self.wfile.write(b"OK")
                    return
                raw = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
                if self.headers.get("Content-Type", "").startswith("application/json"):
                    body = json.loads(raw or "{}")
                else:
                    body = dict(parse_qsl(raw))
                path, _, query = self.path.partition("?")
                body = {**dict(parse_qsl(query)), **body}  # the SDK sends some methods' params in the URL
                self._reply(Call(path, body, {k.lower(): v for k, v in self.headers.items()}))

            def _reply(self, call: Call) -> None:
                status, headers, answer = fake.answer(call)
                data = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: Any) -> None:
                return

        return Handler


def sign(body: str, secret: str, ts: int | None = None) -> dict[str, str]:
    stamp = str(int(time.time()) if ts is None else ts)
    mac = hmac.new(secret.encode(), f"v0:{stamp}:{body}".encode(), hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": "v0=" + mac}


def texts(call: Call) -> str:
    """All the words a person sees in one sent message: fallback text and every block's text."""
    parts = [str(call.body.get("text", ""))]
    blocks = call.body.get("blocks") or []
    if isinstance(blocks, str):
        blocks = json.loads(blocks)
    for block in blocks:
        parts += _block_texts(block)
    return "\n".join(parts)


def _block_texts(block: dict[str, Any]) -> list[str]:
    found: list[str] = []
    text = block.get("text")
    if isinstance(text, dict):
        found.append(text["text"])
    for item in block.get("fields", []) + block.get("elements", []):
        inner = item.get("text")
        found.append(inner["text"] if isinstance(inner, dict) else str(inner))
    return found
