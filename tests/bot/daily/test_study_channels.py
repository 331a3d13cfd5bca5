"""Study channels from the team's side: admins set them up, the question lands, answers in its
thread are graded privately and counted once, streaks and the leaderboard follow."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime, timedelta

import pytest

from bot import plaintext
from bot.app import Prepbot
from bot.daily.scheduler import DailyScheduler
from bot.daily.threads import thread_match
from bot.intents import Command, Intent
from tests.bot.daily.conftest import FakeClock, RecordingPoster, message, run_handler

MONDAY_0800 = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)


def _study_on(bot: Prepbot, channel_id: str, args: str = "on 09:00 tz UTC days mon-fri") -> str:
    reply = run_handler(bot, message(channel_id, user="boss"), Command.STUDY, args)
    return plaintext.render(reply)


def _post_today(bot: Prepbot, clock: FakeClock, poster: RecordingPoster, at: datetime) -> str:
    clock.current = at
    asyncio.run(DailyScheduler(bot.stores, bot.bank.questions, poster, clock).tick())
    return poster.questions()[-1][1].sections[0].text


def _answer(
    bot: Prepbot, channel_id: str, thread: str, text: str, user: str = "ana"
) -> tuple[str, int | None, bool]:
    msg = message(channel_id, text, user=user, thread=thread)
    reply = asyncio.run(bot.handle(msg))
    assert reply is not None
    return plaintext.render(reply), reply.score, reply.ephemeral


def test_an_admin_turns_a_channel_into_a_study_channel(bot: Prepbot, channel_id: str) -> None:
    text = _study_on(bot, channel_id, "on at 9:30am tz=Europe/Paris weekdays topics al difficulty easy")
    assert "mon-fri at 09:30 (Europe/Paris)" in text
    assert "Topics: alpha" in text and "difficulty: easy" in text
    assert "Next question: Mon 2026-01-05 09:30 CET" in text

    shown = plaintext.render(run_handler(bot, message(channel_id, user="zoe"), Command.STUDY, "show"))
    assert "09:30 (Europe/Paris)" in shown
    paused = plaintext.render(run_handler(bot, message(channel_id, user="boss"), Command.STUDY, "pause"))
    assert "Paused" in paused
    off = plaintext.render(run_handler(bot, message(channel_id, user="boss"), Command.STUDY, "off"))
    assert "No more daily questions" in off and bot.stores.channels.get(f"slack:T1:{channel_id}") is None


def test_platform_admins_may_change_it_others_are_refused_and_logged(
    bot: Prepbot, channel_id: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="prepbot.study"):
        refused = run_handler(bot, message(channel_id, user="eve"), Command.STUDY, "on 09:00")
    assert refused.ephemeral and "Only admins" in plaintext.render(refused)
    assert bot.stores.channels.get(f"slack:T1:{channel_id}") is None
    assert any(getattr(r, "user", "") == "slack:eve" for r in caplog.records)

    allowed = run_handler(bot, message(channel_id, user="mod", admin=True), Command.STUDY, "on 07:15")
    assert "at 07:15 (UTC)" in plaintext.render(allowed)


def test_not_in_direct_messages_and_bad_settings_change_nothing(bot: Prepbot, channel_id: str) -> None:
    dm = run_handler(bot, message(channel_id, user="boss", direct=True), Command.STUDY, "on 09:00")
    assert "in channels" in plaintext.render(dm).lower() and bot.stores.channels.all() == []
    bad = run_handler(
        bot, message(channel_id, user="boss"), Command.STUDY, "on 09:00 tz Mars/Base topics zeta"
    )
    text = plaintext.render(bad)
    assert "Nothing changed" in text and "Mars/Base" in text and "zeta" in text
    assert bot.stores.channels.all() == []


def test_answers_in_the_thread_are_graded_privately_and_counted_once(
    bot: Prepbot, clock: FakeClock, channel_id: str
) -> None:
    _study_on(bot, channel_id)
    poster = RecordingPoster()
    _post_today(bot, clock, poster, MONDAY_0800 + timedelta(hours=1))
    thread = "m" + str(len(poster.posts))
    question = bot.bank.get(
        bot.stores.channels.post(f"slack:T1:{channel_id}", "2026-01-05").question_id or ""
    )
    assert question is not None
    good = ". ".join(question.key_points)

    text, score, private = _answer(bot, channel_id, thread, good)
    assert private and score is not None and score >= 70 and f"Your answer: {score}/100" in text
    assert "Counted for 2026-01-05" in text and "Streak: 1 due day in a row" in text

    again, second, _ = _answer(bot, channel_id, thread, "no idea")
    assert "Feedback only" in again and f"({score}/100) is the one that counts" in again
    assert "does not change your score, your streak or the leaderboard" in again
    assert second is not None and second < score
    assert bot.stores.practice.totals("slack:ana").answered == 1  # practice history got it once, as daily
    assert bot.stores.practice.answered_today("slack:ana", clock.now(), "daily") == 1

    board = plaintext.render(run_handler(bot, message(channel_id, user="zoe"), Command.LEADERBOARD, "week"))
    assert "Ana" in board and str(score) in board


def test_a_second_answer_is_graded_for_feedback_but_changes_no_score_streak_or_board(
    bot: Prepbot, clock: FakeClock, channel_id: str
) -> None:
    """A weak first answer, then a perfect one: the perfect one is graded and shown, and counts for
    nothing (score, streak, leaderboard points, practice history all as after the first)."""
    _study_on(bot, channel_id)
    poster = RecordingPoster()
    _post_today(bot, clock, poster, MONDAY_0800 + timedelta(hours=1))
    thread = "m" + str(len(poster.posts))
    question = bot.bank.get(
        bot.stores.channels.post(f"slack:T1:{channel_id}", "2026-01-05").question_id or ""
    )
    assert question is not None

    def board() -> str:
        return plaintext.render(run_handler(bot, message(channel_id, user="zoe"), Command.LEADERBOARD, "all"))

    first_text, first, _ = _answer(bot, channel_id, thread, "no idea really")
    assert first is not None and "Counted for 2026-01-05" in first_text
    before = board()
    again, second, private = _answer(bot, channel_id, thread, ". ".join(question.key_points))
    assert private and second is not None and second > first  # graded, for feedback
    assert f"this one scores {second}/100" in again and "You covered" in again
    assert f"Your first answer for 2026-01-05 ({first}/100) is the one that counts" in again
    assert "Streak" not in again
    assert board() == before  # same points, same streak column
    assert [a.score for a in bot.stores.channels.answers(f"slack:T1:{channel_id}")] == [first]
    assert bot.stores.practice.totals("slack:ana").score_total == first


def test_thread_match_is_only_for_answers_in_daily_threads(
    bot: Prepbot, clock: FakeClock, channel_id: str
) -> None:
    _study_on(bot, channel_id)
    poster = RecordingPoster()
    _post_today(bot, clock, poster, MONDAY_0800 + timedelta(hours=2))
    thread = "m" + str(len(poster.posts))
    found = thread_match(bot.stores, message(channel_id, "graphs everywhere", thread=thread))
    assert found is not None and found.intent is Intent.DAILY and found.command is Command.ANSWER
    assert found.args == "graphs everywhere"
    for text in ("/prep leaderboard", "hint", "Leaderboard!", "  "):
        assert thread_match(bot.stores, message(channel_id, text, thread=thread)) is None
    assert thread_match(bot.stores, message(channel_id, "graphs", thread="other")) is None
    assert thread_match(bot.stores, message(channel_id, "graphs")) is None
    assert thread_match(bot.stores, message("ELSEWHERE", "graphs", thread=thread)) is None


def test_next_post_reveals_the_answer_and_who_got_it_and_streaks_skip_weekends(
    bot: Prepbot, clock: FakeClock, channel_id: str
) -> None:
    _study_on(bot, channel_id)
    poster = RecordingPoster()
    friday = datetime(2026, 1, 9, 9, 1, tzinfo=UTC)
    texts = []
    for day in range(5):  # Monday to Friday, Ana answers well every day, Bob only on Friday badly
        _post_today(bot, clock, poster, MONDAY_0800 + timedelta(days=day, hours=1, minutes=1))
        thread = "m" + str(len(poster.posts))
        key = f"slack:T1:{channel_id}"
        question = bot.bank.get(
            bot.stores.channels.post(key, clock.now().date().isoformat()).question_id or ""
        )
        assert question is not None
        texts.append(_answer(bot, channel_id, thread, ". ".join(question.key_points))[0])
        if clock.now() >= friday:
            _answer(bot, channel_id, thread, "no idea at all", user="bob")
    assert "Streak: 5 due days in a row" in texts[-1]
    monday = _post_today(bot, clock, poster, datetime(2026, 1, 12, 9, 0, tzinfo=UTC))
    assert monday in {q.text for q in bot.bank.questions}
    post = plaintext.render(poster.questions()[-1][1])
    assert "A model answer" in post and "Who got it (70+)" in post and "Ana" in post and "Bob" not in post
    digest = plaintext.render(next(r for _c, r, key in poster.posts if key.endswith("2026-01-12:digest")))
    assert "Weekly study digest" in digest and "1. Ana: 5 answered" in digest and "Study next" in digest
    assert len({p[1].sections[0].text for p in poster.questions()}) == 6  # six days, six different questions


def test_people_can_leave_the_leaderboard(bot: Prepbot, clock: FakeClock, channel_id: str) -> None:
    _study_on(bot, channel_id)
    poster = RecordingPoster()
    _post_today(bot, clock, poster, MONDAY_0800 + timedelta(hours=1))
    thread = "m" + str(len(poster.posts))
    _answer(bot, channel_id, thread, "alpha graphs clusters", user="ana")
    _answer(bot, channel_id, thread, "beta graphs clusters", user="bob")
    out = run_handler(bot, message(channel_id, user="bob"), Command.OPTOUT, "out")
    assert out.ephemeral and "off the leaderboards" in plaintext.render(out)
    board = plaintext.render(run_handler(bot, message(channel_id, user="ana"), Command.LEADERBOARD, "all"))
    assert "Ana" in board and "Bob" not in board
    run_handler(bot, message(channel_id, user="bob"), Command.OPTOUT, "in")
    board = plaintext.render(run_handler(bot, message(channel_id, user="ana"), Command.LEADERBOARD, "month"))
    assert "Bob" in board and "last 30 days" in board


def test_daily_in_a_study_channel_shows_todays_question(
    bot: Prepbot, clock: FakeClock, channel_id: str
) -> None:
    _study_on(bot, channel_id)
    early = plaintext.render(run_handler(bot, message(channel_id), None))
    assert "No question posted here yet today" in early and "Mon 09:00 UTC" in early
    poster = RecordingPoster()
    posted = _post_today(bot, clock, poster, MONDAY_0800 + timedelta(hours=1))
    shown = plaintext.render(run_handler(bot, message(channel_id), None))
    assert posted in shown and "thread" in shown


def test_daily_in_a_dm_is_the_same_question_for_everyone_that_day_and_gets_graded(
    bot: Prepbot, clock: FakeClock
) -> None:
    ana = run_handler(bot, message("D1", user="ana", direct=True), None)
    bob = run_handler(bot, message("D2", user="bob", direct=True), None)
    assert ana.sections[0].text == bob.sections[0].text and ana.intent is Intent.DAILY
    session = bot.stores.practice.get_session("slack:ana", "slack:T1:D1")
    assert session is not None and session.question_id is not None
    clock.advance(days=1)
    tomorrow = run_handler(bot, message("D1", user="ana", direct=True), None)
    assert tomorrow.sections[0].text != ana.sections[0].text
