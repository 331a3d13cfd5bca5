"""Parse `/prep study ...` arguments, tolerantly.

Understood: an action (on, off, pause, resume, show); a time ("09:00", "9:30", "at 9am", "9 pm");
a zone ("tz Europe/Paris", "tz=Asia/Tokyo", a bare "Asia/Tokyo", "UTC"); days ("days mon-fri",
"weekdays", "every day", "mon,wed,fri", "weekends"); "topics a b" (ids, names or aliases);
"difficulty easy" or a bare "easy|medium|hard".
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import time
from functools import lru_cache
from zoneinfo import available_timezones

ACTIONS = ("on", "off", "pause", "resume", "show")
ACTION_ALIASES = {
    "enable": "on",
    "start": "on",
    "disable": "off",
    "stop": "off",
    "status": "show",
    "unpause": "resume",
    "settings": "show",
}
DIFFICULTIES = ("easy", "medium", "hard")
_TIME = re.compile(r"^(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm)?$")
_FULL_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_EVERY_DAY = ("every day", "everyday", "daily", "all days", "every-day")


@dataclass(frozen=True, slots=True)
class StudyArgs:
    action: str = "show"
    at: time | None = None
    tz: str | None = None
    days: tuple[int, ...] | None = None
    topics: tuple[str, ...] | None = None
    difficulty: str | None = None
    problems: tuple[str, ...] = field(default_factory=tuple)


@lru_cache(maxsize=1)
def _zones() -> dict[str, str]:
    return {name.lower(): name for name in available_timezones()}


def parse(args: str, topic_names: Mapping[str, str]) -> StudyArgs:
    """`topic_names` maps lower-cased names/aliases/ids to topic ids."""
    text = " ".join(args.replace("=", " ").replace(",", " , ").split())
    lowered = text.lower()
    days = _every_day(lowered)
    for phrase in _EVERY_DAY:
        lowered = lowered.replace(phrase, " ")
    tokens = [t for t in re.split(r"\s+", lowered) if t]
    if tokens[:1] == ["study"]:
        tokens = tokens[1:]
    originals = {t.lower(): t for t in text.split()}
    state = _Parse(originals=originals, topic_names=topic_names, days=days)
    state.run(tokens)
    return state.result()


def _every_day(lowered: str) -> tuple[int, ...] | None:
    return tuple(range(7)) if any(p in lowered for p in _EVERY_DAY) else None


@dataclass
class _Parse:
    originals: Mapping[str, str]
    topic_names: Mapping[str, str]
    days: tuple[int, ...] | None = None
    action: str | None = None
    at: time | None = None
    tz: str | None = None
    topics: list[str] | None = None
    difficulty: str | None = None
    problems: list[str] = field(default_factory=list)
    mode: str = ""

    def run(self, tokens: list[str]) -> None:
        index = 0
        while index < len(tokens):
            index += self._one(tokens, index)

    def _one(self, tokens: list[str], i: int) -> int:
        token = tokens[i]
        joined = token + (" " + tokens[i + 1] if i + 1 < len(tokens) else "")
        if token == ",":
            return 1
        if self.action is None and (token in ACTIONS or token in ACTION_ALIASES) and self.mode == "":
            self.action = ACTION_ALIASES.get(token, token)
            return 1
        if token in ("at", "time"):
            self.mode = "time"
            return 1
        if token == "every":
            self.mode = ""
            return 1
        if token in ("tz", "timezone", "zone"):
            self.mode = "tz"
            return 1
        if token in ("days", "day"):
            self.mode = "days"
            return 1
        if token in ("topics", "topic"):
            self.mode, self.topics = "topics", self.topics or []
            return 1
        if token in ("difficulty", "level"):
            self.mode = "difficulty"
            return 1
        if (parsed := _parse_time(joined)) is not None and " " in joined and _TIME.match(joined):
            self.at = parsed
            return 2
        if (parsed := _parse_time(token)) is not None and (self.mode != "topics" or ":" in token):
            self.at, self.mode = parsed, ""
            return 1
        return self._value(token)

    def _value(self, token: str) -> int:
        if self.mode == "time" and token.isdigit() and int(token) < 24:
            self.at, self.mode = time(int(token)), ""
            return 1
        zone = _zones().get(token)
        if zone is not None and (self.mode == "tz" or "/" in token or token in ("utc", "gmt")):
            self.tz, self.mode = zone, ""
            return 1
        if token in DIFFICULTIES:
            self.difficulty, self.mode = token, ""
            return 1
        if (days := _parse_days(token)) is not None:
            self.days = tuple(sorted(set(self.days or ()) | set(days))) if self.mode == "days" else days
            return 1
        if self.mode == "topics" and self.topics is not None:
            self._topic(token)
            return 1
        if self.mode == "tz":
            self.problems.append(
                f"I don't know the time zone “{self.originals.get(token, token)}” "
                "(use an IANA name like Europe/Paris)."
            )
            self.mode = ""
            return 1
        self.problems.append(f"I didn't understand “{self.originals.get(token, token)}”.")
        return 1

    def _topic(self, token: str) -> None:
        found = self.topic_names.get(token)
        if found is None:
            self.problems.append(f"I don't know the topic “{self.originals.get(token, token)}”.")
        elif self.topics is not None and found not in self.topics:
            self.topics.append(found)

    def result(self) -> StudyArgs:
        settings_given = any(
            v is not None for v in (self.at, self.tz, self.days, self.topics, self.difficulty)
        )
        action = self.action or ("on" if settings_given else "show")
        return StudyArgs(
            action=action,
            at=self.at,
            tz=self.tz,
            days=self.days,
            topics=tuple(self.topics) if self.topics is not None else None,
            difficulty=self.difficulty,
            problems=tuple(self.problems),
        )


def _parse_time(text: str) -> time | None:
    found = _TIME.match(text.strip())
    if not found or (found.group(2) is None and found.group(3) is None):
        return None
    hours, minutes = int(found.group(1)), int(found.group(2) or 0)
    meridiem = found.group(3)
    if meridiem is not None:
        if not 1 <= hours <= 12:
            return None
        hours = hours % 12 + (12 if meridiem == "pm" else 0)
    if hours > 23 or minutes > 59:
        return None
    return time(hours, minutes)


def _parse_days(token: str) -> tuple[int, ...] | None:
    if token in ("weekdays", "workdays"):
        return tuple(range(5))
    if token in ("weekends", "weekend"):
        return (5, 6)
    if "-" in token:
        first, _, last = token.partition("-")
        start, end = _weekday(first), _weekday(last)
        if start is None or end is None:
            return None
        return tuple(range(start, end + 1)) if start <= end else (*range(start, 7), *range(0, end + 1))
    day = _weekday(token)
    return None if day is None else (day,)


def _weekday(token: str) -> int | None:
    token = token.strip(".")
    for number, full in enumerate(_FULL_DAYS):
        if len(token) >= 3 and full.startswith(token):
            return number
    return None
