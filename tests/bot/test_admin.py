"""Admin-only knowledge reload (reliability.md T12, T15): refusals change nothing, a broken folder
keeps the last good knowledge serving, a good one is served at once."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest

from bot import plaintext
from bot.app import build
from bot.config import load_settings
from bot.messages import ChannelRef, UserRef
from tests.conftest import REPO, Chat, FakeClock

DATABASES = REPO / "tests" / "fixtures" / "kb_databases"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "kb"
    shutil.copytree(DATABASES, target)
    return target


@pytest.fixture
def chats(tmp_path: Path, folder: Path) -> tuple[Chat, Chat]:
    settings = load_settings(
        {
            "database_url": f"sqlite:///{tmp_path}/a.db",
            "knowledge": folder,
            "admins": ["boss"],
            "rate_limit_per_10s": 0,
        },
        environ={},
    )
    bot = build(settings, clock=FakeClock())
    return Chat(bot, "boss", "ops", direct=False), Chat(bot, "mallory", "ops", direct=False)


def test_a_member_cannot_reload_and_nothing_changes(
    chats: tuple[Chat, Chat], folder: Path, caplog: pytest.LogCaptureFixture
) -> None:
    _boss, member = chats
    (folder / "redis.md").write_text("# Redis\n\nRedis is an in-memory data store.\n\n- Language: C\n")
    with caplog.at_level(logging.WARNING, logger="prepbot.admin"):
        reply = member.click("reload")
    assert reply.title == "Admins only" and reply.ephemeral
    # the formatter shows only the message text, so who tried must be in it
    assert any("console:mallory" in r.getMessage() for r in caplog.records)
    assert "Redis" not in plaintext.render(member.say("help"))


def test_a_broken_folder_keeps_the_last_good_knowledge(chats: tuple[Chat, Chat], folder: Path) -> None:
    boss, _member = chats
    doc = folder / "databases.md"
    doc.write_text(
        doc.read_text().replace(
            "|Concurrency|High (MVCC)|High (InnoDB)|One writer at a time|",
            "|Concurrency|High (MVCC)|High (InnoDB)|",
        )
    )
    reply = boss.click("reload")
    text = plaintext.render(reply)
    assert reply.title == "Knowledge not reloaded" and reply.ephemeral
    assert "databases.md:" in text  # file and line of the problem
    assert "One writer at a time" in plaintext.render(boss.say("sqlite vs mysql concurrency"))


def test_a_good_folder_is_served_after_reload(chats: tuple[Chat, Chat], folder: Path) -> None:
    boss, member = chats
    (folder / "redis.md").write_text(
        "# Redis\n\nRedis is an in-memory data store used as a cache.\n\n"
        "- Developed by: Salvatore Sanfilippo\n- Language: C\n"
    )
    assert boss.click("reload").title == "Knowledge reloaded"
    answer = plaintext.render(member.say("what is redis"))
    assert answer.startswith("Redis") and "in-memory" in answer


def test_platform_admins_may_reload_too(chats: tuple[Chat, Chat]) -> None:
    boss, _member = chats
    owner = Chat(boss.bot, "owner", "ops", direct=False)
    owner.user = UserRef("console", "owner", "owner", is_admin=True)
    owner.channel = ChannelRef("console", "ops")
    assert owner.click("reload").title == "Knowledge reloaded"


def test_the_typed_admin_command_reaches_the_same_operation(chats: tuple[Chat, Chat]) -> None:
    boss, member = chats
    assert boss.say("/prep reload").title == "Knowledge reloaded"  # Slack's /prep reload
    assert member.say("/prep-admin reload").title == "Admins only"


@pytest.mark.parametrize(
    ("entry", "platform", "team", "user", "allowed"),
    [
        ("slack:T1:U9", "slack", "T1", "U9", True),
        ("slack:T1:U9", "slack", "T2", "U9", False),  # the same id in another workspace
        ("slack:T1:U9", "discord", "T1", "U9", False),  # the same id on another platform
        ("discord:G1:42", "discord", "G1", "42", True),
        ("discord:G1:42", "discord", "G1", "43", False),
        ("slack:U9", "slack", "T7", "U9", True),  # platform-wide
        ("slack:U9", "discord", "T7", "U9", False),
        ("U9", "slack", "T7", "U9", True),  # a plain id: that id anywhere (documented)
        ("U9", "slack", "T7", "U99", False),
        ("slack:T1:", "slack", "T1", "", False),
    ],
)
def test_admin_entries_are_scoped_to_platform_and_team(
    tmp_path: Path, folder: Path, entry: str, platform: str, team: str, user: str, allowed: bool
) -> None:
    settings = load_settings(
        {
            "database_url": f"sqlite:///{tmp_path}/a.db",
            "knowledge": folder,
            "admins": [entry],
            "rate_limit_per_10s": 0,
        },
        environ={},
    )
    chat = Chat(build(settings, clock=FakeClock()), user, "ops", platform=platform, direct=False)
    chat.channel = ChannelRef(platform, "ops", team=team)
    assert (chat.click("reload").title == "Knowledge reloaded") is allowed


def test_a_refused_study_change_names_who_tried(
    tmp_path: Path, folder: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings = load_settings(
        {
            "database_url": f"sqlite:///{tmp_path}/a.db",
            "knowledge": folder,
            "admins": ["slack:T1:U9"],
            "rate_limit_per_10s": 0,
        },
        environ={},
    )
    bot = build(settings, clock=FakeClock())
    intruder = Chat(bot, "U9", "C1", platform="slack", direct=False)
    intruder.channel = ChannelRef("slack", "C1", team="T2")  # the admin's id, another workspace
    with caplog.at_level(logging.WARNING):
        reply = intruder.say("/prep study on 09:00")
    assert reply.title == "Only admins can change this"
    assert any("slack:U9" in r.getMessage() and "slack:T2:C1" in r.getMessage() for r in caplog.records)
    assert bot.stores.channels.get("slack:T2:C1") is None
