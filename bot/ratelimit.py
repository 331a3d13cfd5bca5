"""Per-person flood guard (reliability.md T14): at most N messages per window are handled; the
first one over the limit gets a single "slow down" notice, the rest are dropped quietly.

State is in-process (per bot process / Discord shard): a person's messages reach one process per
platform event, so a shared store would add a database write per message for no gain.

Memory is bounded by the people active in the last window: once per window (amortised over the
calls), every key with no event and no notice inside the window is forgotten, so a stream of
one-off senders never grows the maps for ever.
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
        self._swept: datetime | None = None

    def __len__(self) -> int:
        """How many people the limiter currently remembers."""
        with self._lock:
            return len(self._events.keys() | self._warned.keys())

    def check(self, key: str, now: datetime) -> Verdict:
        if self.limit <= 0:
            return Verdict.ALLOW
        with self._lock:
            self._sweep(now)
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

    def _sweep(self, now: datetime) -> None:
        """Forget idle people, at most once per window (so each call stays O(1) amortised)."""
        if self._swept is not None and now - self._swept < self.window:
            return
        self._swept = now
        for key in [k for k, events in self._events.items() if not events or now - events[-1] >= self.window]:
            del self._events[key]
        for key in [k for k, warned in self._warned.items() if now - warned >= self.window]:
            del self._warned[key]
