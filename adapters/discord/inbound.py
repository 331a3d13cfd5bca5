"""Discord objects -> the core's neutral `Message`. Pure: reads attributes, calls nothing."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import discord

from bot.messages import ChannelRef, Message, UserRef

PLATFORM = "discord"
# Slash commands the core understands as chat text; "ask" hands over the question as typed.
FREE_TEXT_COMMANDS = frozenset({"ask"})
# Commands without typed options: the core gets their action, not text to re-parse. Commands whose
# options a person types (topics, questions) stay text: names there need the matcher's reading of
# aliases and typos.
ACTION_COMMANDS = {"daily": "daily", "progress": "progress", "review": "review", "prep reload": "reload"}
# Discord's markup in message text (the core gets plain text): mentions <@123> / <@!123> / <@&123>,
# channels <#123>, custom emoji <:name:123> / <a:name:123>, commands </name:123>, and links in angle
# brackets <https://...> (Discord's "no preview" form).
_MARKUP = re.compile(r"<(?:@[!&]?|#|/|a?:)[^>]*>|<(?:https?|mailto):[^>]*>")
_SPACES = re.compile(r"[ \t]+")


def plain(said: str) -> str:
    """Discord message text as the core reads it: markup dropped, runs of spaces collapsed."""
    return _SPACES.sub(" ", strip_markup(said)).strip()


def strip_markup(said: str) -> str:
    """Only the markup dropped; nothing else changed."""
    return _MARKUP.sub(" ", said)


def action_for_command(name: str, options: Mapping[str, object]) -> str | None:
    """The action of a slash command that has one (see `ACTION_COMMANDS`), else None."""
    if any(v is not None and str(v).strip() for v in options.values()):
        return None
    return ACTION_COMMANDS.get(name)


def text_for_command(name: str, options: Mapping[str, object]) -> str:
    """The chat text equivalent to a slash command: ``/compare pytorch keras deployment``.

    `name` is the qualified command name ("compare", "prep study"); `options` are the values in
    the order the command declares them. Empty and missing options are left out.
    """
    values = [plain(str(v)) for v in options.values() if v is not None and plain(str(v))]
    if name in FREE_TEXT_COMMANDS:
        return " ".join(values)
    return " ".join(["/" + name, *values])


def is_admin(user: discord.abc.User) -> bool:
    """A server member who may manage the server or its channels (DM users are not admins)."""
    # In an interaction Discord sends the member's resolved permissions; otherwise use the roles.
    permissions = getattr(user, "resolved_permissions", None) or getattr(user, "guild_permissions", None)
    if not isinstance(permissions, discord.Permissions):
        return False
    return permissions.administrator or permissions.manage_guild or permissions.manage_channels


def user_ref(user: discord.abc.User) -> UserRef:
    return UserRef(PLATFORM, str(user.id), user.display_name, is_admin=is_admin(user))


def place(channel: Any, guild_id: int | None) -> tuple[ChannelRef, str | None]:
    """(channel, thread id): a thread's messages belong to its parent channel, in that thread."""
    team = str(guild_id) if guild_id else ""
    if isinstance(channel, discord.Thread):
        return ChannelRef(PLATFORM, str(channel.parent_id), team=team), str(channel.id)
    direct = isinstance(channel, discord.DMChannel) or (guild_id is None and channel is not None)
    channel_id = str(getattr(channel, "id", "")) if channel is not None else ""
    return ChannelRef(PLATFORM, channel_id, is_direct=direct, team=team), None


def from_interaction(
    interaction: discord.Interaction[Any], text: str = "", action: str | None = None
) -> Message:
    """A slash command (its chat text) or a button click (its action) as a Message."""
    channel, thread = place(interaction.channel, interaction.guild_id)
    return Message(
        PLATFORM, str(interaction.id), user_ref(interaction.user), channel, text, thread=thread, action=action
    )


def from_message(message: discord.Message, bot_user_id: int) -> Message | None:
    """A chat message for the core, else None: a direct message or a mention of the bot
    (addressed), or any other message in a thread the bot started (mock interviews and daily
    questions run there), passed on as chatter. Bots, including this one, are ignored.
    """
    if message.author.bot or message.author.id == bot_user_id:
        return None
    if message.type not in (discord.MessageType.default, discord.MessageType.reply):
        return None
    spoken = spoken_to(message, bot_user_id)
    if not spoken and not _in_our_thread(message, bot_user_id):
        return None
    channel, thread = place(message.channel, message.guild.id if message.guild else None)
    return Message(
        PLATFORM,
        str(message.id),
        user_ref(message.author),
        channel,
        plain(message.content),
        thread=thread,
        addressed=spoken,  # other messages in the bot's threads are chatter: the core decides
    )


def spoken_to(message: discord.Message, bot_user_id: int) -> bool:
    """Said to the bot on purpose: a direct message or a mention (not just a message in its thread)."""
    return message.guild is None or any(user.id == bot_user_id for user in message.mentions)


def _in_our_thread(message: discord.Message, bot_user_id: int) -> bool:
    channel = message.channel
    # Without the message-content intent, thread messages arrive empty: nothing to answer.
    in_our_thread = isinstance(channel, discord.Thread) and channel.owner_id == bot_user_id
    return in_our_thread and bool(message.content.strip())
