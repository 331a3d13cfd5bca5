"""Slack payloads -> `Message` (pure). Decides what the core sees and what is ignored.

Message ids make Slack's duplicates collapse in the core's dedupe ledger: an event's `ts` (the same
for a retry, a replay, and the `app_mention` + `message` pair of one mention), a slash command's
`trigger_id`, a click's message ts plus `action_ts`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from adapters.slack.blocks import ACTION_PREFIX
from adapters.slack.mrkdwn import unescape
from bot.messages import ChannelRef, Message, UserRef

PLATFORM = "slack"
_ANSWERABLE_SUBTYPES = frozenset({None, "file_share", "thread_broadcast"})
_SPACES = re.compile(r"[ \t]+")

Payload = Mapping[str, Any]


def team_of(body: Payload) -> str:
    team = body.get("team_id") or body.get("team") or ""
    if isinstance(team, Mapping):
        team = team.get("id") or ""
    return str(team)


def is_from_a_bot(event: Payload, bot_user_id: str | None) -> bool:
    """Other bots' messages, our own, and every subtype but plain/file/broadcast messages
    (edits, deletions, joins, topic changes...)."""
    if event.get("bot_id") or event.get("bot_profile"):
        return True
    if event.get("subtype") not in _ANSWERABLE_SUBTYPES:
        return True
    return bool(bot_user_id) and event.get("user") == bot_user_id


def mentions(event: Payload, bot_user_id: str | None) -> bool:
    return bool(bot_user_id) and f"<@{bot_user_id}" in str(event.get("text", ""))


def from_event(event: Payload, *, team: str, bot_user_id: str | None) -> Message | None:
    """An `app_mention` or `message` event as a Message, or None when it is not for the core."""
    if is_from_a_bot(event, bot_user_id) or not event.get("user") or not event.get("ts"):
        return None
    text = _strip_bot_mention(str(event.get("text") or ""), bot_user_id)
    channel = str(event.get("channel", ""))
    direct = event.get("channel_type") == "im" or channel.startswith("D")
    thread = event.get("thread_ts")
    return Message(
        platform=PLATFORM,
        id=str(event["ts"]),
        user=UserRef(PLATFORM, str(event["user"])),
        channel=ChannelRef(PLATFORM, channel, is_direct=direct, team=team),
        text=text,
        thread=str(thread) if thread else None,
    )


def from_command(body: Payload) -> Message:
    """A slash command: its text keeps the command (`/compare pytorch keras`)."""
    channel = str(body.get("channel_id", ""))
    text = f"{body.get('command', '')} {unescape(str(body.get('text') or ''))}".strip()
    return Message(
        platform=PLATFORM,
        id=str(body.get("trigger_id") or f"cmd-{body.get('user_id')}-{body.get('command')}"),
        user=UserRef(PLATFORM, str(body.get("user_id", "")), str(body.get("user_name") or "")),
        channel=ChannelRef(PLATFORM, channel, is_direct=body.get("channel_name") == "directmessage"
                           or channel.startswith("D"), team=str(body.get("team_id") or "")),
        text=text,
    )


def from_action(body: Payload) -> Message | None:
    """A click on one of our buttons (`action_id` "prepbot:<action>")."""
    actions = body.get("actions") or []
    if not actions or not str(actions[0].get("action_id", "")).startswith(ACTION_PREFIX):
        return None
    action = actions[0]
    container = body.get("container") or {}
    message = body.get("message") or {}
    channel = str((body.get("channel") or {}).get("id") or container.get("channel_id") or "")
    user = body.get("user") or {}
    where = str(container.get("message_ts") or message.get("ts") or body.get("view", {}).get("id", ""))
    thread = container.get("thread_ts") or message.get("thread_ts")
    home = container.get("type") == "view"
    return Message(
        platform=PLATFORM,
        id=f"{where}/{action.get('action_ts', '')}",
        user=UserRef(PLATFORM, str(user.get("id", "")), str(user.get("username") or user.get("name") or "")),
        channel=ChannelRef(PLATFORM, _home_channel(body) if home else channel,
                           is_direct=home or channel.startswith("D"), team=_action_team(body)),
        text="",
        thread=str(thread) if thread else None,
        action=str(action.get("value") or action["action_id"][len(ACTION_PREFIX):]),
    )


def home_progress(user_id: str, team: str, opened_at: str, dm_channel: str) -> Message:
    """The core question behind the App Home tab: this person's progress, asked from their DM with
    the app (`app_home_opened` carries its id), so practice started from Home goes on there."""
    return Message(
        platform=PLATFORM,
        id=f"home/{user_id}/{opened_at}",
        user=UserRef(PLATFORM, user_id),
        channel=ChannelRef(PLATFORM, dm_channel or user_id, is_direct=True, team=team),
        text="progress",
    )


def _home_channel(body: Payload) -> str:
    """A click in App Home: the DM channel the view was published for (its `private_metadata`),
    else the user id (posting to a user id lands in the same DM)."""
    metadata = str((body.get("view") or {}).get("private_metadata") or "")
    return metadata if metadata.startswith("D") else str((body.get("user") or {}).get("id", ""))


def _action_team(body: Payload) -> str:
    return team_of(body) or str((body.get("user") or {}).get("team_id") or "")


def _strip_bot_mention(text: str, bot_user_id: str | None) -> str:
    if bot_user_id:
        text = re.sub(rf"<@{re.escape(bot_user_id)}(\|[^>]*)?>", " ", text)
    return _SPACES.sub(" ", unescape(text)).strip()
