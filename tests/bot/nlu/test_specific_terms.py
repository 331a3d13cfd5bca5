"""A term routes a question to one topic only when the notes use it specifically: "what is an api"
must not be answered from one topic's notes because that topic says "API" a little more often than
the others, while a name only one topic's notes use ("Sparkplug") still is. Read through
`Prepbot.handle` on a knowledge base built here."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot import plaintext
from bot.app import build
from bot.config import load_settings
from bot.intents import Intent
from tests.conftest import Chat, FakeClock

DOC = """# Message brokers

## Quarry

Quarry is a queue server with an HTTP API. Quarry ships Sparkplug, a replay tool that re-sends old
messages to a new consumer.

- The admin API is read-only by default
- The API exposes queues and their depth
- Batching through the API halves the round trips

## Ledger

Ledger is a log store that keeps records for a year.

- Its gRPC API streams records in order

## Beacon

Beacon is a pub/sub service for mobile clients.

- The REST API pushes to phones
"""


@pytest.fixture
def brokers(tmp_path: Path, db_url: str) -> Iterator[Chat]:
    folder = tmp_path / "kb"
    folder.mkdir()
    (folder / "brokers.md").write_text(DOC, encoding="utf-8")
    settings = load_settings(
        {"database_url": db_url, "knowledge": folder, "rate_limit_per_10s": 0}, environ={}
    )
    bot = build(settings, clock=FakeClock())
    yield Chat(bot)
    bot.stores.db.dispose()


def test_an_everyday_word_of_the_notes_is_not_one_topics_term(brokers: Chat) -> None:
    reply = brokers.say("what is an api")
    text = plaintext.render(reply)
    assert "From my notes on Quarry" not in text, text
    assert not (reply.intent is Intent.EXPLAIN and reply.topics == ("quarry",)), text
    assert "api" not in {" ".join(k) for k in brokers.bot.matcher.passages.terms}


def test_a_name_only_one_topics_notes_use_still_points_there(brokers: Chat) -> None:
    reply = brokers.say("what is sparkplug")
    text = plaintext.render(reply)
    assert reply.intent is Intent.EXPLAIN and reply.topics == ("quarry",), text
    assert "replay tool" in text and "Source: brokers.md § Quarry" in text


def test_a_statement_that_uses_a_term_is_not_a_question_about_it(brokers: Chat) -> None:
    assert brokers.bot.matcher.match("we mostly lean on sparkplug lately").intent is not Intent.EXPLAIN
    assert brokers.bot.matcher.match("sparkplug?").intent is Intent.EXPLAIN
