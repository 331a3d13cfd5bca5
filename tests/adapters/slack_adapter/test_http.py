"""End to end over HTTP mode: signed requests into the real bolt AsyncApp, replies read back from
the fake Slack (Web API and response_url) the way a person would see them."""

from __future__ import annotations

import time

import pytest

from adapters.slack import bridge
from adapters.slack.service import SlackService
from tests.adapters.slack_adapter.conftest import ALICE, GENERAL, RecordingPrepbot, SlackSide
from tests.adapters.slack_adapter.fake_slack import FakeSlack, texts

ACTIONS = [
    "mock",
    "mock:keras",
    "hint",
    "skip",
    "next",
    "stop",
    "model_answer:q1",
    "review",
    "progress",
    "explain:keras",
    "compare:keras,pytorch",
    "daily",
]


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("command", "text"),
    [
        ("/compare", "pytorch keras"),
        ("/ask", "what is keras?"),
        ("/mock", "keras"),
        ("/daily", ""),
        ("/prep", "help"),
        ("/prep", "progress"),
        ("/prep", "study show"),
        ("/prep", "leaderboard"),
    ],
)
async def test_each_slash_command_is_acked_fast_and_answered(
    slack: SlackSide, fake_slack: FakeSlack, core: RecordingPrepbot, command: str, text: str
) -> None:
    started = time.monotonic()
    answer = await slack.command(command, text)
    assert answer.status == 200
    assert time.monotonic() - started < 3
    if answer.text:  # answered inside the ack
        body = answer.json()
        assert body["response_type"] in ("in_channel", "ephemeral")
        assert body["blocks"][0]["type"] == "header" and body["text"]
    else:  # e.g. a mock interview opens its own thread under the bot's post
        await fake_slack.wait_for(lambda: fake_slack.replies())
        assert fake_slack.replies()[0].body["blocks"]
    assert core.seen[-1].text == f"{command} {text}".strip()
    assert core.seen[-1].channel.team == "T0001"


@pytest.mark.asyncio
async def test_a_slow_answer_acks_at_once_and_arrives_by_response_url(
    slack: SlackSide, fake_slack: FakeSlack, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bridge, "ACK_BUDGET", 0.05)
    answer = await slack.command("/ask", "slowpoke keras")
    assert answer.status == 200 and answer.text == ""
    await fake_slack.wait_for(lambda: fake_slack.sent("response"))
    sent = fake_slack.sent("response")
    assert len(sent) == 1 and sent[0].body["response_type"] in ("in_channel", "ephemeral")
    assert sent[0].body["blocks"]


@pytest.mark.asyncio
async def test_a_mention_is_answered_in_the_thread_of_the_asking_message(
    slack: SlackSide, fake_slack: FakeSlack, core: RecordingPrepbot
) -> None:
    event = slack.mention("compare pytorch and keras")
    assert (await slack.event(event)).status == 200
    await fake_slack.wait_for(lambda: fake_slack.replies())
    [reply] = fake_slack.replies()
    assert reply.body["channel"] == GENERAL and reply.body.get("thread_ts") == event["ts"]
    assert core.seen[-1].text == "compare pytorch and keras"
    assert reply.headers["authorization"] == "Bearer xoxb-TEST-0000-bot-token"


@pytest.mark.asyncio
async def test_a_direct_message_is_answered_in_its_thread_in_the_dm(
    slack: SlackSide, fake_slack: FakeSlack
) -> None:
    event = slack.message("what is keras?", channel="D0ALICE")
    assert (await slack.event(event)).status == 200
    await fake_slack.wait_for(lambda: fake_slack.replies())
    [reply] = fake_slack.replies()
    assert reply.method == "chat.postMessage" and reply.body["channel"] == "D0ALICE"
    assert reply.body["thread_ts"] == event["ts"] and "Keras" in texts(reply)


@pytest.mark.asyncio
async def test_plain_channel_chatter_never_reaches_the_core(
    slack: SlackSide, fake_slack: FakeSlack, core: RecordingPrepbot
) -> None:
    for text in ("lunch?", "pytorch is great", "compare pytorch keras"):
        assert (await slack.event(slack.message(text))).status == 200
    assert (await slack.event(slack.message("deep thread", thread_ts="1700000000.000001"))).status == 200
    assert core.seen == [] and fake_slack.replies() == []


@pytest.mark.asyncio
@pytest.mark.parametrize("action", ACTIONS)
async def test_each_button_comes_back_through_the_core_and_is_answered(
    slack: SlackSide, fake_slack: FakeSlack, core: RecordingPrepbot, action: str
) -> None:
    answer = await slack.click(action, message_ts="1800000000.000042")
    assert answer.status == 200
    await fake_slack.wait_for(lambda: fake_slack.replies())
    assert core.seen[-1].action == action and core.seen[-1].user.id == ALICE
    reply = fake_slack.replies()[0]
    if reply.method == "chat.postMessage":
        assert reply.body["thread_ts"] == "1800000000.000042"
    elif reply.method == "chat.postEphemeral":
        assert reply.body["user"] == ALICE


