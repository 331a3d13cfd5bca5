"""A line that only announces a list ("Reasons to pick X:") is answered with the list after it,
not quoted alone. Through `Prepbot.handle` on a knowledge base built here."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot import plaintext
from bot.app import build
from bot.config import load_settings
from tests.conftest import Chat, FakeClock

DOC = """# Stores

## Columnar stores

A columnar store keeps each column of a table together on disk.

Reasons for a row store:

- Many small writes
- Lookups of whole records

Reasons for a columnar store:

- Scans over a few columns of many rows
- Heavy compression of similar values

## Row stores

A row store keeps each record together on disk.
"""


@pytest.fixture
def stores(tmp_path: Path, db_url: str) -> Iterator[Chat]:
    folder = tmp_path / "kb"
    folder.mkdir()
    (folder / "stores.md").write_text(DOC, encoding="utf-8")
    settings = load_settings(
        {"database_url": db_url, "knowledge": folder, "rate_limit_per_10s": 0}, environ={}
    )
    chat = Chat(build(settings, clock=FakeClock()))
    yield chat
    chat.bot.stores.db.dispose()  # no PostgreSQL connection left open


def test_a_lead_in_line_is_answered_with_the_list_it_announces(stores: Chat) -> None:
    text = plaintext.render(stores.say("what are the reasons for a columnar store?"))
    assert "Scans over a few columns" in text and "compression" in text, text
    assert "Many small writes" not in text
    assert "Source: stores.md § Columnar stores" in text
