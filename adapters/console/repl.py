"""The console adapter: a REPL over the same core, no account or token needed.

It behaves like Python's own prompt: Ctrl-C drops the line being typed (or the answer being
worked out) and shows a fresh prompt; Ctrl-D or `quit` leaves with exit status 0. The prompt is
read on the main thread, so the terminal's line editing and Ctrl-C reach it directly.
"""

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
from bot.cli.common import bot_from, db_option, knowledge_option
from bot.messages import ChannelRef, Message, UserRef

QUIT = {"quit", "exit", ":q", "bye"}
BANNER = "prepbot — interview practice on the console. Type `help` for ideas, `quit` to leave."
PROMPT = "you> "
INTERRUPTED = "\n(interrupted)"
GOODBYE = "Bye — keep practising!"


class ConsoleChat:
    """Feeds lines to the core as one person in one direct conversation."""

    def __init__(self, bot: Prepbot, user: str, session: str, files: Path | None = None) -> None:
        self.bot = bot
        self.files = files  # where attached files are saved (default: console.files.files_dir())
        self.user = UserRef("console", user, user)
        self.channel = ChannelRef("console", f"chat-{user}", is_direct=True)
        self._ids = (f"{session}-{n}" for n in itertools.count(1))

    async def say(self, text: str) -> str:
        message = Message("console", next(self._ids), self.user, self.channel, text)
        reply = await self.bot.handle(message)
        if reply is None:
            return ""
        text = plaintext.render(reply)
        if reply.attachments:
            from adapters.console import files

            saved = files.save(reply.attachments, self.files or files.files_dir())
            text = f"{text}\n{files.saved_note(saved)}"
        return text


def repl(chat: ConsoleChat, read: Callable[[str], str], write: Callable[[str], None]) -> None:
    """Read lines with `read` (raising KeyboardInterrupt on Ctrl-C, EOFError at the end) and
    `write` the replies, until `quit` or end of input."""
    with asyncio.Runner() as runner:  # one loop for the whole chat (the core keeps it between lines)
        write(BANNER)
        while True:
            try:
                line = read(PROMPT)
            except KeyboardInterrupt:  # the typed line is dropped; a fresh prompt, as in Python's REPL
                write("")
                continue
            except EOFError:
                write("")
                break
            if line.strip().lower() in QUIT:
                break
            if not line.strip():
                continue
            try:
                answer = runner.run(chat.say(line))
            except KeyboardInterrupt:  # Ctrl-C while the answer is worked out: drop it, keep chatting
                write(INTERRUPTED)
                continue
            write(answer + "\n")
        write(GOODBYE)


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
    try:
        repl(console, input, click.echo)
    finally:
        prepbot.stores.db.dispose()
