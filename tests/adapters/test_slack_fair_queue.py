"""No one person stalls a channel: the Slack send queue takes turns between people, keeps a
token for a newcomer, bounds every person's backlog and tells a flooder once."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest

from adapters.pacing import ChannelPacer, QueueFull
from adapters.slack.outbound import Destination, SlackSender, web_client
from adapters.slack.threads import ThreadRegistry
from bot.messages import Reply, Section
from tests.adapters.slack_adapter.fake_slack import FakeSlack


@pytest.fixture
def fake_slack() -> Iterator[FakeSlack]:
    fake = FakeSlack().start()
    yield fake
    fake.close()


@pytest.mark.asyncio
async def test_turns_alternate_between_a_flooder_and_another_person() -> None:
    pacer = ChannelPacer(interval=0.001, per_person=3)
    order: list[str] = []
    refused: list[bool] = []

    async def send(person: str) -> None:
        try:
            async with pacer.slot("C1", person):
                order.append(person)
        except QueueFull as full:
            refused.append(full.first)

    # The flooder's five arrive first, then two from someone else: all queued before any turn.
    await asyncio.gather(*(send("flooder") for _ in range(5)), send("ana"), send("ana"))
    assert order == ["flooder", "ana", "flooder", "ana", "flooder"]
    assert refused == [True, False]  # told once, then dropped quietly
    await asyncio.sleep(0.01)
    pacer.forget_idle()
    assert pacer._channels == {}  # an idle channel is forgotten once its budget has refilled


@pytest.mark.asyncio
async def test_replies_that_come_one_at_a_time_do_not_find_a_fresh_budget() -> None:
    pacer = ChannelPacer(interval=60.0, per_person=3)  # one token a minute
    order: list[str] = []

    async def send(person: str) -> None:
        async with pacer.slot("C1", person):
            order.append(person)

    await asyncio.wait_for(send("flooder"), timeout=1.0)  # the queue empties after each one
    second = asyncio.ensure_future(send("flooder"))
    await asyncio.sleep(0.05)
    assert order == ["flooder"] and not second.done()  # the last token is still kept for someone else
    pacer.forget_idle()
    await asyncio.wait_for(send("ana"), timeout=1.0)
    assert order == ["flooder", "ana"]
    second.cancel()
    await asyncio.gather(second, return_exceptions=True)


@pytest.mark.asyncio
async def test_a_newcomer_goes_before_the_flooders_next_turn() -> None:
    pacer = ChannelPacer(interval=60.0, per_person=3)  # one token a minute: order is all that moves
    order: list[str] = []

    async def send(person: str) -> None:
        async with pacer.slot("C1", person):
            order.append(person)

    flood = [asyncio.ensure_future(send("flooder")) for _ in range(3)]
    await asyncio.sleep(0.05)
    assert order == ["flooder"]  # one goes; the flooder may not take the last token...
    await asyncio.wait_for(send("ana"), timeout=1.0)  # ...which is kept for someone else
    assert order == ["flooder", "ana"]
    for task in flood:
        task.cancel()
    await asyncio.gather(*flood, return_exceptions=True)


@pytest.mark.asyncio
async def test_a_flooders_excess_is_dropped_before_it_queues_and_told_once(fake_slack: FakeSlack) -> None:
    sender = SlackSender(web_client("xoxb-test", fake_slack.api_url), ThreadRegistry(), interval=60.0)
    flooder = Destination(channel="C1", user="U0FLOOD", is_direct=False, ts="1.1")
    reply = Reply(title="Answer", sections=(Section(text="some answer"),))
    tasks = [asyncio.ensure_future(sender.deliver(reply, flooder)) for _ in range(10)]
    await asyncio.sleep(0.3)
    posted = fake_slack.sent("chat.postMessage")
    notices = fake_slack.sent("chat.postEphemeral")
    assert len(posted) == 1  # one goes at once, 3 wait their turn, the other 6 were dropped
    assert len(notices) == 1 and "Slow down" in str(notices[0].body)
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
