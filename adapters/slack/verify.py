"""The door in front of bolt: every HTTP request is checked here before anything parses it.

1. The signature, on the raw bytes (slack_sdk's `SignatureVerifier`): a missing or odd timestamp
   (`²`, 5,000 digits), one outside ±300 s, a signature header of the wrong shape or value all get a
   quiet 401. Requests from outside are counted, not traced: at most one log line per minute sums
   them up.
2. The body of a signed request: it must be what Slack sends (a JSON object, or a form with a JSON
   object in `payload`, or a slash-command form) and every field bolt or the bridge reads must have
   the type Slack gives it. Anything else gets a deliberate 400 and one log line naming the field.
3. `app_rate_limited` (Slack telling us it dropped events) gets its 200 and a warning line.

Only then does bolt see the request, with verification still on and the body already parsed here.
A failure inside bolt for a signed request is one error line with where it happened, and a 500.
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections import Counter
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl

import msgspec
from aiohttp import web
from aiohttp.http_exceptions import HttpProcessingError
from slack_bolt.adapter.aiohttp import to_aiohttp_response
from slack_bolt.async_app import AsyncApp, AsyncBoltContext
from slack_bolt.request.async_internals import build_async_context
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk.signature import SignatureVerifier

log = logging.getLogger("prepbot.slack.verify")

TIMESTAMP_HEADER = "X-Slack-Request-Timestamp"
SIGNATURE_HEADER = "X-Slack-Signature"
MAX_SKEW = 300  # seconds, as Slack documents
MAX_BODY = 1 << 20  # aiohttp's default client_max_size; Slack's bodies are far smaller
SUMMARY_SECONDS = 60.0
_TIMESTAMP = re.compile(r"[0-9]{1,12}", re.ASCII)
_SIGNATURE = re.compile(r"v0=[0-9a-f]{64}", re.ASCII)
JSON_TYPE = "application/json"
FORM_TYPE = "application/x-www-form-urlencoded"
AIOHTTP_SERVER_LOGGER = "aiohttp.server"


class Refusals:
    """Counts requests refused at the door; logs the first at once, then one summary line per
    `interval` at most, so a flood of junk cannot flood the log."""

    def __init__(
        self, interval: float = SUMMARY_SECONDS, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.interval = interval
        self.clock = clock
        self.counts: Counter[str] = Counter()
        self.total = 0
        self._last: float | None = None

    def note(self, reason: str) -> None:
        self.counts[reason] += 1
        self.total += 1
        now = self.clock()
        if self._last is None or now - self._last >= self.interval:
            summary = ", ".join(f"{count} {why}" for why, count in self.counts.most_common())
            log.warning("refused %d unverified Slack request(s): %s", sum(self.counts.values()), summary)
            self.counts.clear()
            self._last = now


class BadHttpQuiet(logging.Filter):
    """aiohttp answers a request it cannot even parse (a 10 KB header, a broken request line) with
    a 400 by itself, then logs it at ERROR with a traceback. That request came from outside: count
    it with the other refusals instead (one summary line at most per minute)."""

    def __init__(self, refusals: Refusals) -> None:
        super().__init__()
        self.refusals = refusals

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if isinstance(error, HttpProcessingError):
            self.refusals.note(f"unreadable HTTP ({type(error).__name__})")
            return False
        return True


def quiet_bad_http(refusals: Refusals) -> None:
    logger = logging.getLogger(AIOHTTP_SERVER_LOGGER)
    for old in [f for f in logger.filters if isinstance(f, BadHttpQuiet)]:
        logger.removeFilter(old)
    logger.addFilter(BadHttpQuiet(refusals))


class Malformed(Exception):
    """A signed body that is not what Slack sends; the message names the field, never its value."""


# --- the shapes of what bolt and the bridge read --------------------------------------------------
# Unknown fields are ignored; a field present with another type than Slack's is refused.

Str = str | None


class _Id(msgspec.Struct):
    id: Str = None
    team_id: Str = None
    enterprise_id: Str = None
    username: Str = None
    name: Str = None


class _Authorization(msgspec.Struct):
    team_id: Str = None
    enterprise_id: Str = None
    user_id: Str = None
    is_enterprise_install: bool | None = None


class _Container(msgspec.Struct):
    type: Str = None
    message_ts: Str = None
    channel_id: Str = None
    thread_ts: Str = None
    view_id: Str = None
    is_ephemeral: bool | None = None


class _Message(msgspec.Struct):
    ts: Str = None
    thread_ts: Str = None
    user: Str = None
    text: Str = None
    bot_id: Str = None
    subtype: Str = None


class _View(msgspec.Struct):
    id: Str = None
    type: Str = None
    private_metadata: Str = None
    team_id: Str = None
    app_installed_team_id: Str = None
    callback_id: Str = None


class _Action(msgspec.Struct):
    action_id: str
    value: Str = None
    action_ts: Str = None
    block_id: Str = None
    type: Str = None


class _Event(msgspec.Struct):
    type: str
    user: _Id | str | None = None
    channel: _Id | str | None = None
    text: Str = None
    ts: Str = None
    thread_ts: Str = None
    event_ts: Str = None
    channel_type: Str = None
    subtype: Str = None
    bot_id: Str = None
    bot_profile: dict[str, Any] | None = None
    tab: Str = None
    team: Str = None
    user_team: Str = None
    message: _Message | None = None
    previous_message: _Message | None = None
    item: dict[str, Any] | None = None
    assistant_thread: dict[str, Any] | None = None


class _Body(msgspec.Struct):
    type: Str = None
    token: Str = None
    team_id: Str = None
    enterprise_id: Str = None
    api_app_id: Str = None
    event_id: Str = None
    challenge: Str = None
    is_enterprise_install: bool | None = None
    is_ext_shared_channel: bool | None = None
    team: _Id | str | None = None
    enterprise: _Id | str | None = None
    authorizations: list[_Authorization] | None = None
    event: _Event | None = None
    # interactivity
    user: _Id | None = None
    channel: _Id | None = None
    container: _Container | None = None
    message: _Message | None = None
    view: _View | None = None
    actions: list[_Action] | None = None
    trigger_id: Str = None
    response_url: Str = None
    function_data: dict[str, Any] | None = None
    # slash commands (form fields are always strings)
    command: Str = None
    text: Str = None
    user_id: Str = None
    user_name: Str = None
    channel_id: Str = None
    channel_name: Str = None


_KNOWN_TYPES = frozenset({"event_callback", "url_verification", "block_actions", "app_rate_limited"})


def parse(raw: bytes, content_type: str) -> dict[str, Any]:
    """The body of a signed request as bolt would read it, or `Malformed` saying what is wrong."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise Malformed("body is not UTF-8") from None
    if not text.strip():
        raise Malformed("empty body")
    if content_type == JSON_TYPE or text.startswith("{"):
        body = _json_object(text, "body")
    elif content_type in (FORM_TYPE, ""):
        form = dict(parse_qsl(text, keep_blank_values=True))
        body = _json_object(form["payload"], "payload") if "payload" in form else form
        if "payload" not in form and "command" not in form and "ssl_check" not in form:
            raise Malformed("form without payload or command")
    else:
        raise Malformed(f"content type {content_type[:60]!r}")
    _check_shape(body)
    return body


