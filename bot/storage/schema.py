"""Schema creation and upgrades: numbered steps recorded in `schema_version`.

`create_all` makes any missing table; each numbered step changes existing ones (add a column,
an index) and runs once per database, under the write lock, so two processes starting together
are safe. Add a step by appending to `STEPS`; never edit a released one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from sqlalchemy import Column, Connection, Integer, Table, select

from bot.storage.metadata import metadata

if TYPE_CHECKING:
    from bot.storage.db import Database

schema_version = Table("schema_version", metadata, Column("version", Integer, primary_key=True))

Step = Callable[[Connection], None]
STEPS: list[Step] = []


def _import_table_modules() -> None:
    # Importing these registers their tables on `metadata`.
    import bot.storage.channels
    import bot.storage.context_table
    import bot.storage.dedupe_table
    import bot.storage.inbox
    import bot.storage.round_tables
    import bot.storage.tables  # noqa: F401


def upgrade(db: Database) -> None:
    _import_table_modules()
    with db.write() as conn:
        if not db.is_sqlite:  # serialise concurrent first starts on PostgreSQL
            conn.exec_driver_sql("SELECT pg_advisory_xact_lock(7263001)")
        metadata.create_all(conn, checkfirst=True)
        done = {row[0] for row in conn.execute(select(schema_version.c.version))}
        for number, step in enumerate(STEPS, start=1):
            if number not in done:
                step(conn)
                conn.execute(schema_version.insert().values(version=number))
