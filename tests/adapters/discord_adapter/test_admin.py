"""Admin-only settings: hidden from members, and the core is told who is an admin (D9)."""

from __future__ import annotations

import pytest

from adapters.discord.service import DiscordService
from tests.adapters.discord_adapter import payloads
from tests.adapters.discord_adapter.fake_discord import APP_ID, CHANNEL_ID, GUILD_ID, FakeDiscord, shown
from tests.adapters.discord_adapter.harness import RecordingPrepbot


@pytest.mark.asyncio
async def test_the_core_learns_whether_the_person_may_manage_the_server(
    service: DiscordService, core: RecordingPrepbot, fake: FakeDiscord
) -> None:
    member = payloads.slash(
        "prep-admin", payloads.options(settings="on 09:00 tz Europe/Paris"), sub="study", who=payloads.BEN
    )
    admin = payloads.slash(
        "prep-admin",
        payloads.options(settings="on 09:00 tz Europe/Paris"),
        sub="study",
        permissions=payloads.ADMIN,
    )
    for command in (member, admin):
        await fake.dispatch("INTERACTION_CREATE", command)
        await fake.wait_for(lambda c=command: fake.posts(f"/webhooks/{APP_ID}/{c['token']}"))
    assert [(m.user.name, m.user.is_admin, m.text) for m in core.seen] == [
        ("ben", False, "/prep study on 09:00 tz Europe/Paris"),
        ("ana", True, "/prep study on 09:00 tz Europe/Paris"),
    ]


@pytest.mark.asyncio
async def test_a_member_cannot_turn_on_daily_questions_but_an_admin_can(
    service: DiscordService, core: RecordingPrepbot, fake: FakeDiscord
) -> None:
    channel_key = f"discord:{GUILD_ID}:{CHANNEL_ID}"
    member = payloads.slash(
        "prep-admin", payloads.options(settings="on 09:00 tz Europe/Paris"), sub="study", who=payloads.BEN
    )
    await fake.dispatch("INTERACTION_CREATE", member)
    await fake.wait_for(lambda: fake.posts(f"/webhooks/{APP_ID}/{member['token']}"))
    [refusal] = fake.posts(f"/webhooks/{APP_ID}/{member['token']}")
    assert refusal.body["flags"] & 64, "the refusal is only for the person who tried"
    assert core.stores.channels.get(channel_key) is None, "nothing changed"

    admin = payloads.slash(
        "prep-admin",
        payloads.options(settings="on 09:00 tz Europe/Paris"),
        sub="study",
        permissions=payloads.ADMIN,
    )
    await fake.dispatch("INTERACTION_CREATE", admin)
    await fake.wait_for(lambda: fake.posts(f"/webhooks/{APP_ID}/{admin['token']}"))
    study = core.stores.channels.get(channel_key)
    assert study is not None and study.tz == "Europe/Paris"
    [confirmation] = fake.posts(f"/webhooks/{APP_ID}/{admin['token']}")
    assert shown(confirmation.body) != shown(refusal.body)


@pytest.mark.asyncio
async def test_knowledge_reload_is_refused_to_members_and_done_for_admins(
    service: DiscordService, core: RecordingPrepbot, fake: FakeDiscord
) -> None:
    member = payloads.slash("prep-admin", sub="reload", who=payloads.BEN)
    admin = payloads.slash("prep-admin", sub="reload", permissions=payloads.ADMIN)
    answers = []
    for command in (member, admin):
        await fake.dispatch("INTERACTION_CREATE", command)
        await fake.wait_for(lambda c=command: fake.posts(f"/webhooks/{APP_ID}/{c['token']}"))
        [answer] = fake.posts(f"/webhooks/{APP_ID}/{command['token']}")
        answers.append(answer.body)
    assert "Admins only" in shown(answers[0]) and answers[0]["flags"] & 64
    assert "Knowledge reloaded" in shown(answers[1]) and answers[1]["flags"] & 64
