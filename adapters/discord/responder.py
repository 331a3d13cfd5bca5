"""Sending a rendered `Reply` to Discord: interaction follow-ups, channel replies, mock threads."""

from __future__ import annotations

import logging
from dataclasses import replace
from enum import Enum
from typing import Any, Literal

import discord

from adapters.discord import limits
from adapters.discord.embeds import render
from adapters.discord.views import view_for
from bot.messages import Reply

log = logging.getLogger("prepbot.discord")

THREAD_ARCHIVE_MINUTES: Literal[1440] = 1440
NO_MENTIONS = discord.AllowedMentions.none()
DMS_CLOSED = (
    "I sent nothing here because that answer is just for you, but your direct messages are "
    "closed. Allow direct messages from this server's members, or use the slash commands."
)


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
    for payload in render(reply):
        try:
            sent.append(
                await interaction.followup.send(**send_kwargs(payload), ephemeral=reply.ephemeral, wait=True)
            )
        except discord.NotFound:  # the interaction token expired (15 min): say it where we can
            await _fallback(interaction, reply, payload)
            return
    if reply.start_thread and not reply.ephemeral and sent:
        await open_thread(interaction.channel, sent[0], interaction.user)


async def _fallback(interaction: discord.Interaction[Any], reply: Reply, payload: dict[str, Any]) -> None:
    channel = interaction.channel
    log.warning("interaction expired before the answer was ready", extra={"interaction": interaction.id})
    if reply.ephemeral or not isinstance(channel, discord.abc.Messageable):
        return
    await channel.send(**send_kwargs(payload))


async def reply_in_channel(message: discord.Message, reply: Reply) -> list[discord.Message]:
    """Answer a chat message where it was said (a reply to it), opening a thread if asked.

    A personal reply to a message in a server channel goes to the person's direct messages
    (Discord has no ephemeral replies to messages); if their DMs are closed, a short public note
    says so instead of showing the personal reply to everyone.
    """
    if reply.ephemeral and message.guild is not None:
        if await _send_privately(message.author, reply):
            return []
        return [await message.reply(DMS_CLOSED, mention_author=False, allowed_mentions=NO_MENTIONS)]
    sent: list[discord.Message] = []
    for index, payload in enumerate(render(reply)):
        kwargs = send_kwargs(payload)
        if index == 0:
            sent.append(await message.reply(**kwargs, mention_author=False))
        else:
            sent.append(await message.channel.send(**kwargs))
    if reply.start_thread and sent:
        await open_thread(message.channel, sent[0], message.author)
    return sent


async def _send_privately(user: discord.User | discord.Member, reply: Reply) -> bool:
    """The reply in the person's DMs (without buttons: they act on the conversation it came from)."""
    try:
        for payload in render(replace(reply, buttons=())):
            await user.send(**send_kwargs(payload))
    except discord.Forbidden:
        log.info("direct messages closed", extra={"user": user.id})
        return False
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
    await thread.send(
        f"{owner.display_name}, answer here: only your answers are graded in this thread. "
        "Others are welcome to watch.",
        allowed_mentions=NO_MENTIONS,
    )
    return thread
