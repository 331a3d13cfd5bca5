"""A local fake of Discord: the REST API under /api/v10 and a gateway websocket at /gateway.

It records every REST call (method, path, JSON body) and plays just enough of the gateway
(HELLO, heartbeat ACK, READY + GUILD_CREATE after IDENTIFY) for a real discord.py client.
"""

from __future__ import annotations

import asyncio
import itertools
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import discord
from aiohttp import WSMsgType, web

APP_ID = 900000000000000001
BOT_ID = 900000000000000002
GUILD_ID = 910000000000000001
CHANNEL_ID = 910000000000000002
OWNER_ID = 920000000000000001
JSON = "application/json"  # discord.py parses a body as JSON only for exactly this type


def snowflake() -> str:
    """A fresh, current snowflake (interactions older than 3 s count as expired)."""
    return str(discord.utils.time_snowflake(datetime.now(UTC)) + next(_counter))


_counter = itertools.count(1)


def user(user_id: int, name: str, *, bot: bool = False) -> dict[str, Any]:
    return {
        "id": str(user_id),
        "username": name,
        "global_name": name,
        "discriminator": "0",
        "avatar": None,
        "bot": bot,
        "public_flags": 0,
        "flags": 0,
    }


def member(user_id: int, name: str, *, permissions: int = 0) -> dict[str, Any]:
    return {
        "user": user(user_id, name),
        "roles": [],
        "joined_at": "2026-01-01T00:00:00+00:00",
        "deaf": False,
        "mute": False,
        "flags": 0,
        "nick": None,
        "permissions": str(permissions),
    }


def text_channel(channel_id: int = CHANNEL_ID, name: str = "general") -> dict[str, Any]:
    return {
        "id": str(channel_id),
        "type": 0,
        "guild_id": str(GUILD_ID),
        "name": name,
        "position": 0,
        "permission_overwrites": [],
        "nsfw": False,
        "parent_id": None,
        "topic": None,
        "last_message_id": None,
        "rate_limit_per_user": 0,
    }


@dataclass
class Call:
    method: str
    path: str
    body: Any
    query: dict[str, str]
    files: dict[str, bytes] = field(default_factory=dict)  # multipart uploads: filename -> bytes


