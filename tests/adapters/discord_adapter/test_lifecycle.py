"""The 3-second rule (D1: defer before the core works), draining on stop, and direct messages."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from tests.adapters.discord_adapter import payloads
from tests.adapters.discord_adapter.conftest import start_service
from tests.adapters.discord_adapter.fake_discord import APP_ID, FakeDiscord, user
from tests.adapters.discord_adapter.harness import gated_bot


def webhook_posts(fake: FakeDiscord, payload: dict[str, object]) -> list[object]:
    return [c for c in fake.posts(f"/webhooks/{APP_ID}/{payload['token']}")]


@pytest.mark.asyncio
async def test_the_interaction_is_deferred_before_the_core_answers(tmp_path: Path, fake: FakeDiscord) -> None:
    core = gated_bot(tmp_path / "db.sqlite")
    service = await start_service(core)
    try:
        command = payloads.slash("compare", payloads.options(a="pytorch", b="keras"))
        await fake.dispatch("INTERACTION_CREATE", command)
        await fake.wait_for(lambda: fake.posts(f"/interactions/{command['id']}/"))
        await fake.wait_for(core.entered.is_set)
        assert not webhook_posts(fake, command), "nothing but the deferral while the core is still working"
        core.gate.set()
        await fake.wait_for(lambda: webhook_posts(fake, command))
    finally:
        core.gate.set()
        await service.stop()
        core.stores.db.dispose()


@pytest.mark.asyncio
async def test_stop_lets_a_reply_in_flight_finish(tmp_path: Path, fake: FakeDiscord) -> None:
    core = gated_bot(tmp_path / "db.sqlite")
    service = await start_service(core)
    command = payloads.slash("daily")
    await fake.dispatch("INTERACTION_CREATE", command)
    await fake.wait_for(core.entered.is_set)
    stopping = asyncio.create_task(service.stop())
    await asyncio.sleep(0.05)
    assert not stopping.done(), "stop waits for the answer being written"
    core.gate.set()
    await asyncio.wait_for(stopping, 5)
    assert webhook_posts(fake, command), "the answer went out before the connection closed"
    core.stores.db.dispose()


@pytest.mark.asyncio
async def test_a_slash_command_in_a_direct_message_is_direct_and_not_admin(
    tmp_path: Path, fake: FakeDiscord
) -> None:
    core = gated_bot(tmp_path / "db.sqlite")
    core.gate.set()
    service = await start_service(core)
    try:
        command = payloads.slash("progress")
        for key in ("guild_id", "member", "guild_locale"):
            command.pop(key)
        command["user"] = user(*payloads.ANA)
        command["channel"] = {"id": "950000000000000001", "type": 1, "recipients": [user(*payloads.ANA)]}
        command["channel_id"] = "950000000000000001"
        command["context"] = 1
        await fake.dispatch("INTERACTION_CREATE", command)
        await fake.wait_for(lambda: webhook_posts(fake, command))
        [message] = core.seen
        assert message.channel.is_direct and message.channel.team == ""
        assert message.user.name == "ana" and not message.user.is_admin
    finally:
        await service.stop()
        core.stores.db.dispose()
