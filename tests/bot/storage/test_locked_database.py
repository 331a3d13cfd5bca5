"""Another process holding the SQLite write lock: `prepbot ask` and `prepbot daily` wait for it (the
busy timeout), answer if it is let go in time, and otherwise fail with one line and exit status 1."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from bot.storage import Stores
from bot.storage.db import SQLITE_BUSY_TIMEOUT_MS

REPO = Path(__file__).resolve().parents[3]
SCRIPT = Path(sys.executable).with_name("prepbot")
COMMAND = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "bot.cli"]


@contextmanager
def write_lock_held(path: Path, seconds: float) -> Iterator[None]:
    """Hold `path`'s write lock (BEGIN IMMEDIATE) from another connection for `seconds`."""
    taken, done = threading.Event(), threading.Event()

    def hold() -> None:
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        taken.set()
        done.wait(seconds)
        conn.execute("COMMIT")
        conn.close()

    holder = threading.Thread(target=hold)
    holder.start()
    taken.wait(10)
    try:
        yield
    finally:
        done.set()
        holder.join()


def start(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*COMMAND, *args], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


@pytest.fixture
def db_file(tmp_path: Path) -> Path:
    path = tmp_path / "locked.db"
    Stores.open(f"sqlite:///{path}").db.dispose()  # an existing database, as a user's would be
    return path


@pytest.mark.slow
def test_ask_and_daily_wait_for_the_lock_then_fail_with_one_line(db_file: Path) -> None:
    url = f"sqlite:///{db_file}"
    began = time.monotonic()
    with write_lock_held(db_file, 60):
        children = [
            start("ask", "--json", "--db", url, "who made keras"),
            start("daily", "--channel", "c1", "--date", "2026-01-05", "--json", "--db", url),
        ]
        outputs = [child.communicate(timeout=60) for child in children]
        waited = time.monotonic() - began
    for child, (out, err) in zip(children, outputs, strict=True):
        assert child.returncode == 1, (out, err)
        assert out == ""
        lines = err.strip().splitlines()
        assert len(lines) == 1, err
        assert "busy" in lines[0] and str(db_file) in lines[0] and "Traceback" not in err
    assert waited >= SQLITE_BUSY_TIMEOUT_MS / 1000 * 0.9  # it waited before giving up


@pytest.mark.slow
def test_ask_and_daily_answer_once_the_lock_is_let_go_in_time(db_file: Path) -> None:
    url = f"sqlite:///{db_file}"
    with write_lock_held(db_file, 5):
        children = [
            start("ask", "--json", "--db", url, "who made keras"),
            start("daily", "--channel", "c1", "--date", "2026-01-05", "--json", "--db", url),
        ]
        outputs = [child.communicate(timeout=60) for child in children]
    (asked, ask_err), (posted, daily_err) = outputs
    assert children[0].returncode == 0 and children[1].returncode == 0, (ask_err, daily_err)
    assert json.loads(asked)["intent"] == "explain"
    assert json.loads(posted)["posted"] is True
