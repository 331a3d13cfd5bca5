"""The same storage tests run on a SQLite file and on the PostgreSQL on 127.0.0.1:5432."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from bot.storage import Stores


@pytest.fixture
def any_url(db_url: str) -> str:
    """A fresh SQLite file or the emptied session PostgreSQL database (`db_url`'s two legs)."""
    return db_url


@pytest.fixture
def stores(any_url: str) -> Iterator[Stores]:
    opened = Stores.open(any_url)
    yield opened
    opened.db.dispose()


@pytest.fixture
def user() -> str:
    """A person no other test uses (the PostgreSQL database is shared by the session)."""
    return f"test:{uuid.uuid4().hex[:12]}"
