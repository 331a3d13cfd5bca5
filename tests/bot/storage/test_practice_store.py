from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from bot.storage import Stores
from bot.storage.practice import PracticeSession
from tests.bot.storage.workload import START, question


def test_a_graded_answer_updates_counters_days_and_its_card(stores: Stores, user: str) -> None:
    practice = stores.practice
    practice.record_answer(user, question(0), 80, START, place="C1:", source="mock")
    practice.record_answer(user, question(1), 20, START + timedelta(days=1), source="daily")
    totals = practice.totals(user)
    assert (totals.answered, totals.score_total, totals.passed) == (2, 100, 1)
    assert practice.practice_days(user) == ["2026-01-05", "2026-01-06"]
    progress = practice.progress(user, START + timedelta(days=1))
    assert progress.answered == 2 and progress.average == 50 and progress.streak == 2
    assert progress.by_topic["alpha"].average == 80 and progress.by_aspect["cost"].count == 1
    assert practice.answered_today(user, START + timedelta(days=1), "daily") == 1
    assert practice.last_scores(user, ["q0", "q1", "q9"]) == {"q0": 80, "q1": 20}


def test_due_lists_the_weakest_first_and_respects_the_limit(stores: Stores, user: str) -> None:
    for index, score in enumerate((90, 10, 50)):
        stores.practice.record_answer(user, question(index), score, START)
    later = START + timedelta(days=90)
    due = stores.practice.due(user, later, 10)
    assert [d.question_id for d in due] == ["q1", "q2", "q0"]
    assert [d.question_id for d in stores.practice.due(user, later, 2)] == ["q1", "q2"]
    assert stores.practice.due_count(user, later) == 3
    assert stores.practice.due(user, START, 10) == []


def test_sessions_round_trip_and_end_once(stores: Stores, user: str) -> None:
    session = PracticeSession(
        user_key=user,
        channel_key="slack:T1:C1",
        session_id=f"s-{user}",
        kind="mock",
        started_at=START,
        topics=("alpha", "beta"),
        difficulty="hard",
    )
    stores.practice.save_session(session, START)
    asked = replace(session, question_id="q3", asked=1, asked_ids=("q3",), thread="170.1", hints=1)
    stores.practice.save_session(asked, START)
    assert stores.practice.get_session(user, "slack:T1:C1") == asked
    assert stores.practice.get_session(user, "slack:T1:C2") is None
    assert stores.practice.end_session(user, "slack:T1:C1") == asked
    assert stores.practice.end_session(user, "slack:T1:C1") is None


def test_an_answer_in_a_session_records_and_moves_on_together(stores: Stores, user: str) -> None:
    session = PracticeSession(
        user_key=user,
        channel_key="console::dm",
        session_id=f"s-{user}",
        kind="mock",
        started_at=START,
        question_id="q0",
        asked=1,
        asked_ids=("q0",),
        hints=2,
    )
    stores.practice.save_session(session, START)
    moved = stores.practice.answer_in_session(session, question(0), 70, START)
    stored = stores.practice.get_session(user, "console::dm")
    assert stored == moved
    assert stored is not None and stored.question_id is None and stored.hints == 0
    assert (stored.answered, stored.score_total) == (1, 70)
    assert stores.practice.session_scores(session.session_id) == [("speed", "alpha", 70)]
    assert stores.practice.totals(user).answered == 1


def test_opening_the_schema_twice_is_harmless(any_url: str, user: str) -> None:
    first = Stores.open(any_url)
    first.practice.record_answer(user, question(0), 50, START)
    second = Stores.open(any_url)
    assert second.practice.totals(user).answered == 1
    first.db.dispose()
    second.db.dispose()
