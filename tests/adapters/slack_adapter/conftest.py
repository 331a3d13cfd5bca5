"""Fixtures: a fake Slack on 127.0.0.1 and the real SlackService (bolt AsyncApp, HTTP mode) over
the real Prepbot, driven by signed requests the way Slack sends them."""

from __future__ import annotations

import asyncio
import itertools
import json
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import aiohttp
import pytest
import pytest_asyncio

from adapters.slack.service import SlackService
from bot.app import Prepbot
from bot.config import Settings, load_settings
from bot.messages import Message, Reply
from tests.adapters.slack_adapter.fake_slack import BOT_USER, TEAM, FakeSlack, sign

SECRET = "TEST-signing-secret-0123456789abcdef"
BOT_TOKEN = "xoxb-TEST-0000-bot-token"
APP_TOKEN = "xapp-TEST-0000-app-token"
GENERAL = "C0GENERAL"
ALICE, BOB = "U0ALICE", "U0BOB"


def slack_settings(db_url: str, api_url: str, **extra: Any) -> Settings:
    return load_settings(
        {
            "database_url": db_url,
            "rate_limit_per_10s": 0,
            "slack_bot_token": BOT_TOKEN,
            "slack_signing_secret": SECRET,
            "slack_api_url": api_url,
            **extra,
        },
        environ={},
    )


@dataclass
class Answer:
    status: int
    text: str

    def json(self) -> dict[str, Any]:
        return json.loads(self.text) if self.text else {}


class SlackSide:
    """Plays Slack's part: signed POSTs into the app, with ids like Slack's."""

    def __init__(self, url: str, fake: FakeSlack, session: aiohttp.ClientSession) -> None:
        self.url = url
        self.fake = fake
        self.session = session
        self._n = itertools.count(1)
        self._run = uuid.uuid4().hex[:6]

    def new_ts(self) -> str:
        return f"{int(time.time())}.{next(self._n):06d}"

    async def post(
        self,
        body: str,
        content_type: str,
        *,
        headers: dict[str, str] | None = None,
        ts: int | None = None,
        secret: str = SECRET,
    ) -> Answer:
        signed = {**sign(body, secret, ts), "Content-Type": content_type, **(headers or {})}
        async with self.session.post(self.url, data=body.encode(), headers=signed) as response:
            return Answer(response.status, await response.text())

    async def command(self, command: str, text: str, *, user: str = ALICE, channel: str = GENERAL) -> Answer:
        return await self.post(
            self.command_body(command, text, user=user, channel=channel), "application/x-www-form-urlencoded"
        )

    def command_body(self, command: str, text: str, *, user: str = ALICE, channel: str = GENERAL) -> str:
        n = next(self._n)
        return urlencode(
            {
                "token": "legacy-verification-token",
                "team_id": TEAM,
                "channel_id": channel,
                "channel_name": "directmessage" if channel.startswith("D") else "general",
                "user_id": user,
                "user_name": user.lower(),
                "command": command,
                "text": text,
                "trigger_id": f"{self._run}.{n}.trigger",
                "api_app_id": "A0APP",
                "response_url": self.fake.response_url(f"{self._run}-{n}"),
            }
        )

    def event_body(self, event: dict[str, Any], event_id: str | None = None) -> str:
        return json.dumps(
            {
                "token": "legacy-verification-token",
                "team_id": TEAM,
                "api_app_id": "A0APP",
                "type": "event_callback",
                "event_id": event_id or f"Ev{self._run}{next(self._n)}",
                "event_time": int(time.time()),
                "event": event,
                "authorizations": [{"team_id": TEAM, "user_id": BOT_USER, "is_bot": True}],
            }
        )

    async def event(
        self, event: dict[str, Any], *, event_id: str | None = None, headers: dict[str, str] | None = None
    ) -> Answer:
        return await self.post(self.event_body(event, event_id), "application/json", headers=headers)

    def mention(
        self,
        text: str,
        *,
        user: str = ALICE,
        channel: str = GENERAL,
        thread_ts: str | None = None,
        ts: str | None = None,
    ) -> dict[str, Any]:
        event = {
            "type": "app_mention",
            "user": user,
            "text": f"<@{BOT_USER}> {text}",
            "ts": ts or self.new_ts(),
            "channel": channel,
            "event_ts": ts or self.new_ts(),
        }
        return event | ({"thread_ts": thread_ts} if thread_ts else {})

    def message(
        self,
        text: str,
        *,
        user: str = ALICE,
        channel: str = GENERAL,
        thread_ts: str | None = None,
        ts: str | None = None,
        **extra: Any,
    ) -> dict[str, Any]:
        kind = "im" if channel.startswith("D") else "channel"
        event = {
            "type": "message",
            "channel_type": kind,
            "user": user,
            "text": text,
            "ts": ts or self.new_ts(),
            "channel": channel,
            **extra,
        }
        return event | ({"thread_ts": thread_ts} if thread_ts else {})

    async def click(
        self,
        action: str,
        *,
        user: str = ALICE,
        channel: str = GENERAL,
        message_ts: str = "1800000000.000001",
        ephemeral: bool = False,
        thread_ts: str | None = None,
    ) -> Answer:
        container: dict[str, Any] = {
            "type": "message",
            "message_ts": message_ts,
            "channel_id": channel,
            "is_ephemeral": ephemeral,
        }
        if thread_ts:
            container["thread_ts"] = thread_ts
        payload = {
            "type": "block_actions",
            "team": {"id": TEAM},
            "user": {"id": user, "username": user.lower()},
            "api_app_id": "A0APP",
            "token": "legacy-verification-token",
            "container": container,
            "trigger_id": f"{self._run}.{next(self._n)}.t",
            "channel": {"id": channel},
            "response_url": self.fake.response_url(f"act-{self._run}-{next(self._n)}"),
            "actions": [
                {
                    "action_id": "prepbot:" + action,
                    "block_id": "b1",
                    "value": action,
                    "type": "button",
                    "action_ts": f"{time.time():.6f}",
                }
            ],
        }
        if not ephemeral:
            payload["message"] = {"ts": message_ts, "type": "message", "text": "…"}
        return await self.post(
            urlencode({"payload": json.dumps(payload)}), "application/x-www-form-urlencoded"
        )

    async def home_click(self, action: str, *, user: str = ALICE, view_metadata: str = "") -> Answer:
        """A click on a button in the App Home tab (no channel, no message)."""
        payload = {
            "type": "block_actions",
            "team": {"id": TEAM},
            "user": {"id": user, "username": user.lower()},
            "api_app_id": "A0APP",
            "token": "legacy-verification-token",
            "trigger_id": f"{self._run}.h",
            "container": {"type": "view", "view_id": "V0HOME"},
            "view": {"id": "V0HOME", "type": "home", "private_metadata": view_metadata},
            "actions": [
                {
                    "action_id": "prepbot:" + action,
                    "block_id": "b1",
                    "value": action,
                    "type": "button",
                    "action_ts": f"{time.time():.6f}",
                }
            ],
        }
        return await self.post(
            urlencode({"payload": json.dumps(payload)}), "application/x-www-form-urlencoded"
        )