def _json_object(text: str, what: str) -> dict[str, Any]:
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        raise Malformed(f"{what} is not JSON") from None
    if not isinstance(value, dict):
        raise Malformed(f"{what} is a JSON {type(value).__name__}, not an object")
    return value


def _check_shape(body: dict[str, Any]) -> None:
    try:
        shape = msgspec.convert(body, _Body)
    except msgspec.ValidationError as exc:
        raise Malformed(str(exc).replace("$.", "")) from None
    except RecursionError:
        raise Malformed("nested too deeply") from None
    kind = shape.type
    if kind is None:
        if shape.command is None and "ssl_check" not in body:
            raise Malformed("no type and no command")
        if shape.command is not None and not (shape.user_id and shape.channel_id):
            raise Malformed("slash command without user_id or channel_id")
        return
    if kind not in _KNOWN_TYPES:
        return  # answered in `SlackGate.handle` without bolt
    if kind == "event_callback" and shape.event is None:
        raise Malformed("event_callback without an event")
    if kind == "block_actions" and not shape.actions:
        raise Malformed("block_actions without actions")
    if kind == "block_actions" and not (shape.user and shape.user.id):
        raise Malformed("block_actions without a user id")
    if _has_lone_surrogate(body):
        raise Malformed("text with a lone surrogate")


