"""A running platform connection, as the process runner sees it (Slack, Discord, console)."""

from __future__ import annotations

from typing import Protocol

from bot.poster import Poster


class Service(Protocol):
    @property
    def poster(self) -> Poster:
        """Where the runner's scheduler posts (daily questions, digests)."""
        ...

    async def start(self) -> None:
        """Connect and begin serving; returns once serving (the work goes on in tasks)."""
        ...

    async def stop(self) -> None:
        """Stop taking new events, finish (or durably keep) the replies in flight, disconnect."""
        ...