class Seen:
    """An observer of the core: the messages it worked on (not duplicates, not ignored chatter)."""

    def __init__(self, seen: list[Message]) -> None:
        self.seen = seen

    def on_message(self, message: Message) -> None:
        self.seen.append(message)

    def on_reply(self, reply: Reply) -> None:
        return None

    def on_error(self) -> None:
        return None


class RecordingPrepbot(Prepbot):
    """The real core, with a `Seen` observer filling `seen`; "boom" makes the core's door itself
    fail and "slowpoke" makes it slower than the slash-command ack budget."""

    seen: list[Message]

    def __setattr__(self, name: str, value: object) -> None:
        super().__setattr__(name, value)
        if name == "seen" and isinstance(value, list):
            self.observers.append(Seen(value))

    async def handle(self, message: Message) -> Reply | None:
        if "boom" in message.text:
            self.seen.append(message)
            raise RuntimeError("injected core failure")
        if "slowpoke" in message.text:
            await asyncio.sleep(SLOW_SECONDS)
        return await super().handle(message)


SLOW_SECONDS = 0.4


@pytest.fixture
def core(prepbot: Prepbot) -> RecordingPrepbot:
    bot = RecordingPrepbot(
        kb=prepbot.kb, stores=prepbot.stores, settings=prepbot.settings, clock=prepbot.clock
    )
    bot.seen = []
    return bot


@pytest.fixture
def fake_slack() -> Iterator[FakeSlack]:
    fake = FakeSlack().start()
    yield fake
    fake.close()


@pytest_asyncio.fixture
async def service(core: RecordingPrepbot, db_url: str, fake_slack: FakeSlack) -> AsyncIterator[SlackService]:
    settings = slack_settings(db_url, fake_slack.api_url)
    slack = SlackService(core, settings, mode="http", host="127.0.0.1", port=0, pace_seconds=0.0)
    await slack.start()
    yield slack
    await slack.stop()


@pytest_asyncio.fixture
async def slack(service: SlackService, fake_slack: FakeSlack) -> AsyncIterator[SlackSide]:
    async with aiohttp.ClientSession() as session:
        yield SlackSide(f"http://127.0.0.1:{service.port}/slack/events", fake_slack, session)
