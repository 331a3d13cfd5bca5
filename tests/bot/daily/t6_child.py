"""T6 child: `run_service` with the console Service over a core whose every answer takes 2 s.

Usage: python -m tests.bot.daily.t6_child DB_URL
Reads lines from stdin; prints "START <text>" on stderr when an answer begins, and each reply on stdout.
"""

from __future__ import annotations

import asyncio
import sys
from dataclasses import dataclass

from adapters.console.poster import ConsoleService
from bot.app import Prepbot
from bot.cli.runner import run_service
from bot.config import load_settings
from bot.messages import Message, Reply
from bot.storage import Stores
from tests.bot.daily.conftest import FakeClock, make_kb


@dataclass
class SlowBot(Prepbot):
    async def handle(self, message: Message) -> Reply | None:
        print(f"START {message.text}", file=sys.stderr, flush=True)
        await asyncio.sleep(2.0)
        return Reply(title=f"reply to {message.text}")


def main(url: str) -> None:
    settings = load_settings({"database_url": url}, environ={})
    bot = SlowBot(kb=make_kb(), stores=Stores.open(url), settings=settings, clock=FakeClock())
    asyncio.run(run_service(bot, settings, ConsoleService(bot, settings)))
    print("EXITED", file=sys.stderr, flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
