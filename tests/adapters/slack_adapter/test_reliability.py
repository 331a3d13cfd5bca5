"""Slack's delivery rules held end to end: signatures (T3), retries and duplicate events (T2),
rate limits (T7) and secrets kept out of logs (T13)."""

from __future__ import annotations

import asyncio
import itertools
import logging
import time

import pytest

from adapters.slack.outbound import SlackSender, web_client
from adapters.slack.threads import ThreadRegistry
from tests.adapters.slack_adapter.conftest import APP_TOKEN, BOT_TOKEN, SECRET, RecordingPrepbot, SlackSide
from tests.adapters.slack_adapter.fake_slack import FakeSlack


@pytest.mark.asyncio
async def test_signatures_outside_the_window_or_wrong_are_refused(
    slack: SlackSide, core: RecordingPrepbot
) -> None:
    body = slack.command_body("/ask", "what is keras?")
    # the clock is read just before each request: a slow first request must not move the second
    # one back inside the window
    assert (
        await slack.post(body, "application/x-www-form-urlencoded", ts=int(time.time()) - 301)
    ).status == 401
    assert (
        await slack.post(body, "application/x-www-form-urlencoded", ts=int(time.time()) + 302)
    ).status == 401
    assert (await slack.post(body, "application/x-www-form-urlencoded", secret="wrong")).status == 401
    tampered = await slack.post(
        body, "application/x-www-form-urlencoded", headers={"X-Slack-Signature": "v0=" + "0" * 64}
    )
    assert tampered.status == 401
    async with slack.session.post(
        slack.url, data=body, headers={"Content-Type": "application/x-www-form-urlencoded"}
    ) as unsigned:
        assert unsigned.status == 401
    assert core.seen == []
    assert (
        await slack.post(body, "application/x-www-form-urlencoded", ts=int(time.time()) - 290)
    ).status == 200
    assert len(core.seen) == 1


@pytest.mark.asyncio
async def test_retries_and_replays_of_one_event_give_one_reply(
    slack: SlackSide, fake_slack: FakeSlack, core: RecordingPrepbot
) -> None:
    event = slack.mention("what is keras?")
    body = slack.event_body(event, event_id="EvSAME1")
    for retry in (None, "1", "2", "3"):
        headers = {"X-Slack-Retry-Num": retry, "X-Slack-Retry-Reason": "http_timeout"} if retry else {}
        started = time.monotonic()
        answer = await slack.post(body, "application/json", headers=headers)
        assert answer.status == 200 and time.monotonic() - started < 0.3
    await fake_slack.wait_for(lambda: len(core.seen) == 1)  # redeliveries stop at the inbox
    await fake_slack.wait_for(lambda: fake_slack.replies())
    await asyncio.sleep(0.2)
    assert len(fake_slack.replies()) == 1


@pytest.mark.asyncio
async def test_a_mention_and_its_message_event_give_one_reply(
    slack: SlackSide, fake_slack: FakeSlack, core: RecordingPrepbot
) -> None:
    first = slack.mention("what is keras?")
    await slack.event(first)
    await fake_slack.wait_for(lambda: fake_slack.replies())
    thread = first["ts"]
    mention = slack.mention("and pytorch?", thread_ts=thread)
    twin = slack.message(mention["text"], thread_ts=thread, ts=mention["ts"])
    await asyncio.gather(slack.event(mention), slack.event(twin))
    await fake_slack.wait_for(lambda: len(fake_slack.replies()) == 2)
    plain_twin = slack.message("tell me more", thread_ts=thread)
    await asyncio.gather(slack.event(plain_twin), slack.event(plain_twin | {"type": "message"}))
    await fake_slack.wait_for(lambda: len(fake_slack.replies()) == 3)
    await asyncio.sleep(0.2)
    assert len(fake_slack.replies()) == 3


