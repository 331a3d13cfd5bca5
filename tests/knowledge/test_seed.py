"""The user's original document, mojibake and all, yields what the bundled document says."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import knowledge
from knowledge import KnowledgeBase

_STOP = set(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "in",
        "on",
        "for",
        "with",
        "to",
        "by",
        "as",
        "is",
        "it",
        "its",
        "via",
        "etc",
        "now",
        "both",
        "more",
    ]
)


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9+#]+", text.casefold()) if w not in _STOP and len(w) > 1}


def _said(needle: str, haystack: list[str]) -> bool:
    """Whether one of the statements carries most of `needle`'s words (same meaning, other wording)."""
    wanted = _words(needle)
    return any(len(wanted & _words(text)) >= 0.6 * len(wanted) for text in haystack)


@pytest.fixture(scope="module")
def bundled() -> KnowledgeBase:
    return knowledge.load(cache=False)


@pytest.fixture
def seed(seeds: Path) -> KnowledgeBase:
    return knowledge.load(seeds, cache=False)


def test_seed_ingests_without_problems(seed: KnowledgeBase) -> None:
    assert seed.problems == ()
    assert len(seed.documents) == 1


def test_same_topics_and_table(seed: KnowledgeBase, bundled: KnowledgeBase) -> None:
    assert list(seed.topics) == list(bundled.topics)
    assert [t.name for t in seed.topics.values()] == [t.name for t in bundled.topics.values()]
    assert seed.table_aspects() == bundled.table_aspects()
    assert {k: c.text for k, c in seed.cells.items()} == {k: c.text for k, c in bundled.cells.items()}
    assert [a.label for a in seed.aspects.values()] == [a.label for a in bundled.aspects.values()]


def test_every_seed_fact_is_in_the_bundled_doc_under_the_same_aspect(
    seed: KnowledgeBase, bundled: KnowledgeBase
) -> None:
    assert len(seed.facts) >= 16
    for fact in seed.facts:
        texts = [f.text for f in bundled.facts_for(fact.topic, fact.aspect)]
        assert _said(fact.text, texts), f"{fact.topic}/{fact.aspect}: {fact.text!r} missing from bundled doc"


def test_definitions_use_cases_and_model_answer_carry_over(
    seed: KnowledgeBase, bundled: KnowledgeBase
) -> None:
    for topic in seed.topics.values():
        assert "“" not in topic.definition and "**" not in topic.definition
        assert _said(topic.definition, [bundled.topic(topic.id).definition])
        for case in seed.use_cases_for(topic.id):
            bundled_cases = [u.text for u in bundled.use_cases_for(topic.id)]
            assert all(_said(item, bundled_cases) for item in case.text.split(", "))
    (answer,) = seed.model_answers
    assert set(answer.topics) == set(bundled.model_answers[0].topics)
    assert _said(answer.text, [bundled.model_answers[0].text])


def test_seed_descriptions_name_the_makers(seed: KnowledgeBase) -> None:
    assert "Google's framework" in seed.topic("tensorflow").description
    assert {"Meta's framework", "Facebook's framework"} <= set(seed.topic("pytorch").description)
