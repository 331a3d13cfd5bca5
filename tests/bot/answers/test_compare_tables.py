"""compare across tables from different documents, read as a user would through `Prepbot.handle`:
only the aspects the topics share, or a plain word that the notes compare them in different tables,
never a grid of "—"; every comparison cites where its cells are written."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot import plaintext
from bot.app import build
from bot.config import load_settings
from bot.intents import Intent
from tests.conftest import Chat, FakeClock

QUEUES = """# Queues

| Aspect     | Burrow        | Conveyor        |
|------------|---------------|-----------------|
| Ordering   | per partition | per queue       |
| Retention  | days          | until consumed  |
| Written in | Scala         | Erlang          |
"""

CACHES = """# Caches

| Aspect      | Stash          | Hoard             |
|-------------|----------------|-------------------|
| Eviction    | LRU            | LFU               |
| Persistence | snapshots      | none              |
| Written in  | C              | Rust              |
"""

STORES = """# Stores

| Aspect    | Vault         | Locker          |
|-----------|---------------|-----------------|
| Backups   | nightly       | hourly          |
| Encryption| at rest       | none            |
"""


@pytest.fixture
def notes(tmp_path: Path, db_url: str) -> Iterator[Chat]:
    folder = tmp_path / "kb"
    folder.mkdir()
    for name, text in (("queues.md", QUEUES), ("caches.md", CACHES), ("stores.md", STORES)):
        (folder / name).write_text(text, encoding="utf-8")
    settings = load_settings(
        {"database_url": db_url, "knowledge": folder, "rate_limit_per_10s": 0}, environ={}
    )
    chat = Chat(build(settings, clock=FakeClock()))
    yield chat
    chat.bot.stores.db.dispose()  # no PostgreSQL connection left open


def test_topics_from_different_tables_show_only_the_aspects_they_share(notes: Chat) -> None:
    reply = notes.say("compare burrow and stash")
    text = plaintext.render(reply)
    assert reply.intent is Intent.COMPARE, text
    assert reply.table is not None
    assert [row[0] for row in reply.table.rows] == ["Written in"]
    assert "Scala" in text and "C" in text
    assert "—" not in text
    assert any(c.startswith(("queues.md", "caches.md")) for c in reply.citations), reply.citations


def test_topics_sharing_no_aspect_are_said_to_be_compared_in_different_tables(notes: Chat) -> None:
    reply = notes.say("compare burrow and vault")
    text = plaintext.render(reply)
    assert reply.intent is Intent.COMPARE, text
    assert "different tables" in text
    assert "—" not in text
    assert "per partition" in text and "nightly" in text  # each one's own facts
    assert {c.split(" § ")[0] for c in reply.citations} == {"queues.md", "stores.md"}


def test_topics_of_one_table_keep_the_full_grid_with_its_source(notes: Chat) -> None:
    reply = notes.say("compare burrow and conveyor")
    assert reply.table is not None
    assert sorted(row[0] for row in reply.table.rows) == ["Ordering", "Retention", "Written in"]
    assert reply.citations and reply.citations[0].startswith("queues.md")
