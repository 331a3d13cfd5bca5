from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.ratelimit import RateLimiter, Verdict
from tests.conftest import Chat, FakeClock


def test_thirty_messages_in_ten_seconds_get_one_notice_and_others_are_unaffected() -> None:
    limiter = RateLimiter(limit=5)
    start = datetime(2026, 1, 5, tzinfo=UTC)
    verdicts = [limiter.check("slack:U1", start + timedelta(seconds=i / 3)) for i in range(30)]
    assert verdicts.count(Verdict.ALLOW) == 5
    assert verdicts.count(Verdict.WARN) == 1
    assert limiter.check("slack:U2", start + timedelta(seconds=9)) is Verdict.ALLOW
    assert limiter.check("slack:U1", start + timedelta(seconds=25)) is Verdict.ALLOW


def test_flooding_person_gets_one_slow_down_reply_then_silence(tmp_path: Path) -> None:
    from bot.app import build
    from bot.config import load_settings

    clock = FakeClock()
    bot = build(
        load_settings({"database_url": f"sqlite:///{tmp_path}/r.db", "rate_limit_per_10s": 3}, environ={}),
        clock=clock,
    )
    flooder = Chat(bot, "mallory", "general", direct=False)
    import asyncio

    replies = [asyncio.run(bot.handle(flooder.message("help"))) for _ in range(10)]
    titles = [r.title if r else None for r in replies]
    assert titles.count("Slow down a little") == 1
    assert titles[3] == "Slow down a little"
    assert titles[4:] == [None] * 6
    assert Chat(bot, "ana", "general", direct=False).say("help").title != "Slow down a little"
    clock.advance(seconds=11)
    assert flooder.say("help").title != "Slow down a little"


def test_idle_people_are_forgotten_so_memory_stays_bounded() -> None:
    limiter = RateLimiter(limit=2)
    start = datetime(2026, 1, 5, tzinfo=UTC)
    # 10,000 one-off senders over 1,000 seconds: ten a second.
    for i in range(10_000):
        limiter.check(f"slack:U{i}", start + timedelta(seconds=i / 10))
        assert len(limiter) <= 2 * 10 * 10 + 1  # at most two windows of senders are remembered
    # A flooder who was told to slow down is forgotten once idle, and starts afresh.
    for _ in range(4):
        limiter.check("slack:F", start + timedelta(seconds=2000))
    later = start + timedelta(seconds=2100)
    assert limiter.check("slack:other", later) is Verdict.ALLOW
    assert len(limiter) == 1
    assert limiter.check("slack:F", later) is Verdict.ALLOW
