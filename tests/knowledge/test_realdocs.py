"""The eight real public documents in ../shared/realdocs: the topics a careful reader sees (READER.md)
resolve to topics, table labels that are aspects do not become topics, and every document yields
passages with provenance. The documents are read from the shared folder, never copied here."""

from __future__ import annotations

import pytest

import knowledge
from knowledge.model import KnowledgeBase
from knowledge.names import key_of
from tests.knowledge.conftest import REPO
from tests.knowledge.realdocs_expect import KNOWN_MISSING, NOT_TOPICS, TOPICS

REALDOCS = (REPO / ".." / "shared" / "realdocs").resolve()


def _load(folder: str) -> KnowledgeBase:
    path = REALDOCS / folder
    if not path.is_dir():
        pytest.skip(f"{path} is absent (shared folder not mounted)")
    return knowledge.load(path, cache=False)


def _names(kb: KnowledgeBase) -> dict[str, str]:
    return {key_of(n): t.id for t in kb.topics.values() for n in (t.name, t.id, *t.aliases)}


@pytest.mark.parametrize("folder", sorted(TOPICS))
def test_reader_topics_resolve(folder: str) -> None:
    kb = _load(folder)
    names = _names(kb)
    wanted = [n for n in TOPICS[folder] if n not in KNOWN_MISSING.get(folder, set())]
    assert [n for n in wanted if key_of(n) not in names] == []
    assert [n for n in NOT_TOPICS.get(folder, []) if key_of(n) in names] == []


@pytest.mark.parametrize("folder", sorted(TOPICS))
def test_every_document_gives_passages_with_provenance(folder: str) -> None:
    kb = _load(folder)
    assert len(kb.passages) > 50
    assert all(p.source.line and p.source.path.startswith(str(REALDOCS)) for p in kb.passages)
    assert sum(bool(p.topics) for p in kb.passages) > len(kb.passages) / 3


def test_tools_as_rows_give_cells_under_the_right_tool() -> None:
    kb = _load("rclone-overview")
    names = _names(kb)
    dropbox, onedrive = names["dropbox"], names[key_of("Microsoft OneDrive")]
    assert "DBHASH" in (kb.cell("hash", dropbox) or "")
    assert "QuickXorHash" in (kb.cell("hash", onedrive) or "")
    assert names[key_of("S3 compatible")] == names[key_of("Amazon S3")]


def test_tools_as_columns_across_many_tables() -> None:
    kb = _load("gitea-comparison")
    names = _names(kb)
    assert len(kb.table_aspects()) >= 85
    assert kb.cell("telemetry", names["gitea"]) == "no"  # a bold ✘
    assert kb.cell("telemetry", names[key_of("GitHub EE")]) == "yes"  # ✓


def test_versus_headings_are_sections_about_the_rival() -> None:
    kb = _load("prometheus-comparison")
    names = _names(kb)
    for rival in ("InfluxDB", "OpenTSDB", "Nagios", "Sensu"):
        assert kb.passages_for(names[key_of(rival)]), rival


def test_setext_headings_give_one_topic_per_pattern() -> None:
    kb = _load("design-patterns-for-humans")
    names = _names(kb)
    singleton = names["singleton"]
    assert any("anti-pattern" in p.text for p in kb.passages_for(singleton))


@pytest.mark.parametrize(
    ("folder", "alias", "topic"),
    [
        ("prometheus-comparison", "NetSaint", "Nagios"),
        ("system-design-primer-database", "functional partitioning", "Federation"),
        ("system-design-primer-database", "RDBMS", "Relational database management system"),
    ],
)
def test_aliases_the_prose_gives_resolve_to_the_section_topic(folder: str, alias: str, topic: str) -> None:
    names = _names(_load(folder))
    assert names[key_of(alias)] == names[key_of(topic)]


@pytest.mark.parametrize(
    ("folder", "subject"),
    [("rclone-overview", "rclone"), ("attrs-why-not", "attrs"), ("prometheus-comparison", "Prometheus")],
)
def test_the_documents_own_subject_is_a_topic_with_passages(folder: str, subject: str) -> None:
    kb = _load(folder)
    topic = _names(kb)[key_of(subject)]
    assert kb.topics[topic].definition
    assert len(kb.passages_for(topic)) >= 5


def test_question_headings_name_their_topic_and_give_model_answers() -> None:
    kb = _load("frontend-handbook-html-quiz")
    names = _names(kb)
    doctype = names["doctype"]
    assert kb.topics[doctype].name == "DOCTYPE"
    asked = [a for a in kb.model_answers if a.question.startswith("What does a DOCTYPE do")]
    assert asked and doctype in asked[0].topics and len(asked[0].text) > 100
    assert any(p.kind == "answer" for p in kb.passages_for(doctype))
