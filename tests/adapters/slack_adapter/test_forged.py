"""Issue 16, forged and malformed requests against the real SlackService (HTTP mode, bolt AsyncApp
behind `SlackGate`) and the real `prepbot slack` process: unsigned junk is a quiet 401, a signed
body of the wrong shape a fast 2xx/4xx with one log line, an empty secret never serves."""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import aiohttp
import pytest

from adapters.slack.service import SlackService
from bot.config import load_settings
from tests.adapters.slack_adapter.conftest import (
    ALICE,
    BOT_TOKEN,
    GENERAL,
    SECRET,
    RecordingPrepbot,
    SlackSide,
    slack_settings,
)
from tests.adapters.slack_adapter.fake_slack import TEAM, FakeSlack, sign
from tests.adapters.slack_adapter.test_manifest_and_cli import free_port, wait_for_port

JSON, FORM = "application/json", "application/x-www-form-urlencoded"


def loud(caplog: pytest.LogCaptureFixture, since: int = 0) -> list[logging.LogRecord]:
    """What an operator would read: INFO and above from every logger."""
    return [r for r in caplog.records[since:] if r.levelno >= logging.INFO]


# --- unsigned junk -------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_unsigned_junk_is_refused_quietly_before_anything_parses_it(
    slack: SlackSide, core: RecordingPrepbot, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    junk = [("{bad", JSON), ("[1,2]", JSON), ("payload=%7B", FORM), ("", FORM), ("\xff\xfe", JSON)]
    statuses = []
    for n in range(200):
        body, kind = junk[n % len(junk)]
        async with slack.session.post(
            slack.url, data=body.encode(), headers={"Content-Type": kind}
        ) as response:
            statuses.append(response.status)
    assert set(statuses) == {401}
    records = loud(caplog)
    assert not any(r.exc_info for r in records)
    assert len(records) <= 2, [r.getMessage() for r in records]  # one summary line, not 6,000
    assert core.seen == []
    assert (await slack.command("/prep", "help")).status == 200


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "headers",
    [
        {"X-Slack-Request-Timestamp": "²"},
        {"X-Slack-Request-Timestamp": "9" * 5000},
        {"X-Slack-Request-Timestamp": "١٧٠٠٠٠٠٠٠٠"},  # Arabic-Indic digits: str.isdigit() says yes
        {"X-Slack-Signature": "v0=" + "a" * 10_000},
        {"X-Slack-Signature": "v0=" + "a" * 7000},
        {"X-Slack-Signature": "v1=" + "0" * 64},
    ],
)
async def test_odd_timestamps_and_signature_headers_get_a_quiet_4xx(
    slack: SlackSide, core: RecordingPrepbot, caplog: pytest.LogCaptureFixture, headers: dict[str, str]
) -> None:
    caplog.set_level(logging.INFO)
    body = slack.command_body("/ask", "what is keras?")
    signed = {**sign(body, SECRET), "Content-Type": FORM, **headers}
    async with slack.session.post(slack.url, data=body.encode(), headers=signed) as response:
        assert 400 <= response.status < 500
    assert core.seen == [] and not any(r.exc_info for r in loud(caplog))
    assert len(loud(caplog)) <= 1
    assert (await slack.command("/ask", "what is keras?")).status == 200


@pytest.mark.asyncio
async def test_a_one_byte_change_a_wrong_secret_and_an_old_signature_get_401(
    slack: SlackSide, core: RecordingPrepbot
) -> None:
    body = slack.command_body("/ask", "what is keras?")
    headers = {**sign(body, SECRET), "Content-Type": FORM}
    changed = body.replace("keras", "kerat").encode()
    async with slack.session.post(slack.url, data=changed, headers=headers) as response:
        assert response.status == 401
    assert (await slack.post(body, FORM, secret="not-the-secret")).status == 401
    assert (await slack.post(body, FORM, ts=int(time.time()) - 301)).status == 401
    assert (await slack.post(body, FORM, ts=int(time.time()) + 301)).status == 401
    assert core.seen == []


# --- signed but malformed ------------------------------------------------------------------------


