"""T5/P1: many writers at once lose nothing and never see "database is locked"."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select

from bot.storage import Stores
from bot.storage.tables import practice_attempts, practice_cards
from tests.bot.storage.workload import answer, expected

THREADS = 8
PER_THREAD = 500
USERS = 50


@pytest.mark.slow
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
        attempts = conn.execute(
            select(func.count())
            .select_from(practice_attempts)
            .where(practice_attempts.c.user_key.like(prefix + "%"))
        ).scalar_one()
        reps = conn.execute(
            select(func.sum(practice_cards.c.reps)).where(practice_cards.c.user_key.like(prefix + "%"))
        ).scalar_one()
    assert attempts == reps == THREADS * PER_THREAD


# -- one person, one interview at a time ------------------------------------------------------------

RACE_PEOPLE = 4
RACE_THREADS = 6  # per person: three on each of two replicas
RACE_ROUNDS = 5


@pytest.mark.slow
def test_six_threads_per_person_on_two_replicas_never_corrupt_an_interview(any_url: str) -> None:
    """Each person's six threads fire answers, next, hint and a fresh `mock` at once, through two
    Prepbot replicas sharing the database. Afterwards every interview is consistent: no question
    graded twice, no answer counted in an interview that did not ask it, counters equal to the
    stored answers, and every "Score" reply the person saw stands for exactly one stored answer."""
    import asyncio
    import threading

    from bot.app import Prepbot
    from bot.storage.tables import practice_sessions
    from tests.bot.practice.conftest import make_bot
    from tests.bot.practice.kbs import SEED_CURATED, seed_kb
    from tests.conftest import Chat, FakeClock

    kb, clock = seed_kb(SEED_CURATED), FakeClock()
    replicas = [make_bot(any_url, kb, clock), make_bot(any_url, kb, clock)]
    prefix = f"race-{uuid.uuid4().hex[:8]}-"
    people = [f"{prefix}{n}" for n in range(RACE_PEOPLE)]
    scored: dict[str, int] = dict.fromkeys(people, 0)
    moved: dict[str, int] = dict.fromkeys(people, 0)
    lock = threading.Lock()
    errors: list[BaseException] = []

    def say(bot: Prepbot, chat: Chat, text: str) -> None:
        reply = asyncio.run(bot.handle(chat.message(text)))
        assert reply is not None and reply.title != "Sorry!", text
        with lock:
            scored[chat.user.id] += reply.title.startswith("Score:")
            moved[chat.user.id] += "moved on while that message" in (reply.sections[0].text or "")

    def person_thread(person: str, number: int, start: threading.Barrier) -> None:
        bot = replicas[number % 2]
        chat = Chat(bot, person, f"dm-{person}")
        try:
            start.wait()
            for round_ in range(RACE_ROUNDS):
                question = bot.stores.practice.get_session(chat.user.key, chat.channel.key)
                qid = question.question_id if question else None
                found = bot.bank.get(qid or "")
                answer = ". ".join(found.key_points) + "." if found else "I would say it depends."
                text = {0: answer, 1: answer, 2: "next", 3: answer, 4: "hint", 5: "mock"}[number]
                if number == 5 and round_ % 2:
                    text = answer
                say(bot, chat, text)
        except BaseException as exc:  # collected: report every failure
            errors.append(exc)

    for person in people:
        say(replicas[0], Chat(replicas[0], person, f"dm-{person}"), "mock")
    scored.update(dict.fromkeys(people, 0))
    barrier = threading.Barrier(RACE_PEOPLE * RACE_THREADS)
    threads = [
        threading.Thread(target=person_thread, args=(p, n, barrier))
        for p in people
        for n in range(RACE_THREADS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []

    corrupted: list[str] = []
    with replicas[0].stores.db.read() as conn:
        attempts = conn.execute(
            select(
                practice_attempts.c.user_key,
                practice_attempts.c.session_id,
                practice_attempts.c.question_id,
                practice_attempts.c.score,
            ).where(practice_attempts.c.user_key.like("console:" + prefix + "%"))
        ).all()
        open_sessions = {
            row.user_key: row
            for row in conn.execute(
                select(practice_sessions).where(practice_sessions.c.user_key.like("console:" + prefix + "%"))
            )
        }
    for person in people:
        key = f"console:{person}"
        mine = [a for a in attempts if a.user_key == key]
        pairs = [(a.session_id, a.question_id) for a in mine]
        if len(pairs) != len(set(pairs)):
            corrupted.append(f"{person}: a question graded twice in one interview")
        if len(mine) != scored[person]:
            corrupted.append(f"{person}: {scored[person]} Score replies but {len(mine)} stored answers")
        session = open_sessions.get(key)
        if session is not None:
            import json

            here = [a for a in mine if a.session_id == session.session_id]
            if any(a.question_id not in json.loads(session.asked_ids) for a in here):
                corrupted.append(f"{person}: an answer counted in an interview that never asked it")
            if (session.answered, session.score_total) != (len(here), sum(a.score for a in here)):
                corrupted.append(
                    f"{person}: counters {session.answered}/{session.score_total} but answers "
                    f"{len(here)}/{sum(a.score for a in here)}"
                )
            if session.asked != len(json.loads(session.asked_ids)):
                corrupted.append(f"{person}: asked {session.asked} but {session.asked_ids}")
    for bot in replicas:
        bot.stores.db.dispose()
    assert corrupted == []
    assert sum(scored.values()) > 0  # the race did grade answers
