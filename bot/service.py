"""A running platform connection, as the process runner sees it (Slack, Discord, console)."""

from __future__ import annotations

from typing import Protocol

from bot.poster import Poster


class StartupError(RuntimeError):
    """The service cannot serve until a person fixes something (a token the platform rejected).

    Its message is one line naming the setting and what to check; the command prints it and exits
    non-zero instead of retrying (a restart cannot fix it).
    """


class Service(Protocol):
    @property
    def poster(self) -> Poster:
        """Where the runner's scheduler posts (daily questions, digests)."""
        ...

    async def start(self) -> None:
        """Connect and begin serving; returns once serving (the work goes on in tasks).

        Raises `StartupError` for a problem only a person can fix. The runner cancels a start that
        is still connecting or backing off when a stop signal comes, then calls `stop()`.
        """
        ...

    async def stop(self) -> None:
        """Stop taking new events, finish (or durably keep) the replies in flight, disconnect."""
        ...
