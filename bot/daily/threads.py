"""Is this message an answer in a daily-question thread? (called by `bot/routing.py`)

Kept cheap: one indexed look-up, and only for messages inside a thread. A message that starts
with "/" or is just a command word ("hint", "leaderboard", ...) is a command, not an answer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.intents import Command, Intent, Match

if TYPE_CHECKING:
    from bot.messages import Message
    from bot.storage import Stores

COMMAND_WORDS: frozenset[str] = frozenset(
    {
        "help",
        "daily",
        "hint",
        "skip",
        "stop",
        "next",
        "review",
        "progress",
        "leaderboard",
        "model answer",
        "answer",
        "show answer",
        "study",
        "study show",
        "optout",
        "opt out",
        "opt in",
        "quiz me",
        "mock",
    }
)


def is_command(text: str) -> bool:
    said = " ".join(text.strip().lower().split()).strip(" .!?")
    return not said or text.lstrip().startswith("/") or said in COMMAND_WORDS


def thread_match(stores: Stores, message: Message) -> Match | None:
    """Match(DAILY, ANSWER, args=text) for an answer in a daily question's thread, else None."""
    if message.thread is None or message.action is not None or message.channel.is_direct:
        return None
    if is_command(message.text):
        return None
    post = stores.channels.thread_post(message.channel.key, message.thread)
    if post is None or post.question_id is None:
        return None
    return Match(intent=Intent.DAILY, command=Command.ANSWER, args=message.text.strip(), confidence=100)
