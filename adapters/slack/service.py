"""`SlackService`: the Slack connection as the process runner sees it (bot/service.py), over
Socket Mode or HTTP, plus the `Poster` the daily scheduler posts through.

Before serving, `start()` asks Slack who the bot token belongs to (`auth.test`) and, in Socket
Mode, opens a connection with the app token (`apps.connections.open`). A token Slack rejects is a
`StartupError` whose one line names the variable and what to check; an API that cannot be reached
(or answers 5xx / ratelimited) is asked again with back-off, one log line per attempt.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any, Literal

import aiohttp
from aiohttp import web
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp
from slack_sdk.errors import SlackApiError, SlackRequestError
from slack_sdk.web.async_slack_response import AsyncSlackResponse

from adapters.slack.app import build_slack_app
from adapters.slack.blocks import render_messages
from adapters.slack.bridge import SlackBridge
from adapters.slack.outbound import SlackSender, web_client
from adapters.slack.redact import quiet
from adapters.slack.threads import ANYONE, ThreadRegistry
from adapters.slack.verify import SlackGate
from bot.app import Prepbot
from bot.config import Settings
from bot.messages import ChannelRef, Reply, UserRef
from bot.service import StartupError

log = logging.getLogger("prepbot.slack")

Mode = Literal["socket", "http"]
EVENTS_PATH = "/slack/events"
TIMESTAMP_HEADER = "X-Slack-Request-Timestamp"
SOCKET_LOGGER = "prepbot.slack.socket"
DRAIN_SECONDS = 4.5  # within the runner's stop budget (the process ends < 10 s after SIGTERM)
DEFAULT_HOST = "127.0.0.1"  # HTTP mode, unless --host or PREPBOT_HTTP_HOST (the container: 0.0.0.0)

# Slack's answers that another try may fix; any other error code means the token or app is wrong.
TRANSIENT_ERRORS = frozenset(
    {"ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout"}
)
RETRY_FIRST, RETRY_CAP = 1.0, 30.0  # seconds: 1, 2, 4, … 30, 30, …
TOKEN_HINTS = {
    "SLACK_BOT_TOKEN": "use the Bot User OAuth Token (xoxb-…) from OAuth & Permissions of the "
    "installed app, and reinstall the app if it was revoked",
    "SLACK_APP_TOKEN": "use an app-level token (xapp-…) with the connections:write scope from Basic "
    "Information › App-Level Tokens, and turn Socket Mode on",
}


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
            channel=channel.id, oldest=oldest, limit=200, include_all_metadata=True
        )
        for message in response.get("messages") or []:
            metadata = message.get("metadata") or {}
            payload = metadata.get("event_payload") or {}
            if metadata.get("event_type") == POST_EVENT and payload.get("key") == idempotency_key:
                return str(message["ts"])
        return None

    async def post(self, channel: ChannelRef, reply: Reply, *, idempotency_key: str) -> str:
        payloads = render_messages(reply)
        payloads[0] = {
            **payloads[0],
            "metadata": {"event_type": POST_EVENT, "event_payload": {"key": idempotency_key}},
        }
        ts = await self.sender.post(channel.id, payloads, None)
        if not ts:
            raise RuntimeError(f"Slack refused the post to {channel.id} ({idempotency_key})")
        self.sender.threads.add(channel.id, ts, ANYONE)
        if reply.attachments:  # the digest's team picture, in the post's thread
            from adapters.slack import uploads

            await uploads.upload(self.sender.client, channel.id, reply.attachments, thread_ts=ts)
        return ts

    async def direct(self, user: UserRef, reply: Reply, *, idempotency_key: str) -> str:
        """A nudge in the person's DM (conversations.open, then chat.postMessage)."""
        from adapters.slack import uploads

        channel = await uploads.direct_channel(self.sender.client, user.id)
        if channel is None:
            raise RuntimeError(f"cannot open a direct message with {user.id} ({idempotency_key})")
        ts = await self.sender.post(channel, render_messages(reply), None)
        if not ts:
            raise RuntimeError(f"Slack refused the direct message ({idempotency_key})")
        return ts


def choose_mode(settings: Settings, mode: str | None) -> Mode:
    if mode in ("socket", "http"):
        return mode  # type: ignore[return-value]
    return "socket" if settings.slack_app_token else "http"


