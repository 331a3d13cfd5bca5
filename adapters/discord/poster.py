"""The Discord `Poster`: posts the core's own messages (daily questions) idempotently, each in its
turn of the channel's send budget (the bot's own share: see `responder.paced`)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from typing import Any

import discord

from adapters.discord import limits
from adapters.discord.embeds import render
from adapters.discord.responder import THREAD_ARCHIVE_MINUTES, _files, paced, send_kwargs
from bot.messages import ChannelRef, Reply, UserRef

THREAD_ALREADY_CREATED = 160004


def nonce_for(idempotency_key: str, part: int = 0) -> str:
    """A ≤ 25-character nonce, stable for one logical post and part: Discord then returns the
    already-posted message instead of posting it twice (`enforce_nonce`)."""
    digest = hashlib.blake2b(f"{idempotency_key}#{part}".encode(), digest_size=12).hexdigest()
    return ("p" + digest)[: limits.NONCE]


class DiscordPoster:
    platform = "discord"
    # A resend with the same idempotency key carries the same nonce, which Discord deduplicates
    # (for "a few minutes"), so the daily scheduler may resend a post whose sender died.
    idempotent = True

    def __init__(self, client: Callable[[], discord.Client | None]) -> None:
        self._client = client  # the live client (it is rebuilt after a restart)

    async def post(self, channel: ChannelRef, reply: Reply, *, idempotency_key: str) -> str:
        """Post `reply` at top level; return the first message's id (= its thread's id on Discord).
        Raises `QueueFull` when the channel's queue is full (the scheduler tries again later)."""
        client = self._client()
        if client is None:
            raise RuntimeError("the Discord client is not connected")
        target: Any = client.get_channel(int(channel.id)) or await client.fetch_channel(int(channel.id))
        sent: list[discord.Message] = []
        for part, payload in enumerate(render(reply)):
            kwargs = _files(send_kwargs(payload), reply, part)  # the digest's picture on the first part
            send = partial(target.send, **kwargs, nonce=nonce_for(idempotency_key, part))
            sent.append(await paced(target.id, "", send))
        first = sent[0]
        if reply.start_thread and isinstance(target, discord.TextChannel):
            await _open_thread(target, first, reply.title)
        return str(first.id)

    async def direct(self, user: UserRef, reply: Reply, *, idempotency_key: str) -> str:
        """A nudge in the person's DMs (nonce'd like posts, so a resend is not shown twice)."""
        client = self._client()
        if client is None:
            raise RuntimeError("the Discord client is not connected")
        person = client.get_user(int(user.id)) or await client.fetch_user(int(user.id))
        channel = person.dm_channel or await person.create_dm()
        sent: list[discord.Message] = []
        for part, payload in enumerate(render(replace(reply, buttons=()))):
            send = partial(channel.send, **send_kwargs(payload), nonce=nonce_for(idempotency_key, part))
            sent.append(await paced(channel.id, "", send))
        return str(sent[0].id)


async def _open_thread(channel: discord.TextChannel, starter: discord.Message, title: str) -> None:
    """The answer thread on the post; a resent post already has one, and that is fine."""
    try:
        await channel.create_thread(
            name=limits.trim(title or "Discussion", 100),
            message=starter,
            auto_archive_duration=THREAD_ARCHIVE_MINUTES,
        )
    except discord.HTTPException as exc:
        if exc.code != THREAD_ALREADY_CREATED:
            raise
