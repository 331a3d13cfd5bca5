"""How the core posts on its own initiative (daily questions, digests): one platform-neutral port.

Each adapter provides a Poster; the console's prints. `idempotency_key` is stable for one logical
post (e.g. "daily:<channel>:<date>"), so an adapter that supports it (Discord's nonce) can make a
resend after a crash a no-op on the platform side too.
"""

from __future__ import annotations

from typing import Protocol

from bot.messages import ChannelRef, Reply


class Poster(Protocol):
    @property
    def platform(self) -> str: ...

    async def post(self, channel: ChannelRef, reply: Reply, *, idempotency_key: str) -> str:
        """Post `reply` at top level in `channel`; return the posted message's id (its thread id)."""
        ...
