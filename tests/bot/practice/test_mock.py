"""Mock interviews through the real Prepbot, read as the person would read the replies."""

from __future__ import annotations

from dataclasses import replace

from bot import plaintext
from bot.app import Prepbot
from bot.intents import Intent
from bot.messages import Reply
from tests.conftest import Chat, FakeClock

GOOD = {
    "definition:pytorch": "PyTorch is a flexible deep learning framework from Meta, used for research and "
    "experimentation and for NLP with HuggingFace Transformers.",
}


def _question_id(bot: Prepbot, chat: Chat) -> str:
    session = bot.stores.practice.get_session(chat.user.key, chat.channel.key)
    assert session is not None and session.question_id
    return session.question_id


def _text(reply: Reply) -> str:
    return plaintext.render(reply)


def _answer_well(bot: Prepbot, chat: Chat) -> Reply:
    question = bot.bank.get(_question_id(bot, chat))
    assert question is not None
    return chat.say(". ".join(question.key_points) + ".")


def test_mock_asks_a_question_with_topic_difficulty_and_buttons(practice_bot: Prepbot) -> None:
    chat = Chat(practice_bot)
    reply = chat.say("mock pytorch")
    question = practice_bot.bank.get(_question_id(practice_bot, chat))
    assert question is not None and "pytorch" in question.topics
    text = _text(reply)
    assert question.text in text and "PyTorch" in text and question.difficulty in text
    assert reply.intent is Intent.MOCK and not reply.ephemeral and not reply.start_thread  # a DM
    assert [b.action for b in reply.buttons] == ["hint", "skip", f"model_answer:{question.id}", "stop"]


def test_the_next_message_is_graded_with_score_covered_missed_and_model_answer(practice_bot: Prepbot) -> None:
    chat = Chat(practice_bot)
    chat.say("mock pytorch")
    question = practice_bot.bank.get(_question_id(practice_bot, chat))
    assert question is not None
    reply = chat.say(f"{question.key_points[0]}.")
    text = _text(reply)
    assert reply.intent is Intent.GRADE and reply.ephemeral and reply.score is not None
    assert f"Score: {reply.score}/100" in text
    assert "You covered" in text and question.key_points[0] in text
    if len(question.key_points) > 1:
        assert "You missed" in text
    assert "Model answer" in text and "say next" in text.lower()
    assert reply.buttons[0].action == "next"
    assert practice_bot.stores.practice.totals(chat.user.key).answered == 1


def test_hint_reveals_one_missing_point_at_a_time_and_costs_points(practice_bot: Prepbot) -> None:
    chat = Chat(practice_bot)
    chat.click("mock:keras")
    question = practice_bot.bank.get(_question_id(practice_bot, chat))
    assert question is not None
    first = chat.say("hint")  # the ladder (bot/practice/hints.py): the angle, then a partial cue
    assert first.ephemeral and "Hint 1 of" in _text(first) and question.key_points[0] not in _text(first)
    assert "Hint 2 of" in _text(chat.click("hint"))
    used = practice_bot.stores.practice.get_session(chat.user.key, chat.channel.key)
    assert used is not None and used.hints == 2
    graded = _answer_well(practice_bot, chat)
    assert graded.score is not None and graded.score <= 100 - 10 * used.hints
    assert "Hints used: 2." in _text(graded)


def test_skip_and_next_move_on_to_a_different_question(practice_bot: Prepbot) -> None:
    chat = Chat(practice_bot)
    chat.say("mock tensorflow")
    first = _question_id(practice_bot, chat)
    chat.say("skip")
    second = _question_id(practice_bot, chat)
    _answer_well(practice_bot, chat)
    reply = chat.click("next")
    third = _question_id(practice_bot, chat)
    assert len({first, second, third}) == 3
    assert reply.title.startswith("Question 3")


def test_stop_ends_with_a_summary(practice_bot: Prepbot) -> None:
    chat = Chat(practice_bot)
    chat.say("mock pytorch")
    _answer_well(practice_bot, chat)
    chat.say("next")
    chat.say("no idea honestly")
    chat.say("next")
    reply = chat.say("stop")
    text = _text(reply)
    assert "Questions asked: 3" in text and "Answered: 2" in text
    assert "Average score:" in text and "Weakest:" in text
    assert practice_bot.stores.practice.get_session(chat.user.key, chat.channel.key) is None
    after = chat.say("some statement about graphs")  # no session any more: not graded
    assert after.intent is not Intent.GRADE


def test_an_explicit_question_during_a_session_is_answered_not_graded(practice_bot: Prepbot) -> None:
    chat = Chat(practice_bot)
    chat.say("mock pytorch")
    pending = _question_id(practice_bot, chat)
    reply = chat.say("what is keras?")
    assert reply.intent is Intent.EXPLAIN
    assert _question_id(practice_bot, chat) == pending
    assert practice_bot.stores.practice.totals(chat.user.key).answered == 0


