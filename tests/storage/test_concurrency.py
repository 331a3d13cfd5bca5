"""T5/P1: many writers at once lose nothing and never see "database is locked"."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import func, select

from bot.storage import Stores
from bot.storage.tables import practice_attempts, practice_cards
from tests.storage.workload import answer, expected

THREADS = 8
PER_THREAD = 500
USERS = 50


def test_8_threads_x_500_answers_for_50_people_equal_the_serial_result(stores: Stores) -> None:
    prefix = f"conc-{uuid.uuid4().hex[:8]}-"
    errors: list[BaseException] = []

    def worker(thread: int) -> None:
        for index in range(thread * PER_THREAD, (thread + 1) * PER_THREAD):
            try:
                answer(stores, prefix, index, USERS)
            except Exception as exc:  # collected: the test reports every failure, not just the first
                errors.append(exc)

    with ThreadPoolExecutor(THREADS) as pool:
        list(pool.map(worker, range(THREADS)))

    assert errors == []
    want = expected(range(THREADS * PER_THREAD), USERS)
    for suffix, (answered, score_total, passed) in want.items():
        totals = stores.practice.totals(prefix + suffix)
        assert (totals.answered, totals.score_total, totals.passed) == (answered, score_total, passed)
    with stores.db.read() as conn:
        attempts = conn.execute(select(func.count()).select_from(practice_attempts).where(
            practice_attempts.c.user_key.like(prefix + "%"))).scalar_one()
        reps = conn.execute(select(func.sum(practice_cards.c.reps)).where(
            practice_cards.c.user_key.like(prefix + "%"))).scalar_one()
    assert attempts == reps == THREADS * PER_THREAD
