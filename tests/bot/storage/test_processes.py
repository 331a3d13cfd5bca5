"""Separate processes on one database: writers at once, and a writer killed with SIGKILL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from sqlalchemy import Connection, func, select

from bot.storage import Stores
from bot.storage.tables import (
    practice_attempts,
    practice_cards,
    practice_days,
    practice_sessions,
    practice_users,
)
from tests.bot.storage.workload import START, expected, question

pytestmark = pytest.mark.slow  # real processes: started, signalled, killed

REPO = Path(__file__).resolve().parents[3]
PER_PROCESS = 300
USERS = 50


def _worker(url: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.bot.storage.worker", url, *args],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_processes_writing_at_once_lose_nothing(stores: Stores, any_url: str) -> None:
    prefix = f"proc-{uuid.uuid4().hex[:8]}-"
    workers = [_worker(any_url, "answers", prefix, str(n * PER_PROCESS), str(PER_PROCESS)) for n in range(2)]
    for worker in workers:
        _out, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err
        assert "locked" not in err
    for suffix, (answered, score_total, passed) in expected(range(2 * PER_PROCESS), USERS).items():
        totals = stores.practice.totals(prefix + suffix)
        assert (totals.answered, totals.score_total, totals.passed) == (answered, score_total, passed)


def test_kill_9_in_the_middle_of_sessions_leaves_nothing_half_written(stores: Stores, any_url: str) -> None:
    prefix = f"kill-{uuid.uuid4().hex[:8]}-"
    worker = _worker(any_url, "sessions", prefix)
    assert worker.stdout is not None
    for _ in range(40):  # let it commit a few dozen answers, then kill it wherever it is
        assert worker.stdout.readline(), worker.stderr.read() if worker.stderr else ""
    os.kill(worker.pid, signal.SIGKILL)
    worker.wait(timeout=30)
    worker.stdout.close()
    if worker.stderr is not None:
        worker.stderr.close()

    reopened = Stores.open(any_url)  # recovery after the crash: the database opens and takes writes
    with reopened.db.read() as conn:
        for n in range(5):
            user = f"{prefix}{n}"
            _check_consistent(conn, user)
    reopened.practice.record_answer(f"{prefix}0", question(0), 50, START)
    reopened.db.dispose()


def _check_consistent(conn: Connection, user: str) -> None:
    """Every counter agrees with the attempt rows: no answer was half recorded."""
    attempts = conn.execute(
        select(func.count(), func.coalesce(func.sum(practice_attempts.c.score), 0)).where(
            practice_attempts.c.user_key == user
        )
    ).one()
    days = conn.execute(
        select(func.coalesce(func.sum(practice_days.c.answers), 0)).where(practice_days.c.user_key == user)
    ).scalar_one()
    reps = conn.execute(
        select(func.coalesce(func.sum(practice_cards.c.reps), 0)).where(practice_cards.c.user_key == user)
    ).scalar_one()
    counters = conn.execute(
        select(practice_users.c.answered, practice_users.c.score_total).where(
            practice_users.c.user_key == user
        )
    ).one()
    session = conn.execute(
        select(practice_sessions.c.answered, practice_sessions.c.score_total).where(
            practice_sessions.c.user_key == user
        )
    ).one()
    assert attempts[0] > 0
    assert counters.answered == attempts[0] == days == reps
    assert counters.score_total == attempts[1]
    assert (session.answered, session.score_total) == (attempts[0], attempts[1])
