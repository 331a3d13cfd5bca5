"""One database, chosen by URL: a SQLite file (WAL) by default, PostgreSQL for several processes.

Every module that owns tables declares them on `metadata`; `Database.create_schema()` creates
whatever is missing. Text that one database could not store (NUL, lone surrogates) is made storable
on the way in (`storable`), so a message behaves the same on SQLite and PostgreSQL. Writes go through `Database.write()`: one transaction, and on SQLite a
`BEGIN IMMEDIATE` so a read-then-write never fails with "database is locked" half way.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, MetaData, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.pool import QueuePool

metadata = MetaData()

SQLITE_BUSY_TIMEOUT_MS = 10_000


def default_sqlite_url() -> str:
    from platformdirs import user_data_dir

    directory = Path(user_data_dir("prepbot", appauthor=False))
    directory.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{directory / 'prepbot.db'}"


def normalise_url(url: str) -> str:
    """Accept `postgresql://` and `postgres://` and use the psycopg 3 driver for them."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


class Database:
    def __init__(self, url: str | None = None) -> None:
        self.url = normalise_url(url or default_sqlite_url())
        self.is_sqlite = make_url(self.url).get_backend_name() == "sqlite"
        self.engine: Engine = self._create_engine()
        self._writer: AbstractContextManager[object] = threading.RLock() if self.is_sqlite else nullcontext()

    def _create_engine(self) -> Engine:
        if not self.is_sqlite:
            engine = create_engine(self.url, pool_pre_ping=True, pool_size=10, max_overflow=20)
            event.listen(engine, "before_cursor_execute", _storable_parameters, retval=True)
            return engine
        database = make_url(self.url).database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        # A small pool of open connections: opening a SQLite connection (and setting its pragmas)
        # costs more than a whole dedupe write. `:memory:` keeps NullPool semantics out of reach.
        engine = create_engine(
            self.url,
            poolclass=QueuePool,
            pool_size=8,
            max_overflow=16,
            connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
        )
        event.listen(engine, "connect", _sqlite_on_connect)
        event.listen(engine, "begin", _sqlite_on_begin)
        event.listen(engine, "before_cursor_execute", _storable_parameters, retval=True)
        return engine

    def create_schema(self) -> None:
        """Create missing tables and run the schema upgrades (idempotent, safe to race)."""
        from bot.storage import schema

        schema.upgrade(self)

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """One write transaction; committed on exit, rolled back on error.

        On SQLite, threads of this process take turns on a lock before BEGIN IMMEDIATE: SQLite's
        own busy handler makes a waiting writer sleep in steps of milliseconds, which under a burst
        costs far more than the write. Other processes still meet the busy timeout.
        """
        with self._writer, self.engine.begin() as conn:
            yield conn

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            yield conn

    @property
    def upsert_insert(self) -> Any:
        """This database's `insert` construct, the one with `on_conflict_do_nothing/update`.

        Imported on first use: the PostgreSQL dialect costs ~30 ms of start-up a SQLite run never needs.
        """
        import importlib

        dialect = "sqlite" if self.is_sqlite else "postgresql"
        return importlib.import_module(f"sqlalchemy.dialects.{dialect}").insert

    def dispose(self) -> None:
        self.engine.dispose()


def _sqlite_on_connect(dbapi_conn: Any, _record: Any) -> None:
    # Let SQLAlchemy emit BEGIN itself (see _sqlite_on_begin) instead of pysqlite's deferred BEGIN.
    dbapi_conn.isolation_level = None
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _sqlite_on_begin(conn: Connection) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def storable(value: Any) -> Any:
    """`value` as both databases can store it: NUL (PostgreSQL refuses it in text) becomes U+FFFD
    and a lone surrogate (no UTF-8 for it) its `\\udXXX` escape. Text that is fine is kept as is,
    so people's words, names and ids reach SQLite and PostgreSQL alike instead of failing on one."""
    if not isinstance(value, str) or (value.isascii() and "\x00" not in value):
        return value
    value = value.replace("\x00", "\ufffd")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        value = value.encode("utf-8", "backslashreplace").decode("utf-8")
    return value


def _storable_row(row: Any) -> Any:
    if isinstance(row, dict):
        return {key: storable(value) for key, value in row.items()}
    if isinstance(row, tuple):
        return tuple(storable(value) for value in row)
    return row


def _storable_parameters(_conn: Connection, _cursor: Any, statement: str, parameters: Any, _context: Any,
                         executemany: bool) -> tuple[str, Any]:
    if executemany and isinstance(parameters, list | tuple):
        return statement, type(parameters)(_storable_row(row) for row in parameters)
    return statement, _storable_row(parameters)
