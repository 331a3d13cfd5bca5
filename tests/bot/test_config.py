from pathlib import Path

import msgspec
import pytest

from bot.config import load_settings


def test_environment_beats_yaml_file_and_flags_beat_both(tmp_path: Path) -> None:
    config = tmp_path / "prepbot.yaml"
    config.write_text("database_url: sqlite:///from-file.db\nadmins: [U9]\nlog_level: DEBUG\n")
    env = {"PREPBOT_CONFIG": str(config), "PREPBOT_DATABASE_URL": "sqlite:///from-env.db",
           "PREPBOT_ADMINS": "U1, U2"}
    assert load_settings(environ=env).database_url == "sqlite:///from-env.db"
    assert load_settings(environ=env).admins == ["U1", "U2"]
    assert load_settings(environ=env).log_level == "DEBUG"
    flagged = load_settings({"database_url": "sqlite:///flag.db"}, environ=env)
    assert flagged.database_url == "sqlite:///flag.db"


def test_tokens_are_never_shown_in_repr() -> None:
    settings = load_settings(environ={"SLACK_BOT_TOKEN": "xoxb-TEST-123", "DISCORD_TOKEN": "secret-discord",
                                      "SLACK_SIGNING_SECRET": "shh"})
    dumped = msgspec.json.encode(settings, enc_hook=repr).decode()
    shown = repr(settings) + str(settings) + dumped
    assert "xoxb-TEST-123" not in shown and "secret-discord" not in shown and "shh" not in shown
    assert settings.slack_bot_token is not None
    assert settings.slack_bot_token.get_secret_value() == "xoxb-TEST-123"


def test_a_wrong_value_is_a_clear_error_naming_the_setting() -> None:
    with pytest.raises(ValueError, match="health_port"):
        load_settings(environ={"PREPBOT_HEALTH_PORT": "eighty"})
    assert load_settings(environ={"PREPBOT_HEALTH_PORT": "8080"}).health_port == 8080
