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
    settings = load_settings({"database_url": f"sqlite:///{tmp_path}/a.db", "knowledge": folder,
                              "admins": ["boss"], "rate_limit_per_10s": 0}, environ={})
    bot = build(settings, clock=FakeClock())
    return Chat(bot, "boss", "ops", direct=False), Chat(bot, "mallory", "ops", direct=False)


def test_a_member_cannot_reload_and_nothing_changes(chats: tuple[Chat, Chat], folder: Path,
                                                    caplog: pytest.LogCaptureFixture) -> None:
    _boss, member = chats
    (folder / "redis.md").write_text("# Redis\n\nRedis is an in-memory data store.\n\n- Language: C\n")
    with caplog.at_level(logging.WARNING, logger="prepbot.admin"):
        reply = member.click("reload")
    assert reply.title == "Admins only" and reply.ephemeral
    assert any(getattr(r, "user", "") == "console:mallory" for r in caplog.records)
    assert "Redis" not in plaintext.render(member.say("help"))


def test_a_broken_folder_keeps_the_last_good_knowledge(chats: tuple[Chat, Chat], folder: Path) -> None:
    boss, _member = chats
    doc = folder / "databases.md"
    doc.write_text(doc.read_text().replace("|Concurrency|High (MVCC)|High (InnoDB)|One writer at a time|",
                                           "|Concurrency|High (MVCC)|High (InnoDB)|"))
    reply = boss.click("reload")
    text = plaintext.render(reply)
    assert reply.title == "Knowledge not reloaded" and reply.ephemeral
    assert "databases.md:" in text  # file and line of the problem
    assert "One writer at a time" in plaintext.render(boss.say("sqlite vs mysql concurrency"))


def test_a_good_folder_is_served_after_reload(chats: tuple[Chat, Chat], folder: Path) -> None:
    boss, member = chats
    (folder / "redis.md").write_text("# Redis\n\nRedis is an in-memory data store used as a cache.\n\n"
                                     "- Developed by: Salvatore Sanfilippo\n- Language: C\n")
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
