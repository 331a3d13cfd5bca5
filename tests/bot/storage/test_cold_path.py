"""The start-up path of a one-shot `prepbot ask` (issue 10, cold start): on a database whose schema
is current it records the message in the dedupe ledger over the driver and never imports
SQLAlchemy; a database whose schema stamp is missing or stale is upgraded in full."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from bot.storage import Stores, stamp

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
