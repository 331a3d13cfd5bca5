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

from bot.errors import ConfigError

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
    "http_host": "PREPBOT_HTTP_HOST",
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

    def __bool__(self) -> bool:
        """An empty or blank secret is no secret: `if settings.slack_app_token` is False for it."""
        return bool(self._value.strip())

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
    http_host: str = "127.0.0.1"  # Slack HTTP mode listens here (the container sets 0.0.0.0)
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

    `environ` lets tests inject an environment instead of patching `os.environ`. An empty value
    (`SLACK_SIGNING_SECRET=`, `slack_app_token: ""`) counts as not set: it never overrides a value
    from a lower layer and never becomes an empty secret.
    Raises `ConfigError` (a ValueError) naming where the value came from and the key, never the value.
    """
    env = dict(os.environ if environ is None else environ)
    values: dict[str, Any] = {}
    origin: dict[str, str] = {}
    config = env.get("PREPBOT_CONFIG", "").strip()
    if config:
        for key, (value, line) in _from_file(config).items():
            values[key], origin[key] = value, f"{config}:{line}"
    for key, value in _from_environ(env).items():
        values[key], origin[key] = value, ENV[key]
    for key, value in (overrides or {}).items():
        if not _empty(value):
            values[key], origin[key] = value, "setting"
    return _convert(values, origin)


def _convert(values: dict[str, Any], origin: dict[str, str]) -> Settings:
    """Settings from `values`, one field at a time so an error names its key and its origin."""
    fields = set(Settings.__struct_fields__)
    for key, value in values.items():
        if key not in fields:
            continue
        try:
            msgspec.convert({key: value}, Settings, strict=False, dec_hook=_decode)
        except (msgspec.ValidationError, TypeError, ValueError) as exc:
            raise ConfigError(origin.get(key, "setting"), key, _problem(str(exc), value)) from None
    try:
        return msgspec.convert(
            {k: v for k, v in values.items() if k in fields}, Settings, strict=False, dec_hook=_decode
        )
    except msgspec.ValidationError as exc:  # pragma: no cover - every field was checked above
        raise ConfigError("settings", "", _problem(str(exc), None)) from None


def _problem(text: str, value: Any) -> str:
    """msgspec's reason without its `- at $.key` tail, and never the value itself."""
    reason = text.split(" - at ", 1)[0].strip() or "invalid value"
    if isinstance(value, str) and value and value in reason:
        return "invalid value"
    return reason


def _empty(value: Any) -> bool:
    if isinstance(value, Secret):
        value = value.get_secret_value()
    return value is None or (isinstance(value, str) and not value.strip())


def _from_file(path: str) -> dict[str, tuple[Any, int]]:
    """Each non-empty key of the YAML mapping in `path` with its value and line; a ConfigError
    (file, line, what is wrong, never the text there) when the file cannot be used."""
    import yaml  # only when a config file is named: keeps `prepbot ask` start-up short

    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise ConfigError(
            path, "", f"cannot read the config file ({exc.strerror or type(exc).__name__})"
        ) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise ConfigError(f"{path}:{line}", "", "not valid UTF-8 text") from None
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return {}
        if not isinstance(node, yaml.MappingNode):
            raise ConfigError(
                f"{path}:{node.start_mark.line + 1}",
                "",
                "the config file must be a YAML mapping of settings (key: value)",
            )
        found: dict[str, tuple[Any, int]] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, str) or key not in Settings.__struct_fields__:
                shown = key if isinstance(key, str) and len(key) <= 60 else type(key).__name__
                raise ConfigError(
                    f"{path}:{line}",
                    str(shown),
                    "unknown setting (known: " + ", ".join(Settings.__struct_fields__) + ")",
                )
            value = loader.construct_object(value_node, deep=True)
            if isinstance(value, str) and key in _LISTS:
                value = _split_list(value)
            if not _empty(value):
                found[key] = (value, value_node.start_mark.line + 1)
        return found
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{path}:{mark.line + 1}" if mark else path
        raise ConfigError(
            where, "", f"not valid YAML ({exc.problem or exc.context or 'syntax error'})"
        ) from None
    except yaml.YAMLError as exc:
        raise ConfigError(path, "", f"not valid YAML ({type(exc).__name__})") from None
    except RecursionError:
        raise ConfigError(path, "", "nested too deeply") from None
    finally:
        loader.dispose()


def _from_environ(env: Mapping[str, str]) -> dict[str, Any]:
    """Settings named by the environment; an empty or blank variable is not set."""
    found: dict[str, Any] = {}
    for name, variable in ENV.items():
        raw = env.get(variable)
        if raw is None or not raw.strip():
            continue
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
    raise TypeError(f"expected {kind.__name__}, got {type(value).__name__}")
