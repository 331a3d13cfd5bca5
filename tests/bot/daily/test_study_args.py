"""`/prep study ...` arguments as people type them."""

from __future__ import annotations

from datetime import time

import pytest

from bot.daily.study_args import parse

NAMES = {"alpha": "alpha", "al": "alpha", "beta": "beta", "bt": "beta"}


@pytest.mark.parametrize(
    ("args", "at", "tz", "days"),
    [
        ("on 09:00 tz Europe/Paris days mon-fri", time(9), "Europe/Paris", (0, 1, 2, 3, 4)),
        ("on at 9am tz=Asia/Tokyo weekdays", time(9), "Asia/Tokyo", (0, 1, 2, 3, 4)),
        ("9:30 every day", time(9, 30), None, (0, 1, 2, 3, 4, 5, 6)),
        ("on 9 pm tz america/new_york days mon,wed,fri", time(21), "America/New_York", (0, 2, 4)),
        ("study on at 7 UTC weekends", time(7), "UTC", (5, 6)),
        ("on days fri-mon", None, None, (0, 4, 5, 6)),
        ("on 12am", time(0), None, None),
    ],
)
def test_times_zones_and_days(
    args: str, at: time | None, tz: str | None, days: tuple[int, ...] | None
) -> None:
    parsed = parse(args, NAMES)
    assert (parsed.action, parsed.at, parsed.tz, parsed.days, parsed.problems) == ("on", at, tz, days, ())


def test_topics_by_alias_and_difficulty() -> None:
    parsed = parse("on topics al BT difficulty hard", NAMES)
    assert parsed.topics == ("alpha", "beta") and parsed.difficulty == "hard"
    assert parse("on easy", NAMES).difficulty == "easy"


@pytest.mark.parametrize(
    ("args", "action"),
    [
        ("", "show"),
        ("show", "show"),
        ("status", "show"),
        ("off", "off"),
        ("pause", "pause"),
        ("resume", "resume"),
        ("disable", "off"),
    ],
)
def test_actions(args: str, action: str) -> None:
    assert parse(args, NAMES).action == action


@pytest.mark.parametrize(
    ("args", "problem"),
    [
        ("on tz Mars/Base", "Mars/Base"),
        ("on topics gamma", "gamma"),
        ("on 25:00", "25:00"),
        ("on 13pm", "13pm"),
        ("on banana", "banana"),
    ],
)
def test_what_it_cannot_read_is_named_back(args: str, problem: str) -> None:
    assert any(problem in p for p in parse(args, NAMES).problems)
