"""Issue 12: every example of the issue graded as a person would (score, verdict, covered, missed)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import knowledge
from bot.practice.bank import QuestionBank
from bot.practice.grading import GradeResult, grade, similarity
from knowledge.model import Question

BUNDLED = knowledge.load(None)
BANK = QuestionBank.build(BUNDLED)


@pytest.fixture(autouse=True, params=["default", "semantic"])
def mode(request: pytest.FixtureRequest) -> Iterator[str]:
    if request.param == "semantic" and not similarity.semantic_available():
        pytest.skip("the [semantic] extra is not installed")
    similarity.use_semantic(request.param == "semantic")
    yield str(request.param)
    similarity.use_semantic(True)


def _grade(qid: str, answer: str) -> tuple[Question, GradeResult]:
    question = BANK.get(qid)
    assert question is not None, qid
    return question, grade(question, answer, BUNDLED)


def _own(qid: str, points: tuple[str, ...], model: str, topics: tuple[str, ...] = ()) -> Question:
    return Question(qid, "Question?", topics, None, "medium", points, model)


def test_the_readme_answer_in_other_words_is_a_good_answer() -> None:
    _question, result = _grade(
        "pt-define-by-run",
        "The graph is built on the fly as the code runs, on every forward pass, so plain "
        "Python loops and if statements just work and you can debug with print or pdb. That "
        "flexibility is why researchers and people experimenting with new architectures like it.",
    )
    assert "ordinary Python control flow like loops and if statements" in result.covered
    assert result.score >= 70
    assert result.feedback.startswith(("Strong answer.", "Good answer, with gaps."))
    evidence = dict(zip(result.covered, result.evidence, strict=True))
    assert "loops" in evidence["ordinary Python control flow like loops and if statements"]


def test_bundled_inside_tf_says_ships_inside_tensorflow() -> None:
    _q, result = _grade(
        "keras-what-is",
        "Keras is a high-level API for building neural networks, bundled inside TF as tf.keras.",
    )
    assert "ships inside TensorFlow as tf.keras" in result.covered
    assert "a high-level API for building neural networks" in result.covered


def test_so_you_dont_hit_wraparound_says_prevents_wraparound() -> None:
    question = _own(
        "vacuum",
        ("prevents transaction ID wraparound", "reclaims space from dead rows"),
        "VACUUM reclaims the space of dead rows and prevents transaction ID wraparound.",
    )
    result = grade(
        question,
        "You run it so you don't hit transaction id wraparound, and it reclaims dead row space.",
        BUNDLED,
    )
    assert result.covered == question.key_points and result.missed == ()
    assert result.score >= 80 and result.feedback.startswith("Strong answer.")


def test_a_bare_keyword_list_is_not_a_full_answer() -> None:
    _q, result = _grade(
        "pt-define-by-run",
        "dynamic graph, forward pass, control flow, loops, if statements, "
        "debugger, print, research, experimentation",
    )
    assert result.keyword_list and result.score <= 45
    assert result.feedback.startswith("Only keywords.")


def test_a_negated_wrong_answer_is_not_credited() -> None:
    _q, result = _grade(
        "pt-define-by-run",
        "The graph is not built as the code runs and control flow does not "
        "work, loops and if statements are not supported.",
    )
    assert "ordinary Python control flow like loops and if statements" not in result.covered
    assert "the graph is built as the code runs, each forward pass" not in result.covered
    assert result.score < 35 and result.feedback.startswith("Not there yet.")


def test_a_point_that_says_no_children_is_not_met_by_with_children() -> None:
    question = _own("leaf", ("a leaf node has no children",), "A leaf is a node with no children.")
    wrong = grade(question, "A leaf node is a node with children.", BUNDLED)
    right = grade(question, "A leaf node doesn't have any children.", BUNDLED)
    assert wrong.covered == () and wrong.score < 50
    assert right.covered == question.key_points and right.score >= 80


def test_score_verdict_and_lists_agree() -> None:
    for answer in (
        "TF 1.x built a static graph and ran it in a session. TF 2.x runs eagerly by default, line by "
        "line. tf.function traces code back into a graph for speed.",
        "TensorFlow 2 runs eagerly by default, which makes debugging easier.",
    ):
        question, result = _grade("tf-graph-vs-eager", answer)
        if not result.missed:
            assert result.score >= 80
        else:
            assert result.score < 80
            if result.feedback.startswith("Good answer, with gaps."):
                assert "Missing:" in result.feedback
        assert f"{len(result.covered)} of {len(question.key_points)} key points" in result.feedback


def test_bsd_style_does_not_make_style_a_pytorch_word() -> None:
    _q, result = _grade(
        "keras-why-beginners",
        "Its style is very easy to use with minimal boilerplate, an intuitive "
        "layer-based design, a built-in training loop with fit, evaluate and "
        "predict, and clear error messages with good documentation.",
    )
    assert result.mixups == ()
    assert result.score >= 80


def test_a_one_word_answer_to_a_one_word_question_is_not_capped() -> None:
    question = _own("capital", ("Paris",), "Paris.")
    result = grade(question, "Paris", BUNDLED)
    assert result.score >= 80 and result.covered == ("Paris",)


def test_copying_the_question_earns_nothing() -> None:
    question, result = _grade(
        "pt-define-by-run", 'What does "define-by-run" mean in PyTorch, and why do researchers like it?'
    )
    assert result.score == 0 and result.covered == ()
    assert result.missed == question.key_points


def test_synonyms_and_paraphrase_without_shared_words() -> None:
    question = _own(
        "slots",
        ("uses less memory", "the number of items is unlimited"),
        "It uses less memory and the number of items is unlimited.",
    )
    result = grade(question, "It takes up less space, and you can add as many items as you want.", BUNDLED)
    assert result.covered == question.key_points


def test_meaningful_stop_words_count() -> None:
    question = _own("once", ("the code runs only once",), "The code runs only once.")
    assert grade(question, "The code executes only once.", BUNDLED).covered == question.key_points
    assert grade(question, "The code executes every time.", BUNDLED).covered == ()


def test_a_wrong_claim_about_another_topic_costs_points() -> None:
    _q, right = _grade(
        "definition:pytorch",
        "PyTorch is a deep learning framework from Meta (Facebook), first "
        "released in 2016, used for research and NLP with HuggingFace.",
    )
    _q, wrong = _grade(
        "definition:pytorch",
        "PyTorch is a deep learning framework from Google, used with "
        "TensorBoard and TF Serving for production.",
    )
    assert right.score >= 70 and wrong.score <= right.score - 40
    assert "Meta (Facebook), first released in 2016" not in wrong.covered


def test_denying_a_point_names_it_and_costs_points() -> None:
    base = (
        "The graph is built on the fly as the code runs, on every forward pass, so you can debug with print "
        "or pdb, and researchers like that flexibility."
    )
    _q, honest = _grade("pt-define-by-run", base)
    _q, denied = _grade(
        "pt-define-by-run",
        base + " But plain Python control flow like loops and if statements does not work.",
    )
    point = "ordinary Python control flow like loops and if statements"
    assert point in denied.contradicted and point not in denied.covered
    assert "You said the opposite of: " + point in denied.feedback
    assert denied.score <= honest.score - 10


def test_a_missed_point_keeps_a_long_good_answer_under_strong() -> None:
    question = _own(
        "acid",
        (
            "atomicity: all or nothing",
            "consistency: constraints always hold",
            "isolation: concurrent transactions do not see each other",
            "durability: committed data survives a crash",
            "a write-ahead log makes durability cheap",
        ),
        "Atomicity, consistency, isolation and durability; a write-ahead log makes durability cheap.",
    )
    result = grade(
        question,
        "Atomicity means a transaction is all or nothing. Consistency means constraints "
        "always hold. Isolation means concurrent transactions do not see each other's changes. "
        "Durability means committed data survives a crash.",
        BUNDLED,
    )
    assert result.missed == ("a write-ahead log makes durability cheap",)
    assert 60 <= result.score <= 79
    assert result.feedback.startswith("Good answer, with gaps.")
    assert "Missing: a write-ahead log makes durability cheap." in result.feedback


def test_the_model_answer_read_back_is_never_graded_as_a_weak_answer() -> None:
    """Every bundled question's own model answer, said back, covers what it states: at worst one key
    point the model answer does not state is missed (79), never the 36-55 it once scored because
    the key points use other words than the model answer's sentences."""
    kb = knowledge.load(None)
    bank = QuestionBank.build(kb)
    scores = {q.id: grade(q, q.model_answer, kb).score for q in bank.questions if q.model_answer}
    assert scores and min(scores.values()) >= 79, sorted(scores.items(), key=lambda kv: kv[1])[:5]
