"""The seen-message ledger and the daily-answer count say what happened, on SQLite and PostgreSQL.

PostgreSQL's driver reports -1 as the row count of `INSERT … ON CONFLICT DO NOTHING`; a store that
trusted it dropped every message as a duplicate and never counted a daily answer.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select

from bot.storage import Stores
from bot.storage.channels import DailyAnswer, StudyChannel
from bot.storage.db import storable
from bot.storage.dedupe import KEY_LENGTH, seen_messages, stored_key

NOW = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def test_a_key_is_first_seen_once(stores: Stores) -> None:
    assert stores.dedupe.first_seen("slack:T1:C1:1700000000.0001:", NOW) is True
    assert stores.dedupe.first_seen("slack:T1:C1:1700000000.0001:", NOW) is False
    assert stores.dedupe.first_seen("slack:T1:C1:1700000000.0002:", NOW) is True


def test_twenty_threads_racing_on_one_key_see_it_first_exactly_once(stores: Stores) -> None:
    results: list[bool] = []
    barrier = threading.Barrier(20)

    def run() -> None:
        barrier.wait()
        results.append(stores.dedupe.first_seen("console:race:1:", NOW))

    threads = [threading.Thread(target=run) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False] * 19 + [True]


def test_long_keys_sharing_a_400_character_prefix_stay_distinct(stores: Stores) -> None:
    prefix = "slack:T1:C1:" + "x" * 500
    assert stores.dedupe.first_seen(prefix + ":a", NOW) is True
    assert stores.dedupe.first_seen(prefix + ":b", NOW) is True
    assert stores.dedupe.first_seen(prefix + ":a", NOW) is False
    assert stores.dedupe.first_seen("x" * KEY_LENGTH, NOW) is True  # fits: stored as it is
    assert stores.dedupe.first_seen("x" * KEY_LENGTH, NOW) is False
    assert stored_key("x" * KEY_LENGTH) == "x" * KEY_LENGTH
    assert len(stored_key(prefix + ":a")) <= KEY_LENGTH


def test_keys_no_database_stores_as_text_are_kept_apart_not_crashed_on(stores: Stores) -> None:
    for odd in ("console:c:\ud800:", "console:c:\ud801:", "console:c:\x00:", "console:c:\x00\x00:"):
        assert stores.dedupe.first_seen(odd, NOW) is True, repr(odd)
        assert stores.dedupe.first_seen(odd, NOW) is False, repr(odd)


def test_forgetting_old_keys_reports_how_many_and_lets_them_in_again(stores: Stores) -> None:
    stores.dedupe.first_seen("old:1", NOW)
    stores.dedupe.first_seen("old:2", NOW)
    stores.dedupe.first_seen("new:1", NOW + timedelta(minutes=30))  # within the hour: no pruning yet
    assert stores.dedupe.forget_before(NOW + timedelta(minutes=10)) == 2
    assert stores.dedupe.forget_before(NOW + timedelta(minutes=10)) == 0
    assert stores.dedupe.first_seen("old:1", NOW) is True
    assert stores.dedupe.first_seen("new:1", NOW) is False


def test_the_ledger_prunes_itself_past_the_window(stores: Stores) -> None:
    for n in range(5):
        stores.dedupe.first_seen(f"day0:{n}", NOW)
    stores.dedupe.first_seen("day3:0", NOW + timedelta(days=3))  # an hour and more later: prunes
    with stores.db.read() as conn:
        left = conn.execute(select(func.count()).select_from(seen_messages)).scalar_one()
    assert left == 1


def test_a_daily_answer_counts_once_per_person_and_day(stores: Stores) -> None:
    first = DailyAnswer("slack:T1:U1", "Ana", "2026-01-05", "q1", 80)
    assert stores.channels.record_answer("slack:T1:C1", "2026-01-05", first, NOW) is True
    again = DailyAnswer("slack:T1:U1", "Ana", "2026-01-05", "q1", 100)
    assert stores.channels.record_answer("slack:T1:C1", "2026-01-05", again, NOW) is False
    other = DailyAnswer("slack:T1:U2", "Bo", "2026-01-05", "q1", 40)
    assert stores.channels.record_answer("slack:T1:C1", "2026-01-05", other, NOW) is True
    assert [(a.user_key, a.score) for a in stores.channels.answers("slack:T1:C1")] == [
        ("slack:T1:U1", 80),
        ("slack:T1:U2", 40),
    ]


def test_removing_a_study_channel_says_whether_there_was_one(stores: Stores) -> None:
    channel = StudyChannel("slack:T1:C9", "slack", "C9", "T1", "09:00", "UTC", (0, 1, 2, 3, 4))
    stores.channels.save(channel, "boss", NOW)
    assert stores.channels.remove("slack:T1:C9") is True
    assert stores.channels.remove("slack:T1:C9") is False
    assert stores.channels.get("slack:T1:C9") is None


def test_no_code_decides_from_a_row_count() -> None:
    """`rowcount` is -1 on PostgreSQL for some statements: say what happened with RETURNING."""
    root = Path(__file__).resolve().parents[3]
    offenders = [
        f"{path.relative_to(root)}:{number}"
        for folder in ("bot", "adapters", "knowledge")
        for path in sorted((root / folder).rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if "rowcount" in line
    ]
    assert offenders == [], f"use RETURNING instead of rowcount at {offenders}"


def test_text_is_made_storable_only_where_it_must_be() -> None:
    assert storable("plain ascii") == "plain ascii"
    assert storable("naïve 日本 🎉") == "naïve 日本 🎉"
    assert storable("a\x00b") == "a\ufffdb"
    assert storable("x\ud800y") == "x\\ud800y"
    assert storable(42) == 42 and storable(None) is None
