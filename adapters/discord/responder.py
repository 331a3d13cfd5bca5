"""Sending a rendered `Reply` to Discord: interaction follow-ups, channel replies, mock threads.

Channel messages (replies to chat messages, DMs, the bot's own posts) take turns through the
channel's send budget (`channel_pacer`, shared fairly between people: adapters/pacing.py), so one
person's flood never stands in front of someone else's answer. Interaction follow-ups are webhook
messages, outside a channel's budget: slash commands and clicks are answered without waiting.
"""

from __future__ import annotations

import asyncio
import logging
import weakref
from collections.abc import Awaitable, Callable
from dataclasses import replace
from enum import Enum
from functools import partial
from typing import Any, Literal, TypeVar

import discord

from adapters.discord import limits
from adapters.discord.embeds import render
from adapters.discord.views import view_for
from adapters.pacing import TOO_FAST, ChannelPacer, QueueFull
from bot.messages import Reply

log = logging.getLogger("prepbot.discord")
T = TypeVar("T")

THREAD_ARCHIVE_MINUTES: Literal[1440] = 1440
NO_MENTIONS = discord.AllowedMentions.none()
DMS_CLOSED = (
    "I sent nothing here because that answer is just for you, but your direct messages are "
    "closed. Allow direct messages from this server's members, or use the slash commands."
)


def discord_budget() -> ChannelPacer:
    """A channel's budget as Discord sets it (5 messages per 5 s per channel, which discord.py
    otherwise enforces by queueing a channel's sends in order): one a second with a burst of two,
    never more than 5 in any 5 s, so discord.py never has to hold one person's answer behind
    another's flood."""
    return ChannelPacer(interval=1.0, burst=2.0, window=(5, 5.0))


# One bot token has one budget per channel, so the process shares one pacer (per event loop: its
# waiting is bound to the loop it runs on).
_PACERS: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, ChannelPacer] = weakref.WeakKeyDictionary()


def channel_pacer() -> ChannelPacer:
    """The pacer of this event loop's Discord channel messages."""
    loop = asyncio.get_running_loop()
    pacer = _PACERS.get(loop)
    if pacer is None:
        pacer = _PACERS[loop] = discord_budget()
    return pacer


def pace_with(pacer: ChannelPacer) -> None:
    """Use `pacer` for this event loop's channel messages (tests hold the budget still with it)."""
    _PACERS[asyncio.get_running_loop()] = pacer


async def paced(channel_id: int, person: str, send: Callable[[], Awaitable[T]]) -> T:
    """`send()` in `person`'s turn in the channel ("" for the bot's own posts); raises `QueueFull`,
    before anything queues, when their share of the channel is already waiting."""
    async with channel_pacer().slot(str(channel_id), person):
        return await send()


class Placeholder(Enum):
    """What an interaction was deferred with."""

    NONE = "none"  # a click acknowledged without a message (deferred update)
    PUBLIC = "public"  # "prepbot is thinking…" for everyone
    EPHEMERAL = "ephemeral"  # "prepbot is thinking…" for the person only


def send_kwargs(payload: dict[str, Any]) -> dict[str, Any]:
    """A rendered payload (plain dicts) as discord.py send keyword arguments."""
    kwargs: dict[str, Any] = {
        "embeds": [discord.Embed.from_dict(embed) for embed in payload["embeds"]],
        "allowed_mentions": NO_MENTIONS,
    }
    if payload.get("content"):
        kwargs["content"] = payload["content"]
    view = view_for(payload["components"])
    if view is not None:
        kwargs["view"] = view
    return kwargs


async def follow_up(
    interaction: discord.Interaction[Any], reply: Reply, *, placeholder: Placeholder = Placeholder.NONE
) -> None:
    """Answer a deferred interaction with `reply`.

    Discord makes the first follow-up fill the "thinking…" placeholder, with the placeholder's
    visibility. When that differs from the reply's (a personal reply after a public placeholder,
    or the other way round), the placeholder is removed first so the reply shows as it should.
    """
    if placeholder is not Placeholder.NONE and reply.ephemeral != (placeholder is Placeholder.EPHEMERAL):
        try:
            await interaction.delete_original_response()
        except discord.HTTPException:
            log.info("could not remove the thinking message", extra={"interaction": interaction.id})
    sent: list[discord.WebhookMessage] = []
    for index, payload in enumerate(render(reply)):
        try:
            sent.append(
                await interaction.followup.send(
                    **_files(send_kwargs(payload), reply, index), ephemeral=reply.ephemeral, wait=True
                )
            )
        except discord.NotFound:  # the interaction token expired (15 min): say it where we can
            await _fallback(interaction, reply, payload)
            return
    if reply.start_thread and not reply.ephemeral and sent:
        await open_thread(interaction.channel, sent[0], interaction.user)


