"""Practice benchmark: grading latency per answer, and a full mock turn through the real Prepbot.

Run: `python -m benchmarks.practice_bench` (or `python -m benchmarks practice_bench`).
Grading: every question of the bundled bank graded against a good, a vague and a wrong answer
(the key points, a stock vague line, another question's key points), five rounds, each answer new
text (a warm-up builds the vocabulary and the key points' tokens first, as a running bot has).
The machine is shared: a p99 or max far above the p50 is usually the scheduler, not the grader.
Mock turn: "next" (pick + ask + save the session) then an answer (grade + record + fsrs card, one
transaction), each through `Prepbot.handle` on one event loop, on a SQLite file and on the
PostgreSQL at 127.0.0.1:5432 (a throwaway database, dropped afterwards).
"""

from __future__ import annotations

import asyncio
import os
import statistics
import tempfile
import time
import uuid

import knowledge
from benchmarks.scratch_pg import scratch_database
from bot.app import Prepbot
from bot.clock import SystemClock
from bot.config import load_settings
from bot.messages import ChannelRef, Message, UserRef
from bot.practice.bank import QuestionBank
from bot.practice.grading import grade
from bot.storage import Stores
from knowledge.model import KnowledgeBase

VAGUE = "It depends on the project, they all have pros and cons and people use them a lot."
TURNS = 200
GRADING_ROUNDS = 5


def _percentiles(samples_ms: list[float]) -> tuple[float, float, float]:
    ordered = sorted(samples_ms)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return statistics.median(ordered), p99, ordered[-1]


def grading_latency(kb: KnowledgeBase, bank: QuestionBank) -> tuple[int, tuple[float, float, float]]:
    """Each answer is graded once, as new text (a real answer is never seen twice)."""
    questions = list(bank.questions)
    for question in questions:  # warm-up: the vocabulary and the key points' tokens, not the answers
        grade(question, "warm up", kb)
    samples: list[float] = []
    for take in range(GRADING_ROUNDS):
        for i, question in enumerate(questions):
            for answer in (". ".join(question.key_points), VAGUE, ". ".join(questions[i - 1].key_points)):
                text = f"{answer} (take {take})"
                start = time.perf_counter_ns()
                grade(question, text, kb)
                samples.append((time.perf_counter_ns() - start) / 1e6)
    return len(samples), _percentiles(samples)


def _message(user: UserRef, text: str) -> Message:
    return Message("console", uuid.uuid4().hex, user, ChannelRef("console", "bench", is_direct=True), text)


async def _turns(bot: Prepbot, turns: int) -> list[float]:
    user = UserRef("console", f"bench-{uuid.uuid4().hex[:6]}")
    await bot.handle(_message(user, "mock"))
    samples: list[float] = []
    for _ in range(turns):
        start = time.perf_counter_ns()
        asked = await bot.handle(_message(user, "next"))
        session = bot.stores.practice.get_session(user.key, "console::bench")
        question = bot.bank.get(session.question_id or "") if session else None
        answer = "I think " + ", and ".join(question.key_points) if question else "no idea"
        graded = await bot.handle(_message(user, answer))
        samples.append((time.perf_counter_ns() - start) / 1e6)
        if asked is None or graded is None or graded.score is None:
            if session is None:  # the bank ran out: start over
                await bot.handle(_message(user, "mock"))
                continue
            raise RuntimeError("a mock turn did not produce a grade")
    return samples


def mock_turn(kb: KnowledgeBase, url: str, hold_connection: bool = False) -> tuple[float, float, float]:
    """`hold_connection`: keep one idle SQLite connection open, so closing the pooled-less connection
    after each transaction no longer checkpoints and deletes the WAL (a proposed `Database` change)."""
    settings = load_settings({"database_url": url, "rate_limit_per_10s": 0}, environ={})
    bot = Prepbot(kb=kb, stores=Stores.open(url), settings=settings, clock=SystemClock())
    held = bot.stores.db.engine.raw_connection() if hold_connection else None
    try:
        return _percentiles(asyncio.run(_turns(bot, TURNS)))
    finally:
        if held is not None:
            held.close()
        bot.stores.db.dispose()


def _row(label: str, count: int, figures: tuple[float, float, float]) -> str:
    p50, p99, worst = figures
    return f"| {label} | {count} | {p50:.3f} | {p99:.3f} | {worst:.3f} |"


def main() -> None:
    kb = knowledge.load(None)
    bank = QuestionBank.build(kb)
    count, figures = grading_latency(kb, bank)
    rows = [_row(f"grade one answer ({len(bank.questions)} questions x good/vague/wrong)", count, figures)]
    with tempfile.TemporaryDirectory() as tmp, scratch_database() as pg_url:
        runs: list[tuple[str, str | None, bool]] = [
            ("mock turn: next + answer, SQLite file", f"sqlite:///{tmp}/bench.db", False),
            ("mock turn, SQLite with one idle connection held", f"sqlite:///{tmp}/held.db", True),
            ("mock turn: next + answer, PostgreSQL", pg_url, False),
        ]
        for label, url, hold in runs:
            if url is None:
                rows.append(f"| {label} | skipped: PostgreSQL not reachable | | | |")
                continue
            rows.append(_row(label, TURNS, mock_turn(kb, url, hold)))
    print(f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores\n")
    print("| measure | n | p50 ms | p99 ms | max ms |")
    print("|---|---|---|---|---|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
