"""Buttons: clicks reach the core as actions, also on messages sent before a restart."""

from __future__ import annotations

from pathlib import Path

import pytest

from adapters.discord.service import DiscordService
from tests.adapters.discord_adapter import payloads
from tests.adapters.discord_adapter.conftest import start_service
from tests.adapters.discord_adapter.fake_discord import APP_ID, FakeDiscord
from tests.adapters.discord_adapter.harness import RecordingPrepbot, recording_bot


def followups(fake: FakeDiscord, payload: dict[str, object]) -> list[dict[str, object]]:
    return [
        c.body
        for c in fake.calls
        if c.method == "POST" and c.path == f"/webhooks/{APP_ID}/{payload['token']}"
    ]


@pytest.mark.asyncio
async def test_a_click_is_acknowledged_and_answered_as_the_buttons_action(
    service: DiscordService, core: RecordingPrepbot, fake: FakeDiscord
) -> None:
    click = payloads.click("prepbot:mock:keras")
    await fake.dispatch("INTERACTION_CREATE", click)
    await fake.wait_for(lambda: followups(fake, click))
    [ack] = [c for c in fake.calls if c.path.endswith(f"{click['id']}/{click['token']}/callback")]
    assert ack.body == {"type": 6}  # deferred update: the clicked message stays as it was
    [message] = core.seen
    assert (message.action, message.text, message.id) == ("mock:keras", "", click["id"])
    assert followups(fake, click)[0]["embeds"]


@pytest.mark.asyncio
async def test_buttons_from_before_a_restart_still_work(tmp_path: Path, fake: FakeDiscord) -> None:
    db_file = tmp_path / "shared.sqlite"
    first = recording_bot(db_file)
    service = await start_service(first)
    await service.stop()
    first.stores.db.dispose()

    again = recording_bot(db_file)  # a new process: new client, same database file
    service = await start_service(again)
    try:
        click = payloads.click("prepbot:model_answer:q-keras-1")
        await fake.dispatch("INTERACTION_CREATE", click)
        await fake.wait_for(lambda: followups(fake, click))
        assert [m.action for m in again.seen] == ["model_answer:q-keras-1"]
    finally:
        await service.stop()
        again.stores.db.dispose()


@pytest.mark.asyncio
async def test_other_apps_components_are_left_alone(
    service: DiscordService, core: RecordingPrepbot, fake: FakeDiscord
) -> None:
    foreign = payloads.click("poll:vote:1")
    ours = payloads.click("prepbot:hint")
    await fake.dispatch("INTERACTION_CREATE", foreign)
    await fake.dispatch("INTERACTION_CREATE", ours)
    await fake.wait_for(lambda: followups(fake, ours))
    assert [m.action for m in core.seen] == ["hint"]
    assert not [c for c in fake.calls if str(foreign["id"]) in c.path]


@pytest.mark.asyncio
async def test_two_processes_on_one_shard_answer_a_message_once(tmp_path: Path, fake: FakeDiscord) -> None:
    """D4: both sessions receive the same MESSAGE_CREATE; the shared database lets one answer."""
    db_file = tmp_path / "shared.sqlite"
    bots = [recording_bot(db_file), recording_bot(db_file)]
    services = [await start_service(bot) for bot in bots]
    try:
        await fake.dispatch("MESSAGE_CREATE", payloads.chat("<@900000000000000002> help"))
        await fake.wait_for(lambda: sum(len(b.seen) for b in bots) == 2)
        await fake.wait_for(lambda: len(fake.posts("/messages")) >= 1)
        for service in services:
            await service.stop()
        assert len([c for c in fake.posts("/messages") if c.path.startswith("/channels/")]) == 1
    finally:
        for bot in bots:
            bot.stores.db.dispose()