def _has_lone_surrogate(value: Any) -> bool:
    """JSON may spell `\\ud800`; no store or client can take it, so Slack never sends it."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


class SlackGate:
    """An aiohttp handler: verify, parse, check, then hand the request to bolt."""

    def __init__(self, signing_secret: str, app: AsyncApp, *, clock: Callable[[], float] = time.time) -> None:
        if not signing_secret.strip():
            raise ValueError("HTTP mode needs SLACK_SIGNING_SECRET (it is empty)")
        self.verifier = SignatureVerifier(signing_secret)
        self.app = app
        self.clock = clock
        self.refusals = Refusals()
        quiet_bad_http(self.refusals)

    def check_signature(self, headers: Any, raw: bytes) -> str | None:
        """None when Slack signed `raw`; else why not (for the summary line, never the header)."""
        timestamp = headers.get(TIMESTAMP_HEADER, "")
        signature = headers.get(SIGNATURE_HEADER, "")
        if not _TIMESTAMP.fullmatch(timestamp):
            return "without a valid timestamp"
        if abs(self.clock() - int(timestamp)) > MAX_SKEW:
            return "outside the 5-minute window"
        if not _SIGNATURE.fullmatch(signature):
            return "without a valid signature header"
        if not self.verifier.is_valid(body=raw, timestamp=timestamp, signature=signature):
            return "with a wrong signature"
        return None

    async def handle(self, request: web.Request) -> web.Response:
        try:
            raw = await request.read()
        except web.HTTPRequestEntityTooLarge:
            self.refusals.note("too large")
            return web.Response(status=413, text="too large")
        why = self.check_signature(request.headers, raw)
        if why is not None:
            self.refusals.note(why)
            return web.Response(status=401, text="invalid request")
        content_type = request.content_type if "Content-Type" in request.headers else ""
        try:
            body = parse(raw, content_type)
        except Malformed as exc:
            log.warning("refused a signed Slack request: %s", str(exc)[:200])
            return web.Response(status=400, text="malformed request")
        kind = body.get("type")
        if kind == "app_rate_limited":
            log.warning(
                "Slack dropped events for team %s: over the rate limit in minute %s",
                str(body.get("team_id"))[:40],
                str(body.get("minute_rate_limited"))[:20],
            )
            return web.Response(status=200)
        if kind is not None and kind not in _KNOWN_TYPES:
            log.info("ignored a Slack request of type %s", str(kind)[:60])
            return web.Response(status=200)
        return await self._dispatch(request, raw, body)

    async def _dispatch(self, request: web.Request, raw: bytes, body: dict[str, Any]) -> web.Response:
        bolt_request = AsyncBoltRequest(
            body=raw.decode("utf-8"), query=request.query_string, headers=dict(request.headers)
        )
        # bolt's own reading loses a slash command whose text says "payload": use the body read here
        bolt_request.body = body
        bolt_request.context = build_async_context(AsyncBoltContext({}), body)
        try:
            response = await self.app.async_dispatch(bolt_request)
        except Exception as exc:  # bolt catches listener errors; this is bolt itself failing
            frame = exc.__traceback__
            while frame is not None and frame.tb_next is not None:
                frame = frame.tb_next
            where = f"{frame.tb_frame.f_code.co_filename}:{frame.tb_lineno}" if frame else "?"
            log.error("a signed Slack request failed in bolt: %s at %s", type(exc).__name__, where)
            return web.Response(status=500, text="internal error")
        return await to_aiohttp_response(response)
