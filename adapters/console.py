"""The console adapter: a REPL over the same core, no account or token needed."""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import getpass
import itertools
from collections.abc import Callable
from pathlib import Path

import click

from bot import plaintext
from bot.app import Prepbot
from bot.commands.common import bot_from, db_option, knowledge_option
from bot.messages import ChannelRef, Message, UserRef

QUIT = {"quit", "exit", ":q", "bye"}
BANNER = "prepbot — interview practice on the console. Type `help` for ideas, `quit` to leave."


class ConsoleChat:
    """Feeds lines to the core as one person in one direct conversation."""

    def __init__(self, bot: Prepbot, user: str, session: str) -> None:
        self.bot = bot
        self.user = UserRef("console", user, user)
        self.channel = ChannelRef("console", f"chat-{user}", is_direct=True)
        self._ids = (f"{session}-{n}" for n in itertools.count(1))

    async def say(self, text: str) -> str:
        message = Message("console", next(self._ids), self.user, self.channel, text)
        reply = await self.bot.handle(message)
        return plaintext.render(reply) if reply else ""


async def repl(chat: ConsoleChat, read: Callable[[str], str], write: Callable[[str], None]) -> None:
    write(BANNER)
    while True:
        try:
            line = await asyncio.to_thread(read, "you> ")
        except (EOFError, KeyboardInterrupt):
            write("")
            break
        if line.strip().lower() in QUIT:
            break
        if not line.strip():
            continue
        write(await chat.say(line) + "\n")
    write("Bye — keep practising!")


def _enable_history() -> None:
    try:
        import readline
    except ImportError:  # not on every platform
        return
    from platformdirs import user_data_dir

    history = Path(user_data_dir("prepbot", appauthor=False)) / "chat_history"
    history.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        readline.read_history_file(history)
    atexit.register(readline.write_history_file, history)


@click.command()
@click.option("--user", default=None, help="Your name (default: your login name).")
@db_option
@knowledge_option
def chat(user: str | None, db: str | None, knowledge: Path | None) -> None:
    """Chat with prepbot on the console."""
    prepbot = bot_from(db, knowledge, log_file=True)
    _enable_history()
    import uuid

    console = ConsoleChat(prepbot, user or getpass.getuser(), uuid.uuid4().hex[:8])
    asyncio.run(repl(console, input, click.echo))
