"""Follow-up questions: after a partly right answer, one question on the most important point the
answer missed, graded on its own. A person chooses: always, never, or ask (the default: the grade
offers one). Settings are typed (`/prep followups always`, "follow-ups never") or clicked."""

from __future__ import annotations

import re
from dataclasses import replace

from bot.intents import Command, Intent, Match
from knowledge.model import Question

SETTINGS = ("always", "never", "ask")
PARTLY, STRONG = 35, 80  # a follow-up comes after a score in [PARTLY, STRONG)
# "followups", "/prep follow-ups never", "follow up always" (the singular alone takes the one offered)
_SETTING = re.compile(
    r"^\s*/?(?:prep\s+)?(?:(?:set|turn)\s+)?(?:follow[\s-]?ups\b|follow[\s-]?up\b(?=\s*\w))"
    r"\s*(?::|to\b|=)?\s*(?P<value>always|never|ask|on|off)?\s*[.!]?\s*$",
    re.IGNORECASE,
)
_ALIASES = {"on": "always", "off": "never"}
YES = frozenset(
    {"yes", "y", "yes please", "sure", "ok", "okay", "follow up", "follow-up", "followup", "go on"}
)


def setting_match(text: str) -> Match | None:
    """`/prep followups always|never|ask`, "followups never", "follow-ups": the setting command."""
    found = _SETTING.match(text)
    if found is None:
        return None
    value = (found.group("value") or "").lower()
    return Match(
        Intent.MOCK,
        confidence=100,
        command=Command.FOLLOWUPS,
        args=_ALIASES.get(value, value) or "show",
        explicit=True,
    )


def wants(text: str) -> bool:
    """The person takes a follow-up they were offered ("yes", "follow up")."""
    return " ".join(re.sub(r"[^\w\s-]", " ", text.lower()).split()) in YES


def due_after(score: int, missed: tuple[str, ...]) -> bool:
    """A partly right answer earns a follow-up on what it missed."""
    return bool(missed) and PARTLY <= score < STRONG


def cue(point: str) -> str:
    """The missed point as an interviewer names it: its first words, not the whole of it (the
    answer should say the rest)."""
    words = point.rstrip(".").split()
    if len(words) <= 3:
        return point.rstrip(".")
    return " ".join(words[: max(2, len(words) // 2)]) + "…"


def question_for(question: Question, point: str) -> Question:
    """The follow-up as a question of its own: the original's wording and answers, one key point."""
    return replace(question, key_points=(point,), alternatives=())


def text_for(question: Question, point: str) -> str:
    return (
        f"You didn't mention {cue(point)} — how would you bring that into your answer? "
        f"(Still on: {question.text})"
    )
