from __future__ import annotations

import pytest

from adapters.discord.service import DiscordService
from tests.adapters.discord_adapter import payloads
from tests.adapters.discord_adapter.fake_discord import FakeDiscord


@pytest.mark.asyncio
async def test_compare(service: DiscordService, fake: FakeDiscord) -> None:
    await fake.dispatch("INTERACTION_CREATE", payloads.slash("compare", payloads.options(a="pytorch", b="keras")))
    await fake.wait_for(lambda: fake.posts("/webhooks/"))
    for c in fake.calls:
        print(c.method, c.path, str(c.body)[:300])
