"""Admin-only settings: hidden from members, and the core is told who is an admin (D9)."""

from __future__ import annotations

import pytest

from adapters.discord.service import DiscordService
from tests.adapters.discord_adapter import payloads
from tests.adapters.discord_adapter.fake_discord import APP_ID, FakeDiscord
from tests.adapters.discord_adapter.harness import RecordingPrepbot


@pytest.mark.asyncio
async def test_the_core_learns_whether_the_person_may_manage_the_server(
        service: DiscordService, core: RecordingPrepbot, fake: FakeDiscord) -> None:
    member = payloads.slash("prep-admin", payloads.options(settings="on 09:00 tz Europe/Paris"), sub="study",
                            who=payloads.BEN)
    admin = payloads.slash("prep-admin", payloads.options(settings="on 09:00 tz Europe/Paris"), sub="study",
                           permissions=payloads.ADMIN)
    for command in (member, admin):
        await fake.dispatch("INTERACTION_CREATE", command)
        await fake.wait_for(lambda c=command: fake.posts(f"/webhooks/{APP_ID}/{c['token']}"))
    assert [(m.user.name, m.user.is_admin, m.text) for m in core.seen] == [
        ("ben", False, "/prep study on 09:00 tz Europe/Paris"),
        ("ana", True, "/prep study on 09:00 tz Europe/Paris"),
    ]
