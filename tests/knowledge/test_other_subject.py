"""A team's own folder on another subject, written another way, works with no code change."""

from __future__ import annotations

from pathlib import Path

import pytest

import knowledge
from knowledge import KnowledgeBase
from tests.knowledge.conftest import DATABASES, MakeFolder


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return knowledge.load(DATABASES, cache=False)


def test_topics_from_plain_headings_with_bracketed_aliases(kb: KnowledgeBase) -> None:
    assert list(kb.topics) == ["postgresql", "mysql", "sqlite"]
    assert kb.topic("postgresql").aliases[0] == "Postgres"
    assert kb.topic("sqlite").definition.startswith("SQLite is an embedded SQL database engine")
    assert kb.problems == ()


def test_compact_table_and_dash_bullets(kb: KnowledgeBase) -> None:
    assert kb.table_aspects() == ("concurrency", "deployment", "best_for")
    assert kb.cell("concurrency", "sqlite") == "One writer at a time"
    assert kb.facts_for("mysql", "developer")[0].text == "MySQL AB (now Oracle)"
    assert kb.facts_for("sqlite", "developer")[0].text == "Developed by D. Richard Hipp"
    assert kb.facts_for("sqlite", "language")[0].text == "C"
    assert (
        next(f.text for f in kb.facts_for("postgresql", "features")) == "MVCC concurrency without read locks"
    )


def test_use_cases_from_topic_bullets_and_their_own_section(kb: KnowledgeBase) -> None:
    assert [u.text for u in kb.use_cases_for("postgresql")] == [
        "analytics, geospatial data, general OLTP",
        "complex reporting queries, GIS",
    ]
    assert kb.use_cases_for("sqlite")[0].text == "mobile apps, desktop apps, test suites"


def test_model_answer_with_its_question(kb: KnowledgeBase) -> None:
    (answer,) = kb.model_answers
    assert answer.question == "When would you choose SQLite over PostgreSQL?"
    assert answer.topics == ("sqlite", "postgresql")


def test_overlay_and_questions_inside_the_folder(kb: KnowledgeBase) -> None:
    assert {"pg", "psql"} <= set(kb.topic("postgresql").aliases)
    assert kb.aspects["concurrency"].aliases == ("parallel writes", "locking")
    (question,) = kb.questions
    assert question.id == "db-sqlite-writers" and question.aspect == "concurrency"


def test_descriptions_come_from_the_document_alone(kb: KnowledgeBase) -> None:
    assert "database management system" in kb.topic("mysql").description
    assert "Oracle's system" in kb.topic("mysql").description
    assert "embedded SQL database engine" in kb.topic("sqlite").description


def test_any_markdown_extension_and_no_overlay(make_folder: MakeFolder) -> None:
    root = make_folder(
        {
            "a.markdown": "## Rust\n\nRust is a systems programming language.\n\n- Developer: Mozilla\n",
            "notes/b.txt": "## Go\n\nGo is a compiled language from Google.\n\n- Language: Go\n",
        }
    )
    kb = knowledge.load(root, cache=False)
    assert set(kb.topics) == {"rust", "go"}
    assert kb.facts_for("rust", "developer")[0].text == "Mozilla"
    assert "Google's language" in kb.topic("go").description


def test_the_bot_answers_from_a_knowledge_folder(tmp_path: Path) -> None:
    from bot.app import build
    from bot.config import load_settings
    from tests.conftest import Chat

    settings = load_settings(
        {
            "database_url": f"sqlite:///{tmp_path / 'db.sqlite'}",
            "knowledge": DATABASES,
            "rate_limit_per_10s": 0,
        },
        environ={},
    )
    reply = Chat(build(settings)).say("what is postgres?")
    text = " ".join([reply.title, *(s.text for s in reply.sections)])
    assert "PostgreSQL" in text and "object-relational" in text


def test_paragraph_keys_and_sub_sections_without_a_table() -> None:
    kb = knowledge.load(DATABASES.parent / "kb_languages", cache=False)
    assert list(kb.topics) == ["rust", "go"] and kb.problems == ()
    assert kb.facts_for("rust", "developer")[0].text == "Mozilla Research"
    assert kb.facts_for("rust", "language")[0].text == "Rust (self-hosted)"
    assert [f.text for f in kb.facts_for("rust", "features")] == [
        "Ownership and borrowing",
        "No garbage collector",
        "Pros: fast, safe",
        "Cons: steep learning curve",
    ]
    assert [u.text for u in kb.use_cases_for("rust")] == ["Command-line tools", "WebAssembly"]
    assert kb.facts_for("go", "developer")[0].text == "Google"
    assert kb.cells == {} and kb.table_aspects() == ()
