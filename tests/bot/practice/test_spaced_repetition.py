from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from fsrs import Rating

from bot.practice import spaced
from bot.practice.bank import QuestionBank
from bot.storage import Stores
from tests.bot.practice.kbs import seed_kb
from tests.conftest import FakeClock


def test_scores_map_to_fsrs_ratings() -> None:
    assert [spaced.rating_for(s) for s in (0, 39, 40, 59, 60, 84, 85, 100)] == [
        Rating.Again,
        Rating.Again,
        Rating.Hard,
        Rating.Hard,
        Rating.Good,
        Rating.Good,
        Rating.Easy,
        Rating.Easy,
    ]


def test_a_card_round_trips_as_json_and_moves_forward() -> None:
    now = datetime(2026, 1, 5, 9, tzinfo=UTC)
    first = spaced.review(None, 90, now)
    assert json.loads(first.card_json)["state"] == 2 and first.due > now + timedelta(days=1)
    second = spaced.review(first.card_json, 90, first.due)
    assert second.due - first.due > first.due - now  # intervals grow when you keep passing
    failed = spaced.review(second.card_json, 10, second.due)
    assert failed.lapsed and failed.due <= second.due + timedelta(hours=1)


def test_a_failed_question_comes_back_before_a_passed_one(tmp_path: Path) -> None:
    stores = Stores.open(f"sqlite:///{tmp_path}/srs.db")
    bank = QuestionBank.build(seed_kb())
    clock = FakeClock()
    passed, failed = bank.questions[0], bank.questions[1]
    stores.practice.record_answer("u", passed, 95, clock.now())
    stores.practice.record_answer("u", failed, 15, clock.now())
    assert stores.practice.due("u", clock.now(), 10) == []
    clock.advance(minutes=30)
    assert [d.question_id for d in stores.practice.due("u", clock.now(), 10)] == [failed.id]
    clock.advance(days=60)
    due = [d.question_id for d in stores.practice.due("u", clock.now(), 10)]
    assert due == [failed.id, passed.id]  # both due now: the weaker one first
    stores.db.dispose()


def test_streak_counts_consecutive_utc_days() -> None:
    today = datetime(2026, 1, 10, 23, 59, tzinfo=UTC)
    assert spaced.streak(["2026-01-08", "2026-01-09", "2026-01-10"], today) == 3
    assert spaced.streak(["2026-01-08", "2026-01-09"], today) == 2  # today not practised yet
    assert spaced.streak(["2026-01-07", "2026-01-09"], today) == 1
    assert spaced.streak([], today) == 0
