"""Options shared by sub-commands and the code that turns them into a running `Prepbot`."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click

from bot.app import Prepbot, build
from bot.config import Settings, load_settings
from bot.errors import StorageError

F = TypeVar("F", bound=Callable[..., Any])


def db_option(func: F) -> F:
    return click.option(
        "--db",
        "db",
        default=None,
        metavar="URL",
        help="Database URL (default: PREPBOT_DATABASE_URL, else a SQLite file in the user data dir).",
    )(func)


def knowledge_option(func: F) -> F:
    return click.option(
        "--knowledge",
        "knowledge",
        default=None,
        metavar="DIR",
        type=click.Path(file_okay=False, path_type=Path),
        help="Folder of knowledge documents used instead of the bundled ones (PREPBOT_KNOWLEDGE).",
    )(func)


def settings_from(db: str | None = None, knowledge: Path | None = None, **extra: Any) -> Settings:
    return load_settings({"database_url": db, "knowledge": knowledge, **extra})


def bot_from(db: str | None = None, knowledge: Path | None = None, *, log_file: bool = False) -> Prepbot:
    """Build the bot for a CLI command; quiet logging unless PREPBOT_LOG_LEVEL says otherwise.

    `log_file`: log to `prepbot.log` in the user log dir instead of the terminal, so an
    interactive chat never shows a trace between replies.
    """
    settings = settings_from(db, knowledge)
    handler: logging.Handler = logging.StreamHandler()
    if log_file:
        from platformdirs import user_log_dir

        directory = Path(user_log_dir("prepbot", appauthor=False))
        directory.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(directory / "prepbot.log", encoding="utf-8")
    logging.basicConfig(
        level=getattr(logging, settings.log_level.upper(), logging.INFO),
        format="%(asctime)s %(levelname)s %(name)s %(message)s",
        handlers=[handler],
    )
    if settings.log_level.upper() == "INFO" and not log_file:
        logging.getLogger().setLevel(logging.WARNING)
    with database_errors(settings.database_url):  # opening runs the schema check, which writes
        return build(settings)


@contextmanager
def database_errors(url: str | None) -> Iterator[None]:
    """Turn a database that cannot be used (locked past the busy timeout, unreachable, refusing)
    into one line and exit status 1 instead of a traceback."""
    try:
        yield
    except Exception as exc:
        cause = exc.__cause__ if isinstance(exc, StorageError) and exc.__cause__ else exc
        if not _is_database_error(cause):
            raise
        raise click.ClickException(describe_database_error(cause, url)) from None


def _is_database_error(exc: BaseException) -> bool:
    """SQLAlchemy's DBAPIError, or the driver's own error from `Database.raw`. Looked up only among
    the modules already imported: a library that was never loaded raised nothing."""
    for module, name in (("sqlalchemy.exc", "DBAPIError"), ("sqlite3", "Error"), ("psycopg", "Error")):
        loaded = sys.modules.get(module)
        if loaded is not None and isinstance(exc, getattr(loaded, name)):
            return True
    return False


def describe_database_error(exc: BaseException, url: str | None) -> str:
    """One line naming the database (password hidden) and what went wrong, never the SQL."""
    from bot.storage.db import SQLITE_BUSY_TIMEOUT_MS

    where = _shown_url(url)
    orig = getattr(exc, "orig", None) or exc  # SQLAlchemy wraps the driver's error
    reason = (str(orig).strip().splitlines() or [type(orig).__name__])[0]
    if "database is locked" in reason or "database is busy" in reason:
        return (
            f"the database {where} is busy: another process has held its write lock for "
            f"{SQLITE_BUSY_TIMEOUT_MS // 1000} s. Try again when that process is done."
        )
    return f"cannot use the database {where}: {reason}"


def _shown_url(url: str | None) -> str:
    from sqlalchemy.engine import make_url

    from bot.storage.db import default_sqlite_url

    try:
        parsed = make_url(url or default_sqlite_url())
    except Exception:
        return "(the configured URL)"
    if parsed.get_backend_name() == "sqlite":
        return parsed.database or ":memory:"
    return parsed.set(drivername=parsed.get_backend_name()).render_as_string(hide_password=True)
