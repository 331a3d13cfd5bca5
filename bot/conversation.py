"""The conversation around one message: its context in, what it was about out.

`reading` gives routing the matcher's reading of a message against the person's context in that
place (and, inside a mock interview, decides answer or question, or switches the last reading when
the person says "that was my answer" / "that was a question"). `after` records what the message
was about as the new context and, inside a mock, tells the person which way it was read with the
way to switch (as words and as a button). One indexed read per message (what another process
of the deployment wrote counts), one write when the subject changed.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from bot.intents import Command, Intent, Match
from bot.messages import Button, Reply, Section
from bot.nlu import context as reading_rules
from bot.nlu.context import Prior
from bot.nlu.matcher import DROPPED
from bot.nlu.normalize import normalize
from bot.storage.context import ContextStore, Snapshot

if TYPE_CHECKING:
    from bot.app import Prepbot
    from bot.messages import Message

AS_ANSWER = "in a mock: read as the answer"
AS_QUESTION = "in a mock: read as a question"
SWITCHED = "switched by the person"
TO_ANSWER_TEXT = "that was my answer"
TO_QUESTION_TEXT = "that was a question"
SWITCH_ACTION = "switch:"  # the buttons: switch:answer, switch:question


def store(bot: Prepbot) -> ContextStore:
    found = bot.__dict__.get("_context_store")
    if found is None or found.db is not bot.stores.db:
        found = ContextStore(bot.stores.db)
        bot.__dict__["_context_store"] = found
    return found


def reading(bot: Prepbot, message: Message) -> Match:
    """The message as routing should see it, with the conversation so far."""
    now = bot.clock.now().timestamp()
    snap = store(bot).get(message.user.key, message.place, now)
    prior = Prior(snap.topics, snap.aspect, snap.intent) if snap else None
    words = normalize(message.text).words
    if snap is not None and snap.said:
        clicked = (message.action or "").removeprefix(SWITCH_ACTION)
        way = clicked if message.action else reading_rules.switch(words)
        if way == "answer" and snap.read_as == "question":
            return Match(Intent.GRADE, args=snap.said, confidence=100, explicit=True, why=SWITCHED)
        if way == "question" and snap.read_as == "answer":
            again = bot.matcher.match(snap.said, prior)
            return replace(again, explicit=True, why=SWITCHED + (f"; {again.why}" if again.why else ""))
    match = bot.matcher.match(message.text, prior)
    if snap is None or (snap.intent != Intent.MOCK.value and not snap.read_as) or not _may_be_answer(match):
        return match
    from bot.practice import sessions

    if sessions.find(bot.stores.practice, message) is None:
        return match
    if not match.explicit or reading_rules.answer_lead(words):
        return replace(match, explicit=False, why=AS_ANSWER)  # routing grades it
    return replace(match, why=AS_QUESTION)


def after(bot: Prepbot, message: Message, match: Match, reply: Reply) -> Reply:
    """Record the new context; in a mock, say how the message was read and how to switch."""
    reply = _say_dropped(match, reply)
    if message.action and not message.action.startswith(SWITCH_ACTION):
        return reply
    now = bot.clock.now().timestamp()
    contexts = store(bot)
    snap = contexts.last(message.user.key, message.place, now) or Snapshot()
    asked = _asked(match, reply)
    if match.why.startswith(SWITCHED):
        contexts.put(
            message.user.key, message.place, replace(asked or snap, said="", read_as="switched", updated=now)
        )
        return reply
    if match.why.startswith(AS_QUESTION) or (match.intent is Intent.GRADE and match.command is None):
        read_as = "question" if match.why.startswith(AS_QUESTION) else "answer"
        base = asked if read_as == "question" and asked else snap
        contexts.put(
            message.user.key, message.place, replace(base, said=message.text, read_as=read_as, updated=now)
        )
        return _say_how_read(reply, read_as)
    if asked is not None and replace(asked, updated=now) != replace(snap, updated=now):
        contexts.put(message.user.key, message.place, replace(asked, updated=now))
    return reply


def _asked(match: Match, reply: Reply) -> Snapshot | None:
    """What the message was about, when it names a subject (it becomes the new context)."""
    if match.intent not in reading_rules.SETS_CONTEXT:
        return None
    if match.intent is Intent.MOCK:
        if match.command not in {None, Command.START}:
            return None  # hint, skip, stop: the mock's topics stay the context
        return Snapshot(topics=match.topics or reply.topics, intent=match.intent.value)
    if not (match.topics or match.aspect or match.intent is Intent.RECOMMEND):
        return None
    return Snapshot(topics=match.topics, aspect=match.aspect, intent=match.intent.value)


def _may_be_answer(match: Match) -> bool:
    """Not a command: a mock, daily, help or personal command is always obeyed."""
    return match.command is None and match.intent in {
        Intent.EXPLAIN,
        Intent.COMPARE,
        Intent.RECOMMEND,
        Intent.UNKNOWN,
    }


def _say_how_read(reply: Reply, read_as: str) -> Reply:
    if read_as == "answer":
        note = f"I read that as your answer. If it was a question, say “{TO_QUESTION_TEXT}”."
        button = Button(SWITCH_ACTION + "question", "That was a question")
    else:
        note = f"I read that as a question. If it was your answer, say “{TO_ANSWER_TEXT}”."
        button = Button(SWITCH_ACTION + "answer", "That was my answer")
    return replace(reply, sections=(*reply.sections, Section(text=note)), buttons=(*reply.buttons, button))


def _say_dropped(match: Match, reply: Reply) -> Reply:
    """A compare that left out a name the notes do not know says so under the table."""
    if match.intent is not Intent.COMPARE or not match.why.startswith(DROPPED):
        return reply
    names = [n for n in match.why.removeprefix(DROPPED).split(",") if n]
    if not names:
        return reply
    shown = " and ".join(n[:1].upper() + n[1:] for n in names)
    note = f"I don't have notes on {shown}, so {'it is' if len(names) == 1 else 'they are'} left out."
    return replace(reply, sections=(Section(text=note), *reply.sections))
