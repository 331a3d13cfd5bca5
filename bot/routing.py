"""From a message to the Match its handler gets: button actions, the matcher, and practice
sessions (a person's next message in a mock interview is their answer)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.intents import Match

if TYPE_CHECKING:
    from bot.app import Prepbot
    from bot.messages import Message


def route(bot: Prepbot, message: Message) -> Match:
    return bot.matcher.match(message.text)
