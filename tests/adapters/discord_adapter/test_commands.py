"""Slash commands through the real CommandTree against the fake Discord: defer first, then a
follow-up through the interaction webhook, with what the core answered."""

from __future__ import annotations

from pathlib import Path

import pytest

from adapters.discord.service import DiscordService
from tests.adapters.discord_adapter import payloads
from tests.adapters.discord_adapter.conftest import start_service
from tests.adapters.discord_adapter.fake_discord import APP_ID, CHANNEL_ID, GUILD_ID, FakeDiscord
from tests.adapters.discord_adapter.harness import RecordingPrepbot, recording_bot, small_kb

EPHEMERAL = 64


async def run(fake: FakeDiscord, payload: dict[str, object], followups: int = 1) -> list[dict[str, object]]:
    """Dispatch one interaction; return the bodies of its follow-up messages."""
    token = payload["token"]
    path = f"/webhooks/{APP_ID}/{token}"
    await fake.dispatch("INTERACTION_CREATE", payload)
    await fake.wait_for(
        lambda: len([c for c in fake.calls if c.method == "POST" and c.path == path]) >= followups
    )
    return [c.body for c in fake.calls if c.method == "POST" and c.path == path]


def callback(fake: FakeDiscord, payload: dict[str, object]) -> dict[str, object]:
    [call] = [c for c in fake.calls if c.path == f"/interactions/{payload['id']}/{payload['token']}/callback"]
    return call.body  # type: ignore[no-any-return]


@pytest.mark.asyncio
async def test_compare_defers_then_follows_up_with_an_embed(
    service: DiscordService, core: RecordingPrepbot, fake: FakeDiscord
) -> None:
    payload = payloads.slash("compare", payloads.options(a="pytorch", b="keras", aspect="deployment"))
    [body] = await run(fake, payload)
    assert callback(fake, payload) == {"type": 5}  # deferred, public "thinking…"
    order = [c.path for c in fake.calls if c.method == "POST"]
    assert order.index(f"/interactions/{payload['id']}/{payload['token']}/callback") < order.index(
        f"/webhooks/{APP_ID}/{payload['token']}"
    )
    [message] = core.seen
    assert message.text == "/compare pytorch keras deployment"
    assert (message.platform, message.id, message.user.id, message.user.name) == (
        "discord",
        payload["id"],
        str(payloads.ANA[0]),
        "ana",
    )
    assert (message.channel.id, message.channel.team, message.thread) == (
        str(CHANNEL_ID),
        str(GUILD_ID),
        None,
    )
    assert body["embeds"][0]["title"] == "PyTorch vs Keras: Deployment"
    assert body["allowed_mentions"] == {"parse": []}
    assert not body.get("flags", 0) & EPHEMERAL


@pytest.mark.asyncio
async def test_personal_commands_think_and_answer_ephemerally(
    service: DiscordService, core: RecordingPrepbot, fake: FakeDiscord
) -> None:
    payload = payloads.slash("progress")
    [body] = await run(fake, payload)
    assert callback(fake, payload) == {"type": 5, "data": {"flags": EPHEMERAL}}
    assert (core.seen[0].action, core.seen[0].text) == ("progress", "")  # an action, not text to re-parse
    assert body["embeds"]


@pytest.mark.asyncio
async def test_group_commands_and_free_text_reach_the_core_as_chat_text(
    service: DiscordService, core: RecordingPrepbot, fake: FakeDiscord
) -> None:
    await run(fake, payloads.slash("prep", sub="help"))
    await run(fake, payloads.slash("ask", payloads.options(question="which one is easier to deploy?")))
    await run(fake, payloads.slash("mock", payloads.options(topic="keras")))
    await run(fake, payloads.slash("daily"))
    assert [m.action or m.text for m in core.seen] == [
        "/prep help",
        "which one is easier to deploy?",
        "/mock keras",
        "daily",  # no typed options: the action
    ]


@pytest.mark.asyncio
async def test_commands_are_registered_globally_with_admin_ones_hidden(
    service: DiscordService, fake: FakeDiscord
) -> None:
    [put] = [c for c in fake.calls if c.method == "PUT"]
    assert put.path == f"/applications/{APP_ID}/commands"
    by_name = {c["name"]: c for c in put.body}
    assert set(by_name) == {"compare", "ask", "mock", "daily", "progress", "review", "prep", "prep-admin"}
    assert by_name["prep-admin"]["default_member_permissions"] in (32, "32")  # Manage Server
    assert by_name["prep"]["default_member_permissions"] is None
    assert {o["name"] for o in by_name["prep-admin"]["options"]} == {"study", "reload", "export-channel"}
    assert {o["name"] for o in by_name["prep"]["options"]} == {
        "help",
        "leaderboard",
        "export",
        "forget-me",
        "nudges",
    }
    compare = {o["name"]: o for o in by_name["compare"]["options"]}
    assert (
        compare["a"]["autocomplete"]
        and compare["aspect"]["autocomplete"]
        and not compare["aspect"]["required"]
    )


@pytest.mark.asyncio
async def test_development_sync_goes_to_one_guild(tmp_path: Path, fake: FakeDiscord) -> None:
    core = recording_bot(tmp_path / "db.sqlite", discord_guild_id=GUILD_ID)
    service = await start_service(core)
    await service.stop()
    [put] = [c for c in fake.calls if c.method == "PUT"]
    assert put.path == f"/applications/{APP_ID}/guilds/{GUILD_ID}/commands"
    assert "compare" in {c["name"] for c in put.body}


@pytest.mark.asyncio
async def test_compare_then_quiz_me_as_a_user_sees_it(tmp_path: Path, fake: FakeDiscord) -> None:
    core = recording_bot(tmp_path / "db.sqlite", kb=small_kb())
    service = await start_service(core)
    try:
        [answer] = await run(fake, payloads.slash("compare", payloads.options(a="pytorch", b="keras")))
        [embed] = answer["embeds"]
        assert "PyTorch" in embed["title"] and "Keras" in embed["title"]
        fields = {f["name"]: f["value"] for f in embed["fields"]}
        assert fields["Deployment"] == "**PyTorch**: TorchServe\n**Keras**: Via TensorFlow"
        buttons = {b["label"]: b["custom_id"] for row in answer["components"] for b in row["components"]}
        assert buttons["Quiz me on Keras"] == "prepbot:mock:keras"

        click = payloads.click(buttons["Quiz me on Keras"])
        [question] = await run(fake, click)
        assert "Keras" in question["embeds"][0]["title"]
        await fake.wait_for(lambda: bool(fake.threads))
        [opened] = fake.posts("/threads")
        assert opened.body["name"] == "Mock interview · ana"
    finally:
        await service.stop()
        core.stores.db.dispose()
