"""The start-up path of a one-shot `prepbot ask` (issue 10, cold start): on a database whose schema
is current it records the message in the dedupe ledger over the driver and never imports
SQLAlchemy; a database whose schema stamp is missing or stale is upgraded in full."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest

from bot.storage import Stores, stamp
from bot.storage.db import Database

ASK = """
import json, sys
from bot.cli import main
main(["ask", "--json", "--db", sys.argv[1], "pytorch vs keras"], standalone_mode=False)
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] == "sqlalchemy")[:3]))
"""


def _ask(url: str) -> tuple[dict[str, object], list[str]]:
    done = subprocess.run(
        [sys.executable, "-c", ASK, url], capture_output=True, text=True, check=True, timeout=120
    )
    reply, loaded = done.stdout.strip().splitlines()[-2:]
    return json.loads(reply), json.loads(loaded)


@pytest.mark.slow
def test_a_current_database_is_asked_without_sqlalchemy_and_still_records_the_message(db_url: str) -> None:
    first, _ = _ask(db_url)  # a new database: the full upgrade, which loads SQLAlchemy
    again, loaded = _ask(db_url)
    assert again == first and again["intent"] == "compare"
    assert loaded == []
    stores = Stores.open(db_url)
    try:
        assert len(stores.db.raw("SELECT key FROM seen_messages")) >= 2  # both asks were recorded
    finally:
        stores.db.dispose()


def test_a_stale_stamp_means_a_full_upgrade(db_url: str) -> None:
    stores = Stores.open(db_url)
    stores.db.raw("DROP TABLE practice_days")
    stores.db.raw("UPDATE prepbot_meta SET value = 'an older schema' WHERE name = 'schema'")
    stores.db.dispose()
    reopened = Stores.open(db_url)
    try:
        assert reopened.db.raw("SELECT count(*) FROM practice_days") == [(0,)]  # made again
        assert stamp.read(reopened.db) == stamp.fingerprint()
    finally:
        reopened.db.dispose()


def test_a_current_stamp_skips_the_upgrade(db_url: str) -> None:
    stores = Stores.open(db_url)
    stores.db.raw("DROP TABLE practice_days")  # nothing would notice but an upgrade
    stores.db.dispose()
    reopened = Stores.open(db_url)
    try:
        assert reopened.db.raw("SELECT value FROM prepbot_meta WHERE name = 'schema'") == [
            (stamp.fingerprint(),)
        ]
        tables = (
            "SELECT name FROM sqlite_master WHERE name = 'practice_days'"
            if reopened.db.is_sqlite
            else "SELECT tablename FROM pg_tables "
            "WHERE tablename = 'practice_days' AND schemaname = current_schema()"
        )
        assert reopened.db.raw(tables) == []
    finally:  # the PostgreSQL leg shares its database with later tests: make the table again
        reopened.db.raw("UPDATE prepbot_meta SET value = 'stale' WHERE name = 'schema'")
        reopened.db.dispose()
        Stores.open(db_url).db.dispose()


def _backends(url: str) -> int:
    """Connections the server has open to this database, counted from one more of our own."""
    probe = Database(url)
    try:
        rows = probe.raw("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()")
        return int(rows[0][0]) - 1
    finally:
        probe.dispose()


def _settled(url: str, expected: int) -> int:
    """The count once it reads `expected` (a closed connection's server process ends just after the
    close returns), or what it still reads after a few seconds."""
    deadline = time.monotonic() + 5
    while (found := _backends(url)) != expected and time.monotonic() < deadline:
        time.sleep(0.05)
    return found


@pytest.mark.postgres
def test_the_cold_start_connection_is_closed_once_the_pool_serves_and_by_dispose(clean_pg_url: str) -> None:
    """The schema check of a current database runs on a driver connection of its own (no SQLAlchemy
    yet). Once the engine exists that connection is closed rather than kept idle beside the pool for
    the life of the process, and `dispose` closes every connection left (nothing for the garbage
    collector, whose warning the suite turns into an error)."""
    Stores.open(clean_pg_url).db.dispose()  # the stamp is current: the next opens are the cold path
    cold = Stores.open(clean_pg_url)
    assert _settled(clean_pg_url, 1) == 1
    cold.db.dispose()  # no engine was ever made: the driver connection alone
    assert _settled(clean_pg_url, 0) == 0
    stores = Stores.open(clean_pg_url)
    try:
        assert _settled(clean_pg_url, 1) == 1  # the cold-start connection
        with stores.db.read() as conn:
            conn.exec_driver_sql("SELECT 1")
        stores.db.raw("SELECT 1")  # now from the pool
        assert _settled(clean_pg_url, 1) == 1  # the pool's one connection, no idle one beside it
    finally:
        stores.db.dispose()
    assert _settled(clean_pg_url, 0) == 0
