"""Messages that are commands rather than questions: whole-message command words ("hint", "I'm
done", "what's due"), explicit answers ("answer: ..."), and the study / leaderboard / opt-out
settings, with the arguments each carries."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.intents import Command, Intent
from bot.nlu import phrases as phrase_tables
from bot.nlu.lexicon import COMMANDS, LEAD_FILLER, OPT_IN_WORDS, PERIOD_WORDS, STUDY_WORDS
from bot.nlu.limits import COMMAND_MAX_WORDS, COMMAND_RATIO
from bot.nlu.normalize import words as split_words

_GRADE = re.compile(
    r"^\s*(?:/answer\b|(?:(?:here\s*(?:'s|is)\s+)?my\s+)?(?:final\s+)?answer\s*(?:is\s*)?[:=\-–—]|"
    r"my\s+(?:final\s+)?answer\s+is\b)\s*(?P<answer>.*)$",
    re.IGNORECASE | re.DOTALL,
)
_STUDY = re.compile(r"\bstudy\b\s*(?P<rest>.*)$", re.IGNORECASE | re.DOTALL)
_POLITE_END = phrase_tables.words("commands", "polite_end")
_POLITE_START = LEAD_FILLER | phrase_tables.words("commands", "polite_start")
_PHRASES = sorted(COMMANDS)
# Multi-word commands that may sit inside a slightly longer message ("show me my progress");
# starting a session is left to the mock-interview cues, which also read its topic.
_MULTI: dict[str, list[tuple[str, ...]]] = {}
for _phrase in sorted(
    (tuple(p.split()) for p, (_i, c) in COMMANDS.items() if " " in p and c is not Command.START),
    key=len,
    reverse=True,
):
    _MULTI.setdefault(_phrase[0], []).append(_phrase)


@dataclass(frozen=True, slots=True)
class CommandHit:
    intent: Intent
    command: Command | None
    exact: bool


def grade_answer(text: str) -> str | None:
    """The answer text of "answer: ...", "my answer is ...", "/answer ...", else None."""
    found = _GRADE.match(text)
    if found is None:
        return None
    answer = found.group("answer").strip()
    return answer or None


def whole_command(words: Sequence[str], fuzzy: bool) -> CommandHit | None:
    """The command a short message is, exactly, by containing a multi-word command, or (when
    `fuzzy`) by a close spelling; None for anything longer or not a command."""
    core = [w for i, w in enumerate(polite_core(words)) if i == 0 or w != polite_core(words)[i - 1]]
    if not core or len(core) > COMMAND_MAX_WORDS:
        return None  # ("skip skip skip" is "skip")
    for candidate in (" ".join(words), " ".join(core)):
        if candidate in COMMANDS:
            return CommandHit(*COMMANDS[candidate], exact=True)
    candidates = sorted((p for w in set(core) for p in _MULTI.get(w, ())), key=len, reverse=True)
    for phrase in candidates:
        if _contains(core, phrase) and len(core) <= len(phrase) + 3:
            return CommandHit(*COMMANDS[" ".join(phrase)], exact=True)
    if not fuzzy:
        return None
    found = process.extractOne(" ".join(core), _PHRASES, scorer=fuzz.ratio, score_cutoff=COMMAND_RATIO)
    return CommandHit(*COMMANDS[found[0]], exact=False) if found else None


def closing_command(clause: Sequence[str], short: bool = False) -> CommandHit | None:
    """A command of two or more words that ends a longer message ("..., stop the interview"); in
    a short message one word will do ("ugh no clue, skip")."""
    core = polite_core(clause)
    found = COMMANDS.get(" ".join(core)) if len(core) >= 2 or short else None
    if found is None or found[1] is Command.START:
        return None
    return CommandHit(*found, exact=True)


def polite_core(words: Sequence[str]) -> list[str]:
    core = list(words)
    while core and core[0] in _POLITE_START and len(core) > 1:
        core.pop(0)
    while core and core[-1] in _POLITE_END and len(core) > 1:
        core.pop()
    return core


def study_args(text: str) -> str:
    """The text after "study", led by the action a verb before it asked for ("pause daily study")."""
    found = _STUDY.search(text)
    rest = found.group("rest").strip() if found else ""
    lead = split_words(text[: found.start()]) if found else ()
    action = next((_LEAD_ACTIONS[w] for w in reversed(lead) if w in _LEAD_ACTIONS), None)
    if action is None or rest.split(" ", 1)[0].casefold() in _LEAD_ACTIONS.values():
        return rest
    return f"{action} {rest}".strip()


_LEAD_ACTIONS = {
    "set": "on",
    "setup": "on",
    "enable": "on",
    "start": "on",
    "configure": "on",
    "schedule": "on",
    "on": "on",
    "off": "off",
    "stop": "off",
    "disable": "off",
    "pause": "pause",
    "resume": "resume",
    "show": "show",
}


_STUDY_LEAD = phrase_tables.words("commands", "study_lead")


def is_study(words: Sequence[str]) -> bool:
    """ "study on 09:00 ...", "study off", "study" alone: the study-channel settings command."""
    if words and words[0] != "study" and "study" in words[:4]:
        lead = words[: list(words).index("study")]
        if all(w in _STUDY_LEAD for w in lead):
            words = words[len(lead) :]
    if not words or words[0] != "study":
        return False
    return len(words) == 1 or words[1] in STUDY_WORDS or words[1].isdigit()


def leaderboard_args(words: Sequence[str]) -> str:
    for word in words:
        if word in PERIOD_WORDS and word not in {"daily"}:
            return PERIOD_WORDS[word]
    return ""


def leaves_leaderboard(words: Sequence[str]) -> bool:
    """Asks to be taken off (or put back on) the leaderboard, rather than to see it."""
    if any(w in phrase_tables.words("commands", "leaderboard_leave") for w in words):
        return True
    return any(
        _contains(words, p)
        for p in (
            ("out", "of"),
            ("me", "out"),
            ("want", "out"),
            ("count", "me"),
            ("me", "back"),
            ("add", "me"),
            ("put", "me"),
            ("me", "in"),
        )
    )


def optout_args(words: Sequence[str]) -> str:
    """ "in" to opt back in to the leaderboard, else "out"."""
    said = set(words)
    return "in" if said & OPT_IN_WORDS and "out" not in said else "out"


def _contains(words: Sequence[str], phrase: Sequence[str]) -> bool:
    size = len(phrase)
    return any(tuple(words[i : i + size]) == tuple(phrase) for i in range(len(words) - size + 1))
