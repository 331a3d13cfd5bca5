import os
import subprocess
import sys
from pathlib import Path

import msgspec
import pytest

from bot.config import load_settings
from bot.errors import ConfigError


def test_environment_beats_yaml_file_and_flags_beat_both(tmp_path: Path) -> None:
    config = tmp_path / "prepbot.yaml"
    config.write_text("database_url: sqlite:///from-file.db\nadmins: [U9]\nlog_level: DEBUG\n")
    env = {
        "PREPBOT_CONFIG": str(config),
        "PREPBOT_DATABASE_URL": "sqlite:///from-env.db",
        "PREPBOT_ADMINS": "U1, U2",
    }
    assert load_settings(environ=env).database_url == "sqlite:///from-env.db"
    assert load_settings(environ=env).admins == ["U1", "U2"]
    assert load_settings(environ=env).log_level == "DEBUG"
    flagged = load_settings({"database_url": "sqlite:///flag.db"}, environ=env)
    assert flagged.database_url == "sqlite:///flag.db"


def test_tokens_are_never_shown_in_repr() -> None:
    settings = load_settings(
        environ={
            "SLACK_BOT_TOKEN": "xoxb-TEST-123",
            "DISCORD_TOKEN": "secret-discord",
            "SLACK_SIGNING_SECRET": "shh",
        }
    )
    dumped = msgspec.json.encode(settings, enc_hook=repr).decode()
    shown = repr(settings) + str(settings) + dumped
    assert "xoxb-TEST-123" not in shown and "secret-discord" not in shown and "shh" not in shown
    assert settings.slack_bot_token is not None
    assert settings.slack_bot_token.get_secret_value() == "xoxb-TEST-123"


def test_a_wrong_value_is_a_clear_error_naming_the_setting() -> None:
    with pytest.raises(ValueError, match="health_port"):
        load_settings(environ={"PREPBOT_HEALTH_PORT": "eighty"})
    assert load_settings(environ={"PREPBOT_HEALTH_PORT": "8080"}).health_port == 8080


# --- empty values and broken config files (issue 16) ------------------------------------------------

SECRET_IN_FILE = "xoxb-FILE-SECRET-7777"


def test_an_empty_environment_variable_never_overrides_the_file(tmp_path: Path) -> None:
    config = tmp_path / "prepbot.yaml"
    config.write_text(f"slack_bot_token: {SECRET_IN_FILE}\nslack_signing_secret: from-file\nadmins: [U9]\n")
    settings = load_settings(
        environ={
            "PREPBOT_CONFIG": str(config),
            "SLACK_BOT_TOKEN": "",
            "SLACK_SIGNING_SECRET": "  ",
            "PREPBOT_ADMINS": "",
        }
    )
    assert settings.slack_bot_token is not None
    assert settings.slack_bot_token.get_secret_value() == SECRET_IN_FILE
    assert settings.slack_signing_secret is not None
    assert settings.slack_signing_secret.get_secret_value() == "from-file"
    assert settings.admins == ["U9"]


def test_an_empty_secret_is_no_secret_anywhere(tmp_path: Path) -> None:
    config = tmp_path / "prepbot.yaml"
    config.write_text('slack_app_token: ""\nslack_signing_secret:\n')
    settings = load_settings(
        {"slack_bot_token": ""},
        environ={"PREPBOT_CONFIG": str(config), "SLACK_APP_TOKEN": "", "DISCORD_TOKEN": ""},
    )
    assert settings.slack_app_token is None and settings.slack_signing_secret is None
    assert settings.slack_bot_token is None and settings.discord_token is None


@pytest.mark.parametrize(
    ("text", "line", "key"),
    [
        (f"slack_bot_token: {SECRET_IN_FILE}\nadmins: [U1\n", 3, ""),  # YAML syntax error
        (f"slack_bot_token: {SECRET_IN_FILE}\nhealth_port: eighty\n", 2, "health_port"),  # wrong type
        (
            f"slack_bot_token: {SECRET_IN_FILE}\nslack_tokn: {SECRET_IN_FILE}\n",
            2,
            "slack_tokn",
        ),  # unknown key
        (f"slack_bot_token: {SECRET_IN_FILE}\nrate_limit_per_10s: {{a: 1}}\n", 2, "rate_limit_per_10s"),
        (f"- slack_bot_token: {SECRET_IN_FILE}\n", 1, ""),  # not a mapping
        (f"slack_bot_token: [{SECRET_IN_FILE}]\n", 1, "slack_bot_token"),  # a list where a token goes
    ],
)
def test_a_broken_config_file_is_one_line_with_file_line_and_key_never_the_value(
    tmp_path: Path, text: str, line: int, key: str
) -> None:
    config = tmp_path / "prepbot.yaml"
    config.write_text(text)
    with pytest.raises(ConfigError) as caught:
        load_settings(environ={"PREPBOT_CONFIG": str(config)})
    shown = str(caught.value)
    assert shown.startswith(f"{config}:{line}: ") and "\n" not in shown
    assert key in shown and SECRET_IN_FILE not in shown and "eighty" not in shown


def test_invalid_utf8_in_the_config_file_names_its_line(tmp_path: Path) -> None:
    config = tmp_path / "prepbot.yaml"
    config.write_bytes(b"log_level: INFO\nslack_bot_token: xoxb-\xff\xfe-secret\n")
    with pytest.raises(ConfigError, match=rf"^{config}:2: not valid UTF-8") as caught:
        load_settings(environ={"PREPBOT_CONFIG": str(config)})
    assert "secret" not in str(caught.value)


def test_a_bad_environment_value_names_the_variable_not_the_value() -> None:
    with pytest.raises(ConfigError, match=r"^PREPBOT_HEALTH_PORT: health_port: ") as caught:
        load_settings(environ={"PREPBOT_HEALTH_PORT": "eighty"})
    assert "eighty" not in str(caught.value)


def test_the_cli_shows_a_broken_config_in_one_line_without_a_traceback(tmp_path: Path) -> None:
    config = tmp_path / "prepbot.yaml"
    config.write_text(f"slack_bot_token: {SECRET_IN_FILE}\nhealth_port: [1, 2\n")
    env = {**os.environ, "PREPBOT_CONFIG": str(config)}
    done = subprocess.run(
        [sys.executable, "-m", "bot.cli", "ask", "what is keras?"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert done.returncode != 0
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and f"{config}:" in lines[0], done.stderr
    assert "Traceback" not in done.stderr and SECRET_IN_FILE not in done.stderr + done.stdout
