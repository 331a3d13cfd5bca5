"""A timed interview round through the console (the real ConsoleChat over the real Prepbot), on
SQLite and PostgreSQL, with a restart in the middle: the round lives in the database."""

from __future__ import annotations

import asyncio

from adapters.console.repl import ConsoleChat
from bot import plaintext
from bot.app import Prepbot
from bot.practice.mock import round_size
from knowledge.model import KnowledgeBase
from tests.bot.practice.conftest import make_bot
from tests.bot.practice.round_script import Player, play
from tests.fakes import FakeClock


def test_round_size_reads_count_topics_difficulty_and_minutes() -> None:
    assert round_size("mock interview 5 pytorch keras hard 3") == (5, 3)
    assert round_size("/mock interview 4 10 min") == (4, 10)
    assert round_size("timed round") == (5, 3)
    assert round_size("mock interview") is None
    assert round_size("mock keras 3") is None
    assert round_size("mock interview 99 1000") == (20, 30)


def test_a_timed_round_on_the_console_survives_a_restart(
    db_url: str, kb: KnowledgeBase, clock: FakeClock
) -> None:
    bots = [make_bot(db_url, kb, clock)]
    chat = ConsoleChat(bots[0], "ana", "round")

    async def say(text: str) -> str:
        return await chat.say(text)

    async def restart() -> None:
        bots.append(make_bot(db_url, kb, clock))  # a new process: nothing kept in memory
        chat.bot = bots[-1]

    player = Player(say, lambda: bots[-1], "console:ana", chat.channel.key, clock, restart)
    try:
        card = asyncio.run(play(player))
    finally:
        for bot in bots:
            bot.stores.db.dispose()
    assert "Question Score Time" in card


def test_a_timed_round_in_a_channel_thread_lives_in_its_thread(
    practice_bot: Prepbot, clock: FakeClock
) -> None:
    from tests.conftest import Chat

    top = Chat(practice_bot, user="ana", channel="C-team", platform="slack", direct=False)
    started = top.say("mock interview 2 hard 1")
    assert started.start_thread and started.title.startswith("Question 1 of 2")
    threaded = Chat(practice_bot, user="ana", channel="C-team", platform="slack", direct=False, thread="T9")
    clock.advance(minutes=2)
    late = threaded.say("I would compare them on how they deploy.")
    assert late.score is not None and late.title.endswith("· late")
    other = Chat(practice_bot, user="ana", channel="C-team", platform="slack", direct=False, thread="T-other")
    assert other.say("I would compare them on how they deploy.").score is None
    assert threaded.say("next").title.startswith("Question 2 of 2")
    card = threaded.say("skip")  # the last question skipped: its model answer, then the scorecard
    assert card.title == "Round complete: scorecard" and card.table is not None
    assert [row[1] for row in card.table.rows] == [f"{late.score}/100", "skipped"]
    assert card.table.rows[0][2].endswith("(late)") and "Skipped" in [s.heading for s in card.sections]
    assert threaded.say("stop").title == "Practice"  # the round is over


def test_stop_ends_a_round_early_with_its_scorecard(practice_bot: Prepbot) -> None:
    from tests.conftest import Chat

    chat = Chat(practice_bot)
    chat.say("mock interview 5 hard")
    chat.say("skip")
    card = chat.say("stop")
    assert card.title == "Round finished: scorecard" and card.table is not None
    assert len(card.table.rows) == 1 and "Questions: 1 of 5" in plaintext.render(card)
