"""The app manifest asks for exactly the scopes we use, and `prepbot slack --mode http --host
--port` serves signed requests and stops cleanly on SIGTERM."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.error import HTTPError

import pytest
import yaml

from tests.adapters.slack_adapter.conftest import BOT_TOKEN, SECRET
from tests.adapters.slack_adapter.fake_slack import FakeSlack, sign

MANIFEST = Path(__file__).resolve().parents[3] / "adapters" / "slack" / "manifest.yaml"
ALLOWED_SCOPES = {
    "app_mentions:read",
    "channels:history",
    "chat:write",
    "commands",
    "im:history",
    "im:write",  # a DM for personal files and nudges
    "files:write",  # uploading them
}


def test_the_manifest_asks_for_least_privilege_and_declares_what_we_serve() -> None:
    manifest = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    assert set(manifest["oauth_config"]["scopes"]["bot"]) == ALLOWED_SCOPES
    assert "user" not in manifest["oauth_config"]["scopes"]
    commands = {c["command"] for c in manifest["features"]["slash_commands"]}
    assert commands == {"/compare", "/ask", "/mock", "/daily", "/prep"}
    assert set(manifest["settings"]["event_subscriptions"]["bot_events"]) == {
        "app_home_opened",
        "app_mention",
        "message.channels",
        "message.im",
    }
    assert manifest["settings"]["interactivity"]["is_enabled"] is True
    assert manifest["features"]["app_home"]["home_tab_enabled"] is True


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def post_command(port: int, text: str) -> tuple[int, str]:
    body = (
        f"command=%2Fprep&text={text}&team_id=T0001&channel_id=C1&user_id=U1&trigger_id=cli.1"
        "&response_url=http%3A%2F%2F127.0.0.1%3A9%2Fr"
    )
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/slack/events",
        data=body.encode(),
        method="POST",
        headers={**sign(body, SECRET), "Content-Type": "application/x-www-form-urlencoded"},
    )
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, response.read().decode()
    except HTTPError as error:
        return error.code, ""


def wait_for_port(port: int, process: subprocess.Popen[str], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"prepbot slack exited early: {process.communicate()}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise AssertionError("prepbot slack never started listening")


@pytest.mark.slow
def test_prepbot_slack_http_mode_serves_and_stops_on_sigterm(tmp_path: Path, fake_slack: FakeSlack) -> None:
    port = free_port()
    env = {
        **os.environ,
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": fake_slack.api_url,
        "PREPBOT_RATE_LIMIT": "0",
        "PREPBOT_LOG_LEVEL": "DEBUG",
    }
    env.pop("SLACK_APP_TOKEN", None)
    script = Path(sys.executable).parent / "prepbot"
    launcher = [str(script)] if script.exists() else [sys.executable, "-m", "bot.cli"]
    command = [
        *launcher,
        "slack",
        "--mode",
        "http",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--db",
        f"sqlite:///{tmp_path / 'cli.db'}",
    ]
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        wait_for_port(port, process)
        status, body = post_command(port, "help")
        assert status == 200 and json.loads(body)["blocks"]
        assert post_command(port, "help")[0] == 200
    finally:
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=30)
    assert process.returncode == 0, err
    assert BOT_TOKEN not in out + err and SECRET not in out + err
