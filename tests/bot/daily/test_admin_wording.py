"""What the bot tells people about admin commands matches each platform: the command they can really
type (Discord keeps them under `/prep-admin`), and who counts as an admin (on Slack only the people in
PREPBOT_ADMINS: prepbot reads no workspace roles)."""

from __future__ import annotations

from bot.app import Prepbot
from bot.messages import Reply
from tests.conftest import Chat


def _text(reply: Reply) -> str:
    return " ".join([reply.title, *(s.text for s in reply.sections), reply.footer or ""])


def test_a_slack_member_is_told_that_admins_come_from_prepbot_admins(prepbot: Prepbot) -> None:
    member = Chat(prepbot, "U0MEMBER", "C0TEAM", platform="slack", direct=False)
    refusal = member.say("/prep study on 09:00 tz Europe/Paris")
    assert refusal.title == "Only admins can change this"
    assert "PREPBOT_ADMINS" in _text(refusal) and "workspace admin" not in _text(refusal)
    assert prepbot.stores.channels.get(member.channel.key) is None
    reload = member.say("/prep reload")
    assert reload.title == "Admins only" and "PREPBOT_ADMINS" in _text(reload)
    assert "/prep study on" in _text(
        member.say("/prep study show")
    )  # not a study channel yet: how to start one


def test_discord_texts_name_the_prep_admin_command(prepbot: Prepbot) -> None:
    member = Chat(prepbot, "4242", "9000", platform="discord", direct=False)
    refusal = member.say("/prep study on 09:00 tz Europe/Paris")
    assert "manage this server" in _text(refusal) and "PREPBOT_ADMINS" in _text(refusal)
    texts = [_text(member.say(text)) for text in ("/prep study show", "/prep leaderboard", "help")]
    texts.append(_text(Chat(prepbot, "4242", "dm", platform="discord").say("/prep study on 09:00")))
    for text in texts:
        assert "/prep-admin study" in text, text
        assert "/prep study" not in text, text


def test_the_console_keeps_the_prep_commands(prepbot: Prepbot) -> None:
    console = Chat(prepbot, "ana", "room", platform="console", direct=False)
    assert "/prep study on" in _text(console.say("/prep study show"))
    assert "/prep-admin" not in _text(console.say("help"))
