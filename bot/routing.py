"""From a message to the Match its handler gets.

Order: (1) a button action, by the action grammar (``mock[:topic]``, ``hint``, ``model_answer:<id>``,
``explain:<topic>``, ``compare:<a>,<b>``, ``daily`` ...); (2) an answer in a daily-question thread
(`bot.daily_threads.thread_match`); (3) the matcher's reading, except that a statement (not
explicit) from a person with a practice session here is their answer: intent GRADE.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot import conversation
from bot.intents import Command, Intent, Match

if TYPE_CHECKING:
    from bot.app import Prepbot
    from bot.messages import Message

# Admin commands typed as text (Slack `/prep reload`, Discord `/prep-admin reload`).
RELOAD_TEXTS = frozenset({"/prep reload", "/prep-admin reload", "/prep reload knowledge"})
# Contesting the last grade, typed (the Slack and Discord grade replies carry a button).
CONTEST_TEXTS = frozenset({"i was right", "i was right!", "contest", "contest grade"})

_MOCK_COMMANDS = {
    c.value: c
    for c in (Command.HINT, Command.SKIP, Command.NEXT, Command.STOP, Command.REVIEW, Command.PROGRESS)
}


def route(bot: Prepbot, message: Message) -> Match:
    if message.action and not message.action.startswith("switch:"):  # switch: bot/conversation.py
        return from_action(message.action)
    if " ".join(message.text.lower().split()) in RELOAD_TEXTS:
        return from_action("reload")
    if " ".join(message.text.lower().split()) in CONTEST_TEXTS:
        return from_action("contest")
    from bot.practice.followups import setting_match

    if (setting := setting_match(message.text)) is not None:
        return setting
    daily = _daily_match(bot, message)
    if daily is not None:
        return daily
    match = conversation.reading(bot, message)  # the matcher's reading with the conversation's context
    if match.explicit:
        return match
    from bot.practice import sessions

    session = sessions.find(bot.stores.practice, message)
    if session is None:
        return match
    return Match(
        intent=Intent.GRADE,
        topics=session.topics,
        confidence=100,
        args=message.text,
        pinned=sessions.pin(session),
    )


def from_action(action: str) -> Match:
    """A button's action string as a Match (explicit, full confidence)."""
    verb, _, arg = action.strip().partition(":")
    topics = tuple(t for t in arg.split(",") if t)
    if verb == "explain":
        return Match(Intent.EXPLAIN, topics=topics[:1], confidence=100, explicit=True)
    if verb == "compare":
        return Match(Intent.COMPARE, topics=topics, confidence=100, explicit=True)
    if verb == "mock":
        return Match(Intent.MOCK, topics=topics, confidence=100, command=Command.START, explicit=True)
    if verb == "model_answer":
        return Match(Intent.MOCK, confidence=100, command=Command.MODEL_ANSWER, args=arg, explicit=True)
    if verb in ("followup", "followups"):
        return Match(
            Intent.MOCK, confidence=100, command=Command.FOLLOWUPS, args=arg or "take", explicit=True
        )
    if verb in _MOCK_COMMANDS:
        return Match(Intent.MOCK, confidence=100, command=_MOCK_COMMANDS[verb], explicit=True)
    if verb == "daily":
        return Match(Intent.DAILY, confidence=100, args=arg, explicit=True)
    if verb == "contest":
        return Match(Intent.GRADE, confidence=100, command=Command.CONTEST, args=arg, explicit=True)
    if verb == "reload":
        return Match(Intent.HELP, confidence=100, command=Command.RELOAD, explicit=True)
    from bot.progress.words import from_action as personal_action

    personal = personal_action(verb, arg)
    if personal is not None:
        return personal
    return Match(Intent.UNKNOWN, confidence=0, args=action, explicit=True)


def _daily_match(bot: Prepbot, message: Message) -> Match | None:
    try:
        from bot.daily.threads import thread_match
    except ImportError:  # the daily-question module is optional
        return None
    return thread_match(bot.stores, message)
