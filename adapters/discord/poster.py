"""The Discord `Poster`: posts the core's own messages (daily questions) idempotently."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

import discord

from adapters.discord import limits
from adapters.discord.embeds import render
from adapters.discord.responder import THREAD_ARCHIVE_MINUTES, send_kwargs
from bot.messages import ChannelRef, Reply


def nonce_for(idempotency_key: str, part: int = 0) -> str:
    """A ≤ 25-character nonce, stable for one logical post and part: Discord then returns the
    already-posted message instead of posting it twice (`enforce_nonce`)."""
    digest = hashlib.blake2b(f"{idempotency_key}#{part}".encode(), digest_size=12).hexdigest()
    return ("p" + digest)[: limits.NONCE]


class DiscordPoster:
    platform = "discord"

    def __init__(self, client: Callable[[], discord.Client | None]) -> None:
        self._client = client  # the live client (it is rebuilt after a restart)

    async def post(self, channel: ChannelRef, reply: Reply, *, idempotency_key: str) -> str:
        """Post `reply` at top level; return the first message's id (= its thread's id on Discord)."""
        client = self._client()
        if client is None:
            raise RuntimeError("the Discord client is not connected")
        target: Any = client.get_channel(int(channel.id)) or await client.fetch_channel(int(channel.id))
        sent: list[discord.Message] = []
        for part, payload in enumerate(render(reply)):
            sent.append(await target.send(**send_kwargs(payload), nonce=nonce_for(idempotency_key, part)))
        first = sent[0]
        if reply.start_thread and isinstance(target, discord.TextChannel) and first.thread is None:
            await target.create_thread(name=limits.trim(reply.title or "Discussion", 100), message=first,
                                       auto_archive_duration=THREAD_ARCHIVE_MINUTES)
        return str(first.id)
