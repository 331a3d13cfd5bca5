"""Settings, read once at the edge: environment variables (12-factor) over an optional YAML file.

Precedence: explicit arguments (CLI flags) > environment > YAML file (`PREPBOT_CONFIG`) > defaults.
Values are validated and converted by msgspec (a typed `Struct`; "3000" becomes 3000, a bad value
is a clear error naming the field). Tokens are `Secret`: their repr is `Secret('**********')`,
they never appear in logs or dumps, and `get_secret_value()` is the only way to read them.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import msgspec

# Environment variable for each field; lists are comma-separated in the environment.
ENV: dict[str, str] = {
    "knowledge": "PREPBOT_KNOWLEDGE",
    "database_url": "PREPBOT_DATABASE_URL",
    "admins": "PREPBOT_ADMINS",
    "log_level": "PREPBOT_LOG_LEVEL",
    "review_daily_cap": "PREPBOT_REVIEW_DAILY_CAP",
    "rate_limit_per_10s": "PREPBOT_RATE_LIMIT",
    "health_port": "PREPBOT_HEALTH_PORT",
    "health_host": "PREPBOT_HEALTH_HOST",
    "adapter": "PREPBOT_ADAPTER",
    "slack_bot_token": "SLACK_BOT_TOKEN",
    "slack_app_token": "SLACK_APP_TOKEN",
    "slack_signing_secret": "SLACK_SIGNING_SECRET",
    "slack_api_url": "SLACK_API_URL",
    "discord_token": "DISCORD_TOKEN",
    "discord_guild_id": "DISCORD_GUILD_ID",
    "discord_shard_count": "DISCORD_SHARD_COUNT",
    "discord_shard_ids": "DISCORD_SHARD_IDS",
}
_LISTS = {"admins", "discord_shard_ids"}


class Secret:
    """A token or secret: shown as asterisks everywhere, readable only on purpose."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def get_secret_value(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret('**********')"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)


class Settings(msgspec.Struct, kw_only=True, frozen=True):
    knowledge: Path | None = None
    database_url: str | None = None
    admins: list[str] = msgspec.field(default_factory=list)
    log_level: str = "INFO"
    review_daily_cap: int = 20
    rate_limit_per_10s: int = 8
    health_port: int | None = None
    health_host: str = "127.0.0.1"
    adapter: str = "console"
    slack_bot_token: Secret | None = None
    slack_app_token: Secret | None = None
    slack_signing_secret: Secret | None = None
    slack_api_url: str = "https://slack.com/api/"
    discord_token: Secret | None = None
    discord_guild_id: int | None = None
    discord_shard_count: int | None = None
    discord_shard_ids: list[int] | None = None


def load_settings(
    overrides: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None
) -> Settings:
    """Build Settings from a YAML file (PREPBOT_CONFIG), the environment and `overrides`.

    `environ` lets tests inject an environment instead of patching `os.environ`.
    Raises ValueError naming the field when a value has the wrong type.
    """
    env = dict(os.environ if environ is None else environ)
    values: dict[str, Any] = _from_file(env.get("PREPBOT_CONFIG"))
    values.update(_from_environ(env))
    values.update({k: v for k, v in (overrides or {}).items() if v is not None})
    unknown = set(values) - set(Settings.__struct_fields__)
    for name in unknown:
        values.pop(name)
    try:
        return msgspec.convert(values, Settings, strict=False, dec_hook=_decode)
    except msgspec.ValidationError as exc:
        raise ValueError(f"bad setting: {exc}") from None


def _from_file(path: str | None) -> dict[str, Any]:
    if not path:
        return {}
    import yaml  # only when a config file is named: keeps `prepbot ask` start-up short

    loaded = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    if not isinstance(loaded, dict):
        raise ValueError(f"{path}: the config file must be a YAML mapping")
    return {str(k): v for k, v in loaded.items()}


def _from_environ(env: Mapping[str, str]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for name, variable in ENV.items():
        if variable in env:
            raw = env[variable]
            found[name] = _split_list(raw) if name in _LISTS else raw
    return found


def _split_list(raw: str) -> list[str]:
    return [part.strip() for part in raw.split(",") if part.strip()]


def _decode(kind: type, value: Any) -> Any:
    if kind is Secret:
        if isinstance(value, Secret):
            return value
        if isinstance(value, str):
            return Secret(value)
    if kind is Path and isinstance(value, str | Path):
        return Path(value)
    raise TypeError(f"cannot read {type(value).__name__} as {kind.__name__}")
