"""Issue 12, contest: "I was right" (a word on the console, a button on Slack and Discord) records the
dispute for the team, re-rates the spaced-repetition card as a pass, and `prepbot disputes` lists it."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from click.testing import CliRunner
from sqlalchemy import select

from bot import plaintext
from bot.app import Prepbot
from bot.cli import main
from bot.practice.spaced import as_utc
from bot.storage.tables import practice_cards
from tests.conftest import Chat

WRONG = "It is a kind of spreadsheet for accountants."


def _due(bot: Prepbot, chat: Chat, question_id: str) -> datetime:
    with bot.stores.db.read() as conn:
        due = conn.execute(
            select(practice_cards.c.due).where(
                practice_cards.c.user_key == chat.user.key, practice_cards.c.question_id == question_id
            )
        ).scalar_one()
    return as_utc(due)


def _graded_badly(bot: Prepbot, chat: Chat) -> tuple[str, int]:
    chat.click("mock:keras")
    session = bot.stores.practice.get_session(chat.user.key, chat.channel.key)
    assert session is not None and session.question_id
    graded = chat.say(WRONG)
    assert graded.score is not None and graded.score < 40
    assert "contest" in [b.action for b in graded.buttons]  # the button Slack and Discord render
    return session.question_id, graded.score


def test_i_was_right_records_the_dispute_and_rerates_the_card(practice_bot: Prepbot, db_url: str) -> None:
    chat = Chat(practice_bot)
    question_id, score = _graded_badly(practice_bot, chat)
    now = practice_bot.clock.now()
    assert _due(practice_bot, chat, question_id) <= as_utc(now) + timedelta(
        hours=1
    )  # failed: back in minutes
    reply = chat.say("I was right")
    text = plaintext.render(reply)
    assert f"your {score}/100" in text and "marked for the team to review" in text and WRONG in text
    assert _due(practice_bot, chat, question_id) >= as_utc(now) + timedelta(days=1)  # re-rated as a pass
    again = plaintext.render(chat.say("I was right"))
    assert "no grade here to contest" in again  # recorded once
    listed = CliRunner().invoke(main, ["disputes", "--json", "--db", db_url])
    assert listed.exit_code == 0, listed.output
    rows = json.loads(listed.output)
    assert [(r["user"], r["question_id"], r["score"], r["answer"]) for r in rows] == [
        (chat.user.key, question_id, score, WRONG)
    ]
    assert rows[0]["disputed_at"] is not None


def test_the_button_contests_and_only_the_last_grade_in_that_place(
    practice_bot: Prepbot, db_url: str
) -> None:
    chat = Chat(practice_bot)
    _graded_badly(practice_bot, chat)
    chat.say("next")
    second = practice_bot.stores.practice.get_session(chat.user.key, chat.channel.key)
    assert second is not None and second.question_id
    chat.say("Another wrong answer about cooking pasta.")
    reply = chat.click("contest")
    assert "Another wrong answer about cooking pasta." in plaintext.render(reply)
    other = Chat(practice_bot, user="bo", channel="dm-bo")
    assert "no grade here to contest" in plaintext.render(other.click("contest"))
    listed = json.loads(CliRunner().invoke(main, ["disputes", "--json", "--db", db_url]).output)
    assert [r["question_id"] for r in listed] == [second.question_id]
    table = CliRunner().invoke(main, ["disputes", "--db", db_url])
    assert "1 disputed grade." in table.output and second.question_id in table.output


def test_contest_without_a_grade_says_so(practice_bot: Prepbot) -> None:
    reply = Chat(practice_bot).say("contest")
    assert "no grade here to contest" in plaintext.render(reply)
