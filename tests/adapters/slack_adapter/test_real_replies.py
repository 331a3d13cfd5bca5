"""Real answers from the real core (a knowledge base built by hand from the user's document), read
in Slack the way a person sees them."""

from __future__ import annotations

import asyncio
from dataclasses import replace

import aiohttp
import pytest

from adapters.slack.service import SlackService
from adapters.slack.threads import ThreadRegistry
from bot.app import Prepbot
from bot.messages import ChannelRef, Reply, Section
from tests.adapters.slack_adapter.conftest import (
    ALICE,
    BOB,
    GENERAL,
    RecordingPrepbot,
    SlackSide,
    slack_settings,
)
from tests.adapters.slack_adapter.fake_slack import Call, FakeSlack, texts
from tests.adapters.slack_adapter.test_blocks import assert_within_limits
from tests.bot.practice.kbs import SEED_CURATED, seed_kb


@pytest.fixture
def core(prepbot: Prepbot) -> RecordingPrepbot:
    """Overrides conftest's `core`: the same real Prepbot, over the seed document's knowledge."""
    bot = RecordingPrepbot(
        kb=seed_kb(SEED_CURATED), stores=prepbot.stores, settings=prepbot.settings, clock=prepbot.clock
    )
    bot.seen = []
    return bot


def seen_by(call: Call) -> str:
    return texts(call)


