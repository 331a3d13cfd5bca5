"""Which channel threads the bot takes part in, so thread replies there need no mention.

In memory, per process, bounded (oldest threads forgotten first) and expiring: after a restart, or
on another replica, people mention the bot once in the thread and it is known again.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable

ANYONE = "*"


class ThreadRegistry:
    def __init__(
        self, *, limit: int = 10_000, ttl: float = 6 * 3600, now: Callable[[], float] = time.monotonic
    ) -> None:
        self._threads: OrderedDict[tuple[str, str], tuple[float, set[str]]] = OrderedDict()
        self._limit = limit
        self._ttl = ttl
        self._now = now

    def add(self, channel: str, thread_ts: str, user: str) -> None:
        """`user` may answer in this thread without a mention (ANYONE: everybody may)."""
        key = (channel, thread_ts)
        _, users = self._threads.pop(key, (0.0, set()))
        users.add(user)
        self._threads[key] = (self._now(), users)
        while len(self._threads) > self._limit:
            self._threads.popitem(last=False)

    def allows(self, channel: str, thread_ts: str | None, user: str) -> bool:
        if not thread_ts:
            return False
        entry = self._threads.get((channel, thread_ts))
        if entry is None:
            return False
        seen, users = entry
        if self._now() - seen > self._ttl:
            del self._threads[(channel, thread_ts)]
            return False
        return user in users or ANYONE in users
