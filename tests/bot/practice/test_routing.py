from __future__ import annotations

import pytest

from bot.app import Prepbot
from bot.intents import Command, Intent, Match
from bot.routing import from_action, route
from tests.conftest import Chat


@pytest.mark.parametrize(
    ("action", "expected"),
    [
        ("mock", Match(Intent.MOCK, confidence=100, command=Command.START, explicit=True)),
        (
            "mock:keras",
            Match(Intent.MOCK, topics=("keras",), confidence=100, command=Command.START, explicit=True),
        ),
        ("hint", Match(Intent.MOCK, confidence=100, command=Command.HINT, explicit=True)),
        ("skip", Match(Intent.MOCK, confidence=100, command=Command.SKIP, explicit=True)),
        ("next", Match(Intent.MOCK, confidence=100, command=Command.NEXT, explicit=True)),
        ("stop", Match(Intent.MOCK, confidence=100, command=Command.STOP, explicit=True)),
        ("review", Match(Intent.MOCK, confidence=100, command=Command.REVIEW, explicit=True)),
        ("progress", Match(Intent.MOCK, confidence=100, command=Command.PROGRESS, explicit=True)),
        (
            "model_answer:compare:keras,pytorch:production",
            Match(
                Intent.MOCK,
                confidence=100,
                command=Command.MODEL_ANSWER,
                args="compare:keras,pytorch:production",
                explicit=True,
            ),
        ),
        ("explain:pytorch", Match(Intent.EXPLAIN, topics=("pytorch",), confidence=100, explicit=True)),
        (
            "compare:keras,pytorch,tensorflow",
            Match(Intent.COMPARE, topics=("keras", "pytorch", "tensorflow"), confidence=100, explicit=True),
        ),
        ("daily", Match(Intent.DAILY, confidence=100, explicit=True)),
    ],
)
def test_button_actions_follow_the_shared_grammar(action: str, expected: Match) -> None:
    assert from_action(action) == expected


def test_an_unknown_action_is_unknown_not_an_error() -> None:
    assert from_action("self-destruct:now").intent is Intent.UNKNOWN


def test_a_statement_in_a_session_is_an_answer_and_a_command_is_obeyed(practice_bot: Prepbot) -> None:
    chat = Chat(practice_bot)
    assert route(practice_bot, chat.message("Research and NLP mostly")).intent is Intent.UNKNOWN
    chat.click("mock:pytorch")
    answer = route(practice_bot, chat.message("Research and NLP mostly"))
    assert answer.intent is Intent.GRADE and answer.args == "Research and NLP mostly"
    assert answer.topics == ("pytorch",)
    assert route(practice_bot, chat.message("hint")).command is Command.HINT
    assert route(practice_bot, chat.message("compare keras and pytorch")).intent is Intent.COMPARE
    assert route(practice_bot, chat.message(action="stop")).command is Command.STOP


def test_a_session_is_per_person(practice_bot: Prepbot) -> None:
    Chat(practice_bot, user="ana", channel="C1", direct=False).click("mock")
    other = Chat(practice_bot, user="bo", channel="C1", direct=False)
    assert route(practice_bot, other.message("Research and NLP mostly")).intent is not Intent.GRADE


def test_an_answer_in_a_daily_question_thread_goes_to_the_daily_handler_first(practice_bot: Prepbot) -> None:
    from datetime import timedelta

    from bot.storage.channels import QUESTION, PostClaim

    channels, now = practice_bot.stores.channels, practice_bot.clock.now()
    in_channel = Chat(practice_bot, user="ana", channel="C-study", platform="slack", direct=False)
    in_thread = Chat(
        practice_bot,
        user="ana",
        channel="C-study",
        platform="slack",
        direct=False,
        thread="1700000000.000200",
    )
    key = in_channel.channel.key
    channels.claim([PostClaim(key, "2026-01-05", QUESTION, "definition:keras", now)], now)
    assert channels.take(key, "2026-01-05", QUESTION, "test", now, timedelta(minutes=5)) is not None
    channels.mark_sent(key, "2026-01-05", QUESTION, "1700000000.000200", now)
    in_channel.say("mock pytorch")  # a practice session in the same channel as well
    match = route(practice_bot, in_thread.message("Keras is for rapid prototyping"))
    assert match.intent is Intent.DAILY and match.command is Command.ANSWER
    assert route(practice_bot, in_channel.message("Research and NLP mostly")).intent is Intent.GRADE
