"""The bolt `AsyncApp`: listeners that ack first and hand everything to `SlackBridge`."""

from __future__ import annotations

import logging
import re
import secrets
from typing import Any

from slack_bolt.async_app import AsyncApp, AsyncBoltContext
from slack_bolt.response import BoltResponse
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.blocks import ACTION_PREFIX
from adapters.slack.bridge import Ack, Body, SlackBridge
from adapters.slack.redact import VERIFICATION_LOGGERS, quiet

ANY = re.compile(r".*")
BOLT_LOGGER = "prepbot.slack.bolt"


def build_slack_app(bridge: SlackBridge, client: AsyncWebClient, signing_secret: str | None) -> AsyncApp:
    """An AsyncApp whose Web API calls (incl. `auth.test`) go through `client`.

    Request verification is always on. Without a signing secret (Socket Mode, where bolt does not
    verify the socket's own frames) the app gets a random one, so no HTTP request can ever pass;
    HTTP mode refuses to start without the real one (`SlackGate`). The token comes from `client`
    alone: bolt warns on every start when it is given twice.
    """
    quiet(*VERIFICATION_LOGGERS, BOLT_LOGGER)
    secret = signing_secret if signing_secret and signing_secret.strip() else secrets.token_hex(32)
    app = AsyncApp(
        client=client,
        signing_secret=secret,
        request_verification_enabled=True,
        logger=logging.getLogger(BOLT_LOGGER),
    )
    _register(app, bridge)
    return app


def _register(app: AsyncApp, bridge: SlackBridge) -> None:
    @app.middleware
    async def refuse_while_closing(next: Any) -> BoltResponse | None:
        if bridge.closing:  # Slack redelivers a non-2xx to another connection or replica
            return BoltResponse(status=503, body="shutting down")
        response: BoltResponse | None = await next()
        return response

    @app.command(ANY)
    async def on_command(ack: Ack, body: Body) -> None:
        await bridge.command(ack, body)

    @app.action(re.compile("^" + re.escape(ACTION_PREFIX)))
    async def on_action(ack: Ack, body: Body) -> None:
        await ack()
        await bridge.action(body)

    @app.event("app_mention", middleware=[bridge.accept])  # inbox record before the ack
    async def on_mention(body: Body, event: Body, context: AsyncBoltContext) -> None:
        await bridge.event(body, event, context.bot_user_id, mention=True)

    @app.event("message", middleware=[bridge.accept])  # inbox record before the ack
    async def on_message(body: Body, event: Body, context: AsyncBoltContext) -> None:
        await bridge.event(body, event, context.bot_user_id, mention=False)

    @app.event("app_home_opened")
    async def on_home(body: Body, event: Body) -> None:
        await bridge.home(body, event)

    @app.event(ANY)
    async def on_other_event() -> None:
        """Every other event gets its 200, so Slack never counts it as a failure."""
