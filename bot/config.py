"""Settings, read once at the edge: environment variables (12-factor) over an optional YAML file.

Precedence: explicit arguments (CLI flags) > environment > YAML file (`PREPBOT_CONFIG`) > defaults.
Tokens are `SecretStr`: their repr is `SecretStr('**********')` and they are never logged.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml
from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


def _env(*names: str) -> AliasChoices:
    return AliasChoices(*names)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PREPBOT_", extra="ignore", populate_by_name=True)

    knowledge: Path | None = Field(default=None, validation_alias=_env("knowledge", "PREPBOT_KNOWLEDGE"))
    database_url: str | None = Field(
        default=None, validation_alias=_env("database_url", "PREPBOT_DATABASE_URL")
    )
    admins: list[str] = Field(default_factory=list, validation_alias=_env("admins", "PREPBOT_ADMINS"))
    log_level: str = Field(default="INFO", validation_alias=_env("log_level", "PREPBOT_LOG_LEVEL"))
    review_daily_cap: int = Field(default=20, validation_alias=_env("review_daily_cap", "PREPBOT_REVIEW_DAILY_CAP"))
    rate_limit_per_10s: int = Field(default=8, validation_alias=_env("rate_limit_per_10s", "PREPBOT_RATE_LIMIT"))
    health_port: int | None = Field(default=None, validation_alias=_env("health_port", "PREPBOT_HEALTH_PORT"))
    health_host: str = Field(default="127.0.0.1", validation_alias=_env("health_host", "PREPBOT_HEALTH_HOST"))
    adapter: str = Field(default="console", validation_alias=_env("adapter", "PREPBOT_ADAPTER"))

    slack_bot_token: SecretStr | None = Field(default=None, validation_alias=_env("slack_bot_token", "SLACK_BOT_TOKEN"))
    slack_app_token: SecretStr | None = Field(default=None, validation_alias=_env("slack_app_token", "SLACK_APP_TOKEN"))
    slack_signing_secret: SecretStr | None = Field(
        default=None, validation_alias=_env("slack_signing_secret", "SLACK_SIGNING_SECRET")
    )
    slack_api_url: str = Field(
        default="https://slack.com/api/", validation_alias=_env("slack_api_url", "SLACK_API_URL")
    )
    discord_token: SecretStr | None = Field(default=None, validation_alias=_env("discord_token", "DISCORD_TOKEN"))
    discord_guild_id: int | None = Field(default=None, validation_alias=_env("discord_guild_id", "DISCORD_GUILD_ID"))
    discord_shard_count: int | None = Field(
        default=None, validation_alias=_env("discord_shard_count", "DISCORD_SHARD_COUNT")
    )
    discord_shard_ids: list[int] | None = Field(
        default=None, validation_alias=_env("discord_shard_ids", "DISCORD_SHARD_IDS")
    )


def load_settings(
    overrides: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None
) -> Settings:
    """Build Settings from a YAML file (PREPBOT_CONFIG), the environment and `overrides`.

    `environ` lets tests inject an environment instead of patching `os.environ`.
    """
    env = dict(os.environ if environ is None else environ)
    file_values: dict[str, Any] = {}
    config_path = env.get("PREPBOT_CONFIG")
    if config_path:
        loaded = yaml.safe_load(Path(config_path).read_text(encoding="utf-8")) or {}
        if not isinstance(loaded, dict):
            raise ValueError(f"{config_path}: the config file must be a YAML mapping")
        file_values = {str(k): v for k, v in loaded.items()}
    values: dict[str, Any] = dict(file_values)
    env_settings = _from_environ(env)
    values.update(env_settings)
    values.update({k: v for k, v in (overrides or {}).items() if v is not None})
    return Settings.model_validate(values)


def _from_environ(env: Mapping[str, str]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for name, field in Settings.model_fields.items():
        alias = field.validation_alias
        choices = alias.choices if isinstance(alias, AliasChoices) else []
        for choice in choices:
            if isinstance(choice, str) and choice.isupper() and choice in env:
                raw = env[choice]
                found[name] = _split_list(raw) if name in {"admins", "discord_shard_ids"} else raw
                break
    return found


def _split_list(raw: str) -> list[str]:
    return [part.strip() for part in raw.split(",") if part.strip()]
