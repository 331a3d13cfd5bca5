"""The slash commands. Each one only hands its chat-text equivalent to the client; the core
decides what it means."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any, Protocol

import discord
from discord import app_commands

Choices = list[app_commands.Choice[str]]
# Commands whose answer is personal: their "thinking…" placeholder is ephemeral from the start.
PERSONAL = frozenset(
    {
        "progress",
        "review",
        "prep reload",
        "prep export",
        "prep forget me",
        "prep nudges",
        "prep export channel",
    }
)
ADMIN_PERMISSIONS = discord.Permissions(manage_guild=True)


class CommandTarget(Protocol):
    """The client, as the commands see it."""

    async def run_command(
        self, interaction: discord.Interaction[Any], name: str, options: Mapping[str, object]
    ) -> None: ...

    def topic_choices(self, typed: str) -> list[tuple[str, str]]: ...

    def aspect_choices(self, typed: str) -> list[tuple[str, str]]: ...


def _choices(pairs: list[tuple[str, str]]) -> Choices:
    return [app_commands.Choice(name=name, value=value) for name, value in pairs]


def register(tree: app_commands.CommandTree[Any], target: CommandTarget) -> None:
    """Add every prepbot command to `tree`."""

    async def topics(interaction: discord.Interaction[Any], current: str) -> Choices:
        return _choices(target.topic_choices(current))

    async def aspects(interaction: discord.Interaction[Any], current: str) -> Choices:
        return _choices(target.aspect_choices(current))

    def run(name: str) -> Callable[..., Awaitable[None]]:
        async def invoke(interaction: discord.Interaction[Any], **options: object) -> None:
            await target.run_command(interaction, name, options)

        return invoke

    @app_commands.command(name="compare", description="Compare two topics, on every aspect or one")
    @app_commands.describe(a="First topic", b="Second topic", aspect="Only this aspect (optional)")
    @app_commands.autocomplete(a=topics, b=topics, aspect=aspects)
    async def compare(
        interaction: discord.Interaction[Any], a: str, b: str, aspect: str | None = None
    ) -> None:
        await run("compare")(interaction, a=a, b=b, aspect=aspect)

    @app_commands.command(name="ask", description="Ask prepbot anything about the topics it knows")
    @app_commands.describe(question="Your question, e.g. which one is easier to deploy?")
    async def ask(interaction: discord.Interaction[Any], question: app_commands.Range[str, 1, 1500]) -> None:
        await run("ask")(interaction, question=question)

    @app_commands.command(name="mock", description="Start a mock interview (in its own thread)")
    @app_commands.describe(topic="Topic to be quizzed on (optional)")
    @app_commands.autocomplete(topic=topics)
    async def mock(interaction: discord.Interaction[Any], topic: str | None = None) -> None:
        await run("mock")(interaction, topic=topic)

    simple = {
        "daily": "Today's interview question",
        "progress": "Your practice progress (only you see it)",
        "review": "Review the questions that are due for you",
    }
    commands: list[app_commands.Command[Any, ..., None]] = [compare, ask, mock]
    for name, description in simple.items():
        callback: Any = _no_options(run(name))  # discord.py types callbacks as coroutine functions
        commands.append(app_commands.Command(name=name, description=description, callback=callback))
    for command in commands:
        tree.add_command(command)
    tree.add_command(_prep_group(run))
    tree.add_command(_admin_group(run))


def _no_options(
    invoke: Callable[..., Awaitable[None]],
) -> Callable[[discord.Interaction[Any]], Awaitable[None]]:
    async def callback(interaction: discord.Interaction[Any]) -> None:
        await invoke(interaction)

    return callback


def _prep_group(run: Callable[[str], Callable[..., Awaitable[None]]]) -> app_commands.Group:
    group = app_commands.Group(name="prep", description="prepbot help and the study channel's leaderboard")

    @group.command(name="help", description="What prepbot can do")
    async def help_(interaction: discord.Interaction[Any]) -> None:
        await run("prep help")(interaction)

    @group.command(name="leaderboard", description="This week's study leaderboard")
    async def leaderboard(interaction: discord.Interaction[Any]) -> None:
        await run("prep leaderboard")(interaction)

    @group.command(name="export", description="Your practice history as CSV and JSON (only you get it)")
    async def export(interaction: discord.Interaction[Any]) -> None:
        await run("prep export")(interaction)

    @group.command(
        name="nudges", description="A DM when reviews are due or your streak is at risk (off by default)"
    )
    @app_commands.describe(settings="on 18:00 Europe/Berlin  ·  snooze 2d  ·  off  ·  show")
    async def nudges(interaction: discord.Interaction[Any], settings: str = "show") -> None:
        await run("prep nudges")(interaction, settings=settings)

    @group.command(name="forget-me", description="Delete everything prepbot keeps about you (asks first)")
    async def forget_me(interaction: discord.Interaction[Any]) -> None:
        await run("prep forget me")(interaction)

    return group


def _admin_group(run: Callable[[str], Callable[..., Awaitable[None]]]) -> app_commands.Group:
    """Admin-only: hidden from members without Manage Server; the core checks again."""
    group = app_commands.Group(
        name="prep-admin",
        description="prepbot settings for this server (admins)",
        default_permissions=ADMIN_PERMISSIONS,
        guild_only=True,
    )

    @group.command(name="study", description="Daily question settings for this channel")
    @app_commands.describe(settings="e.g. on 09:00 tz Europe/Paris  ·  off  ·  pause  ·  resume  ·  show")
    async def study(interaction: discord.Interaction[Any], settings: str = "show") -> None:
        await run("prep study")(interaction, settings=settings)

    @group.command(name="export-channel", description="This channel's daily-question results as CSV and JSON")
    async def export_channel(interaction: discord.Interaction[Any]) -> None:
        await run("prep export channel")(interaction)

    @group.command(name="reload", description="Reload the knowledge documents (keeps the old ones if broken)")
    async def reload(interaction: discord.Interaction[Any]) -> None:
        await run("prep reload")(interaction)

    return group