@pytest.mark.asyncio
async def test_compare_shows_both_names_an_aspect_row_and_a_quiz_button(slack: SlackSide) -> None:
    answer = await slack.command("/compare", "pytorch keras")
    body = answer.json()
    assert answer.status == 200 and body["response_type"] == "in_channel"
    header = body["blocks"][0]["text"]["text"]
    assert "PyTorch" in header and "Keras" in header
    rows = {
        b["text"]["text"]: [f["text"] for f in b["fields"]]
        for b in body["blocks"]
        if b["type"] == "section" and "fields" in b and "text" in b
    }
    assert rows["*Ease of Use*"] == ["*PyTorch*\nHigh", "*Keras*\nVery High"]
    buttons = [e["action_id"] for b in body["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert "prepbot:mock:pytorch" in buttons


@pytest.mark.asyncio
async def test_quiz_me_button_asks_a_question_in_the_thread(slack: SlackSide, fake_slack: FakeSlack) -> None:
    assert (await slack.click("mock:keras", message_ts="1800000000.000077")).status == 200
    await fake_slack.wait_for(lambda: fake_slack.replies())
    [question] = fake_slack.replies()
    assert question.body["thread_ts"] == "1800000000.000077"
    assert "Question 1" in seen_by(question) and "Keras" in seen_by(question)


@pytest.mark.asyncio
async def test_a_mock_interview_in_a_channel_thread_grades_only_its_starter(
    slack: SlackSide, fake_slack: FakeSlack, core: RecordingPrepbot
) -> None:
    start = slack.mention("mock pytorch", user=ALICE)
    await slack.event(start)
    await fake_slack.wait_for(lambda: fake_slack.replies())
    [question] = fake_slack.replies()
    thread = start["ts"]
    assert question.body["thread_ts"] == thread and "Question 1" in seen_by(question)

    await slack.event(slack.message("It is high, very easy to use", user=BOB, thread_ts=thread))
    await slack.event(
        slack.message("PyTorch ease of use is high: Pythonic and easy to debug", user=ALICE, thread_ts=thread)
    )
    await fake_slack.wait_for(lambda: len(fake_slack.replies()) == 2)
    grade = fake_slack.replies()[1]
    assert grade.method == "chat.postEphemeral" and grade.body["user"] == ALICE
    assert grade.body["thread_ts"] == thread and "/100" in seen_by(grade)
    assert BOB not in {m.user.id for m in core.seen}

    await slack.event(slack.mention("it is high", user=BOB, thread_ts=thread))
    await fake_slack.wait_for(lambda: len(fake_slack.replies()) == 3)
    assert "/100" not in seen_by(fake_slack.replies()[2])
    assert fake_slack.replies()[2].body["channel"] == GENERAL


@pytest.mark.asyncio
async def test_after_a_restart_the_starters_thread_answer_is_still_graded(
    service: SlackService, slack: SlackSide, fake_slack: FakeSlack
) -> None:
    start = slack.mention("mock pytorch", user=ALICE)
    await slack.event(start)
    await fake_slack.wait_for(lambda: fake_slack.replies())
    service.sender.threads = ThreadRegistry()  # what a fresh process or another replica remembers
    await slack.event(slack.message("It is high, Pythonic", user=BOB, thread_ts=start["ts"]))
    await slack.event(slack.message("Ease of use is high", user=ALICE, thread_ts=start["ts"]))
    await fake_slack.wait_for(lambda: len(fake_slack.replies()) == 2)
    grade = fake_slack.replies()[1]
    assert grade.body["user"] == ALICE and "/100" in seen_by(grade)


@pytest.mark.asyncio
async def test_retries_of_an_answer_change_progress_once(
    slack: SlackSide, fake_slack: FakeSlack, core: RecordingPrepbot
) -> None:
    start = slack.mention("mock pytorch", user=ALICE)
    await slack.event(start)
    await fake_slack.wait_for(lambda: fake_slack.replies())
    answer = slack.event_body(slack.message("Ease of use is high", user=ALICE, thread_ts=start["ts"]))
    for retry in (None, "1", "2", "3"):
        headers = {"X-Slack-Retry-Num": retry, "X-Slack-Retry-Reason": "http_timeout"} if retry else {}
        assert (await slack.post(answer, "application/json", headers=headers)).status == 200
    await fake_slack.wait_for(lambda: len(fake_slack.replies()) == 2)
    await fake_slack.wait_for(lambda: len(core.seen) == 2)  # redeliveries stop at the inbox
    assert len(fake_slack.replies()) == 2
    assert core.stores.practice.totals(f"slack:{ALICE}").answered == 1


@pytest.mark.asyncio
async def test_user_markup_and_pings_never_come_out_live(slack: SlackSide, fake_slack: FakeSlack) -> None:
    hostile = (
        "<!channel> <!here> <!subteam^S1|@team> <@U0BOB> *bold* ``` <http://evil|click> &amp; what is keras?"
    )
    ack = await slack.command("/ask", hostile)
    await slack.event(slack.mention(hostile))
    await slack.event(slack.message(hostile, channel="D0ALICE"))
    await fake_slack.wait_for(lambda: len(fake_slack.replies()) == 2)
    outputs = [ack.text, *(str(call.body) for call in fake_slack.replies())]
    for output in outputs:
        assert "<!" not in output and "<@" not in output and "<http" not in output


@pytest.mark.asyncio
async def test_text_from_the_core_reaches_slack_escaped(service: SlackService, fake_slack: FakeSlack) -> None:
    hostile = "<!channel> <@U0BOB> <http://evil|click> & co"
    reply = Reply(title=hostile, sections=(Section(text=hostile),), footer=hostile)
    ts = await service.poster.post(
        ChannelRef("slack", GENERAL, team="T0001"), reply, idempotency_key="daily:x"
    )
    [call] = fake_slack.sent("chat.postMessage")
    assert ts and call.body["unfurl_links"] is False
    sent = str(call.body)
    assert "<!" not in sent and "<@" not in sent and "<http" not in sent
    assert "&lt;!channel&gt; &lt;@U0BOB&gt; &lt;http://evil|click&gt; &amp; co" in seen_by(call)


@pytest.mark.asyncio
async def test_an_overlong_answer_arrives_in_one_thread_split_within_limits(
    prepbot: Prepbot, db_url: str, fake_slack: FakeSlack
) -> None:
    kb = seed_kb(SEED_CURATED)
    essay = " ".join(f"Sentence {i} about Keras layers & models." for i in range(1500))
    kb = replace(kb, topics={**kb.topics, "keras": replace(kb.topics["keras"], definition=essay)})
    bot = RecordingPrepbot(kb=kb, stores=prepbot.stores, settings=prepbot.settings, clock=prepbot.clock)
    bot.seen = []
    service = SlackService(
        bot, slack_settings(db_url, fake_slack.api_url), mode="http", host="127.0.0.1", port=0, pace_seconds=0
    )
    await service.start()
    try:
        async with aiohttp.ClientSession() as session:
            slack = SlackSide(f"http://127.0.0.1:{service.port}/slack/events", fake_slack, session)
            event = slack.mention("what is keras?")
            await slack.event(event)
            await fake_slack.wait_for(lambda: len(fake_slack.replies()) >= 2)
            await asyncio.sleep(0.2)
    finally:
        await service.stop()
    parts = fake_slack.replies()
    assert len(parts) >= 2 and {p.body["thread_ts"] for p in parts} == {event["ts"]}
    for part in parts:
        assert_within_limits(part.body)
    seen = " ".join(seen_by(p) for p in parts)
    assert "Sentence 0 about" in seen and "Sentence 1499 about Keras layers &amp; models." in seen


@pytest.mark.asyncio
async def test_practice_started_from_app_home_goes_on_in_the_dm(
    slack: SlackSide, fake_slack: FakeSlack
) -> None:
    opened = {
        "type": "app_home_opened",
        "user": ALICE,
        "channel": "D0ALICE",
        "tab": "home",
        "event_ts": "1.5",
    }
    await slack.event(opened)
    await fake_slack.wait_for(lambda: fake_slack.sent("views.publish"))
    view = fake_slack.sent("views.publish")[0].body["view"]
    assert view["private_metadata"] == "D0ALICE"

    assert (await slack.home_click("mock", view_metadata=view["private_metadata"])).status == 200
    await fake_slack.wait_for(lambda: fake_slack.replies())
    [question] = fake_slack.replies()
    assert question.body["channel"] == "D0ALICE" and "Question 1" in seen_by(question)
    assert "thread_ts" not in question.body

    await slack.event(slack.message("Ease of use is high and it is Pythonic", channel="D0ALICE"))
    await fake_slack.wait_for(lambda: len(fake_slack.replies()) == 2)
    grade = fake_slack.replies()[1]
    assert grade.body["channel"] == "D0ALICE" and "/100" in seen_by(grade)
