"""Fixtures shared across the suite: a real SQLite file per test, a throwaway PostgreSQL database
per session, and a `Chat` harness that talks to the real `Prepbot` the way an adapter does."""

from __future__ import annotations

import asyncio
import itertools
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.app import Prepbot, build
from bot.config import load_settings
from bot.messages import ChannelRef, Message, Reply, UserRef
from tests.fakes import FakeClock

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"
PG_ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"

# Tests send many messages at one fake instant; the flood guard has its own tests that turn it on.
os.environ.setdefault("PREPBOT_RATE_LIMIT", "0")


class Chat:
    """Talks to a real Prepbot as one person in one place, like an adapter would."""

    def __init__(self, bot: Prepbot, user: str = "ana", channel: str = "dm-ana", *,
                 platform: str = "console", direct: bool = True, thread: str | None = None) -> None:
        self.bot = bot
        self.user = UserRef(platform, user, user)
        self.channel = ChannelRef(platform, channel, is_direct=direct)
        self.thread = thread
        self._ids = itertools.count(1)
        self._prefix = uuid.uuid4().hex[:6]

    def message(self, text: str = "", action: str | None = None) -> Message:
        return Message(self.user.platform, f"{self._prefix}-{next(self._ids)}", self.user, self.channel,
                       text, thread=self.thread, action=action)

    def say(self, text: str) -> Reply:
        reply = asyncio.run(self.bot.handle(self.message(text)))
        assert reply is not None
        return reply

    def click(self, action: str) -> Reply:
        reply = asyncio.run(self.bot.handle(self.message(action=action)))
        assert reply is not None
        return reply


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'prepbot.db'}"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def prepbot(db_url: str, clock: FakeClock) -> Iterator[Prepbot]:
    settings = load_settings({"database_url": db_url, "rate_limit_per_10s": 0}, environ={})
    bot = build(settings, clock=clock)
    yield bot
    bot.stores.db.dispose()


@pytest.fixture
def chat(prepbot: Prepbot) -> Chat:
    return Chat(prepbot)


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """A fresh PostgreSQL database for this test session, dropped at the end."""
    sqlalchemy = pytest.importorskip("sqlalchemy")
    name = f"prepbot_test_{uuid.uuid4().hex[:10]}"
    admin = sqlalchemy.create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    except sqlalchemy.exc.OperationalError as exc:  # pragma: no cover - depends on the machine
        pytest.skip(f"PostgreSQL on 127.0.0.1:5432 is not reachable: {exc}")
    yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.dispose()
