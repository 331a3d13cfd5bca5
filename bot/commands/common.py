"""Options shared by sub-commands and the code that turns them into a running `Prepbot`."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from bot.app import Prepbot, build
from bot.config import Settings, load_settings

F = TypeVar("F", bound=Callable[..., Any])


def db_option(func: F) -> F:
    return click.option(
        "--db", "db", default=None, metavar="URL",
        help="Database URL (default: PREPBOT_DATABASE_URL, else a SQLite file in the user data dir).",
    )(func)


def knowledge_option(func: F) -> F:
    return click.option(
        "--knowledge", "knowledge", default=None, metavar="DIR",
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
    logging.basicConfig(level=getattr(logging, settings.log_level.upper(), logging.INFO),
                        format="%(asctime)s %(levelname)s %(name)s %(message)s", handlers=[handler])
    if settings.log_level.upper() == "INFO" and not log_file:
        logging.getLogger().setLevel(logging.WARNING)
    return build(settings)
