"""The schema stamp: a fingerprint of the code that defines the tables, kept in the database once
`schema.upgrade` has run with that code, so a start-up whose schema is current is one SELECT.

The fingerprint is the text of every module in this package (any edit means "upgrade once more");
it is computed before those modules are imported, so an edit racing a start-up can only cause one
more upgrade, never a stamp for a schema that was not made.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.storage.db import Database

_HERE = Path(__file__).resolve().parent
CREATE = (
    "CREATE TABLE IF NOT EXISTS prepbot_meta (name VARCHAR(100) PRIMARY KEY, value VARCHAR(200) NOT NULL)"
)


def fingerprint() -> str:
    digest = hashlib.sha256()
    for path in sorted(_HERE.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:40]


def read(db: Database) -> str | None:
    """The stamp in the database, or None (no table yet, or it cannot be read: upgrade)."""
    try:
        rows = db.raw("SELECT value FROM prepbot_meta WHERE name = 'schema'")
    except Exception:  # missing table on a new database; any doubt means a full upgrade
        return None
    return str(rows[0][0]) if rows else None


def write(db: Database, value: str) -> None:
    db.raw(CREATE)
    db.raw(
        "INSERT INTO prepbot_meta (name, value) VALUES ('schema', ?) "
        "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
        (value,),
    )
