"""The set-up guide's invite link matches what the bot asks for."""

from __future__ import annotations

from pathlib import Path

from adapters.discord.invite import PERMISSIONS, SCOPES, invite_url

GUIDE = Path(__file__).resolve().parents[3] / "docs" / "discord.md"


def test_the_invite_asks_for_exactly_the_documented_scopes_and_permissions() -> None:
    url = invite_url(123)
    assert "scope=bot+applications.commands" in url and f"permissions={PERMISSIONS.value}" in url
    assert SCOPES == ("bot", "applications.commands")
    guide = GUIDE.read_text(encoding="utf-8")
    assert f"permissions={PERMISSIONS.value}" in guide and "`bot applications.commands`" in guide


def test_the_bot_asks_for_no_power_over_the_server() -> None:
    assert not (
        PERMISSIONS.administrator
        or PERMISSIONS.manage_guild
        or PERMISSIONS.manage_messages
        or PERMISSIONS.manage_roles
        or PERMISSIONS.mention_everyone
    )
