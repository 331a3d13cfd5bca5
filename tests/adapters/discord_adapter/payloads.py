"""Gateway payloads a user's actions produce: slash commands, autocomplete, clicks, messages."""

from __future__ import annotations

from typing import Any

from tests.adapters.discord_adapter.fake_discord import (
    APP_ID,
    BOT_ID,
    CHANNEL_ID,
    GUILD_ID,
    member,
    message,
    snowflake,
    text_channel,
    user,
)

ADMIN = 1 << 5  # MANAGE_GUILD
ANA = (930000000000000001, "ana")
BEN = (930000000000000002, "ben")


def _interaction(
    kind: int, data: dict[str, Any], who: tuple[int, str], permissions: int, channel: dict[str, Any] | None
) -> dict[str, Any]:
    interaction_id = snowflake()
    place = channel or text_channel()
    return {
        "id": interaction_id,
        "application_id": str(APP_ID),
        "type": kind,
        "token": f"tok-{interaction_id}",
        "version": 1,
        "guild_id": str(GUILD_ID),
        "channel_id": place["id"],
        "channel": place,
        "member": member(*who, permissions=permissions),
        "data": data,
        "app_permissions": "0",
        "locale": "en-US",
        "guild_locale": "en-US",
        "entitlements": [],
        "attachment_size_limit": 8388608,
        "authorizing_integration_owners": {"0": str(GUILD_ID)},
        "context": 0,
    }


def options(**values: str | None) -> list[dict[str, Any]]:
    return [{"name": k, "type": 3, "value": v} for k, v in values.items() if v is not None]


def slash(
    name: str,
    opts: list[dict[str, Any]] | None = None,
    *,
    sub: str | None = None,
    who: tuple[int, str] = ANA,
    permissions: int = 0,
    channel: dict[str, Any] | None = None,
) -> dict[str, Any]:
    given = opts or []
    if sub is not None:
        given = [{"name": sub, "type": 1, "options": given}]
    data = {"id": snowflake(), "name": name, "type": 1, "options": given}
    return _interaction(2, data, who, permissions, channel)


def autocomplete(name: str, option: str, typed: str, **others: str) -> dict[str, Any]:
    opts = [*options(**others), {"name": option, "type": 3, "value": typed, "focused": True}]
    return _interaction(4, {"id": snowflake(), "name": name, "type": 1, "options": opts}, ANA, 0, None)


def click(
    custom_id: str, *, who: tuple[int, str] = ANA, channel: dict[str, Any] | None = None
) -> dict[str, Any]:
    place = channel or text_channel()
    shown = message(
        place["id"],
        {
            "components": [
                {
                    "type": 1,
                    "components": [{"type": 2, "style": 2, "label": "Button", "custom_id": custom_id}],
                }
            ]
        },
        author=user(APP_ID, "prepbot", bot=True),
    )
    payload = _interaction(3, {"custom_id": custom_id, "component_type": 2}, who, 0, channel)
    payload["message"] = shown
    return payload


def chat(
    text: str, *, who: tuple[int, str] = ANA, channel_id: str = str(CHANNEL_ID), mention: bool = True
) -> dict[str, Any]:
    body = message(channel_id, {"content": text}, author=user(*who))
    body["guild_id"] = str(GUILD_ID)
    body["member"] = {k: v for k, v in member(*who).items() if k != "user"}
    body["mentions"] = [user(BOT_ID, "prepbot", bot=True)] if mention else []
    return body


def thread_channel(thread_id: str, parent: int = CHANNEL_ID) -> dict[str, Any]:
    return {
        "id": thread_id,
        "type": 11,
        "guild_id": str(GUILD_ID),
        "parent_id": str(parent),
        "owner_id": str(BOT_ID),
        "name": "Mock interview",
        "rate_limit_per_user": 0,
        "message_count": 0,
        "member_count": 1,
        "last_message_id": None,
        "thread_metadata": {
            "archived": False,
            "auto_archive_duration": 1440,
            "archive_timestamp": "2026-01-01T00:00:00+00:00",
            "locked": False,
        },
    }
