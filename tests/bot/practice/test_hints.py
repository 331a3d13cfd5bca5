"""The hint ladder (issue 14), read as a user would: the angle first, then partial cues, never the key
point; the grade says how many hints were used. On SQLite and PostgreSQL (the `chat` fixture)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot import plaintext
from bot.app import Prepbot
from bot.practice.bank import QuestionBank
from bot.practice.hints import hint, levels, reveals
from bot.practice.lint import lint
from knowledge.model import KnowledgeBase, Question
from tests.conftest import Chat

REALDOCS = Path(__file__).resolve().parents[4] / "shared" / "realdocs"


def _asked(prepbot: Prepbot, chat: Chat) -> Question:
    session = prepbot.stores.practice.get_session(chat.user.key, chat.channel.key)
    assert session is not None and session.question_id
    question = prepbot.bank.get(session.question_id)
    assert question is not None
    return question


def test_mock_asks_like_an_interviewer_and_hints_climb_a_ladder(prepbot: Prepbot, chat: Chat) -> None:
    shown = plaintext.render(chat.say("mock pytorch"))
    question = _asked(prepbot, chat)
    assert question.text in shown and "pytorch" in question.topics
    assert lint([question], prepbot.kb) == []  # not "How does PyTorch handle community?"
    assert "handle" not in question.text
    first = plaintext.render(chat.say("hint"))
    assert f"Hint 1 of {levels(question)}: Think about" in first
    second = plaintext.render(chat.say("hint"))
    assert f"Hint 2 of {levels(question)}: One point" in second and "starting" in second
    for text in (first, second):
        hint_line = next(line for line in text.splitlines() if line.startswith("Hint "))
        assert not any(reveals(hint_line, point) for point in question.key_points), hint_line
    graded = chat.say(". ".join(question.key_points) + ".")
    assert graded.score is not None and "Hints used: 2." in plaintext.render(graded)


def test_the_ladder_ends_and_says_so(prepbot: Prepbot, chat: Chat) -> None:
    chat.say("mock keras")
    question = _asked(prepbot, chat)
    for _ in range(levels(question)):
        assert "Hint " in plaintext.render(chat.say("hint"))
    assert "No more hints" in plaintext.render(chat.say("hint"))
    session = prepbot.stores.practice.get_session(chat.user.key, chat.channel.key)
    assert session is not None and session.hints == levels(question)


def test_no_hint_in_the_bundled_bank_gives_a_key_point_away(prepbot: Prepbot) -> None:
    _no_hint_reveals(prepbot.kb, prepbot.bank)


@pytest.mark.parametrize("folder", sorted(p.name for p in REALDOCS.iterdir() if p.is_dir()))
def test_no_hint_on_real_notes_gives_a_key_point_away(folder: str) -> None:
    import knowledge

    kb = knowledge.load(REALDOCS / folder)
    _no_hint_reveals(kb, QuestionBank.build(kb))


def _no_hint_reveals(kb: KnowledgeBase, bank: QuestionBank) -> None:
    assert bank.questions
    for question in bank.questions[:400]:
        ladder = [hint(question, level, kb) for level in range(1, levels(question) + 1)]
        assert all(ladder) and hint(question, levels(question) + 1, kb) == ""
        for text in ladder:
            for point in question.key_points:
                assert not reveals(text, point), (question.id, text, point)


def test_the_angle_and_cues_are_about_the_question() -> None:
    question = Question(
        "aspect:alpha:deployment",
        "What should someone know about deployment before choosing Alpha?",
        ("alpha",),
        "deployment",
        "medium",
        ("runs on phones and small boards", "Ships as one binary"),
        "Alpha runs on phones and small boards and ships as one binary.",
        "aspect",
    )
    assert levels(question) == 3
    assert hint(question, 1) == "Think about deployment: what a team using alpha would notice first."
    assert hint(question, 2) == "One point on deployment has 4 key words, starting r… p… s… b…."
    assert hint(question, 3) == "One point on deployment has 3 key words, starting S… o… b…."
    assert hint(question, 0) == hint(question, 4) == ""


def test_reveals_means_two_content_words_in_a_row_or_the_only_one() -> None:
    assert reveals("a good answer mentions strong support for NLP", "strong support for NLP")
    assert reveals("think about the phones it runs on", "phones")
    assert not reveals("think about how it runs on small devices", "runs well on phones")
    assert not reveals("starting s… s… N…", "strong support for NLP")
