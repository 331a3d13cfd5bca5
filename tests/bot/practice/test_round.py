"""Practice that explains itself, follow-ups, and answers pinned to their question: through the real
Prepbot (SQLite and PostgreSQL, the `db_url` legs), read as the person reads the replies."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot import plaintext
from bot.app import Prepbot
from bot.context import Context
from bot.intents import Intent
from bot.messages import Reply
from bot.practice import grade as grade_handler
from bot.practice import sessions
from bot.practice.grading import grade
from bot.practice.replies import when
from bot.routing import route
from bot.storage.practice import SessionMoved
from tests.conftest import Chat, FakeClock


def _text(reply: Reply) -> str:
    return plaintext.render(reply)


def _pending(bot: Prepbot, chat: Chat) -> str:
    session = bot.stores.practice.get_session(chat.user.key, chat.channel.key)
    assert session is not None and session.question_id
    return session.question_id


def _partly(bot: Prepbot, chat: Chat) -> Reply:
    """Start mock interviews until one question has 3+ key points, then answer all but the last."""
    for _ in range(6):
        question = bot.bank.get(_pending(bot, chat))
        assert question is not None
        if len(question.key_points) >= 3:
            reply = chat.say(". ".join(question.key_points[:-1]) + ".")
            assert reply.score is not None and 35 <= reply.score < 80, _text(reply)
            return reply
        chat.say("next")
    raise AssertionError("no question with three key points")


# -- review that explains itself ----------------------------------------------------------------
def test_nothing_due_says_when_the_next_review_comes_and_how_many(
    practice_bot: Prepbot, clock: FakeClock
) -> None:
    chat = Chat(practice_bot)
    first = _text(chat.say("review"))
    assert "Nothing is due now" in first and "nothing is waiting for review yet" in first
    chat.say("mock tensorflow")
    chat.say("no clue at all")
    chat.say("next")
    chat.say("I really don't know")
    chat.say("stop")
    text = _text(chat.say("review"))  # two answers scored 0: back in ten minutes
    assert "Nothing is due now — your next review is in 10 minutes (2 questions)." in text
    clock.advance(minutes=11)
    assert "2 questions due" in _text(chat.say("review"))


def test_when_reads_like_a_person_says_it() -> None:
    now = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    assert when(now + timedelta(minutes=10), now) == "in 10 minutes"
    assert when(datetime(2026, 1, 5, 15, 40, tzinfo=UTC), now) == "today at 15:40 UTC"
    assert when(datetime(2026, 1, 6, 9, 10, tzinfo=UTC), now) == "tomorrow at 09:10 UTC"
    assert when(datetime(2026, 1, 9, 9, 10, tzinfo=UTC), now) == "on Fri 9 Jan at 09:10 UTC"


def test_a_passed_answer_comes_back_on_a_later_day(practice_bot: Prepbot) -> None:
    chat = Chat(practice_bot)
    chat.say("mock pytorch")
    question = practice_bot.bank.get(_pending(practice_bot, chat))
    assert question is not None
    graded = chat.say(question.model_answer)
    assert graded.score is not None and graded.score >= 60  # a pass: back in days
    chat.say("stop")
    text = _text(chat.say("review"))
    assert "Nothing is due now — your next review is " in text and "(1 question)." in text
    assert "in 10 minutes" not in text and " at 09:00 UTC" in text


def test_skip_shows_the_model_answer_and_brings_the_question_back_soon(
    practice_bot: Prepbot, clock: FakeClock
) -> None:
    chat = Chat(practice_bot)
    chat.say("mock keras")
    skipped = practice_bot.bank.get(_pending(practice_bot, chat))
    assert skipped is not None
    reply = chat.say("skip")
    text = _text(reply)
    assert "Skipped" in text and skipped.text in text and skipped.model_answer in text
    assert "It comes back for review in 10 minutes." in text
    assert reply.title.startswith("Question 2") and _pending(practice_bot, chat) != skipped.id
    assert practice_bot.stores.practice.totals(chat.user.key).answered == 0  # a skip is not an answer
    chat.say("stop")
    clock.advance(minutes=11)
    chat.say("review")
    assert _pending(practice_bot, chat) == skipped.id


def test_a_strong_score_is_never_called_the_weakest(practice_bot: Prepbot) -> None:
    chat = Chat(practice_bot)
    chat.say("mock pytorch")
    question = practice_bot.bank.get(_pending(practice_bot, chat))
    for _ in range(20):  # skip to a question whose model answer states every key point
        assert question is not None
        if grade(question, question.model_answer, practice_bot.kb).score >= 80:
            break
        chat.say("skip")
        question = practice_bot.bank.get(_pending(practice_bot, chat))
    assert question is not None
    graded = chat.say(question.model_answer)
    assert graded.score is not None and graded.score >= 80
    text = _text(chat.say("stop"))
    assert "Answered: 1" in text and "Weakest" not in text
    assert sessions.weakest_aspects([("execution_mode", "pytorch", 100)]) == []
    assert sessions.weakest_aspects([("a", "x", 100), ("b", "x", 30)]) == [("b", 30.0)]


def test_show_model_answer_prints_its_heading_once(practice_bot: Prepbot) -> None:
    chat = Chat(practice_bot)
    chat.say("mock keras")
    question = practice_bot.bank.get(_pending(practice_bot, chat))
    assert question is not None
    text = _text(chat.say("show model answer"))
    assert text.count("Model answer") == 1 and question.model_answer in text


def test_the_console_question_of_the_day_is_answered_once(chat: Chat) -> None:
    asked = chat.say("daily")
    assert asked.intent is Intent.DAILY and "Question of the day" in asked.title
    first = chat.say("It is a framework for building and training neural networks on GPUs.")
    assert first.intent is Intent.GRADE and first.score is not None
    again = _text(chat.say("daily"))
    assert f"You've answered today's question ({first.score}/100)" in again
    assert "A new one comes tomorrow" in again
    retry = chat.say("It is a framework for building and training neural networks on GPUs.")
    assert retry.score is None
    assert chat.bot.stores.practice.totals(chat.user.key).answered == 1


def test_the_question_of_the_day_cannot_be_answered_for_credit_after_its_model_answer(chat: Chat) -> None:
    chat.say("daily")
    shown = _text(chat.say("show model answer"))
    assert "Model answer" in shown
    again = _text(chat.say("daily"))
    assert "You've seen the model answer for today's question, so it can't be graded now." in again
    pasted = chat.say("It is a framework for building and training neural networks on GPUs.")
    assert pasted.score is None and chat.bot.stores.practice.totals(chat.user.key).answered == 0


# -- follow-ups ---------------------------------------------------------------------------------
def test_a_partly_right_answer_offers_a_follow_up_graded_on_its_own(practice_bot: Prepbot) -> None:
    chat = Chat(practice_bot)
    chat.say("mock tensorflow")
    graded = _partly(practice_bot, chat)
    session = practice_bot.stores.practice.get_session(chat.user.key, chat.channel.key)
    assert session is not None
    question = practice_bot.bank.get(session.asked_ids[-1])
    assert question is not None
    text = _text(graded)
    assert "Want a follow-up on what you missed? Say follow up." in text
    assert [b.action for b in graded.buttons][:2] == ["next", "followup"]
    followup = chat.say("follow up")
    shown = _text(followup)
    assert (
        followup.title == "Follow-up"
        and shown.count("Follow-up") == 1
        and "You didn't mention" in shown
        and question.text in shown
    )
    missed = question.key_points[-1]
    answer = chat.say(f"It also comes down to {missed}, which is why teams rely on it there.")
    answered = _text(answer)
    assert answer.intent is Intent.GRADE and answer.score is not None and answer.score >= 45
    assert f"On what you missed: {missed}" in answered
    assert f"You covered\n• {missed}" in answered and "You missed" not in answered  # graded on that point
    assert "contest" not in [b.action for b in answer.buttons]
    totals = practice_bot.stores.practice.totals(chat.user.key)
    assert totals.answered == 1 and totals.score_total == graded.score  # the follow-up is on its own
    assert "Want a follow-up" not in answered  # one follow-up, not a chain


def test_follow_ups_always_and_never_are_kept_per_person(practice_bot: Prepbot) -> None:
    ana, bo = Chat(practice_bot, user="ana"), Chat(practice_bot, user="bo", channel="dm-bo")
    assert "Follow-ups: always." in _text(ana.say("/prep followups always"))
    assert "Follow-ups: never." in _text(bo.say("follow-ups never"))
    assert "set to always" in _text(ana.say("followups"))
    ana.say("mock tensorflow")
    at_once = _text(_partly(practice_bot, ana))
    assert "You didn't mention" in at_once and "Answer the follow-up" in at_once
    session = practice_bot.stores.practice.get_session(ana.user.key, ana.channel.key)
    assert session is not None and session.followup is not None and session.question_id is not None
    bo.say("mock tensorflow")
    plain = _text(_partly(practice_bot, bo))
    assert "follow-up" not in plain.lower()
    assert practice_bot.stores.practice.get_session(bo.user.key, bo.channel.key).offer is None  # type: ignore[union-attr]


# -- an answer is graded against the question it was routed to ----------------------------------
def test_an_answer_routed_before_a_next_is_not_graded_against_the_new_question(
    practice_bot: Prepbot,
) -> None:
    chat = Chat(practice_bot)
    chat.say("mock keras")
    message = chat.message("Keras is a high-level API for building models quickly.")
    match = route(practice_bot, message)
    assert match.intent is Intent.GRADE and match.pinned
    chat.say("next")  # a concurrent `next` puts another question first
    ctx = Context(
        message=message,
        match=match,
        kb=practice_bot.kb,
        stores=practice_bot.stores,
        clock=practice_bot.clock,
        settings=practice_bot.settings,
        matcher=practice_bot.matcher,
        questions=lambda: practice_bot.bank,
    )
    try:
        grade_handler.handle(ctx)
    except SessionMoved:
        pass
    else:
        raise AssertionError("graded against a question it was not written for")
    assert practice_bot.stores.practice.totals(chat.user.key).answered == 0


def test_forget_me_also_forgets_rounds_settings_and_the_question_of_the_day(practice_bot: Prepbot) -> None:
    from sqlalchemy import func, select

    from bot.storage.round_tables import practice_daily, practice_prefs, practice_round_items, practice_rounds

    chat = Chat(practice_bot)
    chat.say("followups never")
    chat.say("daily")
    chat.say("mock interview 3 hard")
    chat.say("skip")
    tables = (practice_rounds, practice_round_items, practice_prefs, practice_daily)

    def rows() -> list[int]:
        with practice_bot.stores.db.read() as conn:
            return [
                int(
                    conn.execute(
                        select(func.count()).select_from(t).where(t.c.user_key == chat.user.key)
                    ).scalar_one()
                )
                for t in tables
            ]

    assert all(rows())
    chat.say("/prep forget me")
    chat.say("yes, forget me")
    assert rows() == [0, 0, 0, 0]
