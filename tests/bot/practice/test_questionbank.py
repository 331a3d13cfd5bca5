from __future__ import annotations

from collections import Counter

from bot.practice.bank import QuestionBank
from knowledge.model import KnowledgeBase
from tests.bot.practice.kbs import DB_CURATED, databases_kb, seed_kb

KINDS = {"definition", "aspect", "compare", "use_case", "pick", "model_answer", "curated"}


def test_every_kind_of_question_is_generated_with_readable_stable_ids(bank: QuestionBank) -> None:
    assert {q.kind for q in bank.questions} == KINDS
    deployment = bank.get("aspect:pytorch:deployment")
    assert deployment is not None and deployment.text == "How does PyTorch handle deployment?"
    assert "TorchScript, ONNX" in deployment.key_points
    production = bank.get("compare:keras,pytorch:production")
    assert production is not None and production.text == "Compare Keras and PyTorch for production."
    assert production.key_points == ("Keras: Medium (via TF backend)", "PyTorch: Growing (TorchServe, ONNX)")
    assert production.difficulty == "medium"
    everything = bank.get("compare:keras,pytorch,tensorflow:production")
    assert everything is not None and everything.difficulty == "hard"
    definition = bank.get("definition:keras")
    assert definition is not None and definition.text == "What is Keras and what is it used for?"
    assert "Rapid prototyping" in definition.key_points
    assert bank.get("model_answer:keras,pytorch,tensorflow") is not None
    assert bank.get("curated:onnx-export") is not None


def test_every_question_has_key_points_and_a_model_answer(bank: QuestionBank) -> None:
    for question in bank.questions:
        assert question.key_points, question.id
        assert question.model_answer, question.id
        assert question.difficulty in ("easy", "medium", "hard")
        assert all(t in ("tensorflow", "keras", "pytorch") for t in question.topics)


def test_ids_are_unique_and_the_same_on_every_build(kb: KnowledgeBase) -> None:
    first, second = QuestionBank.build(kb), QuestionBank.build(seed_kb(kb.questions))
    ids = [q.id for q in first.questions]
    assert len(ids) == len(set(ids))
    assert ids == [q.id for q in second.questions]
    assert [q.key_points for q in first.questions] == [q.key_points for q in second.questions]


def test_model_answer_key_points_leave_out_first_person_experience(bank: QuestionBank) -> None:
    question = bank.get("model_answer:keras,pytorch,tensorflow")
    assert question is not None
    assert "PyTorch is more intuitive and flexible for research" in question.key_points
    assert not any(point.startswith("I") for point in question.key_points)


def test_a_document_on_other_topics_needs_no_code_change() -> None:
    bank = QuestionBank.build(databases_kb(DB_CURATED))
    kinds = Counter(q.kind for q in bank.questions)
    assert kinds["definition"] == 7 and kinds["use_case"] == 7 and kinds["pick"] == 7
    assert kinds["model_answer"] == 9 and kinds["curated"] == 5
    assert kinds["compare"] == (21 + 1) * 5  # every pair and all seven, per table row
    redis = bank.get("aspect:redis:data_model")
    assert redis is not None and "Key-value data structures" in redis.key_points
    pick = bank.get("pick:redis")
    assert pick is not None and pick.text == "When would you pick Redis over the alternatives?"
    assert "Caching and real-time counters" in pick.key_points


def test_filter_by_topic_difficulty_and_aspect(bank: QuestionBank) -> None:
    on_keras = bank.filter(["keras"])
    assert on_keras and all("keras" in q.topics for q in on_keras)
    assert all(q.difficulty == "hard" for q in bank.filter(difficulty="hard"))
    deployment = bank.filter(["pytorch"], aspect="deployment")
    assert {q.id for q in deployment} >= {"aspect:pytorch:deployment", "compare:keras,pytorch:deployment"}
    assert bank.filter() == list(bank.questions)
    assert bank.get("no-such-question") is None


def test_curated_questions_without_key_points_are_left_out(kb: KnowledgeBase) -> None:
    from tests.bot.practice.kbs import curated

    empty = curated("curated:empty", "Say anything", ("keras",), (), "")
    bank = QuestionBank.build(seed_kb((*kb.questions, empty)))
    assert bank.get("curated:empty") is None
