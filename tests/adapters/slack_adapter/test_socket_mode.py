"""Socket Mode against a local websocket playing Slack: hello, a slash command envelope and an
events envelope (plus its retry), acked over the socket and answered through the Web API."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import parse_qsl

import pytest
import pytest_asyncio
from aiohttp import WSMsgType, web

from adapters.slack.service import SlackService
from tests.adapters.slack_adapter.conftest import (
    APP_TOKEN,
    GENERAL,
    RecordingPrepbot,
    SlackSide,
    slack_settings,
)
from tests.adapters.slack_adapter.fake_slack import FakeSlack


class FakeSocket:
    """The Socket Mode endpoint: greets, sends envelopes on demand, records the app's acks."""

    def __init__(self) -> None:
        self.acks: list[dict[str, Any]] = []
        self.connected = asyncio.Event()
        self._ws: web.WebSocketResponse | None = None
        self._runner: web.AppRunner | None = None
        self.url = ""

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/link", self._link)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.url = f"ws://127.0.0.1:{self._runner.addresses[0][1]}/link"

    async def close(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def send(self, envelope: dict[str, Any]) -> None:
        await asyncio.wait_for(self.connected.wait(), 5)
        assert self._ws is not None
        await self._ws.send_str(json.dumps(envelope))

    async def _link(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        await ws.send_str(
            json.dumps({"type": "hello", "num_connections": 1, "connection_info": {"app_id": "A0APP"}})
        )
        self._ws = ws
        self.connected.set()
        async for message in ws:
            if message.type == WSMsgType.TEXT:
                self.acks.append(json.loads(message.data))
        return ws


@pytest_asyncio.fixture
async def socket(fake_slack: FakeSlack) -> AsyncIterator[FakeSocket]:
    fake = FakeSocket()
    await fake.start()
    fake_slack.socket_url = fake.url
    yield fake
    await fake.close()


@pytest.mark.asyncio
async def test_socket_mode_acks_commands_and_answers_events_once(
    core: RecordingPrepbot,
    db_url: str,
    fake_slack: FakeSlack,
    socket: FakeSocket,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    settings = slack_settings(
        db_url, fake_slack.api_url, slack_app_token=APP_TOKEN, slack_signing_secret=None
    )
    service = SlackService(core, settings, pace_seconds=0)
    assert service.mode == "socket"
    await service.start()
    try:
        helper = SlackSide("unused", fake_slack, None)  # type: ignore[arg-type]
        command = dict(parse_qsl(helper.command_body("/compare", "pytorch keras")))
        await socket.send(
            {
                "envelope_id": "env-1",
                "type": "slash_commands",
                "accepts_response_payload": True,
                "payload": command,
            }
        )
        await fake_slack.wait_for(lambda: any(a.get("envelope_id") == "env-1" for a in socket.acks))
        ack = next(a for a in socket.acks if a["envelope_id"] == "env-1")
        assert ack["payload"]["blocks"][0]["type"] == "header"
        assert core.seen[-1].text == "/compare pytorch keras"

        body = json.loads(helper.event_body(helper.mention("what is keras?"), event_id="EvSOCK1"))
        for attempt, envelope in ((0, "env-2"), (1, "env-3")):
            await socket.send(
                {
                    "envelope_id": envelope,
                    "type": "events_api",
                    "accepts_response_payload": False,
                    "retry_attempt": attempt,
                    "retry_reason": "timeout" if attempt else "",
                    "payload": body,
                }
            )
        await fake_slack.wait_for(lambda: {"env-2", "env-3"} <= {a["envelope_id"] for a in socket.acks})
        await fake_slack.wait_for(lambda: fake_slack.replies())
        await asyncio.sleep(0.2)
        [reply] = fake_slack.replies()
        assert reply.body["channel"] == GENERAL and reply.body["thread_ts"] == body["event"]["ts"]
        assert len(fake_slack.sent("apps.connections.open")) == 1
        assert fake_slack.sent("apps.connections.open")[0].headers["authorization"] == f"Bearer {APP_TOKEN}"
    finally:
        await service.stop()
    logged = "\n".join(f"{r.getMessage()} {r.exc_text or ''}" for r in caplog.records)
    assert "xapp-" not in logged and "xoxb-" not in logged and "legacy-verification-token" not in logged