class SlackService:
    def __init__(
        self,
        bot: Prepbot,
        settings: Settings,
        *,
        mode: str | None = None,
        host: str | None = None,
        port: int = 3000,
        pace_seconds: float = 1.0,
        retry_first: float = RETRY_FIRST,
    ) -> None:
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
        self.app: AsyncApp = build_slack_app(
            self.bridge, self.client, secret.get_secret_value() if secret else None
        )
        self.host = host or getattr(settings, "http_host", None) or DEFAULT_HOST
        self.port = port
        self._runner: web.AppRunner | None = None
        self._socket: AsyncSocketModeHandler | None = None
        self._retry_first = retry_first

    async def start(self) -> None:
        """Check the tokens with Slack (waiting out an unreachable API), then serve."""
        await self._call("SLACK_BOT_TOKEN", self.client.auth_test)
        if self.mode == "socket":
            app_token = self.settings.slack_app_token
            assert app_token is not None  # checked in __init__
            opened = await self._call(
                "SLACK_APP_TOKEN",
                lambda: self.client.apps_connections_open(app_token=app_token.get_secret_value()),
            )
            await self._start_socket(str(opened["url"]))
        else:
            await self._start_http()
        self.bridge.recover_in_background()  # answer what a dead process left in the inbox

    async def stop(self) -> None:
        """Refuse new requests (Slack redelivers them elsewhere), finish those in flight, close."""
        self.bridge.closing = True
        if not await self.bridge.inflight.drain(DRAIN_SECONDS):
            log.warning("stopping with %d Slack requests unfinished", self.bridge.inflight.count)
        if self._socket is not None:
            await self._socket.close_async()  # type: ignore[no-untyped-call]
            self._socket = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    def web_app(self) -> web.Application:
        """The aiohttp application serving events, commands and interactivity on one path."""
        secret = self.settings.slack_signing_secret  # the signature is checked before bolt parses
        gate = SlackGate(secret.get_secret_value() if secret else "", self.app)
        application = web.Application()
        application.router.add_post(EVENTS_PATH, gate.handle)
        return application

    async def _start_http(self) -> None:
        self._runner = web.AppRunner(self.web_app(), access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        self.port = self._runner.addresses[0][1]
        log.info("Slack HTTP mode listening on %s:%s%s", self.host, self.port, EVENTS_PATH)

    async def _start_socket(self, url: str) -> None:
        """Connect to the URL `apps.connections.open` just gave (the SDK asks again on reconnects)."""
        token = self.settings.slack_app_token
        assert token is not None  # checked in __init__
        quiet(SOCKET_LOGGER)
        _one_line(SOCKET_LOGGER)
        self._socket = AsyncSocketModeHandler(
            self.app, token.get_secret_value(), logger=logging.getLogger(SOCKET_LOGGER)
        )
        self._socket.client.wss_uri = url
        await self._socket.connect_async()  # type: ignore[no-untyped-call]
        log.info("Slack Socket Mode connected")

    async def _call(
        self, variable: str, call: Callable[[], Awaitable[AsyncSlackResponse]]
    ) -> AsyncSlackResponse:
        """`call` until Slack answers; a rejection is a StartupError naming `variable`."""
        delay = self._retry_first
        while True:
            try:
                return await call()
            except SlackApiError as exc:
                error = _error_code(exc)
                status = getattr(exc.response, "status_code", 200)
                if error not in TRANSIENT_ERRORS and status < 500:
                    raise StartupError(
                        f"Slack rejected {variable} ({error}): {TOKEN_HINTS[variable]}."
                    ) from None
                reason = f"{error or 'HTTP ' + str(status)}"
            except (aiohttp.ClientError, OSError, TimeoutError, SlackRequestError) as exc:
                reason = _describe(exc)
            log.warning(
                "Slack API at %s unreachable (%s); trying again in %.0f s",
                self.settings.slack_api_url,
                reason,
                delay,
            )
            await asyncio.sleep(delay)
            delay = min(RETRY_CAP, delay * 2)

    def _check_credentials(self) -> None:
        if (
            self.settings.slack_bot_token is None
            or not self.settings.slack_bot_token.get_secret_value().strip()
        ):
            raise ValueError("SLACK_BOT_TOKEN is not set")
        if self.mode == "socket" and not self.settings.slack_app_token:
            raise ValueError("Socket Mode needs SLACK_APP_TOKEN (an xapp- app-level token)")
        if self.mode == "http" and not self.settings.slack_signing_secret:
            raise ValueError("HTTP mode needs SLACK_SIGNING_SECRET")


def _error_code(exc: SlackApiError) -> str:
    data: Any = getattr(exc.response, "data", None)
    return str(data.get("error") or "") if isinstance(data, dict) else ""


def _describe(exc: BaseException) -> str:
    """The exception's type and first line (no URL query, no token: aiohttp names only host:port)."""
    text = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


class _OneLine(logging.Filter):
    """The Socket Mode client logs each failed reconnect with a traceback every 10 s: keep the line."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.levelno >= logging.ERROR and "connect" in str(record.msg).lower():
            record.exc_info, record.exc_text = None, None
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True


def _one_line(name: str) -> None:
    logger = logging.getLogger(name)
    if not any(isinstance(f, _OneLine) for f in logger.filters):
        logger.addFilter(_OneLine())
