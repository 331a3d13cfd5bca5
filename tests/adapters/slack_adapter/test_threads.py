"""Mock interviews in channel threads: the starter's thread replies reach the core without a
mention; other people's chatter in the thread does not."""

from __future__ import annotations

import asyncio

import pytest

from adapters.slack.outbound import Destination, SlackSender, web_client
from adapters.slack.threads import ANYONE, ThreadRegistry
from bot.messages import Reply, Section
from tests.adapters.slack_adapter.conftest import ALICE, BOB, BOT_TOKEN, GENERAL, RecordingPrepbot, SlackSide
from tests.adapters.slack_adapter.fake_slack import FakeSlack


@pytest.mark.asyncio
async def test_only_the_starter_is_heard_in_a_mock_thread_without_a_mention(
    slack: SlackSide, fake_slack: FakeSlack, core: RecordingPrepbot
) -> None:
    start = slack.mention("mock keras", user=ALICE)
    await slack.event(start)
    await fake_slack.wait_for(lambda: len(fake_slack.replies()) == 1)
    thread = start["ts"]
    assert fake_slack.replies()[0].body["thread_ts"] == thread

    await slack.event(slack.message("I think it is about layers", user=BOB, thread_ts=thread))
    await slack.event(
        slack.message("Keras is a high-level API on top of a backend", user=ALICE, thread_ts=thread)
    )
    await fake_slack.wait_for(lambda: len(fake_slack.replies()) == 2)
    await asyncio.sleep(0.1)
    assert [m.user.id for m in core.seen] == [ALICE, ALICE]
    answer = core.seen[-1]
    assert answer.thread == thread and answer.text.startswith("Keras is a high-level API")
    assert fake_slack.replies()[1].body["thread_ts"] == thread

    await slack.event(slack.mention("what is keras?", user=BOB, thread_ts=thread))
    await fake_slack.wait_for(lambda: len(fake_slack.replies()) == 3)
    assert core.seen[-1].user.id == BOB and core.seen[-1].thread == thread


@pytest.mark.asyncio
async def test_a_thread_started_from_a_slash_command_lives_under_the_bots_post(fake_slack: FakeSlack) -> None:
    threads = ThreadRegistry()
    sender = SlackSender(web_client(BOT_TOKEN, fake_slack.api_url), threads, interval=0)
    to = Destination(
        channel=GENERAL,
        user=ALICE,
        is_direct=False,
        response_url=fake_slack.response_url("r1"),
        use_response_url=True,
    )
    ts = await sender.deliver(
        Reply(title="Question 1", sections=(Section(text="What is Keras?"),), start_thread=True), to
    )
    [post] = fake_slack.sent("chat.postMessage")
    assert ts and "thread_ts" not in post.body and fake_slack.sent("response") == []
    assert threads.allows(GENERAL, ts, ALICE) and not threads.allows(GENERAL, ts, BOB)


def test_the_registry_forgets_old_and_overflowing_threads() -> None:
    now = [0.0]
    threads = ThreadRegistry(limit=2, ttl=100, now=lambda: now[0])
    threads.add("C", "1", ALICE)
    threads.add("C", "2", ANYONE)
    assert threads.allows("C", "2", BOB) and not threads.allows("C", "1", BOB)
    threads.add("C", "3", ALICE)
    assert not threads.allows("C", "1", ALICE)
    now[0] = 101
    assert not threads.allows("C", "3", ALICE) and not threads.allows("C", None, ALICE)
