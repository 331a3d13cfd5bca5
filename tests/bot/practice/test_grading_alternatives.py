"""Issue 12: several model answers per curated question, and a hint read back earns nothing."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import knowledge
from bot import plaintext
from bot.app import Prepbot
from bot.practice.bank import QuestionBank
from bot.practice.grading import grade
from knowledge.questions import load_questions
from tests.conftest import Chat

BUNDLED = knowledge.load(None)
BANK = QuestionBank.build(BUNDLED)
# In the words of the curated alternative, not of the model answer or the key points.
OTHER_WORDS = {
    "pt-define-by-run": "There is no separate graph-building step: operations are recorded as they "
    "execute, so "
    "the model is plain Python; branches and loops can depend on the data and a breakpoint "
    "shows real values, which people trying out new ideas like.",
    "keras-what-is": "It's the friendly layer you write models in, not an engine: a backend does the number "
    "crunching. Chollet started it separately; TensorFlow now bundles it as tf.keras.",
}


def test_curated_alternatives_are_read_and_an_answer_in_their_words_is_not_punished() -> None:
    for qid, answer in OTHER_WORDS.items():
        question = BANK.get(qid)
        assert question is not None and question.alternatives, qid
        with_alternatives = grade(question, answer, BUNDLED)
        only_model = grade(replace(question, alternatives=()), answer, BUNDLED)
        assert with_alternatives.similarity >= only_model.similarity + 15, qid
        assert with_alternatives.score >= only_model.score + 10, qid


def test_alternatives_must_be_a_list_of_answers_reported_with_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "q.yaml"
    text = ""
    for qid, alternatives in (
        ("q1", "\n    - Another full answer.\n    - And one more."),
        ("q2", " 42"),
        ("q3", "\n    - ''"),
    ):
        text += (
            f"- id: {qid}\n  text: Why?\n  topics: [t]\n  aspect: null\n  difficulty: easy\n"
            f"  key_points: [one, two, three]\n  model_answer: Because.\n  alternatives:{alternatives}\n"
        )
    path.write_text(text, encoding="utf-8")
    questions, problems = load_questions([path], {"t"}, set())
    assert [q.id for q in questions] == ["q1"]
    assert questions[0].alternatives == ("Another full answer.", "And one more.")
    assert [(p.line, p.problem) for p in problems] == [
        (18, "alternatives must be a list of model answers (non-empty text)"),
        (26, "alternatives must be a list of model answers (non-empty text)"),
    ]
    assert all(p.path == str(path) for p in problems)


def test_reading_the_hint_back_in_a_mock_earns_nothing(practice_bot: Prepbot) -> None:
    chat = Chat(practice_bot)
    chat.click("mock:keras")
    session = practice_bot.stores.practice.get_session(chat.user.key, chat.channel.key)
    assert session is not None and session.question_id
    question = practice_bot.bank.get(session.question_id)
    assert question is not None
    hint = question.key_points[0]  # the second hint gives a cue for it (the first is the angle)
    assert "Hint 2 of" in plaintext.render((chat.say("hint"), chat.say("hint"))[1])
    unhinted = grade(question, hint + ".", practice_bot.kb)
    assert hint in unhinted.covered and unhinted.score > 0  # the same words, said unprompted, count
    graded = chat.say(hint + ".")
    assert graded.score == 0
    text = plaintext.render(graded)
    assert "You only repeated the hint." in text and "You covered\n" not in text
