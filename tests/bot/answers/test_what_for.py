"""'What is X used for?' with no use-case facts: the sentence of X's own notes that says what it is
used for, quoted with its source; "my notes say nothing" only when no such sentence exists."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot import plaintext
from bot.app import build
from bot.config import load_settings
from bot.intents import Intent
from tests.conftest import Chat, FakeClock

DOC = """# Patterns

## Courier

Real world example
> A bike courier carries one parcel at a time across town.

In plain words
> Moves a request between two objects that never meet.

It is used to decouple the sender from the receiver when both change often.

## Ledger

Ledger keeps every change as an entry and never overwrites one.
"""


@pytest.fixture
def notes(tmp_path: Path, db_url: str) -> Iterator[Chat]:
    folder = tmp_path / "kb"
    folder.mkdir()
    (folder / "patterns.md").write_text(DOC, encoding="utf-8")
    settings = load_settings(
        {"database_url": db_url, "knowledge": folder, "rate_limit_per_10s": 0}, environ={}
    )
    chat = Chat(build(settings, clock=FakeClock()))
    yield chat
    chat.bot.stores.db.dispose()


def test_what_it_is_used_for_comes_from_the_prose_with_its_source(notes: Chat) -> None:
    reply = notes.say("what is courier used for?")
    text = plaintext.render(reply)
    assert reply.intent is Intent.EXPLAIN, text
    assert "decouple the sender from the receiver" in text
    assert "patterns.md § Courier" in reply.citations
    assert "say nothing" not in text


def test_no_sentence_says_it_so_the_notes_say_nothing(notes: Chat) -> None:
    reply = notes.say("what is ledger used for?")
    text = plaintext.render(reply)
    assert "decouple" not in text  # never another topic's sentence
    assert "never overwrites" not in text or reply.citations  # a quote always comes with its source
