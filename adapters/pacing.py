"""A channel's send budget, shared fairly between the people in it (Slack and Discord alike).

Platform-neutral: asyncio only. Each adapter wraps every message it posts in a channel in
`ChannelPacer.slot(channel, person)`; replies that are not channel messages (Slack ephemerals and
response_urls, Discord interaction follow-ups) do not use the channel's budget and are not paced.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict, deque
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass, field

from bot.messages import Reply, Section

# What a flooder is told, once per backlog, when their excess is dropped.
TOO_FAST = Reply(
    title="Slow down a little",
    sections=(
        Section(
            text="You're sending messages faster than I can post answers in this channel, so I skipped some. "
            "Give me a few seconds, then go on."
        ),
    ),
    ephemeral=True,
)


class QueueFull(Exception):
    """This person already has `per_person` messages waiting in this channel (or the channel is
    full): the message is dropped before it queues. `first` is True once per backlog, so the
    person is told once."""

    def __init__(self, first: bool) -> None:
        super().__init__("send queue full")
        self.first = first


@dataclass
class _Channel:
    queues: OrderedDict[str, deque[asyncio.Future[asyncio.Future[None]]]] = field(default_factory=OrderedDict)
    tokens: float = 2.0
    updated: float = 0.0
    last: str | None = None
    last_at: float = 0.0  # when `last` was given its turn
    sent: deque[float] = field(default_factory=deque)  # send times inside the window, oldest first
    arrived: asyncio.Event = field(default_factory=asyncio.Event)
    task: asyncio.Task[None] | None = None
    told: set[str] = field(default_factory=set)

    @property
    def size(self) -> int:
        return sum(len(q) for q in self.queues.values())


class ChannelPacer:
    """A channel's send budget, shared fairly between people.

    Each channel sends about one message per `interval`, with a burst of `burst`; with `window`
    (limit, seconds) also never more than `limit` messages in any `seconds` (Discord counts a
    channel's messages that way). Who goes next is round-robin over the people waiting in that
    channel, so one person's backlog never stands in front of another person's reply; and the last
    token is kept for someone other than the previous sender or a person with more waiting, so a
    newcomer goes at once even while one person floods. Every queue is bounded: `per_person`
    waiting messages a person per channel (the bot's own posts, person "", only by the channel
    bound), `per_channel` in all; past that `slot()` raises `QueueFull` before anything queues.
    A channel is forgotten once nobody waits and its budget has refilled (not before: a person
    whose replies come one at a time must not find a fresh budget each time).
    """

    SWEEP_SECONDS = 60.0  # how often idle, refilled channels are looked for

    def __init__(
        self,
        interval: float = 1.0,
        *,
        burst: float = 2.0,
        window: tuple[int, float] | None = None,
        per_person: int = 3,
        per_channel: int = 100,
    ) -> None:
        if burst < 2.0:
            raise ValueError("burst must be at least 2: one token is kept for someone else")
        if window is not None and window[0] < 2:
            raise ValueError("a window must allow at least 2 messages: one is kept for someone else")
        self.interval = interval
        self.burst = burst
        self.window = window
        self.per_person = per_person
        self.per_channel = per_channel
        self._channels: dict[str, _Channel] = {}
        self._swept = 0.0

    @asynccontextmanager
    async def slot(self, channel: str, person: str = "") -> AsyncIterator[None]:
        """Wait for `person`'s turn in `channel`, then hold it while one message is sent."""
        loop = asyncio.get_running_loop()
        if loop.time() - self._swept >= self.SWEEP_SECONDS:
            self.forget_idle()
        state = self._channels.get(channel)
        if state is None:
            state = self._channels[channel] = _Channel(tokens=self.burst, updated=loop.time())
        queue = state.queues.get(person)
        if (person and queue is not None and len(queue) >= self.per_person) or state.size >= self.per_channel:
            first = person not in state.told
            state.told.add(person)
            raise QueueFull(first)
        granted: asyncio.Future[asyncio.Future[None]] = loop.create_future()
        state.queues.setdefault(person, deque()).append(granted)
        state.arrived.set()
        if state.task is None or state.task.done():
            state.task = asyncio.ensure_future(self._dispatch(channel, state))
        try:
            done = await granted
        except asyncio.CancelledError:
            if granted.done() and not granted.cancelled():
                granted.result().set_result(None)  # granted but gone: pass the turn on
            raise
        try:
            yield
        finally:
            if not done.done():  # cancelled with the dispatcher at shutdown: let our cancellation through
                done.set_result(None)

    async def _dispatch(self, channel: str, state: _Channel) -> None:
        """Hand out turns in this channel until nobody waits, then forget the channel."""
        loop = asyncio.get_running_loop()
        rate = 1.0 / self.interval if self.interval > 0 else float("inf")
        while state.queues:
            now = loop.time()
            unpaced = rate == float("inf")
            state.tokens = (
                self.burst if unpaced else min(self.burst, state.tokens + (now - state.updated) * rate)
            )
            state.updated = now
            if self.window is not None:
                while state.sent and state.sent[0] <= now - self.window[1]:
                    state.sent.popleft()
            person = self._next(state, now)
            if person is None:  # nobody may go yet: wait for a token or a newcomer
                state.arrived.clear()
                with suppress(TimeoutError):
                    await asyncio.wait_for(state.arrived.wait(), timeout=self._wait(state, rate, now))
                continue
            queue = state.queues[person]
            granted = queue.popleft()
            if queue:
                state.queues.move_to_end(person)
            else:
                del state.queues[person]
                state.told.discard(person)
            if granted.cancelled():
                continue
            state.tokens -= 1.0
            state.last, state.last_at = person, now
            if self.window is not None:
                state.sent.append(now)
            done: asyncio.Future[None] = loop.create_future()
            granted.set_result(done)
            await done  # the holder makes its call; calls in a channel never overlap
            state.updated = loop.time()  # the budget refills from the call's end, as the platforms count it
        if self._channels.get(channel) is state and self._refilled(state, loop.time()):
            del self._channels[channel]

    def _refilled(self, state: _Channel, now: float) -> bool:
        """Nobody waits and the budget is whole again: the channel's state can go."""
        if state.queues:
            return False
        if self.interval > 0 and state.tokens + (now - state.updated) / self.interval < self.burst:
            return False
        return self.window is None or not state.sent or state.sent[-1] <= now - self.window[1]

    def forget_idle(self) -> None:
        """Forget the channels that are idle and refilled (`slot` does this now and then)."""
        now = self._swept = asyncio.get_running_loop().time()
        for channel, state in list(self._channels.items()):
            if (state.task is None or state.task.done()) and self._refilled(state, now):
                del self._channels[channel]

    def _available(self, state: _Channel) -> float:
        """Messages the channel may send now: the bucket's tokens, capped by the window."""
        if self.window is None:
            return state.tokens
        return min(state.tokens, float(self.window[0] - len(state.sent)))

    def _need(self, state: _Channel, person: str, now: float) -> float:
        """Anyone with more waiting, and the previous sender going again within an interval, needs
        two tokens: one is kept for someone else. Anyone else needs one."""
        again = person == state.last and now - state.last_at < self.interval
        return 2.0 if again or len(state.queues[person]) > 1 else 1.0

    def _next(self, state: _Channel, now: float) -> str | None:
        """The first person, in round-robin order, the budget lets go now."""
        available = self._available(state)
        for person in state.queues:
            if available >= self._need(state, person, now):
                return person
        return None

    def _wait(self, state: _Channel, rate: float, now: float) -> float:
        """Seconds until the most easily satisfied waiting person may go."""
        need = min(self._need(state, person, now) for person in state.queues)
        wait = (need - state.tokens) / rate
        if state.last in state.queues and now - state.last_at < self.interval:
            wait = min(wait, state.last_at + self.interval - now)  # then the previous sender needs one
        if self.window is not None:
            expiring = len(state.sent) - (self.window[0] - int(need))  # sends that must leave the window
            if expiring > 0:
                wait = max(wait, state.sent[expiring - 1] + self.window[1] - now)
        return max(0.001, wait)
