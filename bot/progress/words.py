"""How people ask for their data, to be forgotten, and nudges: read into a `Match`."""

from __future__ import annotations

from collections.abc import Sequence

from bot.intents import Command, Intent, Match
from bot.nlu.limits import CONF_COMMAND

_DATA_WORDS = frozenset({"my", "me", "data", "history", "results", "answers", "all", "everything"})
_CHANNEL_WORDS = frozenset({"channel", "channels", "team", "results", "the", "this", "scores"})
_FORGET = (("forget", "me"), ("forget", "my", "data"), ("delete", "my", "data"), ("erase", "my", "data"))
_CONFIRM = frozenset({"yes", "confirm", "confirmed", "sure"})
_NUDGE_WORDS = frozenset({"nudge", "nudges", "reminder", "reminders"})


def personal_match(text: str, words: Sequence[str]) -> Match | None:
    """`export` / `export my data` / `export channel`, `forget me` / `yes, forget me`,
    `nudges on 18:00 Europe/Berlin` / `nudges snooze 2d` / `nudges off`; None for anything else."""
    if not words:
        return None
    head, rest = words[0], list(words[1:])
    if tuple(words) in {("progress", "team"), ("team", "progress")}:
        return Match(
            Intent.MOCK, command=Command.PROGRESS, args="team", confidence=CONF_COMMAND, explicit=True
        )
    if head == "export" and len(rest) <= 3:
        if rest and "channel" in rest and all(w in _CHANNEL_WORDS for w in rest):
            return _match(Command.EXPORT, "channel")
        if all(w in _DATA_WORDS for w in rest):
            return _match(Command.EXPORT, "")
        return None
    confirm = head in _CONFIRM
    said = tuple(rest if confirm else words)
    if said in _FORGET:
        return _match(Command.FORGET, "confirm" if confirm else "")
    if head in _NUDGE_WORDS and len(words) <= 6:
        return _match(Command.NUDGES, _after_first_word(text))
    return None


def _after_first_word(text: str) -> str:
    return text.strip().lstrip("/").partition(" ")[2].strip()


def _match(command: Command, args: str) -> Match:
    return Match(Intent.PERSONAL, command=command, args=args, confidence=CONF_COMMAND, explicit=True)


def from_action(verb: str, arg: str) -> Match | None:
    """Buttons: `forget:confirm`, `export`, `nudges:off`."""
    if verb == "forget":
        return _match(Command.FORGET, arg)
    if verb == "export":
        return _match(Command.EXPORT, arg)
    if verb == "nudges":
        return _match(Command.NUDGES, arg)
    return None
