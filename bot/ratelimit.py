"""Per-person flood guard (reliability.md T14): at most N messages per window are handled; the
first one over the limit gets a single "slow down" notice, the rest are dropped quietly.

State is in-process (per bot process / Discord shard): a person's messages reach one process per
platform event, so a shared store would add a database write per message for no gain.
"""

from __future__ import annotations

import threading
from collections import deque
from datetime import datetime, timedelta
from enum import Enum


class Verdict(Enum):
    ALLOW = "allow"
    WARN = "warn"  # over the limit: tell the person once
    DROP = "drop"  # over the limit and already told


class RateLimiter:
    def __init__(self, limit: int, window: timedelta = timedelta(seconds=10)) -> None:
        self.limit = limit
        self.window = window
        self._events: dict[str, deque[datetime]] = {}
        self._warned: dict[str, datetime] = {}
        self._lock = threading.Lock()

    def check(self, key: str, now: datetime) -> Verdict:
        if self.limit <= 0:
            return Verdict.ALLOW
        with self._lock:
            events = self._events.setdefault(key, deque())
            while events and now - events[0] >= self.window:
                events.popleft()
            if len(events) < self.limit:
                events.append(now)
                self._warned.pop(key, None)
                return Verdict.ALLOW
            if key in self._warned and now - self._warned[key] < self.window:
                return Verdict.DROP
            self._warned[key] = now
            return Verdict.WARN
