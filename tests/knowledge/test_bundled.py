"""The bundled knowledge: what the bot knows out of the box."""

from __future__ import annotations

import pytest

import knowledge
from knowledge import KnowledgeBase

TABLE_ASPECTS = (
    "ease_of_use",
    "api_type",
    "execution_mode",
    "production",
    "community",
    "deployment",
    "best_for",
)


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return knowledge.load(cache=False)


def test_topics_with_names_definitions_and_sources(kb: KnowledgeBase) -> None:
    assert list(kb.topics) == ["tensorflow", "keras", "pytorch"]
    assert [t.name for t in kb.topics.values()] == ["TensorFlow", "Keras", "PyTorch"]
    assert kb.topic("keras").definition.startswith("Keras is a high-level API for building neural networks")
    assert not kb.topic("pytorch").definition.startswith(('"', "“"))
    assert all(
        t.source and t.source.path.endswith("frameworks.md") and t.source.line for t in kb.topics.values()
    )


def test_comparison_table_is_aspect_by_topic(kb: KnowledgeBase) -> None:
    assert kb.table_aspects() == TABLE_ASPECTS
    assert len(kb.cells) == 21
    assert kb.cell("ease_of_use", "keras") == "Very High"
    assert kb.cell("execution_mode", "pytorch") == "Eager (dynamic)"
    assert kb.cell("production", "tensorflow") == "Strong (TF Serving, etc.)"
    assert kb.aspects["ease_of_use"].label == "Ease of Use"
    cell = kb.cells[("best_for", "pytorch")]
    assert cell.source is not None and cell.source.line is not None
    assert set(knowledge.BUILTIN_ASPECTS) <= set(kb.aspects)


def test_facts_are_filed_under_builtin_aspects(kb: KnowledgeBase) -> None:
    assert next(f.text for f in kb.facts_for("tensorflow", "developer")).startswith("Google")
    assert next(f.text for f in kb.facts_for("pytorch", "developer")).startswith("Meta (Facebook)")
    assert "François Chollet" in kb.facts_for("keras", "developer")[0].text
    assert kb.facts_for("tensorflow", "language")[0].text.startswith("Python")
    features = " ".join(f.text for f in kb.facts_for("pytorch", "features"))
    assert "define-by-run" in features and "TorchServe" in features


def test_use_cases_and_model_answer(kb: KnowledgeBase) -> None:
    assert "Enterprise production systems" in kb.use_cases_for("tensorflow")[0].text
    assert "HuggingFace" in kb.use_cases_for("pytorch")[0].text
    (answer,) = kb.model_answers
    assert set(answer.topics) == {"tensorflow", "keras", "pytorch"}
    assert answer.question.endswith("?")
    assert "PyTorch" in answer.text and not answer.text.startswith(('"', "“"))


def test_overlay_aliases_and_descriptions(kb: KnowledgeBase) -> None:
    assert {"tf", "tf2"} <= set(kb.topic("tensorflow").aliases)
    assert {"torch", "pt"} <= set(kb.topic("pytorch").aliases)
    assert "tf.keras" in kb.topic("keras").aliases
    assert "meta's library" in kb.topic("pytorch").description
    assert {"prod", "production-ready"} <= set(kb.aspects["production"].aliases)
    assert {"deploy", "ship", "serving"} <= set(kb.aspects["deployment"].aliases)


def test_descriptions_derived_from_the_document(kb: KnowledgeBase) -> None:
    assert "deep learning framework" in kb.topic("tensorflow").description
    assert "Google's framework" in kb.topic("tensorflow").description
    assert "Meta's framework" in kb.topic("pytorch").description
    assert "high-level API" in kb.topic("keras").description


def test_curated_questions(kb: KnowledgeBase) -> None:
    assert len(kb.questions) >= 40
    ids = [q.id for q in kb.questions]
    assert len(ids) == len(set(ids))
    for question in kb.questions:
        assert question.kind == "curated" and question.source is not None
        assert set(question.topics) <= set(kb.topics)
        assert question.aspect is None or question.aspect in kb.aspects
        assert question.difficulty in ("easy", "medium", "hard")
        assert 3 <= len(question.key_points) <= 6 and question.model_answer
    covered = {t for q in kb.questions for t in q.topics}
    assert covered == set(kb.topics)
    assert {q.difficulty for q in kb.questions} == {"easy", "medium", "hard"}


def test_bundled_knowledge_has_no_problems(kb: KnowledgeBase) -> None:
    assert kb.problems == ()
    assert knowledge.check() == []