def _files(kwargs: dict[str, Any], reply: Reply, index: int) -> dict[str, Any]:
    """`kwargs` with the reply's files on its first message (and a note on any left out)."""
    if index or not reply.attachments:
        return kwargs
    from adapters.discord.uploads import files_for

    files, note = files_for(reply.attachments)
    if note:
        kwargs = kwargs | {"content": "\n".join(filter(None, (kwargs.get("content"), note)))}
    return kwargs | {"files": files}


async def _fallback(interaction: discord.Interaction[Any], reply: Reply, payload: dict[str, Any]) -> None:
    channel = interaction.channel
    log.warning("interaction expired before the answer was ready", extra={"interaction": interaction.id})
    if reply.ephemeral or not isinstance(channel, discord.abc.Messageable):
        return
    try:
        await paced(channel.id, str(interaction.user.id), partial(channel.send, **send_kwargs(payload)))
    except QueueFull:
        log.info("send queue full: reply dropped", extra={"user": interaction.user.id})


async def reply_in_channel(message: discord.Message, reply: Reply) -> list[discord.Message]:
    """Answer a chat message where it was said (a reply to it), opening a thread if asked.

    A personal reply to a message in a server channel goes to the person's direct messages
    (Discord has no ephemeral replies to messages); if their DMs are closed, a short public note
    says so instead of showing the personal reply to everyone.
    """
    person = str(message.author.id)
    sent: list[discord.Message] = []
    try:
        if reply.ephemeral and message.guild is not None:
            if await _send_privately(message.author, reply):
                return []
            closed = partial(message.reply, DMS_CLOSED, mention_author=False, allowed_mentions=NO_MENTIONS)
            return [await paced(message.channel.id, person, closed)]
        for index, payload in enumerate(render(reply)):
            kwargs = _files(send_kwargs(payload), reply, index)
            if index == 0:
                send = partial(message.reply, **kwargs, mention_author=False)
            else:
                send = partial(message.channel.send, **kwargs)
            sent.append(await paced(message.channel.id, person, send))
    except QueueFull as full:
        log.info("send queue full: reply dropped", extra={"user": message.author.id})
        if full.first:
            await _slow_down(message)
        return sent
    if reply.start_thread and sent:
        await open_thread(message.channel, sent[0], message.author)
    return sent


async def _slow_down(message: discord.Message) -> None:
    """Tell a flooder, once per backlog, that some answers were skipped: in their DMs (outside the
    channel's budget), else as one reply where they are."""
    notice = send_kwargs(render(TOO_FAST)[0])
    try:
        if message.guild is not None:
            try:
                await message.author.send(**notice)
                return
            except discord.Forbidden:
                log.info("direct messages closed", extra={"user": message.author.id})
        await message.reply(**notice, mention_author=False)
    except discord.HTTPException as exc:
        log.warning(
            "could not tell a flooder to slow down: %s", exc.status, extra={"user": message.author.id}
        )


async def _send_privately(user: discord.User | discord.Member, reply: Reply) -> bool:
    """The reply in the person's DMs (without buttons: they act on the conversation it came from)."""
    try:
        channel = user.dm_channel or await user.create_dm()
        for index, payload in enumerate(render(replace(reply, buttons=()))):
            kwargs = _files(send_kwargs(payload), reply, index)
            await paced(channel.id, str(user.id), partial(channel.send, **kwargs))
    except discord.Forbidden:
        log.info("direct messages closed", extra={"user": user.id})
        return False
    except QueueFull as full:
        log.info("send queue full: reply dropped", extra={"user": user.id})
        if full.first:
            try:
                await channel.send(**send_kwargs(render(TOO_FAST)[0]))
            except discord.HTTPException as exc:
                log.warning("could not tell a flooder to slow down: %s", exc.status, extra={"user": user.id})
    return True


async def open_thread(
    channel: Any, starter: discord.Message, owner: discord.abc.User
) -> discord.Thread | None:
    """A public thread on `starter` for one person's mock interview (text channels only)."""
    if not isinstance(channel, discord.TextChannel):
        return None
    name = limits.trim(f"Mock interview · {owner.display_name}", 100)
    thread = await channel.create_thread(
        name=name, message=starter, auto_archive_duration=THREAD_ARCHIVE_MINUTES
    )
    welcome = partial(
        thread.send,
        f"{owner.display_name}, answer here: only your answers are graded in this thread. "
        "Others are welcome to watch.",
        allowed_mentions=NO_MENTIONS,
    )
    try:
        await paced(thread.id, "", welcome)
    except QueueFull:  # a new thread has no queue; only a channel-wide bound could refuse
        log.info("send queue full: thread welcome dropped", extra={"thread": thread.id})
    return thread
