"""Spaced repetition for interview questions, over the `fsrs` package (pure: state + now in, state out).

A grade (0-100) maps to an fsrs rating; the card is stored as JSON (`Card.to_dict()`) with its due
date beside it, so the database can list what is due without loading every card.
A failed answer (Again) comes back in minutes, a passed one (Good/Easy) in days.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from fsrs import Card, Rating, Scheduler

PASS_SCORE = 60  # a score at or above this counts as a pass (streaks, counters, review order)

# Interview questions are not flashcards: one short learning step, then days.
_SCHEDULER = Scheduler(
    learning_steps=(timedelta(minutes=10),),
    relearning_steps=(timedelta(minutes=10),),
    enable_fuzzing=False,  # deterministic: the same answers at the same times give the same dates
)

# Lower bounds of each rating, best first.
_RATINGS: tuple[tuple[int, Rating], ...] = (
    (85, Rating.Easy),
    (PASS_SCORE, Rating.Good),
    (40, Rating.Hard),
    (0, Rating.Again),
)


@dataclass(frozen=True, slots=True)
class Reviewed:
    """The card after one graded answer."""

    card_json: str
    due: datetime
    rating: Rating
    lapsed: bool  # the answer failed


def rating_for(score: int) -> Rating:
    for floor, rating in _RATINGS:
        if score >= floor:
            return rating
    return Rating.Again


def passed(score: int) -> bool:
    return score >= PASS_SCORE


def review(card_json: str | None, score: int, now: datetime) -> Reviewed:
    """Apply one graded answer (score 0-100) at `now` to a stored card (None: a new card)."""
    now = as_utc(now)
    card = Card.from_dict(json.loads(card_json)) if card_json else Card(card_id=1, due=now)
    rating = rating_for(score)
    updated, _log = _SCHEDULER.review_card(card, rating, now)
    return Reviewed(
        card_json=json.dumps(updated.to_dict(), sort_keys=True),
        due=as_utc(updated.due),
        rating=rating,
        lapsed=rating is Rating.Again,
    )


def retrievability(card_json: str, now: datetime) -> float:
    """How likely the person still knows the answer (0-1), per fsrs."""
    card = Card.from_dict(json.loads(card_json))
    return float(_SCHEDULER.get_card_retrievability(card, as_utc(now)))


def as_utc(moment: datetime) -> datetime:
    """Aware UTC datetime; naive values (SQLite returns them) are taken as UTC."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def streak(days: list[str] | list[datetime] | tuple[str, ...], today: datetime) -> int:
    """Consecutive UTC practice days ending today (or yesterday, if today has no practice yet)."""
    have = {d if isinstance(d, str) else as_utc(d).date().isoformat() for d in days}
    day = as_utc(today).date()
    if day.isoformat() not in have:
        day -= timedelta(days=1)
    count = 0
    while day.isoformat() in have:
        count += 1
        day -= timedelta(days=1)
    return count
