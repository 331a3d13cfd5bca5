"""The discord.py client: slash commands, mentions and buttons, all through `Prepbot.handle`."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands

from adapters.discord import autocomplete, commands, inbound, responder
from adapters.discord.views import ActionButton
from bot.app import APOLOGY

if TYPE_CHECKING:
    from bot.app import Prepbot
    from bot.config import Settings

log = logging.getLogger("prepbot.discord")
# A send rate-limited for longer than this fails (and the person gets an apology) instead of hanging.
MAX_RATELIMIT_WAIT = 60.0


def intents(message_content: bool) -> discord.Intents:
    """Guilds, guild and DM messages; message content only where the server grants it."""
    chosen = discord.Intents.default()
    chosen.message_content = message_content
    chosen.members = False
    chosen.presences = False
    return chosen


class SingleShardClient(discord.Client):
    """One unsharded Discord connection serving one `Prepbot` (see `PrepbotClient` for production)."""

    def __init__(
        self,
        bot: Prepbot,
        settings: Settings,
        *,
        message_content: bool = True,
        on_ready_callback: Callable[[], None] | None = None,
        **options: Any,
    ) -> None:
        chosen: dict[str, Any] = {
            "intents": intents(message_content),
            "chunk_guilds_at_startup": False,
            "allowed_mentions": discord.AllowedMentions.none(),
            "max_ratelimit_timeout": MAX_RATELIMIT_WAIT,
        }
        _no_voice_warnings()
        super().__init__(**(chosen | options))  # options (discord.py's own) may override the defaults
        self.prepbot = bot
        self.settings = settings
        self.message_content = message_content
        self.inflight: set[asyncio.Task[Any]] = set()
        self._on_ready_callback = on_ready_callback
        self.tree: app_commands.CommandTree[SingleShardClient] = app_commands.CommandTree(self)
        self.tree.on_error = self._on_command_error  # type: ignore[method-assign]
        commands.register(self.tree, self)

    async def setup_hook(self) -> None:
        self.add_dynamic_items(ActionButton)
        guild_id = self.settings.discord_guild_id
        if guild_id:
            guild = discord.Object(id=guild_id)
            self.tree.copy_global_to(guild=guild)
            synced = await self.tree.sync(guild=guild)
        else:
            synced = await self.tree.sync()
        log.info("synced %d commands %s", len(synced), f"to guild {guild_id}" if guild_id else "globally")
        if not self.message_content:
            log.warning(
                "The message-content intent is not granted: running on slash commands alone "
                "(mentions without text and thread answers will not be read)."
            )

    async def on_ready(self) -> None:
        log.info("connected as %s (shards %s)", self.user, getattr(self, "shard_ids", None) or "auto")
        if self._on_ready_callback is not None:
            self._on_ready_callback()

    # ---- knowledge-backed autocomplete -------------------------------------------------------
    def topic_choices(self, typed: str) -> list[tuple[str, str]]:
        return autocomplete.rank(typed, autocomplete.topics(self.prepbot.kb))

    def aspect_choices(self, typed: str) -> list[tuple[str, str]]:
        return autocomplete.rank(typed, autocomplete.aspects(self.prepbot.kb))

    # ---- the three ways in -------------------------------------------------------------------
    async def run_command(
        self, interaction: discord.Interaction[Any], name: str, options: Mapping[str, object]
    ) -> None:
        """A slash command: defer first (3 s budget), then ask the core and follow up."""
        with self._tracked():
            personal = name in commands.PERSONAL
            await interaction.response.defer(ephemeral=personal, thinking=True)
            action = inbound.action_for_command(name, options)
            message = (
                inbound.from_interaction(interaction, action=action)
                if action
                else inbound.from_interaction(interaction, inbound.text_for_command(name, options))
            )
            reply = await self.prepbot.handle(message)
            if reply is None:
                await _drop_placeholder(interaction)
                return
            placeholder = responder.Placeholder.EPHEMERAL if personal else responder.Placeholder.PUBLIC
            await responder.follow_up(interaction, reply, placeholder=placeholder)

    async def on_action(self, interaction: discord.Interaction[Any], action: str) -> None:
        """A button click (from this process or an earlier one)."""
        with self._tracked():
            await interaction.response.defer()  # acknowledges the click; answers come as follow-ups
            reply = await self.prepbot.handle(inbound.from_interaction(interaction, action=action))
            if reply is None:
                return
            try:
                await responder.follow_up(interaction, reply)
            except discord.HTTPException as exc:
                await self._apologise(interaction, exc)

    async def on_message(self, message: discord.Message) -> None:
        if self.user is None:
            return
        incoming = inbound.from_message(message, self.user.id)
        if incoming is None:
            return
        with self._tracked():
            reply = await self.prepbot.handle(incoming)
            if reply is None:
                return
            await responder.reply_in_channel(message, reply)

    # ---- failures ----------------------------------------------------------------------------
    async def _on_command_error(
        self, interaction: discord.Interaction[Any], error: app_commands.AppCommandError
    ) -> None:
        await self._apologise(interaction, error)

    async def _apologise(self, interaction: discord.Interaction[Any], error: BaseException) -> None:
        log.error("answering an interaction failed", exc_info=error, extra={"interaction": interaction.id})
        try:
            if interaction.response.is_done():
                await interaction.followup.send(
                    APOLOGY, ephemeral=True, allowed_mentions=responder.NO_MENTIONS
                )
            else:
                await interaction.response.send_message(
                    APOLOGY, ephemeral=True, allowed_mentions=responder.NO_MENTIONS
                )
        except discord.HTTPException:
            log.warning("could not send the apology", extra={"interaction": interaction.id})

    def _tracked(self) -> _Tracked:
        return _Tracked(self.inflight)


class PrepbotClient(SingleShardClient, discord.AutoShardedClient):
    """The production client: all shards of this process (automatic count unless configured)."""

    def __init__(self, bot: Prepbot, settings: Settings, **options: Any) -> None:
        options.setdefault("shard_count", settings.discord_shard_count)
        options.setdefault("shard_ids", settings.discord_shard_ids)
        super().__init__(bot, settings, **options)


def _no_voice_warnings() -> None:
    """prepbot never joins voice: discord.py's "PyNaCl / davey is not installed" warnings are noise."""
    for flag in ("warn_nacl", "warn_dave"):
        if getattr(discord.VoiceClient, flag, False):
            setattr(discord.VoiceClient, flag, False)


class _Tracked:
    """Keeps the running task in `inflight` while a reply is being made, so stop() can wait."""

    def __init__(self, inflight: set[asyncio.Task[Any]]) -> None:
        self.inflight = inflight
        self.task: asyncio.Task[Any] | None = None

    def __enter__(self) -> None:
        self.task = asyncio.current_task()
        if self.task is not None:
            self.inflight.add(self.task)

    def __exit__(self, *exc: object) -> None:
        if self.task is not None:
            self.inflight.discard(self.task)


async def _drop_placeholder(interaction: discord.Interaction[Any]) -> None:
    """A redelivered interaction: nothing to say, so remove the "thinking…" message."""
    try:
        await interaction.delete_original_response()
    except discord.HTTPException:
        log.info("no placeholder to remove", extra={"interaction": interaction.id})
