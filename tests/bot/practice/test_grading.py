from __future__ import annotations

import pytest

from bot.practice.bank import QuestionBank
from bot.practice.grading import grade
from knowledge.model import KnowledgeBase, Question


def _q(bank: QuestionBank, qid: str) -> Question:
    question = bank.get(qid)
    assert question is not None
    return question


def test_a_good_answer_covers_the_key_points_and_misses_none(kb: KnowledgeBase, bank: QuestionBank) -> None:
    question = _q(bank, "compare:keras,pytorch:production")
    result = grade(
        question,
        "Keras is medium for production because it goes through the TF backend, while "
        "PyTorch is growing there with TorchServe and ONNX.",
        kb,
    )
    assert result.score >= 90
    assert result.covered == question.key_points and result.missed == ()
    assert result.feedback.startswith("Strong answer.")


def test_word_order_and_typos_do_not_hurt(kb: KnowledgeBase, bank: QuestionBank) -> None:
    question = _q(bank, "aspect:pytorch:deployment")
    clean = grade(question, "Export with TorchScript or ONNX.", kb).score
    assert grade(question, "ONNX or TorchScript is how you export it.", kb).score == clean
    assert grade(question, "You export with Torchscirpt or ONNX", kb).score >= clean - 10


def test_topic_aliases_count_as_the_topic(kb: KnowledgeBase, bank: QuestionBank) -> None:
    question = _q(bank, "aspect:keras:deployment")  # key point: "Same as TensorFlow"
    assert grade(question, "Exactly the same way as TF models are deployed.", kb).score >= 80


def test_aspect_aliases_count_as_the_aspect(kb: KnowledgeBase, bank: QuestionBank) -> None:
    question = _q(
        bank, "use_case:tensorflow"
    )  # key point "Enterprise production systems"; alias "ship to prod"
    with_alias = grade(question, "Enterprise systems that ship to prod, and mobile ML apps.", kb)
    without = grade(question, "Enterprise systems, and mobile ML apps.", kb)
    assert "Enterprise production systems" in with_alias.covered
    assert with_alias.score > without.score


def test_a_fact_told_of_the_wrong_topic_earns_nothing(kb: KnowledgeBase, bank: QuestionBank) -> None:
    question = _q(bank, "definition:pytorch")  # key point "Meta (Facebook)"
    right = grade(question, "It was developed by Meta.", kb)
    wrong = grade(question, "Keras was developed by Meta.", kb)
    assert "Meta (Facebook)" in right.covered
    assert "Meta (Facebook)" not in wrong.covered
    assert wrong.score < right.score


def test_a_name_tied_to_another_topic_is_called_out_and_costs_points(
    kb: KnowledgeBase, bank: QuestionBank
) -> None:
    question = _q(bank, "definition:pytorch")
    honest = grade(question, "PyTorch is a deep learning framework used in research.", kb)
    mixed = grade(question, "PyTorch is a deep learning framework by Google used in research.", kb)
    assert any("google" in m and "TensorFlow" in m for m in mixed.mixups)
    assert mixed.score < honest.score
    assert "mix-up" in mixed.feedback


def test_in_a_comparison_each_topic_keeps_its_own_facts(kb: KnowledgeBase, bank: QuestionBank) -> None:
    question = _q(bank, "compare:keras,pytorch:production")
    swapped = grade(question, "Keras has TorchServe and ONNX, PyTorch goes through the TF backend.", kb)
    assert swapped.score <= 20


@pytest.mark.parametrize(
    "answer", ["", "   ", "research", "PyTorch", "What is PyTorch and what is it used for?"]
)
def test_empty_one_word_and_copied_answers_score_low(
    kb: KnowledgeBase, bank: QuestionBank, answer: str
) -> None:
    assert grade(_q(bank, "definition:pytorch"), answer, kb).score <= 20


def test_grading_is_deterministic(kb: KnowledgeBase, bank: QuestionBank) -> None:
    question = _q(bank, "model_answer:keras,pytorch,tensorflow")
    answer = "TensorFlow for production, PyTorch for research, Keras on top of TensorFlow for simplicity."
    assert len({grade(question, answer, kb) for _ in range(5)}) == 1


def test_hostile_text_is_graded_not_crashed(kb: KnowledgeBase, bank: QuestionBank) -> None:
    question = _q(bank, "definition:tensorflow")
    for answer in ("\x00\u202e<@U1> @everyone %s {{x}}", "🙂" * 500, "a" * 40_000, "py\u200btorch"):
        result = grade(question, answer, kb)
        assert 0 <= result.score < 20, (answer[:20], result.score)  # graded as the nothing it says
    # the same noise around the model answer does not hide it
    noisy = "\x00\u202e<@U1> " + question.model_answer + " 🙂" * 50
    assert grade(question, noisy, kb).score >= 70


def test_a_rating_said_in_other_words_counts(kb: KnowledgeBase, bank: QuestionBank) -> None:
    easiest = _q(bank, "aspect:keras:ease_of_use")  # key point "Very High"
    assert grade(easiest, "Extremely easy, the most beginner-friendly of them all.", kb).score >= 80
    assert grade(easiest, "It is really hard to learn.", kb).score <= 20
    moderate = _q(bank, "aspect:tensorflow:ease_of_use")  # key point "Moderate"
    assert grade(moderate, "Moderately easy, harder than the high-level options.", kb).score >= 80
    compare = _q(bank, "compare:keras,tensorflow:ease_of_use")
    assert grade(compare, "One is easier than the other, it depends.", kb).score <= 20
    assert grade(compare, "Keras is very easy; TensorFlow is harder, moderate.", kb).score >= 80
