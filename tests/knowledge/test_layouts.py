"""Layouts real notes use: Q&A pairs in every spelling, HTML tables, check marks and footnotes, the
document's own subject, front matter. Each built from a small folder through `knowledge.load`."""

from __future__ import annotations

import knowledge
from knowledge.names import key_of
from tests.knowledge.conftest import MakeFolder

QA = """# Messaging notes

**Q: What is Kafka?** A: Kafka is a distributed commit log that keeps messages for days.

**Q: What is Redis?**

A: Redis is an in-memory data store, often used as a cache.

**What is backpressure?**

Backpressure is a consumer telling a producer to slow down.

### What is Celery?

Celery is a task queue that runs jobs on workers.

<details>
<summary>What is RabbitMQ?</summary>

RabbitMQ is a message broker speaking AMQP.

</details>
"""

TABLES = """---
title: Queue comparison
weight: 3
---

# Queue comparison

<table>
<tr><th>Tool</th><th>Ordering</th><th>Replay</th></tr>
<tr><td>Alpha<sup>1</sup></td><td>✅</td><td>:x: only with a plugin</td></tr>
<tr><td>Beta</td><td>:heavy_check_mark:¹</td><td>⚠️</td></tr>
</table>

| Feature | Gamma | Delta |
|---|---|---|
| Clustering² | ✓ | ✘ |
| Transactions | Yes ¹ | 🟡 |
"""

SUBJECT = """# Why not…

Here is why *zest* beats the others.

## … Mocha?

Mocha is older. *zest* runs tests in parallel while Mocha does not.

## … Ava?

Ava is minimal. *zest* has snapshots; with *zest* you write less.

## … Tape?

Tape prints TAP. *zest* prints a summary, and *zest* watches files. *zest* is fast.
"""


def test_question_and_answer_pairs_become_model_answers_and_topics(make_folder: MakeFolder) -> None:
    kb = knowledge.load(make_folder({"qa.md": QA}), cache=False)
    answers = {a.question: a for a in kb.model_answers}
    for name in ("Kafka", "Redis", "Celery", "RabbitMQ"):
        question = f"What is {name}?"
        assert question in answers, sorted(answers)
        assert name in answers[question].text
        assert answers[question].topics == (key_of(name),)
        assert any(p.kind == "answer" and name in p.text for p in kb.passages_for(key_of(name)))
    assert not answers["What is Redis?"].text.startswith("A:")
    assert "What is backpressure?" in answers
    assert "What is Kafka" not in {t.name for t in kb.topics.values()}


def test_html_tables_marks_and_footnotes_are_read(make_folder: MakeFolder) -> None:
    kb = knowledge.load(make_folder({"tables.md": TABLES}), cache=False)
    assert {"alpha", "beta", "gamma", "delta"} <= set(kb.topics)
    assert kb.cell("ordering", "alpha") == "yes"
    assert kb.cell("replay", "alpha") == "no only with a plugin"
    assert kb.cell("ordering", "beta") == "yes"
    assert kb.cell("replay", "beta") == "partly"
    assert kb.cell("clustering", "gamma") == "yes" and kb.cell("clustering", "delta") == "no"
    assert kb.cell("transactions", "gamma") == "Yes" and kb.cell("transactions", "delta") == "partly"
    assert "clustering2" not in kb.aspects and "clustering_2" not in kb.aspects
    assert not any(t.name.startswith(("title", "weight")) for t in kb.topics.values())  # front matter


def test_the_subject_the_prose_keeps_using_is_a_topic(make_folder: MakeFolder) -> None:
    kb = knowledge.load(make_folder({"why.md": SUBJECT}), cache=False)
    assert {"zest", "mocha", "ava", "tape"} <= set(kb.topics)
    assert kb.topics["zest"].definition
    assert len(kb.passages_for("zest")) >= 4
    assert "why-not" not in kb.topics
