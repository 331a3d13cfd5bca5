"""Ratings on a small ordinal scale, for key points that are only a rating ("Very High", "Moderate").

A comparison table often rates topics ("Ease of use: Very High"); a candidate says it in their own
words ("extremely easy", "moderately hard"). Both sides become a level from 1 (low) to 4 (very
high), so "it's the easiest of them" answers "Very High" and "harder than the others" answers
"Moderate". General English only: nothing here knows a topic.
"""

from __future__ import annotations

import re

# Words that state a level. Generic praise ("good", "great", "fine", "ok") is left out on purpose:
# vague answers are made of it.
LEVELS: dict[str, int] = {
    **dict.fromkeys(("excellent", "huge", "easiest", "simplest", "massive", "outstanding"), 4),
    **dict.fromkeys(
        (
            "high",
            "easy",
            "simple",
            "strong",
            "large",
            "mature",
            "robust",
            "intuitive",
            "friendly",
            "big",
            "easier",
            "simpler",
        ),
        3,
    ),
    **dict.fromkeys(
        ("moderate", "medium", "moderately", "average", "harder", "steeper", "mid", "middling"), 2
    ),
    **dict.fromkeys(
        (
            "low",
            "hard",
            "difficult",
            "weak",
            "limited",
            "poor",
            "steep",
            "complex",
            "small",
            "minimal",
            "hardest",
            "tough",
        ),
        1,
    ),
}
INTENSIFIERS = frozenset(("very", "extremely", "super", "really", "highly", "incredibly", "most", "so"))
_WORD = re.compile(r"[a-z]+")
_BRACKETS = re.compile(r"\([^)]*\)")
_NOT_A_RATING_AFTER = frozenset(("level", "levels"))  # "high-level API" is not a rating


def point_level(text: str) -> int | None:
    """The level a key point states, when the point (outside brackets) is nothing but a rating."""
    words = _WORD.findall(_BRACKETS.sub(" ", text.lower()))
    if not words or any(w not in LEVELS and w not in INTENSIFIERS for w in words):
        return None
    return _level(words)


def said_level(text: str) -> int | None:
    """The first rating an answer's clause gives, if any."""
    words = _WORD.findall(text.lower())
    for index, word in enumerate(words):
        following = words[index + 1] if index + 1 < len(words) else ""
        if word in LEVELS and following not in _NOT_A_RATING_AFTER:
            return _level(words[max(0, index - 1) : index + 1])
    return None


def closeness(expected: int, said: int) -> float:
    """1 for the same level, partial for a neighbour, 0 beyond."""
    gap = abs(expected - said)
    return 1.0 if gap == 0 else 0.4 if gap == 1 else 0.0


def _level(words: list[str]) -> int | None:
    levels = [LEVELS[w] for w in words if w in LEVELS]
    if not levels:
        return None
    level = levels[-1]
    if level == 3 and any(w in INTENSIFIERS for w in words):
        level = 4
    return level
