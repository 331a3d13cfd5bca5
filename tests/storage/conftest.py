"""The same storage tests run on a SQLite file and on the PostgreSQL on 127.0.0.1:5432."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.storage import Stores


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def any_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    url: str = request.getfixturevalue("pg_url")
    return url


@pytest.fixture
def stores(any_url: str) -> Iterator[Stores]:
    opened = Stores.open(any_url)
    yield opened
    opened.db.dispose()


@pytest.fixture
def user() -> str:
    """A person no other test uses (the PostgreSQL database is shared by the session)."""
    return f"test:{uuid.uuid4().hex[:12]}"
