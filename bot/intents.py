"""The intents a message can have and the typed result of matching one message."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Intent(StrEnum):
    EXPLAIN = "explain"
    COMPARE = "compare"
    RECOMMEND = "recommend"
    MOCK = "mock"
    GRADE = "grade"
    DAILY = "daily"
    HELP = "help"
    UNKNOWN = "unknown"
    SMALLTALK = "smalltalk"  # "thanks!", "cool", "bye": a short human reply, the context kept
    PERSONAL = "personal"  # a person's own data: export, forget me, nudges


class Command(StrEnum):
    """Sub-commands that ride on an intent (the JSON contract only shows the intent).

    MOCK carries the practice commands, DAILY the study-channel ones.
    """

    START = "start"  # mock: start a session / ask the first question
    HINT = "hint"
    SKIP = "skip"
    STOP = "stop"
    NEXT = "next"
    MODEL_ANSWER = "model_answer"
    REVIEW = "review"
    PROGRESS = "progress"
    STUDY = "study"  # daily: /prep study on|off|pause|resume|show ...
    LEADERBOARD = "leaderboard"
    OPTOUT = "optout"
    ANSWER = "answer"  # daily: an answer in a daily-question thread
    RELOAD = "reload"  # help: an admin reloads the knowledge folder
    CONTEST = "contest"  # grade: "I was right" about the last grade
    EXPORT = "export"  # personal: my history as CSV and JSON (admins: a channel's results)
    FORGET = "forget"  # personal: delete my data (after a confirmation)
    NUDGES = "nudges"  # personal: nudges on HH:MM Zone | snooze 2d | off
    FOLLOWUPS = "followups"  # mock: follow-ups always | never | ask; "followup": take the one offered


@dataclass(frozen=True, slots=True)
class Match:
    """What the matcher understood of one message.

    `confidence` is 0-100. `topics` are canonical topic ids in the order the user named them.
    `args` is the normalised text left for the handler (e.g. the answer text for GRADE, the
    settings for STUDY, the stated need for RECOMMEND).
    """

    intent: Intent
    topics: tuple[str, ...] = ()
    aspect: str | None = None
    confidence: int = 0
    suggestions: tuple[str, ...] = ()
    command: Command | None = None
    args: str = ""
    difficulty: str | None = None
    # True when the text was phrased as a command or a question (slash command, a command word,
    # "what is ...?", "compare ..."), not as a statement. In a mock interview a statement is the
    # person's answer; an explicit message is obeyed instead.
    explicit: bool = False
    # How the reading was reached when it was not the message alone, e.g. "context: an aspect
    # follow-up about <topic>" (the conversation so far was used) or a rule's name.
    why: str = ""
    # An answer in a practice session: the question it answers, as routing read it
    # (bot/practice/sessions.py `pin`), so it is never graded against a question put since.
    pinned: str | None = None
