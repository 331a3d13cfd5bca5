"""`prepbot ask`: one message in, one reply out — the contract other programs script against."""

from __future__ import annotations

import json
import sys
import uuid
from pathlib import Path
from typing import Any

import click

from bot import plaintext
from bot.cli.common import bot_from, database_errors, db_option, knowledge_option
from bot.messages import ChannelRef, Message, Reply, UserRef
from bot.text import clean

STDIN = "-"


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of text.")
@click.option("--user", default="local", show_default=True, help="Who is asking (keeps practice per person).")
@click.option("--channel", default="cli", show_default=True, help="Where the message is said.")
@db_option
@knowledge_option
@click.argument("text", nargs=-1)
def ask(
    as_json: bool, user: str, channel: str, db: str | None, knowledge: Path | None, text: tuple[str, ...]
) -> None:
    """Answer TEXT (or standard input when TEXT is `-`) once and exit."""
    said = sys.stdin.read() if text == (STDIN,) else " ".join(text)
    prepbot = bot_from(db, knowledge)
    message = Message(
        platform="console",
        id=uuid.uuid4().hex,
        user=UserRef("console", user, user),
        channel=ChannelRef("console", channel, is_direct=True),
        text=said,
    )
    failures = FailureCount()
    prepbot.observers.append(failures)
    try:
        # The same unit of work `handle` runs in a worker thread; a one-shot command has no event
        # loop to keep free, and not starting one keeps asyncio out of its start-up.
        with database_errors(prepbot.settings.database_url):
            reply = prepbot.answer_now(message)
    finally:
        prepbot.stores.db.dispose()
    if reply is None:  # cannot happen with a fresh id; keep the contract anyway
        reply = Reply(title="Already answered.")
    click.echo(json.dumps(as_contract(reply), ensure_ascii=False) if as_json else plaintext.render(reply))
    if failures.errors:  # the apology is printed, and a script can tell it from an answer
        sys.exit(1)


class FailureCount:
    """Counts the messages the core could not answer (an observer of `Prepbot`)."""

    def __init__(self) -> None:
        self.errors = 0

    def on_message(self, message: Message) -> None:
        return None

    def on_reply(self, reply: Reply) -> None:
        return None

    def on_error(self) -> None:
        self.errors += 1


def as_contract(reply: Reply) -> dict[str, Any]:
    """The `--json` object: exactly these seven fields."""
    return {
        "intent": reply.intent.value,
        "topics": [clean(t) for t in reply.topics],
        "aspect": reply.aspect,
        "confidence": max(0, min(100, int(reply.confidence))),
        "text": plaintext.render(reply),
        "score": None if reply.score is None else max(0, min(100, int(reply.score))),
        "suggestions": [clean(s) for s in reply.suggestions],
    }