def _action(**changes: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "type": "block_actions",
        "team": {"id": TEAM},
        "user": {"id": ALICE, "username": "alice"},
        "api_app_id": "A0APP",
        "container": {"type": "message", "message_ts": "1800000000.1", "channel_id": GENERAL},
        "channel": {"id": GENERAL},
        "trigger_id": "t.1",
        "response_url": "http://127.0.0.1:9/r",
        "message": {"ts": "1800000000.1"},
        "actions": [{"action_id": "prepbot:hint", "value": "hint", "action_ts": "1800000000.2"}],
    }
    for key, value in changes.items():
        if value is _DROP:
            payload.pop(key)
        else:
            payload[key] = value
    return payload


def _event(**changes: Any) -> dict[str, Any]:
    event: dict[str, Any] = {
        "type": "message",
        "channel_type": "im",
        "user": ALICE,
        "text": "what is keras?",
        "ts": "1800000000.3",
        "channel": "D0ALICE",
    }
    for key, value in changes.items():
        if value is _DROP:
            event.pop(key)
        else:
            event[key] = value
    return event


_DROP = object()
HUGE = "x" * 400_000


def _callback(event: Any, **outer: Any) -> str:
    body = {
        "type": "event_callback",
        "team_id": TEAM,
        "api_app_id": "A0APP",
        "event_id": "Ev1",
        "event": event,
        **outer,
    }
    return json.dumps(body)


def _form_payload(payload: Any) -> str:
    return urlencode({"payload": json.dumps(payload)})


MALFORMED: list[tuple[str, str, str]] = [
    ("json junk", "{bad", JSON),
    ("json list", "[1,2]", JSON),
    ("json string", '"hello"', JSON),
    ("json null", "null", JSON),
    ("empty object", "{}", JSON),
    ("form payload junk", "payload=%7B", FORM),
    ("form payload list", "payload=%5B1%5D", FORM),
    ("form of nothing", "a=1&b=2", FORM),
    ("xml", "<xml/>", "text/xml"),
    ("container is a string", _form_payload(_action(container="C0GENERAL")), FORM),
    ("container is a list", _form_payload(_action(container=[1])), FORM),
    ("user is a string", _form_payload(_action(user=ALICE)), FORM),
    ("user is null", _form_payload(_action(user=None)), FORM),
    ("user id is a number", _form_payload(_action(user={"id": 7})), FORM),
    ("channel is a string", _form_payload(_action(channel=GENERAL)), FORM),
    ("message is a string", _form_payload(_action(message="hi")), FORM),
    ("view is a string", _form_payload(_action(view="V1")), FORM),
    ("team is a list", _form_payload(_action(team=[TEAM])), FORM),
    ("actions is an object", _form_payload(_action(actions={"action_id": "prepbot:hint"})), FORM),
    ("actions is empty", _form_payload(_action(actions=[])), FORM),
    ("actions missing", _form_payload(_action(actions=_DROP)), FORM),
    ("action is a string", _form_payload(_action(actions=["prepbot:hint"])), FORM),
    ("action_id is a number", _form_payload(_action(actions=[{"action_id": 5}])), FORM),
    ("action_id missing", _form_payload(_action(actions=[{"value": "hint"}])), FORM),
    (
        "action value is an object",
        _form_payload(_action(actions=[{"action_id": "prepbot:x", "value": {}}])),
        FORM,
    ),
    ("lone surrogate in action id", _form_payload(_action(actions=[{"action_id": "prepbot:\ud800"}])), FORM),
    ("response_url is a number", _form_payload(_action(response_url=5)), FORM),
    ("event is a string", _callback("message"), JSON),
    ("event is null", _callback(None), JSON),
    ("event missing", json.dumps({"type": "event_callback", "team_id": TEAM}), JSON),
    ("event without type", _callback(_event(type=_DROP)), JSON),
    ("event type is a number", _callback(_event(type=3)), JSON),
    ("event text is an object", _callback(_event(text={"a": 1})), JSON),
    ("event ts is a number", _callback(_event(ts=1800000000.3)), JSON),
    ("event user is a list", _callback(_event(user=[ALICE])), JSON),
    ("event thread_ts is a list", _callback(_event(thread_ts=["1"])), JSON),
    ("event message is a string", _callback(_event(subtype="message_changed", message="x")), JSON),
    ("authorizations is a string", _callback(_event(), authorizations="x"), JSON),
    ("authorization is a number", _callback(_event(), authorizations=[1]), JSON),
    ("team_id is a number", _callback(_event(), team_id=5), JSON),
    ("shared channel, no event", _callback(None, is_ext_shared_channel=True), JSON),
    ("command without user", urlencode({"command": "/ask", "text": "keras", "channel_id": GENERAL}), FORM),
    (
        "command text huge",
        urlencode(
            {
                "command": "/ask",
                "text": HUGE,
                "channel_id": GENERAL,
                "user_id": ALICE,
                "team_id": TEAM,
                "trigger_id": "t.h",
            }
        ),
        FORM,
    ),
    ("dm text huge", _callback(_event(text=HUGE, ts="1800000000.9")), JSON),
    ("unknown payload type", json.dumps({"type": "view_submission", "view": {"id": "V1"}}), JSON),
    ("deep nesting", '{"type":"event_callback","event":' + "[" * 5000 + "]" * 5000 + "}", JSON),
]


