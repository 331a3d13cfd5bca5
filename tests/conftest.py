"""Fixtures shared across the suite: `db_url`, parametrised over a real SQLite file per test and a
throwaway PostgreSQL database per session (emptied before each test), and a `Chat` harness that
talks to the real `Prepbot` the way an adapter does."""

from __future__ import annotations

import asyncio
import itertools
import logging
import os
import re
import uuid
from collections.abc import Generator, Iterator
from pathlib import Path

import pytest
import sqlalchemy
from sqlalchemy.pool import NullPool

from bot.app import Prepbot, build
from bot.config import load_settings
from bot.messages import ChannelRef, Message, Reply, UserRef
from tests.fakes import FakeClock as FakeClock  # re-exported: many tests import it from here

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"
PG_ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"

# Tests send many messages at one fake instant; the flood guard has its own tests that turn it on.
os.environ.setdefault("PREPBOT_RATE_LIMIT", "0")


class Chat:
    """Talks to a real Prepbot as one person in one place, like an adapter would."""

    def __init__(
        self,
        bot: Prepbot,
        user: str = "ana",
        channel: str = "dm-ana",
        *,
        platform: str = "console",
        direct: bool = True,
        thread: str | None = None,
    ) -> None:
        self.bot = bot
        self.user = UserRef(platform, user, user)
        self.channel = ChannelRef(platform, channel, is_direct=direct)
        self.thread = thread
        self._ids = itertools.count(1)
        self._prefix = uuid.uuid4().hex[:6]

    def message(self, text: str = "", action: str | None = None) -> Message:
        return Message(
            self.user.platform,
            f"{self._prefix}-{next(self._ids)}",
            self.user,
            self.channel,
            text,
            thread=self.thread,
            action=action,
        )

    def say(self, text: str) -> Reply:
        reply = asyncio.run(self.bot.handle(self.message(text)))
        assert reply is not None
        return reply

    def click(self, action: str) -> Reply:
        reply = asyncio.run(self.bot.handle(self.message(action=action)))
        assert reply is not None
        return reply


# Loggers of the project's own code. An ERROR from one of them means prepbot hit something it did not
# expect: the error boundary still answers politely, so without this check a broken core would pass.
_OWN_LOGGERS = ("bot", "prepbot", "knowledge", "adapters")


class _ErrorRecorder(logging.Handler):
    """Keeps every ERROR (or worse) and every logged traceback from the project's own loggers."""

    def __init__(self) -> None:
        super().__init__(level=logging.NOTSET)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        own = any(record.name == name or record.name.startswith(name + ".") for name in _OWN_LOGGERS)
        if own and (record.levelno >= logging.ERROR or record.exc_info):
            self.records.append(record)


_CALL_PASSED = pytest.StashKey[bool]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report: pytest.TestReport = yield
    if report.when == "call":
        item.stash[_CALL_PASSED] = report.passed
    return report


def _describe(record: logging.LogRecord) -> str:
    text = f"{record.levelname} {record.name}: {record.getMessage()}"
    if record.exc_info and record.exc_info[1] is not None:
        exc = record.exc_info[1]
        text += f" ({type(exc).__name__}: {exc})"
    return text


@pytest.fixture(autouse=True)
def _fail_on_logged_errors(request: pytest.FixtureRequest) -> Iterator[None]:
    """Fails a test during which prepbot logged an ERROR or a traceback, unless it is marked
    `@pytest.mark.expect_errors("regex", ...)`: it provokes that failure on purpose and checks what the
    user sees. Only errors whose message matches one of the patterns are allowed (no pattern: any), so
    a marked test still fails when something else breaks; a marked test that passes without logging
    an expected error fails too, since the mark would hide nothing."""
    recorder = _ErrorRecorder()
    root = logging.getLogger()
    root.addHandler(recorder)
    try:
        yield
    finally:
        root.removeHandler(recorder)
    mark = request.node.get_closest_marker("expect_errors")
    patterns = [re.compile(p) for p in mark.args] if mark else []
    allowed = [r for r in recorder.records if mark and (not patterns or _matches(r, patterns))]
    unexpected = [r for r in recorder.records if r not in allowed]
    if unexpected:
        lines = "\n".join(_describe(record) for record in unexpected[:10])
        pytest.fail(
            f"prepbot logged {len(unexpected)} unexpected error(s) during this test (mark it "
            f'@pytest.mark.expect_errors("pattern") if it provokes them on purpose):\n{lines}',
            pytrace=False,
        )
    if mark and not allowed and request.node.stash.get(_CALL_PASSED, False):
        pytest.fail("marked expect_errors, but prepbot logged no such error: drop the mark", pytrace=False)


def _matches(record: logging.LogRecord, patterns: list[re.Pattern[str]]) -> bool:
    return any(pattern.search(record.getMessage()) for pattern in patterns)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The database a test's bot runs on: every test that uses it runs twice, on a fresh SQLite file
    (id `sqlite`) and on the session's PostgreSQL database emptied for it (id `postgres`).
    `-m "not postgres"` runs the SQLite leg only."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'prepbot.db'}"
    url: str = request.getfixturevalue("clean_pg_url")
    return url


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
    name = f"prepbot_test_{uuid.uuid4().hex[:10]}"
    admin = sqlalchemy.create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
            # Commits need not wait for the disk: only a crash of the server itself (never done
            # here) could lose them, and processes killed with -9 still see every commit.
            conn.exec_driver_sql(f'ALTER DATABASE "{name}" SET synchronous_commit = off')
    except sqlalchemy.exc.OperationalError as exc:  # pragma: no cover - depends on the machine
        if os.environ.get("CI"):
            raise
        pytest.skip(f"PostgreSQL on 127.0.0.1:5432 is not reachable: {exc}")
    yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.dispose()


@pytest.fixture(scope="session")
def _pg_cleaner(pg_url: str) -> Iterator[sqlalchemy.Engine]:
    engine = sqlalchemy.create_engine(pg_url, poolclass=NullPool)
    yield engine
    engine.dispose()


@pytest.fixture
def clean_pg_url(pg_url: str, _pg_cleaner: sqlalchemy.Engine) -> str:
    """The session's PostgreSQL database with every table emptied: one database (and one schema
    creation) per session, clean state per test. `schema_version` stays, so upgrades are not rerun."""
    # DELETE, not TRUNCATE: ~10 ms against ~300 ms for a dozen small tables. Foreign-key triggers
    # are off for this transaction only, so the order of the tables does not matter.
    with _pg_cleaner.begin() as conn:
        conn.exec_driver_sql("SET LOCAL lock_timeout = '20s'")
        conn.exec_driver_sql("SET LOCAL session_replication_role = replica")
        tables = [
            row[0]
            for row in conn.exec_driver_sql(
                "SELECT tablename FROM pg_tables "
                "WHERE schemaname = 'public' AND tablename <> 'schema_version'"
            )
        ]
        for table in tables:
            conn.exec_driver_sql(f'DELETE FROM "{table}"')
    return pg_url