@dataclass
class FakeDiscord:
    refuse_message_content: bool = False  # close the gateway with 4014 when the intent is asked for
    reject_token: bool = False  # answer login with 401, as Discord does for a reset token
    webhook_errors: list[tuple[int, int]] = field(default_factory=list)  # (status, code) for next follow-ups
    calls: list[Call] = field(default_factory=list)
    identifies: list[dict[str, Any]] = field(default_factory=list)
    threads: dict[str, dict[str, Any]] = field(default_factory=dict)
    dms: dict[str, str] = field(default_factory=dict)  # DM channel id -> user id
    dms_closed: bool = False
    _nonces: dict[str, dict[str, Any]] = field(default_factory=dict)
    _sockets: list[web.WebSocketResponse] = field(default_factory=list)
    _runner: web.AppRunner | None = None
    port: int = 0

    @property
    def api_base(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v10"

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/gateway", self._gateway)
        app.router.add_route("*", "/api/v10/{tail:.*}", self._rest)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def close(self) -> None:
        for ws in list(self._sockets):
            await ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    # ---- what tests look at ---------------------------------------------------------------
    def posts(self, fragment: str) -> list[Call]:
        return [c for c in self.calls if c.method in ("POST", "PATCH", "PUT") and fragment in c.path]

    def direct_messages(self, user_id: int) -> list[dict[str, Any]]:
        channels = {cid for cid, uid in self.dms.items() if uid == str(user_id)}
        return [
            c.body
            for c in self.calls
            if c.method == "POST"
            and c.path.split("/")[1:2] == ["channels"]
            and c.path.split("/")[2] in channels
            and c.path.endswith("/messages")
        ]

    def sent_messages(self) -> list[dict[str, Any]]:
        """Every message body the bot created: follow-ups, channel messages, callbacks with data."""
        found: list[dict[str, Any]] = []
        for call in self.calls:
            if call.method != "POST" or not isinstance(call.body, dict):
                continue
            if call.path.endswith("/callback"):
                if call.body.get("data") and call.body.get("type") == 4:
                    found.append(call.body["data"])
            elif "/webhooks/" in call.path or call.path.endswith("/messages"):
                found.append(call.body)
        return found

    async def wait_for(self, predicate: Any, timeout: float = 5.0) -> None:
        async def poll() -> None:
            while not predicate():
                await asyncio.sleep(0.01)

        await asyncio.wait_for(poll(), timeout)

    async def dispatch(self, event: str, data: dict[str, Any]) -> None:
        for ws in self._sockets:
            await ws.send_str(json.dumps({"op": 0, "t": event, "s": next(_counter), "d": data}))

    # ---- REST --------------------------------------------------------------------------------
    async def _rest(self, request: web.Request) -> web.Response:
        path = "/" + request.match_info["tail"]
        body: Any = None
        files: dict[str, bytes] = {}
        if request.can_read_body:
            raw = await request.read()
            if request.content_type.startswith("multipart/"):
                body, files = _multipart(raw, request.headers["Content-Type"])
            else:
                body = _parse(raw, request.content_type)
        self.calls.append(Call(request.method, path, body, dict(request.query), files))
        status, payload = self._answer(request.method, path, body)
        if path.startswith("/channels/") and path.endswith("/threads") and status == 201:
            await self.dispatch("THREAD_CREATE", dict(payload, newly_created=True))
        if payload is None:
            return web.Response(status=status)
        headers = {"Content-Type": JSON}
        if status == 429:  # discord.py tells Discord's own 429s from Cloudflare's by this header
            headers |= {"Via": "1.1 google", "X-RateLimit-Scope": "user"}
        return web.Response(status=status, body=json.dumps(payload).encode(), headers=headers)

    def _answer(self, method: str, path: str, body: Any) -> tuple[int, Any]:
        parts = path.strip("/").split("/")
        if path == "/users/@me":
            if self.reject_token:
                return 401, {"message": "401: Unauthorized", "code": 0}
            return 200, user(BOT_ID, "prepbot", bot=True)
        if path == "/oauth2/applications/@me":
            return 200, {
                "id": str(APP_ID),
                "name": "prepbot",
                "icon": None,
                "description": "",
                "bot_public": True,
                "bot_require_code_grant": False,
                "verify_key": "k",
                "owner": user(OWNER_ID, "owner"),
                "flags": 0,
            }
        if path == "/gateway/bot":
            return 200, {
                "url": self.ws_url,
                "shards": 1,
                "session_start_limit": {
                    "total": 1000,
                    "remaining": 999,
                    "reset_after": 0,
                    "max_concurrency": 1,
                },
            }
        if path == "/gateway":
            return 200, {"url": self.ws_url}
        if parts[0] == "applications" and parts[-1] == "commands" and method == "PUT":
            return 200, [dict(c, id=snowflake(), application_id=str(APP_ID), version="1") for c in body]
        if parts[0] == "interactions":
            return 200, {"interaction": {"id": parts[1], "type": 2}}
        if parts[0] == "webhooks":
            return self._webhook(method, parts, body)
        if path == "/users/@me/channels" and method == "POST":
            recipient = str(body["recipient_id"])
            dm = {
                "id": f"95{recipient[-16:]}",
                "type": 1,
                "recipients": [user(int(recipient), "someone")],
                "last_message_id": None,
            }
            self.dms[dm["id"]] = recipient
            return 200, dm
        if parts[0] == "channels" and parts[1] in self.dms and self.dms_closed:
            return 403, {"message": "Cannot send messages to this user", "code": 50007}
        if parts[0] == "channels":
            return self._channel(method, parts, body)
        return 404, {"message": "Unknown", "code": 0}

    def _webhook(self, method: str, parts: list[str], body: Any) -> tuple[int, Any]:
        if method == "DELETE":
            return 204, None
        if method == "POST" and self.webhook_errors:
            status, code = self.webhook_errors.pop(0)
            if status == 429:
                return 429, {"message": "You are being rate limited.", "retry_after": 0.05, "global": False}
            return status, {"message": "error", "code": code}
        channel = body.get("channel_id", str(CHANNEL_ID)) if isinstance(body, dict) else str(CHANNEL_ID)
        return 200, message(channel, body or {}, author=user(APP_ID, "prepbot", bot=True))

    def _channel(self, method: str, parts: list[str], body: Any) -> tuple[int, Any]:
        channel_id = parts[1]
        if method == "GET" and len(parts) == 2:
            return 200, self.threads.get(channel_id) or text_channel(int(channel_id))
        if parts[-1] == "threads" and method == "POST":
            thread_id = parts[3] if len(parts) > 4 else snowflake()
            if thread_id in self.threads:
                return 400, {"message": "A thread has already been created for this message", "code": 160004}
            thread = {
                "id": thread_id,
                "type": 11,
                "guild_id": str(GUILD_ID),
                "parent_id": channel_id,
                "owner_id": str(BOT_ID),
                "name": body["name"],
                "member_count": 1,
                "message_count": 0,
                "rate_limit_per_user": 0,
                "last_message_id": None,
                "thread_metadata": {
                    "archived": False,
                    "auto_archive_duration": 1440,
                    "archive_timestamp": "2026-01-01T00:00:00+00:00",
                    "locked": False,
                },
            }
            self.threads[thread_id] = thread
            return 201, thread
        if parts[-1] == "messages" and method == "POST":
            nonce = body.get("nonce") if isinstance(body, dict) else None
            if nonce and body.get("enforce_nonce") and nonce in self._nonces:
                return 200, self._nonces[nonce]
            sent = message(channel_id, body or {}, author=user(BOT_ID, "prepbot", bot=True))
            if nonce:
                self._nonces[nonce] = sent
            return 200, sent
        return 404, {"message": "Unknown", "code": 0}

    # ---- gateway ----------------------------------------------------------------------------
    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self._sockets.append(ws)
        await ws.send_str(json.dumps({"op": 10, "d": {"heartbeat_interval": 41250}}))
        try:
            async for frame in ws:
                if frame.type != WSMsgType.TEXT:
                    break
                await self._on_frame(ws, json.loads(frame.data))
        finally:
            self._sockets.remove(ws)
        return ws

    async def _on_frame(self, ws: web.WebSocketResponse, frame: dict[str, Any]) -> None:
        if frame["op"] == 1:
            await ws.send_str(json.dumps({"op": 11}))
        elif frame["op"] == 2:
            self.identifies.append(frame["d"])
            intents = discord.Intents._from_value(frame["d"]["intents"])
            if self.refuse_message_content and intents.message_content:
                await ws.close(code=4014, message=b"Disallowed intent(s).")
                return
            await self._ready(ws, frame["d"].get("shard", [0, 1]))

    async def _ready(self, ws: web.WebSocketResponse, shard: list[int]) -> None:
        ready = {
            "v": 10,
            "user": user(BOT_ID, "prepbot", bot=True),
            "guilds": [{"id": str(GUILD_ID), "unavailable": True}],
            "session_id": "s1",
            "shard": shard,
            "resume_gateway_url": self.ws_url,
            "application": {"id": str(APP_ID), "flags": 0},
        }
        await ws.send_str(json.dumps({"op": 0, "t": "READY", "s": 1, "d": ready}))
        await ws.send_str(json.dumps({"op": 0, "t": "GUILD_CREATE", "s": 2, "d": guild()}))


def guild() -> dict[str, Any]:
    return {
        "id": str(GUILD_ID),
        "name": "Study Group",
        "owner_id": str(OWNER_ID),
        "icon": None,
        "splash": None,
        "discovery_splash": None,
        "afk_channel_id": None,
        "afk_timeout": 300,
        "verification_level": 0,
        "default_message_notifications": 0,
        "explicit_content_filter": 0,
        "roles": [
            {
                "id": str(GUILD_ID),
                "name": "@everyone",
                "permissions": "1024",
                "position": 0,
                "color": 0,
                "hoist": False,
                "managed": False,
                "mentionable": False,
                "flags": 0,
            }
        ],
        "emojis": [],
        "features": [],
        "mfa_level": 0,
        "system_channel_id": None,
        "system_channel_flags": 0,
        "rules_channel_id": None,
        "vanity_url_code": None,
        "description": None,
        "banner": None,
        "premium_tier": 0,
        "preferred_locale": "en-US",
        "public_updates_channel_id": None,
        "nsfw_level": 0,
        "premium_progress_bar_enabled": False,
        "member_count": 3,
        "large": False,
        "unavailable": False,
        "joined_at": "2026-01-01T00:00:00+00:00",
        "members": [],
        "channels": [text_channel()],
        "threads": [],
        "presences": [],
        "voice_states": [],
        "stage_instances": [],
        "guild_scheduled_events": [],
        "stickers": [],
        "soundboard_sounds": [],
    }


def message(channel_id: str, body: dict[str, Any], *, author: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": snowflake(),
        "channel_id": channel_id,
        "author": author,
        "content": body.get("content") or "",
        "timestamp": datetime.now(UTC).isoformat(),
        "edited_timestamp": None,
        "tts": False,
        "mention_everyone": False,
        "mentions": [],
        "mention_roles": [],
        "attachments": [],
        "embeds": body.get("embeds") or [],
        "components": body.get("components") or [],
        "pinned": False,
        "type": 0,
        "flags": body.get("flags") or 0,
        "nonce": body.get("nonce"),
    }


def _parse(raw: bytes, content_type: str) -> Any:
    if not raw:
        return None
    if content_type == JSON:
        return json.loads(raw)
    if content_type.startswith("multipart/"):  # payload_json part of a multipart form
        text = raw.decode("utf-8", "replace")
        start = text.find("{")
        end = text.rfind("}")
        return json.loads(text[start : end + 1]) if start >= 0 else text
    return raw.decode("utf-8", "replace")


def _multipart(raw: bytes, content_type: str) -> tuple[Any, dict[str, bytes]]:
    """A multipart form's `payload_json` (the message body) and its file parts, by filename."""
    from email import message_from_bytes, policy

    form = message_from_bytes(
        b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + raw, policy=policy.HTTP
    )
    body: Any = None
    found: dict[str, bytes] = {}
    for part in form.iter_parts():  # type: ignore[attr-defined]
        data = part.get_payload(decode=True)
        if part.get_param("name", header="content-disposition") == "payload_json":
            body = json.loads(data)
        elif part.get_filename():
            found[part.get_filename()] = data
    return body, found


def thread_posts(fake: FakeDiscord, thread_id: str) -> list[dict[str, object]]:
    """Bodies of the messages the bot posted in one thread (or channel)."""
    return [c.body for c in fake.calls if c.method == "POST" and c.path == f"/channels/{thread_id}/messages"]


def shown(body: dict[str, object]) -> str:
    """The titles and descriptions of a message's embeds: what a person reads first."""
    embeds = body.get("embeds") or []
    return " ".join(f"{e.get('title', '')} {e.get('description', '')}" for e in embeds)  # type: ignore[union-attr]