@pytest.mark.asyncio
async def test_a_click_on_an_ephemeral_message_is_answered_by_response_url(
    slack: SlackSide, fake_slack: FakeSlack
) -> None:
    assert (await slack.click("hint", ephemeral=True)).status == 200
    await fake_slack.wait_for(lambda: fake_slack.replies())
    [reply] = fake_slack.replies()
    assert reply.path.startswith("/response/") and reply.body["replace_original"] is False


@pytest.mark.asyncio
async def test_app_home_shows_progress_and_practice_buttons(
    slack: SlackSide, fake_slack: FakeSlack, core: RecordingPrepbot
) -> None:
    event = {
        "type": "app_home_opened",
        "user": ALICE,
        "channel": "D0ALICE",
        "tab": "home",
        "event_ts": "1800000000.1",
    }
    assert (await slack.event(event)).status == 200
    await fake_slack.wait_for(lambda: fake_slack.sent("views.publish"))
    [call] = fake_slack.sent("views.publish")
    assert call.body["user_id"] == ALICE and call.body["view"]["type"] == "home"
    buttons = [
        e["action_id"] for b in call.body["view"]["blocks"] if b["type"] == "actions" for e in b["elements"]
    ]
    assert buttons == ["prepbot:mock", "prepbot:review", "prepbot:daily"]
    assert core.seen[-1].action == "progress" and core.seen[-1].user.id == ALICE


@pytest.mark.asyncio
async def test_url_verification_and_unknown_events_get_200(slack: SlackSide, fake_slack: FakeSlack) -> None:
    challenge = await slack.post(
        '{"token":"t","challenge":"chal-123","type":"url_verification"}', "application/json"
    )
    assert challenge.status == 200 and challenge.json()["challenge"] == "chal-123"
    for event in (
        {"type": "reaction_added", "user": ALICE, "reaction": "+1"},
        {"type": "member_joined_channel", "user": ALICE, "channel": GENERAL},
        {"type": "app_rate_limited"},
    ):
        assert (await slack.event(event)).status == 200
    assert fake_slack.replies() == []


@pytest.mark.expect_errors("the core failed")  # injected on purpose
@pytest.mark.asyncio
async def test_a_failing_core_gets_a_short_apology_and_the_bot_keeps_serving(
    slack: SlackSide, fake_slack: FakeSlack, caplog: pytest.LogCaptureFixture
) -> None:
    answer = await slack.command("/ask", "boom")
    body = answer.json()
    assert answer.status == 200 and body["response_type"] == "ephemeral"
    assert "Sorry" in texts_of(body) and "injected core failure" not in answer.text
    assert any(
        "injected core failure" in (r.exc_text or str(r.exc_info)) for r in caplog.records if r.exc_info
    )
    await slack.event(slack.mention("boom again"))
    await fake_slack.wait_for(lambda: fake_slack.sent("chat.postEphemeral"))
    assert "Sorry" in texts(fake_slack.sent("chat.postEphemeral")[0])
    after = await slack.command("/prep", "help")
    assert after.status == 200 and "Sorry!" not in texts_of(after.json())


@pytest.mark.asyncio
async def test_a_refused_post_is_logged_once_and_not_retried(
    slack: SlackSide, fake_slack: FakeSlack, caplog: pytest.LogCaptureFixture
) -> None:
    fake_slack.script["chat.postMessage"] = [(200, {}, {"ok": False, "error": "not_in_channel"})]
    await slack.event(slack.mention("what is keras?"))
    await fake_slack.wait_for(lambda: len(fake_slack.sent("chat.postMessage")) >= 1)
    await fake_slack.wait_for(lambda: any("not_in_channel" in r.getMessage() for r in caplog.records))
    assert len(fake_slack.sent("chat.postMessage")) == 1
    assert sum("not_in_channel" in r.getMessage() for r in caplog.records) == 1


def texts_of(body: dict[str, object]) -> str:
    from tests.adapters.slack_adapter.fake_slack import Call

    return texts(Call("/response/x", dict(body), {}))


@pytest.mark.asyncio
async def test_stop_finishes_replies_in_flight_then_refuses(
    service: SlackService, slack: SlackSide, fake_slack: FakeSlack
) -> None:
    await slack.event(slack.mention("slowpoke keras"))
    await service.stop()
    assert len(fake_slack.replies()) == 1
