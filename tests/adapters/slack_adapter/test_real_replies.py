"""Real answers from the real core (a knowledge base built by hand from the user's document), read
in Slack the way a person sees them."""

from __future__ import annotations

import pytest

from adapters.slack.service import SlackService
from adapters.slack.threads import ThreadRegistry
from bot.app import Prepbot
from tests.adapters.slack_adapter.conftest import ALICE, BOB, GENERAL, RecordingPrepbot, SlackSide
from tests.adapters.slack_adapter.fake_slack import Call, FakeSlack, texts
from tests.practice.kbs import SEED_CURATED, seed_kb


@pytest.fixture
def core(prepbot: Prepbot) -> RecordingPrepbot:
    """Overrides conftest's `core`: the same real Prepbot, over the seed document's knowledge."""
    bot = RecordingPrepbot(kb=seed_kb(SEED_CURATED), stores=prepbot.stores, settings=prepbot.settings,
                           clock=prepbot.clock)
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
    rows = {b["text"]["text"]: [f["text"] for f in b["fields"]] for b in body["blocks"]
            if b["type"] == "section" and "fields" in b and "text" in b}
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
        slack: SlackSide, fake_slack: FakeSlack, core: RecordingPrepbot) -> None:
    start = slack.mention("mock pytorch", user=ALICE)
    await slack.event(start)
    await fake_slack.wait_for(lambda: fake_slack.replies())
    [question] = fake_slack.replies()
    thread = start["ts"]
    assert question.body["thread_ts"] == thread and "Question 1" in seen_by(question)

    await slack.event(slack.message("It is high, very easy to use", user=BOB, thread_ts=thread))
    await slack.event(slack.message("PyTorch ease of use is high: Pythonic and easy to debug",
                                    user=ALICE, thread_ts=thread))
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
        service: SlackService, slack: SlackSide, fake_slack: FakeSlack) -> None:
    start = slack.mention("mock pytorch", user=ALICE)
    await slack.event(start)
    await fake_slack.wait_for(lambda: fake_slack.replies())
    service.sender.threads = ThreadRegistry()  # what a fresh process or another replica remembers
    await slack.event(slack.message("It is high, Pythonic", user=BOB, thread_ts=start["ts"]))
    await slack.event(slack.message("Ease of use is high", user=ALICE, thread_ts=start["ts"]))
    await fake_slack.wait_for(lambda: len(fake_slack.replies()) == 2)
    grade = fake_slack.replies()[1]
    assert grade.body["user"] == ALICE and "/100" in seen_by(grade)
