"""The console as a `Service` for `prepbot run --adapter console`: posts print to stdout, and lines
read from stdin (when it is a terminal or a pipe) are messages from one local person.

Channel keys are `console::<channel>` (platform "console", no team), the same rule as
`prepbot daily --channel <channel>`, so a study channel set up from the console is the one the CLI
claims posts for. Stdin is read by a daemon thread, so a blocked read never holds up shutdown.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import stat
import sys
import threading
import uuid
from typing import IO, TYPE_CHECKING

from bot import plaintext
from bot.messages import ChannelRef, Message, Reply, UserRef

if TYPE_CHECKING:
    from bot.app import Prepbot
    from bot.config import Settings

DRAIN_SECONDS = 20.0


class ConsolePoster:
    """Prints a post; its id is a counter, its thread is itself."""

    platform = "console"
    idempotent = False

    def __init__(self, out: IO[str] | None = None) -> None:
        self.out = out or sys.stdout
        self._ids = itertools.count(1)
        self._prefix = uuid.uuid4().hex[:8]

    async def post(self, channel: ChannelRef, reply: Reply, *, idempotency_key: str) -> str:
        message_id = f"{self._prefix}-{next(self._ids)}"
        print(
            f"--- post to #{channel.id} ({idempotency_key}, thread "
            f"{message_id})\n{plaintext.render(reply)}\n",
            file=self.out,
            flush=True,
        )
        return message_id

    async def direct(self, user: UserRef, reply: Reply, *, idempotency_key: str) -> str:
        """A nudge, printed for the person it is for."""
        message_id = f"{self._prefix}-{next(self._ids)}"
        print(f"--- to {user.id} ({idempotency_key})\n{plaintext.render(reply)}\n", file=self.out, flush=True)
        return message_id


def reads_lines(stream: IO[str]) -> bool:
    """True for a terminal or a pipe (not /dev/null or a closed stdin under a process manager)."""
    try:
        mode = os.fstat(stream.fileno()).st_mode
    except (OSError, ValueError):
        return False
    return stream.isatty() or stat.S_ISFIFO(mode) or stat.S_ISREG(mode)


class ConsoleService:
    def __init__(
        self,
        bot: Prepbot,
        settings: Settings,
        *,
        channel: str = "console",
        user: str = "local",
        stdin: IO[str] | None = None,
        out: IO[str] | None = None,
    ) -> None:
        self.bot = bot
        self.out = out or sys.stdout
        self.poster = ConsolePoster(self.out)
        self.stdin = stdin if stdin is not None else sys.stdin
        self.channel = ChannelRef("console", channel)
        self.user = UserRef("console", user, user, is_admin=True)  # the person at the terminal runs it
        self.task: asyncio.Future[None] | None = None
        self._inflight: set[asyncio.Task[None]] = set()
        self._closing = False
        self._ids = itertools.count(1)
        self._prefix = uuid.uuid4().hex[:8]

    async def start(self) -> None:
        if not reads_lines(self.stdin):
            return
        loop = asyncio.get_running_loop()
        lines: asyncio.Queue[str | None] = asyncio.Queue()
        threading.Thread(target=self._read, args=(loop, lines), name="prepbot-stdin", daemon=True).start()
        self.task = asyncio.ensure_future(self._serve(lines))

    async def stop(self) -> None:
        """Take no more lines; finish the replies in flight (up to DRAIN_SECONDS)."""
        self._closing = True
        if self._inflight:
            await asyncio.wait(set(self._inflight), timeout=DRAIN_SECONDS)

    def _read(self, loop: asyncio.AbstractEventLoop, lines: asyncio.Queue[str | None]) -> None:
        for line in self.stdin:
            loop.call_soon_threadsafe(lines.put_nowait, line.rstrip("\n"))
        loop.call_soon_threadsafe(lines.put_nowait, None)

    async def _serve(self, lines: asyncio.Queue[str | None]) -> None:
        """Answer each line as it comes; at end of input, finish the answers and return."""
        while (line := await lines.get()) is not None:
            if self._closing:
                break
            if line.strip():
                task = asyncio.create_task(self._answer(line))
                self._inflight.add(task)
                task.add_done_callback(self._inflight.discard)
        if self._inflight:
            await asyncio.wait(set(self._inflight), timeout=DRAIN_SECONDS)

    async def _answer(self, text: str) -> None:
        message = Message("console", f"{self._prefix}-{next(self._ids)}", self.user, self.channel, text)
        reply = await self.bot.handle(message)
        if reply is not None:
            print(plaintext.render(reply) + "\n", file=self.out, flush=True)
