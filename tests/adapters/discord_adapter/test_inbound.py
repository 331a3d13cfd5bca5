"""What text and which person the core sees for a Discord command (pure mapping)."""

from __future__ import annotations

import discord
import pytest

from adapters.discord.inbound import is_admin, text_for_command


@pytest.mark.parametrize(
    ("name", "options", "text"),
    [
        (
            "compare",
            {"a": "pytorch", "b": "keras", "aspect": "deployment"},
            "/compare pytorch keras deployment",
        ),
        ("compare", {"a": "pytorch", "b": "keras", "aspect": None}, "/compare pytorch keras"),
        ("ask", {"question": "  which is easier to deploy?  "}, "which is easier to deploy?"),
        ("mock", {"topic": None}, "/mock"),
        ("mock", {"topic": "keras"}, "/mock keras"),
        ("daily", {}, "/daily"),
        ("progress", {}, "/progress"),
        ("review", {}, "/review"),
        ("prep help", {}, "/prep help"),
        ("prep leaderboard", {}, "/prep leaderboard"),
        ("prep study", {"settings": "on 09:00 tz Europe/Paris"}, "/prep study on 09:00 tz Europe/Paris"),
    ],
)
def test_slash_commands_become_the_equivalent_chat_text(
    name: str, options: dict[str, object], text: str
) -> None:
    assert text_for_command(name, options) == text


class Person:
    """Just the attributes discord.py gives a member in an interaction."""

    def __init__(self, permissions: discord.Permissions | None) -> None:
        self.resolved_permissions = permissions
        self.guild_permissions = discord.Permissions.none()


@pytest.mark.parametrize(
    ("permissions", "admin"),
    [
        (discord.Permissions(manage_guild=True), True),
        (discord.Permissions(manage_channels=True), True),
        (discord.Permissions(administrator=True), True),
        (discord.Permissions(send_messages=True, manage_messages=True), False),
        (discord.Permissions.none(), False),
    ],
)
def test_admin_means_manage_server_or_channels(permissions: discord.Permissions, admin: bool) -> None:
    assert is_admin(Person(permissions)) is admin  # type: ignore[arg-type]


def test_a_direct_message_user_is_no_admin() -> None:
    class DmUser:
        id = 1
        display_name = "ana"

    assert is_admin(DmUser()) is False  # type: ignore[arg-type]


def test_discord_markup_is_stripped_here() -> None:
    from adapters.discord.inbound import plain

    said = "<@123> <@!42> <@&7> <#99> <:party:1> <a:dance:2> </mock:3> see <https://x.io> compare tf"
    assert plain(said) == "see compare tf"


@pytest.mark.parametrize(
    ("name", "options", "action"),
    [
        ("daily", {}, "daily"),
        ("progress", {}, "progress"),
        ("review", {}, "review"),
        ("prep reload", {}, "reload"),
        ("mock", {"topic": "keras"}, None),
        ("compare", {"a": "x", "b": "y", "aspect": None}, None),
    ],
)
def test_commands_without_typed_options_are_actions(
    name: str, options: dict[str, object], action: str | None
) -> None:
    from adapters.discord.inbound import action_for_command

    assert action_for_command(name, options) == action
