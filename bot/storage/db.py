"""One database, chosen by URL: a SQLite file (WAL) by default, PostgreSQL for several processes.

Every module that owns tables declares them on `metadata`; `Database.create_schema()` creates
whatever is missing. Text that one database could not store (NUL, lone surrogates) is made storable
on the way in (`storable`), so a message behaves the same on SQLite and PostgreSQL. Writes go
through `Database.write()`: one transaction, and on SQLite a
`BEGIN IMMEDIATE` so a read-then-write never fails with "database is locked" half way.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

__all__ = ["SQLITE_BUSY_TIMEOUT_MS", "Database", "default_sqlite_url", "normalise_url"]

SQLITE_BUSY_TIMEOUT_MS = 10_000


def __getattr__(name: str) -> Any:
    if name == "metadata":  # the tables' MetaData, without importing SQLAlchemy for a Database
        from bot.storage.metadata import metadata

        return metadata
    raise AttributeError(name)


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
    """SQLAlchemy (`engine`, `read`, `write`) is imported when first used; the statements every
    message makes (`raw`) run on the DB-API driver, so a one-shot `prepbot ask` never imports it."""

    def __init__(self, url: str | None = None) -> None:
        self.url = normalise_url(url or default_sqlite_url())
        self.is_sqlite = self.url.partition(":")[0].partition("+")[0] == "sqlite"
        self._writer: AbstractContextManager[object] = threading.RLock() if self.is_sqlite else nullcontext()
        self._direct: Any = None  # a driver connection opened before the engine existed
        self._direct_lock = threading.Lock()

    @cached_property
    def engine(self) -> Engine:
        return self._create_engine()

    def _create_engine(self) -> Engine:
        from sqlalchemy import create_engine, event
        from sqlalchemy.engine import make_url
        from sqlalchemy.pool import QueuePool

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
        """Create missing tables and run the schema upgrades (idempotent, safe to race), unless the
        database's stamp says this code's schema is already there (one SELECT, no SQLAlchemy)."""
        from bot.storage import stamp

        expected = stamp.fingerprint()  # before the table modules are imported: see stamp.py
        if stamp.read(self) == expected:
            return
        from bot.storage import schema

        schema.upgrade(self)
        stamp.write(self, expected)

    def raw(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Run one statement on the DB-API driver and commit; its rows (if it returns any).

        `sql` uses `?` placeholders on every database (turned into `%s` for psycopg), so a store
        writes its SQL once for SQLite and PostgreSQL. Before anything else needed SQLAlchemy this
        is a connection of its own (same pragmas); afterwards a connection from the engine's pool.
        """
        if not self.is_sqlite:
            sql = sql.replace("?", "%s")
        params = tuple(storable(value) for value in params)  # as the engine's event does
        if "engine" in self.__dict__ or self._in_memory:
            if self._direct is not None:  # the engine's pool serves from now on
                self._close_direct()
            with self._writer:
                conn = self.engine.raw_connection()
                try:
                    return _run(conn, sql, params)
                finally:
                    conn.close()
        with self._writer, self._direct_lock:
            if self._direct is None:
                self._direct = self._connect()
            return _run(self._direct, sql, params)

    @property
    def _in_memory(self) -> bool:
        return self.is_sqlite and self._sqlite_path() in ("", ":memory:")

    def _sqlite_path(self) -> str:
        rest = self.url.partition(":///")[2] if ":///" in self.url else ""
        return rest.partition("?")[0]

    def _connect(self) -> Any:
        if self.is_sqlite:
            import sqlite3

            path = self._sqlite_path()
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(path, timeout=SQLITE_BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
            _sqlite_on_connect(conn, None)
            return conn
        import psycopg

        return psycopg.connect(self.url.replace("postgresql+psycopg://", "postgresql://", 1))

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
        """Close every connection this Database holds: the cold-start one and the engine's pool."""
        self._close_direct()
        if "engine" in self.__dict__:
            self.engine.dispose()

    def _close_direct(self) -> None:
        with self._direct_lock:
            if self._direct is not None:
                self._direct.close()
                self._direct = None


def _run(conn: Any, sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
    try:
        cursor = conn.cursor()
        cursor.execute(sql, tuple(params))
        rows = [tuple(row) for row in cursor.fetchall()] if cursor.description is not None else []
        cursor.close()
        conn.commit()
        return rows
    except BaseException:
        conn.rollback()
        raise


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


def _storable_parameters(
    _conn: Connection, _cursor: Any, statement: str, parameters: Any, _context: Any, executemany: bool
) -> tuple[str, Any]:
    if executemany and isinstance(parameters, list | tuple):
        return statement, type(parameters)(_storable_row(row) for row in parameters)
    return statement, _storable_row(parameters)
