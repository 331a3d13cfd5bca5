"""Your data: `/prep export` hands a person their own history (CSV and JSON) privately, `forget me`
deletes it after a confirmation (leaderboard and statistics no longer show them), and admins can
export a channel's results. Through `Prepbot.handle` on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import stat
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from adapters.console.repl import ConsoleChat
from bot import plaintext
from bot.app import Prepbot
from bot.daily.scheduler import DailyScheduler
from bot.intents import Intent
from bot.messages import Message, Reply
from tests.bot.daily.conftest import FakeClock, RecordingPoster, message

MONDAY_0900 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def _ask(bot: Prepbot, msg: Message) -> Reply:
    reply = asyncio.run(bot.handle(msg))
    assert reply is not None
    return reply


def _two_people_answered(bot: Prepbot, clock: FakeClock, channel_id: str) -> str:
    """A study channel whose Monday question Ana (a good answer) and Bob answered; the thread id."""
    _ask(bot, message(channel_id, "/prep study on 09:00 tz UTC days mon-fri", user="boss"))
    clock.current = MONDAY_0900
    poster = RecordingPoster()
    asyncio.run(DailyScheduler(bot.stores, bot.bank.questions, poster, clock).tick())
    thread = "m1"
    question = poster.questions()[0][1].sections[0].text
    topic = "alpha" if "Alpha" in question else "beta"
    clock.current += timedelta(minutes=5)
    _ask(
        bot,
        message(channel_id, f"{topic} uses graphs and {topic} scales to clusters", user="ana", thread=thread),
    )
    _ask(bot, message(channel_id, "no idea", user="bob", thread=thread))
    return thread


def _board(bot: Prepbot, channel_id: str) -> str:
    return plaintext.render(_ask(bot, message(channel_id, "/prep leaderboard all", user="zoe")))


def test_export_gives_only_my_history_as_csv_and_json_privately(
    bot: Prepbot, clock: FakeClock, channel_id: str
) -> None:
    _two_people_answered(bot, clock, channel_id)
    reply = _ask(bot, message(channel_id, "/prep export", user="ana"))
    assert reply.ephemeral and reply.intent is Intent.PERSONAL
    assert "1 graded answer" in plaintext.render(reply)
    by_type = {a.mime: a for a in reply.attachments}
    assert set(by_type) == {"text/csv", "application/json"}
    rows = list(csv.DictReader(io.StringIO(by_type["text/csv"].data.decode())))
    assert len(rows) == 1 and rows[0]["source"] == "daily"
    assert int(rows[0]["score"]) == bot.stores.practice.totals("slack:ana").score_total
    assert rows[0]["question_id"].startswith("curated:")
    document = json.loads(by_type["application/json"].data)
    assert document["user"] == "slack:ana"
    tables = document["tables"]
    assert [r["user_key"] for r in tables["daily_answers"]] == ["slack:ana"]
    assert len(tables["practice_cards"]) == 1 and tables["practice_users"][0]["answered"] == 1
    assert "slack:bob" not in by_type["application/json"].data.decode()  # nobody else's data


def test_forget_me_asks_first_then_deletes_everything_and_leaves_the_leaderboard(
    bot: Prepbot, clock: FakeClock, channel_id: str
) -> None:
    _two_people_answered(bot, clock, channel_id)
    assert "Ana" in _board(bot, channel_id)

    ask = _ask(bot, message(channel_id, "/prep forget me", user="ana"))
    assert ask.ephemeral and [b.action for b in ask.buttons] == ["forget:confirm"]
    assert "cannot be undone" in plaintext.render(ask)
    assert "Ana" in _board(bot, channel_id)  # asking deletes nothing

    done = _ask(bot, replace(message(channel_id, user="ana"), action="forget:confirm"))
    assert done.title == "Forgotten" and "1 graded answers" in plaintext.render(done)

    board = _board(bot, channel_id)
    assert "Ana" not in board and "Bob" in board
    mine = plaintext.render(_ask(bot, message("D1", "/prep progress", user="ana", direct=True)))
    assert "No answers yet" in mine
    again = _ask(bot, message(channel_id, "/prep export", user="ana"))
    csv_rows = next(a for a in again.attachments if a.mime == "text/csv").data.decode().splitlines()
    assert len(csv_rows) == 1  # the header only
    bobs = plaintext.render(_ask(bot, message("D2", "/prep progress", user="bob", direct=True)))
    assert "Answered" in bobs  # someone else's data is untouched


def test_yes_forget_me_typed_confirms(bot: Prepbot, clock: FakeClock, channel_id: str) -> None:
    _two_people_answered(bot, clock, channel_id)
    done = _ask(bot, message(channel_id, "yes, forget me", user="bob"))
    assert done.title == "Forgotten"
    assert "Bob" not in _board(bot, channel_id)


def test_admins_export_a_channels_results_others_are_refused(
    bot: Prepbot, clock: FakeClock, channel_id: str
) -> None:
    _two_people_answered(bot, clock, channel_id)
    refused = _ask(bot, message(channel_id, "/prep export channel", user="eve"))
    assert refused.title == "Admins only" and not refused.attachments
    reply = _ask(bot, message(channel_id, "/prep export channel", user="boss"))
    assert reply.ephemeral
    data = next(a for a in reply.attachments if a.mime == "text/csv").data.decode()
    rows = list(csv.DictReader(io.StringIO(data)))
    assert sorted(r["user_key"] for r in rows) == ["slack:ana", "slack:bob"]
    assert {r["day"] for r in rows} == {"2026-01-05"}


def test_console_export_writes_the_files_and_says_where(bot: Prepbot, tmp_path: Path) -> None:
    chat = ConsoleChat(bot, "ana", "s1", files=tmp_path / "out")
    asyncio.run(chat.say("mock"))
    asyncio.run(chat.say("alpha uses graphs and alpha scales to clusters"))
    shown = asyncio.run(chat.say("export"))
    saved = [Path(line.removeprefix("Saved: ")) for line in shown.splitlines() if line.startswith("Saved: ")]
    assert sorted(p.suffix for p in saved) == [".csv", ".json"]
    for path in saved:
        assert path.parent == tmp_path / "out" and stat.S_IMODE(path.stat().st_mode) == 0o600
    table = next(p for p in saved if p.suffix == ".csv").read_text().splitlines()
    assert table[0].startswith("answered_at,") and len(table) == 2
    again = asyncio.run(chat.say("export"))
    assert (
        len({line for line in again.splitlines() if line.startswith("Saved: ")} - set(shown.splitlines()))
        == 2
    )