def test_an_answer_that_lists_things_with_and_is_graded_not_read_as_an_unknown_name(
    practice_bot: Prepbot, clock: FakeClock
) -> None:
    """The curated TensorBoard question, pinned: its key points joined ("... like loss and accuracy.
    ... Compare experiment runs.") are a statement, so inside the mock they are the answer, not a
    compare of an unknown name read as a question ("Sorry, I didn't get that")."""
    chat = Chat(practice_bot)
    chat.say("mock tensorflow")
    store = practice_bot.stores.practice
    session = store.get_session(chat.user.key, chat.channel.key)
    assert session is not None
    store.update_session(session, replace(session, question_id="curated:tensorboard"), clock.now())
    asked = chat.say("what about jax?")  # a question naming something the notes lack is still one
    assert asked.intent is Intent.UNKNOWN and store.totals(chat.user.key).answered == 0
    reply = _answer_well(practice_bot, chat)
    assert reply.intent is Intent.GRADE and reply.score is not None and reply.score >= 90
    assert "I read that as your answer" in _text(reply)
    assert store.totals(chat.user.key).answered == 1


def test_show_model_answer_ends_the_question(practice_bot: Prepbot) -> None:
    chat = Chat(practice_bot)
    chat.say("mock keras")
    qid = _question_id(practice_bot, chat)
    question = practice_bot.bank.get(qid)
    assert question is not None
    reply = chat.click(f"model_answer:{qid}")
    assert question.model_answer in _text(reply) and reply.ephemeral
    pasted = chat.say(question.model_answer)
    assert pasted.score is None and "next" in _text(pasted).lower()
    assert practice_bot.stores.practice.totals(chat.user.key).answered == 0


def test_a_mock_in_a_public_channel_opens_a_thread_and_lives_there(practice_bot: Prepbot) -> None:
    channel = Chat(practice_bot, user="ana", channel="C-team", platform="slack", direct=False)
    reply = channel.say("mock pytorch")
    assert reply.start_thread
    in_thread = Chat(
        practice_bot, user="ana", channel="C-team", platform="slack", direct=False, thread="1700000000.000100"
    )
    graded = _answer_well(practice_bot, in_thread)
    assert graded.intent is Intent.GRADE
    session = practice_bot.stores.practice.get_session(in_thread.user.key, in_thread.channel.key)
    assert session is not None and session.thread == "1700000000.000100"
    elsewhere = Chat(
        practice_bot, user="ana", channel="C-team", platform="slack", direct=False, thread="other"
    )
    assert elsewhere.say("I think it is about graphs").intent is not Intent.GRADE


def test_two_people_in_one_channel_never_answer_each_others_question(practice_bot: Prepbot) -> None:
    ana = Chat(practice_bot, user="ana", channel="C-team", platform="slack", direct=False, thread="T1")
    bo = Chat(practice_bot, user="bo", channel="C-team", platform="slack", direct=False, thread="T1")
    ana.say("mock keras")
    assert bo.say("Keras is for rapid prototyping").intent is not Intent.GRADE
    assert practice_bot.stores.practice.totals(bo.user.key).answered == 0
    assert _answer_well(practice_bot, ana).intent is Intent.GRADE


def test_review_serves_due_questions_weakest_first_within_the_daily_cap(
    practice_bot: Prepbot, clock: FakeClock
) -> None:
    chat = Chat(practice_bot)
    chat.say("mock tensorflow")
    answered: dict[str, int] = {}
    for index in range(5):
        qid = _question_id(practice_bot, chat)
        reply = chat.say("no clue") if index % 2 else _answer_well(practice_bot, chat)
        assert reply.score is not None
        answered[qid] = reply.score
        chat.say("next")
    chat.say("stop")
    clock.advance(days=30)
    first = chat.say("review")
    assert "3 questions due" in _text(first)  # five are due; the fixture's daily cap is 3
    served: list[str] = []
    for _ in range(3):
        served.append(_question_id(practice_bot, chat))
        assert chat.say("I would have to look that up").intent is Intent.GRADE
        last = chat.say("next")
    assert "every question" in last.title
    scores = [answered[q] for q in served]
    assert scores == sorted(scores) and scores[0] == min(answered.values())  # weakest first
    assert "today's 3 reviews" in _text(chat.say("review"))
    clock.advance(days=1)
    assert "due" in _text(chat.say("review"))  # a new day, a new allowance


def test_progress_shows_averages_due_and_streak(practice_bot: Prepbot, clock: FakeClock) -> None:
    chat = Chat(practice_bot)
    for _day in range(3):
        chat.say("mock pytorch")
        _answer_well(practice_bot, chat)
        chat.say("stop")
        clock.advance(days=1)
    clock.advance(hours=-1)
    text = _text(chat.click("progress"))
    assert "Answered: 3" in text and "Streak: 3 days" in text
    assert "By topic" in text and "PyTorch" in text and "Due for review" in text
