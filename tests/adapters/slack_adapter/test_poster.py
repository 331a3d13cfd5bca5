"""Daily posts on Slack: each carries its key as message metadata, so a post cut off mid-send is
found again instead of being sent twice."""

from __future__ import annotations

import pytest
from slack_sdk.errors import SlackApiError

from adapters.slack.service import SlackService
from bot.messages import ChannelRef, Reply, Section
from tests.adapters.slack_adapter.conftest import GENERAL
from tests.adapters.slack_adapter.fake_slack import FakeSlack

CHANNEL = ChannelRef("slack", GENERAL, team="T0001")
QUESTION = Reply(title="Question of the day", sections=(Section(text="What is define-by-run?"),))


@pytest.mark.asyncio
async def test_a_post_can_be_found_again_by_its_key(service: SlackService, fake_slack: FakeSlack) -> None:
    ts = await service.poster.post(CHANNEL, QUESTION, idempotency_key="daily:C0GENERAL:2026-01-05")
    [sent] = fake_slack.sent("chat.postMessage")
    assert sent.body["metadata"] == {
        "event_type": "prepbot_post",
        "event_payload": {"key": "daily:C0GENERAL:2026-01-05"},
    }
    assert await service.poster.find_post(CHANNEL, "daily:C0GENERAL:2026-01-05") == ts
    assert await service.poster.find_post(CHANNEL, "daily:C0GENERAL:2026-01-06") is None


@pytest.mark.asyncio
async def test_when_slack_cannot_tell_the_poster_says_so(
    service: SlackService, fake_slack: FakeSlack
) -> None:
    fake_slack.script["conversations.history"] = [(200, {}, {"ok": False, "error": "missing_scope"})]
    with pytest.raises(SlackApiError):
        await service.poster.find_post(CHANNEL, "daily:C0GENERAL:2026-01-05")
