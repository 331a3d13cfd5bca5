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
# Slack's markup in message text (the core gets plain text): a link keeps its label; user mentions
# <@U123> / <@U123|ana>, channel links <#C1|general>, specials <!here> / <!subteam^S1|team> and bare
# links <https://...> are dropped.
_LINK_WITH_LABEL = re.compile(r"<(?:https?|mailto):[^>|]*\|([^>]*)>")
_MARKUP = re.compile(r"<[@#!][^>]*>|<(?:https?|mailto):[^>]*>")

Payload = Mapping[str, Any]


def text(value: Any) -> str:
    """A field Slack sends as a string; anything else (a forged or broken payload) reads as ""."""
    return value if isinstance(value, str) else ""


def part(body: Payload, key: str) -> Payload:
    """A field Slack sends as an object; anything else reads as an empty one."""
    value = body.get(key)
    return value if isinstance(value, Mapping) else {}


def team_of(body: Payload) -> str:
    return text(body.get("team_id")) or text(part(body, "team").get("id")) or text(body.get("team"))


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
    user, ts, channel = text(event.get("user")), text(event.get("ts")), text(event.get("channel"))
    if is_from_a_bot(event, bot_user_id) or not user or not ts or not channel:
        return None
    said = plain(text(event.get("text")))
    direct = event.get("channel_type") == "im" or channel.startswith("D")
    thread = text(event.get("thread_ts"))
    return Message(
        platform=PLATFORM,
        id=ts,
        user=UserRef(PLATFORM, user),
        channel=ChannelRef(PLATFORM, channel, is_direct=direct, team=team),
        text=said,
        thread=thread or None,
        # A thread reply without a mention is chatter the core decides on (the bridge marks it
        # addressed when the bot is talking with this person in that thread).
        addressed=direct or mentions(event, bot_user_id),
    )


def from_command(body: Payload) -> Message:
    """A slash command: its text keeps the command (`/compare pytorch keras`)."""
    channel, command, user = (
        text(body.get("channel_id")),
        text(body.get("command")),
        text(body.get("user_id")),
    )
    said = f"{command} {plain(text(body.get('text')))}".strip()
    return Message(
        platform=PLATFORM,
        id=text(body.get("trigger_id")) or f"cmd-{user}-{command}",
        user=UserRef(PLATFORM, user, text(body.get("user_name"))),
        channel=ChannelRef(
            PLATFORM,
            channel,
            is_direct=body.get("channel_name") == "directmessage" or channel.startswith("D"),
            team=text(body.get("team_id")),
        ),
        text=said,
    )


def from_action(body: Payload) -> Message | None:
    """A click on one of our buttons (`action_id` "prepbot:<action>")."""
    actions = body.get("actions")
    action: Payload = (
        actions[0] if isinstance(actions, list) and actions and isinstance(actions[0], Mapping) else {}
    )
    action_id = text(action.get("action_id"))
    user = part(body, "user")
    if not action_id.startswith(ACTION_PREFIX) or not text(user.get("id")):
        return None
    container, message = part(body, "container"), part(body, "message")
    channel = text(part(body, "channel").get("id")) or text(container.get("channel_id"))
    where = text(container.get("message_ts")) or text(message.get("ts")) or text(part(body, "view").get("id"))
    thread = text(container.get("thread_ts")) or text(message.get("thread_ts"))
    home = container.get("type") == "view"
    return Message(
        platform=PLATFORM,
        id=f"{where}/{text(action.get('action_ts'))}",
        user=UserRef(PLATFORM, text(user.get("id")), text(user.get("username")) or text(user.get("name"))),
        channel=ChannelRef(
            PLATFORM,
            _home_channel(body) if home else channel,
            is_direct=home or channel.startswith("D"),
            team=_action_team(body),
        ),
        text="",
        thread=thread or None,
        action=text(action.get("value")) or action_id[len(ACTION_PREFIX) :],
    )


def home_progress(user_id: str, team: str, opened_at: str, dm_channel: str) -> Message:
    """The core question behind the App Home tab: this person's progress, asked from their DM with
    the app (`app_home_opened` carries its id), so practice started from Home goes on there."""
    return Message(
        platform=PLATFORM,
        id=f"home/{user_id}/{opened_at}",
        user=UserRef(PLATFORM, user_id),
        channel=ChannelRef(PLATFORM, dm_channel or user_id, is_direct=True, team=team),
        text="",
        action="progress",
    )


def _home_channel(body: Payload) -> str:
    """A click in App Home: the DM channel the view was published for (its `private_metadata`),
    else the user id (posting to a user id lands in the same DM)."""
    metadata = text(part(body, "view").get("private_metadata"))
    return metadata if metadata.startswith("D") else text(part(body, "user").get("id"))


def _action_team(body: Payload) -> str:
    return team_of(body) or text(part(body, "user").get("team_id"))


def plain(said: str) -> str:
    """Slack message text as the core reads it: markup dropped (a link keeps its label), entities
    unescaped, runs of spaces collapsed. Markup is stripped before unescaping, so text a person
    typed in angle brackets (sent as `&lt;...&gt;`) stays."""
    return _SPACES.sub(" ", unescape(strip_markup(said))).strip()


def strip_markup(said: str) -> str:
    """Only the markup dropped (a link keeps its label); nothing else changed."""
    return _MARKUP.sub(" ", _LINK_WITH_LABEL.sub(r" \1 ", said))
