"""Failures: a short apology to the person, a trace in the log, and the bot keeps serving."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import pytest_asyncio

from adapters.discord.service import DiscordService
from bot.app import APOLOGY, build
from bot.intents import Match
from bot.messages import Message
from tests.adapters.discord_adapter import payloads
from tests.adapters.discord_adapter.conftest import start_service
from tests.adapters.discord_adapter.fake_discord import APP_ID, CHANNEL_ID, FakeDiscord
from tests.adapters.discord_adapter.harness import RecordingPrepbot, settings_for


@dataclass
class BrokenOnBoom(RecordingPrepbot):
    """The real core with a bug: anything mentioning "boom" blows up inside it."""

    def route(self, message: Message) -> Match:
        if "boom" in message.text:
            raise RuntimeError("secret internal detail")
        return super().route(message)


@pytest_asyncio.fixture
async def broken(tmp_path: Path, fake: FakeDiscord) -> AsyncIterator[tuple[BrokenOnBoom, DiscordService]]:
    built = build(settings_for(tmp_path / "db.sqlite"))
    core = BrokenOnBoom(kb=built.kb, stores=built.stores, settings=built.settings, clock=built.clock)
    service = await start_service(core)
    yield core, service
    await service.stop()
    core.stores.db.dispose()


def webhook_posts(fake: FakeDiscord, payload: dict[str, object]) -> list[dict[str, object]]:
    return [c.body for c in fake.posts(f"/webhooks/{APP_ID}/{payload['token']}")]


def texts(body: dict[str, object]) -> str:
    embeds = body.get("embeds") or []
    return " ".join([str(body.get("content") or "")] + [str(e.get("description", "")) for e in embeds])  # type: ignore[union-attr]


@pytest.mark.expect_errors("handler failed")  # injected on purpose
@pytest.mark.asyncio
async def test_a_failing_handler_gives_a_private_apology_and_the_bot_keeps_serving(
    broken: tuple[BrokenOnBoom, DiscordService], fake: FakeDiscord, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.ERROR)
    bad = payloads.slash("ask", payloads.options(question="boom"))
    await fake.dispatch("INTERACTION_CREATE", bad)
    await fake.wait_for(lambda: webhook_posts(fake, bad))
    [apology] = webhook_posts(fake, bad)
    assert APOLOGY in texts(apology) and "secret internal detail" not in texts(apology)
    assert apology["flags"] & 64, "the apology is only for the person who asked"
    deleted = [c for c in fake.calls if c.method == "DELETE" and str(bad["token"]) in c.path]
    assert deleted and deleted[0].path.endswith("/messages/@original"), "the public 'thinking…' is removed"
    assert "secret internal detail" in caplog.text

    good = payloads.slash("daily")
    await fake.dispatch("INTERACTION_CREATE", good)
    await fake.wait_for(lambda: webhook_posts(fake, good))
    assert APOLOGY not in texts(webhook_posts(fake, good)[0])


@pytest.mark.expect_errors("answering an interaction failed")  # Discord refuses it (HTTP 400)
@pytest.mark.asyncio
async def test_when_discord_rejects_the_answer_the_person_still_hears_back(
    service: DiscordService, fake: FakeDiscord
) -> None:
    fake.webhook_errors.append((400, 50035))  # "Invalid Form Body" for the first follow-up
    command = payloads.slash("daily")
    await fake.dispatch("INTERACTION_CREATE", command)
    await fake.wait_for(lambda: len(webhook_posts(fake, command)) == 2)
    rejected, apology = webhook_posts(fake, command)
    assert rejected["embeds"] and apology["content"] == APOLOGY and apology["flags"] & 64
    assert APOLOGY not in texts(rejected)  # what Discord refused was the real answer

    after = payloads.slash("review")
    await fake.dispatch("INTERACTION_CREATE", after)
    await fake.wait_for(lambda: webhook_posts(fake, after))
    [answer] = webhook_posts(fake, after)
    assert APOLOGY not in texts(answer)


@pytest.mark.asyncio
async def test_an_expired_interaction_answers_in_the_channel_instead(
    service: DiscordService, fake: FakeDiscord
) -> None:
    fake.webhook_errors.append((404, 10015))  # "Unknown Webhook": the 15-minute token ran out
    command = payloads.slash("compare", payloads.options(a="pytorch", b="keras"))
    await fake.dispatch("INTERACTION_CREATE", command)
    await fake.wait_for(lambda: fake.posts(f"/channels/{CHANNEL_ID}/messages"))
    [fallback] = fake.posts(f"/channels/{CHANNEL_ID}/messages")
    assert fallback.body["embeds"] and fallback.body["allowed_mentions"]["parse"] == []


@pytest.mark.asyncio
async def test_a_rate_limited_answer_is_retried_once_and_delivered_once(
    service: DiscordService, fake: FakeDiscord
) -> None:
    fake.webhook_errors.append((429, 0))
    command = payloads.slash("compare", payloads.options(a="pytorch", b="keras"))
    await fake.dispatch("INTERACTION_CREATE", command)
    await fake.wait_for(lambda: len(webhook_posts(fake, command)) == 2)
    await service.stop()
    limited, delivered = webhook_posts(fake, command)
    assert limited == delivered, "the same answer, sent again after the wait"
    assert not fake.posts(f"/channels/{CHANNEL_ID}/messages"), "no fallback, no apology"
