"""Opt-in nudges: off by default, on at the person's local time (`nudges on 18:00 Europe/Berlin`),
each sent once per person, kind and local day, never to someone who did not opt in, held back by a
snooze, and at the right instant across a DST change. Through `Prepbot.handle` and the daily
scheduler's nudge tick, on SQLite and PostgreSQL, with a fake clock."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from bot import plaintext
from bot.app import Prepbot
from bot.daily.scheduler import DailyScheduler
from bot.messages import Reply, UserRef
from bot.storage.nudges import NudgeStore
from tests.bot.daily.conftest import FakeClock, message

FRIDAY = datetime(2026, 3, 27, 10, 0, tzinfo=UTC)  # Berlin is UTC+1 until Sunday 29 March, 02:00


@dataclass
class DirectPoster:
    platform: str = "slack"
    posts: list[tuple[str, Reply, str]] = field(default_factory=list)
    dms: list[tuple[str, Reply, str]] = field(default_factory=list)
    fail: int = 0

    async def post(self, channel: object, reply: Reply, *, idempotency_key: str) -> str:
        self.posts.append(("", reply, idempotency_key))
        return f"p{len(self.posts)}"

    async def direct(self, user: UserRef, reply: Reply, *, idempotency_key: str) -> str:
        if self.fail:
            self.fail -= 1
            raise RuntimeError("DMs closed")
        self.dms.append((user.id, reply, idempotency_key))
        return f"d{len(self.dms)}"


def _say(bot: Prepbot, user: str, text: str) -> str:
    reply = asyncio.run(bot.handle(message("D" + user, text, user=user, direct=True)))
    assert reply is not None and reply.ephemeral
    return plaintext.render(reply)


def _answer(bot: Prepbot, user: str, at: datetime) -> None:
    question = bot.bank.questions[0]
    bot.stores.practice.record_answer(f"slack:{user}", question, 20, at, place="slack:T1:D:")


def _tick(bot: Prepbot, clock: FakeClock, poster: DirectPoster, at: datetime) -> list[str]:
    clock.current = at
    scheduler = DailyScheduler(bot.stores, bot.bank.questions, poster, clock)
    return asyncio.run(scheduler.nudge())


def _kinds(poster: DirectPoster) -> list[tuple[str, str]]:
    return [(user, key.rsplit(":", 2)[1] + "@" + key.rsplit(":", 1)[1]) for user, _r, key in poster.dms]


def test_nudges_are_off_by_default_and_go_out_once_at_local_time_across_dst(
    bot: Prepbot, clock: FakeClock
) -> None:
    _answer(bot, "ana", FRIDAY)
    _answer(bot, "bob", FRIDAY)  # Bob practises too but never opts in
    assert "You get no nudges" in _say(bot, "ana", "nudges")
    shown = _say(bot, "ana", "/prep nudges on 18:00 Europe/Berlin")
    assert "at 18:00 (Europe/Berlin)" in shown
    poster = DirectPoster()

    saturday = datetime(2026, 3, 28, 16, 59, tzinfo=UTC)  # 17:59 in Berlin (CET)
    assert _tick(bot, clock, poster, saturday) == []
    assert len(_tick(bot, clock, poster, saturday + timedelta(minutes=1))) == 2  # 18:00 CET
    assert _tick(bot, clock, poster, saturday + timedelta(minutes=30)) == []  # once, not every tick
    assert sorted(_kinds(poster)) == [("ana", "due@2026-03-28"), ("ana", "streak@2026-03-28")]
    streak = next(r for _u, r, key in poster.dms if ":streak:" in key)
    assert "1-day streak ends today" in plaintext.render(streak)

    _answer(bot, "ana", datetime(2026, 3, 28, 19, 0, tzinfo=UTC))  # keeps her streak going
    sunday = datetime(2026, 3, 29, 15, 59, tzinfo=UTC)  # 17:59 in Berlin, now CEST (UTC+2)
    before = len(poster.dms)
    assert _tick(bot, clock, poster, sunday) == []
    assert len(_tick(bot, clock, poster, sunday + timedelta(minutes=1))) >= 1  # 18:00 CEST = 16:00 UTC
    assert ("ana", "streak@2026-03-29") in _kinds(poster)[before:]
    assert all(user == "ana" for user, _r, _k in poster.dms)  # never Bob


def test_snooze_holds_nudges_back_and_off_stops_them(bot: Prepbot, clock: FakeClock) -> None:
    _answer(bot, "ana", FRIDAY)
    _say(bot, "ana", "nudges on 6pm Europe/Berlin")
    clock.current = datetime(2026, 3, 28, 9, 0, tzinfo=UTC)
    assert "No nudges until Mon 2026-03-30 11:00 CEST" in _say(bot, "ana", "nudges snooze 2d")
    poster = DirectPoster()
    assert _tick(bot, clock, poster, datetime(2026, 3, 28, 17, 0, tzinfo=UTC)) == []
    assert _tick(bot, clock, poster, datetime(2026, 3, 29, 16, 0, tzinfo=UTC)) == []
    assert _tick(bot, clock, poster, datetime(2026, 3, 30, 16, 0, tzinfo=UTC))  # snooze over: due reviews
    assert "No more nudges" in _say(bot, "ana", "nudges off")
    assert _tick(bot, clock, poster, datetime(2026, 3, 31, 16, 0, tzinfo=UTC)) == []


def test_a_failed_dm_is_tried_again_and_still_sent_once(bot: Prepbot, clock: FakeClock) -> None:
    _answer(bot, "ana", FRIDAY)
    _say(bot, "ana", "nudges on 18:00 UTC")
    poster = DirectPoster(fail=1)
    at = datetime(2026, 3, 28, 18, 0, tzinfo=UTC)
    first = _tick(bot, clock, poster, at)
    assert len(first) == 1  # one of the two failed and gave its claim back
    assert len(_tick(bot, clock, poster, at + timedelta(minutes=1))) == 1
    assert _tick(bot, clock, poster, at + timedelta(minutes=2)) == []
    assert sorted(kind for kind, _day in NudgeStore(bot.stores.db).sent("slack:ana")) == ["due", "streak"]


def test_bad_settings_get_a_short_clear_answer(bot: Prepbot) -> None:
    assert "'25:00' is not a time of day" in _say(bot, "ana", "nudges on 25:00 Europe/Berlin")
    assert "'Mars/Olympus' is not a time zone" in _say(bot, "ana", "nudges on 18:00 Mars/Olympus")
    assert "nothing to snooze" in _say(bot, "ana", "nudges snooze 2d")
    assert "Snooze how long?" in _say(bot, "ana", "nudges snooze forever")
    assert NudgeStore(bot.stores.db).get("slack:ana") is None
