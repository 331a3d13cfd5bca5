"""A deterministic practice workload, shared by the tests and the processes they start."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.storage import Stores
from knowledge.model import Question

START = datetime(2026, 1, 5, 9, tzinfo=UTC)


def question(index: int) -> Question:
    topic = ("alpha", "beta", "gamma")[index % 3]
    aspect = ("speed", "cost", None)[index % 3]
    return Question(
        id=f"q{index % 10}",
        text=f"Question {index % 10}?",
        topics=(topic,),
        aspect=aspect,
        difficulty="easy",
        key_points=("a point",),
        model_answer="an answer",
        kind="aspect",
    )


def score(index: int) -> int:
    return (index * 37) % 101


def answer(stores: Stores, prefix: str, index: int, users: int) -> None:
    """The `index`-th graded answer of the workload: a known person, question, score and time."""
    stores.practice.record_answer(
        f"{prefix}{index % users}",
        question(index),
        score(index),
        START + timedelta(hours=index % 72),
        place="C1:",
        source="mock",
    )


def expected(indices: range, users: int) -> dict[str, tuple[int, int, int]]:
    """Per person suffix: (answered, score total, passed), computed serially."""
    totals: dict[str, list[int]] = {}
    for index in indices:
        row = totals.setdefault(str(index % users), [0, 0, 0])
        row[0] += 1
        row[1] += score(index)
        row[2] += int(score(index) >= 60)
    return {key: (a, b, c) for key, (a, b, c) in totals.items()}