@pytest.mark.asyncio
async def test_each_signed_malformed_body_gets_a_fast_answer_and_at_most_one_log_line(
    slack: SlackSide, fake_slack: FakeSlack, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    failures = []
    for name, body, kind in MALFORMED:
        before = len(caplog.records)
        started = time.monotonic()
        answer = await slack.post(body, kind)
        took = time.monotonic() - started
        records = loud(caplog, before)
        if answer.status >= 500 or took > 2 or len(records) > 1 or any(r.exc_info for r in records):
            failures.append((name, answer.status, round(took, 2), [r.getMessage()[:120] for r in records]))
    assert failures == []
    # nothing about them reached a person (no apology either), and the bot still answers
    assert [c for c in fake_slack.replies() if "Sorry!" in json.dumps(c.body)] == []
    assert (await slack.command("/prep", "help")).status == 200


@pytest.mark.asyncio
async def test_a_button_id_with_a_lone_surrogate_is_refused_without_an_apology(
    slack: SlackSide, fake_slack: FakeSlack, core: RecordingPrepbot
) -> None:
    body = _form_payload(
        _action(actions=[{"action_id": "prepbot:hint\udc00", "value": "hint\udc00", "action_ts": "1.2"}])
    )
    answer = await slack.post(body, FORM)
    assert answer.status == 400
    assert core.seen == [] and fake_slack.replies() == []


@pytest.mark.asyncio
async def test_app_rate_limited_gets_200_and_a_log_line(
    slack: SlackSide, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    body = json.dumps(
        {
            "token": "t",
            "type": "app_rate_limited",
            "team_id": TEAM,
            "minute_rate_limited": 1518467820,
            "api_app_id": "A0APP",
        }
    )
    answer = await slack.post(body, JSON)
    assert answer.status == 200
    lines = [r.getMessage() for r in loud(caplog)]
    assert len(lines) == 1 and "rate limit" in lines[0] and TEAM in lines[0]


@pytest.mark.asyncio
async def test_a_command_whose_text_says_payload_reaches_the_core(
    slack: SlackSide, core: RecordingPrepbot
) -> None:
    """bolt's own body reader drops a form whose text contains "payload"; the gate's does not."""
    answer = await slack.command("/ask", "what is a payload in keras?")
    assert answer.status == 200
    assert core.seen and core.seen[-1].text == "/ask what is a payload in keras?"


# --- empty secrets and tokens --------------------------------------------------------------------


def test_http_mode_refuses_to_start_with_an_empty_signing_secret(
    core: RecordingPrepbot, db_url: str, fake_slack: FakeSlack
) -> None:
    settings = load_settings(
        {"database_url": db_url, "slack_api_url": fake_slack.api_url},
        environ={"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": "", "SLACK_APP_TOKEN": ""},
    )
    with pytest.raises(ValueError, match="SLACK_SIGNING_SECRET"):
        SlackService(core, settings)  # an empty app token does not pick Socket Mode either
    with pytest.raises(ValueError, match="SLACK_SIGNING_SECRET"):
        SlackService(core, settings, mode="http")


def test_the_bolt_app_always_verifies_and_never_warns_about_the_token(
    core: RecordingPrepbot,
    db_url: str,
    fake_slack: FakeSlack,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", BOT_TOKEN)  # bolt reads it from the environment as well
    caplog.set_level(logging.DEBUG)
    service = SlackService(core, slack_settings(db_url, fake_slack.api_url), mode="http")
    names = [type(m).__name__ for m in service.app._async_middleware_list]
    assert "AsyncRequestVerification" in names
    assert not any("will be unused" in r.getMessage() for r in caplog.records)
    socket = SlackService(
        core,
        slack_settings(db_url, fake_slack.api_url, slack_signing_secret=None, slack_app_token="xapp-TEST-1"),
        mode="socket",
    )
    socket_names = [type(m).__name__ for m in socket.app._async_middleware_list]
    assert "AsyncRequestVerification" in socket_names


def _prepbot(*args: str) -> list[str]:
    script = Path(sys.executable).parent / "prepbot"
    return [*([str(script)] if script.exists() else [sys.executable, "-m", "bot.cli"]), *args]


def _env(fake_slack: FakeSlack, **extra: str) -> dict[str, str]:
    env = {
        **os.environ,
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_API_URL": fake_slack.api_url,
        "PREPBOT_RATE_LIMIT": "0",
        **extra,
    }
    env.pop("PREPBOT_CONFIG", None)
    return env


@pytest.mark.slow
def test_prepbot_slack_with_an_empty_signing_secret_exits_with_one_line(
    tmp_path: Path, fake_slack: FakeSlack
) -> None:
    env = _env(fake_slack, SLACK_SIGNING_SECRET="", SLACK_APP_TOKEN="")  # what .env.example ships
    for args in (("slack", "--mode", "http"), ("slack",), ("run", "--adapter", "slack")):
        done = subprocess.run(
            _prepbot(*args, "--db", f"sqlite:///{tmp_path / 'e.db'}"),
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        lines = [line for line in done.stderr.splitlines() if line.strip()]
        assert done.returncode != 0 and len(lines) == 1, (args, done.stderr)
        assert "SLACK_SIGNING_SECRET" in lines[0] and "Traceback" not in done.stderr
    assert fake_slack.sent() == [] or all(c.method == "auth.test" for c in fake_slack.sent())


@pytest.mark.slow
def test_an_empty_app_token_serves_http_not_socket_mode(tmp_path: Path, fake_slack: FakeSlack) -> None:
    port = free_port()
    env = _env(fake_slack, SLACK_SIGNING_SECRET=SECRET, SLACK_APP_TOKEN="")
    process = subprocess.Popen(
        _prepbot(
            "slack", "--host", "127.0.0.1", "--port", str(port), "--db", f"sqlite:///{tmp_path / 'h.db'}"
        ),
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_for_port(port, process)
        import urllib.request

        body = '{"token":"t","challenge":"chal-9","type":"url_verification"}'
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/slack/events",
            data=body.encode(),
            method="POST",
            headers={**sign(body, SECRET), "Content-Type": JSON},
        )
        with urllib.request.urlopen(request, timeout=5) as response:
            assert json.loads(response.read())["challenge"] == "chal-9"
    finally:
        process.send_signal(signal.SIGTERM)
        _out, err = process.communicate(timeout=30)
    assert "http mode" in err and fake_slack.sent("apps.connections.open") == []


@pytest.mark.asyncio
async def test_a_forged_unsigned_admin_command_changes_nothing(
    slack: SlackSide, core: RecordingPrepbot
) -> None:
    body = slack.command_body("/prep", "study on 09:00")
    async with (
        aiohttp.ClientSession() as session,
        session.post(slack.url, data=body, headers={"Content-Type": FORM}) as response,
    ):
        assert response.status == 401
    assert core.seen == [] and core.stores.channels.all() == []