@pytest.mark.asyncio
async def test_edits_deletions_and_other_bots_are_ignored(
    slack: SlackSide, fake_slack: FakeSlack, core: RecordingPrepbot
) -> None:
    await slack.event(slack.message("what is keras?", channel="D0ALICE", subtype="message_changed"))
    await slack.event(slack.message("what is keras?", channel="D0ALICE", subtype="message_deleted"))
    await slack.event(slack.message("what is keras?", channel="D0ALICE", bot_id="B0OTHER"))
    await slack.event(slack.message("what is keras?", channel="D0ALICE", subtype="bot_message"))
    await asyncio.sleep(0.1)
    assert core.seen == [] and fake_slack.replies() == []


@pytest.mark.asyncio
async def test_a_rate_limited_reply_still_arrives_once_after_retry_after(
    slack: SlackSide, fake_slack: FakeSlack
) -> None:
    limited = (429, {"Retry-After": "1"}, {"ok": False, "error": "ratelimited"})
    fake_slack.script["chat.postMessage"] = [limited, limited]
    await slack.event(slack.mention("what is keras?"))
    await fake_slack.wait_for(lambda: len(fake_slack.sent("chat.postMessage")) == 3, timeout=8)
    attempts = fake_slack.sent("chat.postMessage")
    assert attempts[2].at - attempts[0].at >= 2.0
    await asyncio.sleep(0.1)
    assert len(fake_slack.sent("chat.postMessage")) == 3  # two refused, one delivered


@pytest.mark.asyncio
async def test_replies_to_one_channel_are_paced_and_others_do_not_wait(fake_slack: FakeSlack) -> None:
    sender = SlackSender(web_client(BOT_TOKEN, fake_slack.api_url), ThreadRegistry(), interval=0.25)
    payload = [{"text": "hi", "blocks": []}]
    await asyncio.gather(
        *(sender.post("C1", payload, None) for _ in range(4)), sender.post("C2", payload, None)
    )
    one = [c.at for c in fake_slack.sent("chat.postMessage") if c.body["channel"] == "C1"]
    two = [c.at for c in fake_slack.sent("chat.postMessage") if c.body["channel"] == "C2"]
    assert len(one) == 4 and len(two) == 1
    assert all(later - earlier >= 0.24 for earlier, later in itertools.pairwise(one))
    assert two[0] - one[0] < 0.2


@pytest.mark.asyncio
async def test_debug_logs_carry_no_token_secret_or_request_body(
    slack: SlackSide, fake_slack: FakeSlack, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    private = "my-private-answer-text"
    body = slack.command_body("/ask", private)
    await slack.post(body, "application/x-www-form-urlencoded", secret="wrong-secret")
    await slack.post(body, "application/x-www-form-urlencoded", ts=int(time.time()) - 900)
    await slack.command("/ask", private)
    await slack.event(slack.mention(private))
    await fake_slack.wait_for(lambda: fake_slack.replies())
    logged = "\n".join(f"{r.getMessage()} {r.exc_text or ''}" for r in caplog.records)
    assert "refused 1 unverified Slack request(s): 1 with a wrong signature" in logged  # logged...
    for secret in (BOT_TOKEN, APP_TOKEN, SECRET, "legacy-verification-token", "xoxb-", "xapp-"):
        assert secret not in logged
    assert f"text={private}" not in logged and "response_url" not in logged  # ...but not the body


@pytest.mark.asyncio
@pytest.mark.parametrize("stamp", ["abc", "", "12.5", "-1"])
async def test_garbage_timestamps_are_refused_without_a_traceback(
    slack: SlackSide, core: RecordingPrepbot, caplog: pytest.LogCaptureFixture, stamp: str
) -> None:
    body = slack.command_body("/ask", "what is keras?")
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Slack-Request-Timestamp": stamp,
        "X-Slack-Signature": "v0=" + "0" * 64,
    }
    async with slack.session.post(slack.url, data=body, headers=headers) as response:
        assert response.status == 401
    assert core.seen == [] and not any(record.exc_info for record in caplog.records)
    assert (await slack.command("/ask", "what is keras?")).status == 200
