"""Slack payloads -> Message: ids that make duplicates collapse, threads, and what is ignored."""

from __future__ import annotations

from typing import Any

import pytest

from adapters.slack import inbound

BOT = "U0BOT"


def event(**fields: Any) -> dict[str, Any]:
    return {
        "type": "message",
        "user": "U1",
        "text": "hello",
        "ts": "1.000100",
        "channel": "C1",
        "channel_type": "channel",
    } | fields


def test_a_mention_and_its_message_twin_map_to_the_same_message() -> None:
    mention = event(type="app_mention", text=f"<@{BOT}> compare tf &amp; torch &lt;3")
    twin = event(text=f"<@{BOT}> compare tf &amp; torch &lt;3")
    a = inbound.from_event(mention, team="T1", bot_user_id=BOT)
    b = inbound.from_event(twin, team="T1", bot_user_id=BOT)
    assert a is not None and b is not None
    assert a.dedupe_key == b.dedupe_key
    assert a.text == "compare tf & torch <3"
    assert (a.id, a.channel.team, a.channel.is_direct, a.thread) == ("1.000100", "T1", False, None)


def test_thread_and_dm_are_carried() -> None:
    reply = inbound.from_event(event(thread_ts="0.5"), team="T1", bot_user_id=BOT)
    dm = inbound.from_event(event(channel="D1", channel_type="im"), team="T1", bot_user_id=BOT)
    assert reply is not None and reply.thread == "0.5"
    assert dm is not None and dm.channel.is_direct


@pytest.mark.parametrize(
    "fields",
    [
        {"bot_id": "B9"},
        {"subtype": "bot_message"},
        {"subtype": "message_changed"},
        {"subtype": "message_deleted"},
        {"subtype": "channel_join"},
        {"user": BOT},
        {"user": None},
    ],
)
def test_bots_edits_and_housekeeping_are_ignored(fields: dict[str, Any]) -> None:
    assert inbound.from_event(event(**fields), team="T1", bot_user_id=BOT) is None


def test_a_slash_command_keeps_its_command_and_uses_the_trigger_id() -> None:
    message = inbound.from_command(
        {
            "command": "/compare",
            "text": "pytorch keras",
            "trigger_id": "tr.1",
            "user_id": "U1",
            "channel_id": "C1",
            "team_id": "T1",
        }
    )
    assert (message.text, message.id, message.channel.team, message.thread) == (
        "/compare pytorch keras",
        "tr.1",
        "T1",
        None,
    )


def test_a_click_becomes_an_action_message() -> None:
    body = {
        "type": "block_actions",
        "team": {"id": "T1"},
        "user": {"id": "U1"},
        "channel": {"id": "C1"},
        "container": {"type": "message", "message_ts": "5.5", "thread_ts": "4.4"},
        "actions": [{"action_id": "prepbot:model_answer:q7", "value": "model_answer:q7", "action_ts": "9.9"}],
    }
    message = inbound.from_action(body)
    assert message is not None
    assert (message.action, message.id, message.thread, message.channel.id) == (
        "model_answer:q7",
        "5.5/9.9",
        "4.4",
        "C1",
    )
    other = body | {"actions": [{"action_id": "someone-else", "value": "x", "action_ts": "1"}]}
    assert inbound.from_action(other) is None


def test_a_click_in_app_home_goes_to_the_persons_dm() -> None:
    body = {
        "type": "block_actions",
        "team": {"id": "T1"},
        "user": {"id": "U1"},
        "container": {"type": "view", "view_id": "V1"},
        "view": {"id": "V1"},
        "actions": [{"action_id": "prepbot:mock", "value": "mock", "action_ts": "9.9"}],
    }
    message = inbound.from_action(body)
    assert message is not None and message.channel.id == "U1" and message.channel.is_direct


def test_slack_markup_is_stripped_here_and_links_keep_their_label() -> None:
    said = (
        "<@U0BOT> <@U123|ana> <#C1|general> <!here> <!subteam^S1|team> "
        "see <https://x.io|the docs> <https://y.io> tf"
    )
    message = inbound.from_event(event(text=said), team="T1", bot_user_id=BOT)
    assert message is not None and message.text == "see the docs tf"
    assert inbound.plain("a &lt;@U1&gt; b &amp; c") == "a <@U1> b & c", "typed angle brackets are content"


def test_a_thread_reply_without_a_mention_is_chatter_for_the_core_to_decide() -> None:
    reply = inbound.from_event(event(thread_ts="1.0"), team="T1", bot_user_id=BOT)
    mention = inbound.from_event(event(thread_ts="1.0", text=f"<@{BOT}> hint"), team="T1", bot_user_id=BOT)
    direct = inbound.from_event(event(channel="D1", channel_type="im"), team="T1", bot_user_id=BOT)
    assert reply is not None and not reply.addressed
    assert mention is not None and mention.addressed and mention.text == "hint"
    assert direct is not None and direct.addressed


def test_app_home_asks_for_progress_as_an_action_not_text() -> None:
    message = inbound.home_progress("U1", "T1", "1.0", "D1")
    assert (message.action, message.text, message.channel.id) == ("progress", "", "D1")
