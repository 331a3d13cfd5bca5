"""`SlackService`: the Slack connection as the process runner sees it (bot/service.py), over
Socket Mode or HTTP, plus the `Poster` the daily scheduler posts through."""

from __future__ import annotations

import logging
import time
from typing import Literal

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp

from adapters.slack.app import build_slack_app
from adapters.slack.blocks import render_messages
from adapters.slack.bridge import SlackBridge
from adapters.slack.outbound import SlackSender, web_client
from adapters.slack.redact import quiet
from adapters.slack.threads import ANYONE, ThreadRegistry
from bot.app import Prepbot
from bot.config import Settings
from bot.messages import ChannelRef, Reply

log = logging.getLogger("prepbot.slack")

Mode = Literal["socket", "http"]
EVENTS_PATH = "/slack/events"
TIMESTAMP_HEADER = "X-Slack-Request-Timestamp"
SOCKET_LOGGER = "prepbot.slack.socket"
DRAIN_SECONDS = 20.0  # under Kubernetes' 30 s grace period


POST_EVENT = "prepbot_post"
FIND_WINDOW_SECONDS = 6 * 3600


class SlackPoster:
    """Posts the core's own messages (daily questions) at top level; anyone may answer in the thread.

    Slack has no idempotent send: exactly-once comes from the core's claim row before the post, and
    each post carries its key as message metadata, so a sender that died mid-send can be checked
    with `find_post` (conversations.history) before anything is sent again.
    """

    platform = "slack"

    def __init__(self, sender: SlackSender) -> None:
        self.sender = sender

    async def find_post(self, channel: ChannelRef, idempotency_key: str) -> str | None:
        """The ts of a recent post carrying `idempotency_key`, or None when there is none.

        Raises when Slack cannot tell (no access to the history): the caller must not resend then.
        """
        oldest = f"{time.time() - FIND_WINDOW_SECONDS:.6f}"
        response = await self.sender.client.conversations_history(
            channel=channel.id, oldest=oldest, limit=200, include_all_metadata=True)
        for message in response.get("messages") or []:
            metadata = message.get("metadata") or {}
            payload = metadata.get("event_payload") or {}
            if metadata.get("event_type") == POST_EVENT and payload.get("key") == idempotency_key:
                return str(message["ts"])
        return None

    async def post(self, channel: ChannelRef, reply: Reply, *, idempotency_key: str) -> str:
        payloads = render_messages(reply)
        payloads[0] = {**payloads[0],
                       "metadata": {"event_type": POST_EVENT, "event_payload": {"key": idempotency_key}}}
        ts = await self.sender.post(channel.id, payloads, None)
        if not ts:
            raise RuntimeError(f"Slack refused the post to {channel.id} ({idempotency_key})")
        self.sender.threads.add(channel.id, ts, ANYONE)
        return ts


def choose_mode(settings: Settings, mode: str | None) -> Mode:
    if mode in ("socket", "http"):
        return mode  # type: ignore[return-value]
    return "socket" if settings.slack_app_token else "http"


class SlackService:
    def __init__(self, bot: Prepbot, settings: Settings, *, mode: str | None = None,
                 host: str = "0.0.0.0", port: int = 3000, pace_seconds: float = 1.0) -> None:
        if settings.slack_bot_token is None:
            raise ValueError("SLACK_BOT_TOKEN is not set")
        self.settings = settings
        self.mode: Mode = choose_mode(settings, mode)
        self._check_credentials()
        base_url = settings.slack_api_url.rstrip("/") + "/"
        self.client = web_client(settings.slack_bot_token.get_secret_value(), base_url)
        self.sender = SlackSender(self.client, ThreadRegistry(), interval=pace_seconds)
        self.bridge = SlackBridge(bot, self.sender)
        self.poster = SlackPoster(self.sender)
        secret = settings.slack_signing_secret
        self.app: AsyncApp = build_slack_app(self.bridge, self.client,
                                             secret.get_secret_value() if secret else None)
        self.host, self.port = host, port
        self._runner: web.AppRunner | None = None
        self._socket: AsyncSocketModeHandler | None = None

    async def start(self) -> None:
        if self.mode == "socket":
            await self._start_socket()
        else:
            await self._start_http()

    async def stop(self) -> None:
        """Refuse new requests (Slack redelivers them elsewhere), finish those in flight, close."""
        self.bridge.closing = True
        if not await self.bridge.inflight.drain(DRAIN_SECONDS):
            log.warning("stopping with %d Slack requests unfinished", self.bridge.inflight.count)
        if self._socket is not None:
            await self._socket.close_async()  # type: ignore[no-untyped-call]
        if self._runner is not None:
            await self._runner.cleanup()

    def web_app(self) -> web.Application:
        """The aiohttp application serving events, commands and interactivity on one path."""
        async def dispatch(request: web.Request) -> web.Response:
            if not request.headers.get(TIMESTAMP_HEADER, "").isdigit():
                # bolt would fail inside its verifier (500 and a traceback per request)
                log.info("refused a request without a valid Slack timestamp")
                return web.Response(status=401, text="invalid request")
            bolt_response = await self.app.async_dispatch(await to_bolt_request(request))
            return await to_aiohttp_response(bolt_response)

        application = web.Application()
        application.router.add_post(EVENTS_PATH, dispatch)
        return application

    async def _start_http(self) -> None:
        self._runner = web.AppRunner(self.web_app(), access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        self.port = self._runner.addresses[0][1]
        log.info("Slack HTTP mode listening on %s:%s%s", self.host, self.port, EVENTS_PATH)

    async def _start_socket(self) -> None:
        token = self.settings.slack_app_token
        assert token is not None  # checked in __init__
        quiet(SOCKET_LOGGER)
        self._socket = AsyncSocketModeHandler(self.app, token.get_secret_value(),
                                              logger=logging.getLogger(SOCKET_LOGGER))
        await self._socket.connect_async()  # type: ignore[no-untyped-call]
        log.info("Slack Socket Mode connected")

    def _check_credentials(self) -> None:
        if self.mode == "socket" and self.settings.slack_app_token is None:
            raise ValueError("Socket Mode needs SLACK_APP_TOKEN (an xapp- app-level token)")
        if self.mode == "http" and self.settings.slack_signing_secret is None:
            raise ValueError("HTTP mode needs SLACK_SIGNING_SECRET")
