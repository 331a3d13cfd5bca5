"""Files from the core reach Slack the current way (files.getUploadURLExternal, a POST of the bytes
to the upload URL, files.completeUploadExternal) through the local fake Slack; personal files go to
the person's DM, and a refused upload is told in one line."""

from __future__ import annotations

import csv
import io
import json

import pytest

from adapters.slack.service import SlackService
from bot.messages import Reply, Section, UserRef
from tests.adapters.slack_adapter.conftest import ALICE, GENERAL, RecordingPrepbot, SlackSide
from tests.adapters.slack_adapter.fake_slack import FakeSlack, texts


def _answered_once(core: RecordingPrepbot) -> str:
    question = core.bank.questions[0]
    core.stores.practice.record_answer(f"slack:{ALICE}", question, 81, core.clock.now(), place="slack:T:C")
    return question.id


@pytest.mark.asyncio
async def test_export_is_uploaded_to_the_persons_dm_in_three_steps(
    slack: SlackSide, fake_slack: FakeSlack, core: RecordingPrepbot
) -> None:
    question_id = _answered_once(core)
    answer = await slack.command("/prep", "export")
    assert answer.status == 200
    await fake_slack.wait_for(lambda: len(fake_slack.shared) == 2)
    assert [c.body["users"] for c in fake_slack.sent("conversations.open")] == [ALICE]
    steps = [c.method for c in fake_slack.sent() if c.method.startswith("files.")]
    assert steps == ["files.getUploadURLExternal"] * 2 + ["files.completeUploadExternal"]
    assert {f["channel"] for f in fake_slack.shared} == {"D" + ALICE}  # privately, never in #general
    by_title = {f["title"]: f["data"] for f in fake_slack.shared}
    rows = list(csv.DictReader(io.StringIO(by_title["Your answers (CSV)"].decode())))
    assert [(r["question_id"], r["score"]) for r in rows] == [(question_id, "81")]
    document = json.loads(by_title["Everything stored about you (JSON)"])
    assert document["user"] == f"slack:{ALICE}"
    assert not fake_slack.sent("chat.postMessage")  # nothing about it in the channel


@pytest.mark.asyncio
async def test_a_refused_upload_is_said_in_one_line(
    slack: SlackSide, fake_slack: FakeSlack, core: RecordingPrepbot
) -> None:
    fake_slack.script["files.getUploadURLExternal"] = [(200, {}, {"ok": False, "error": "missing_scope"})]
    await slack.command("/prep", "export", channel=GENERAL)
    await fake_slack.wait_for(
        lambda: any("could not attach" in texts(c) for c in fake_slack.sent("chat.postEphemeral"))
    )
    note = next(c for c in fake_slack.sent("chat.postEphemeral") if "could not attach" in texts(c))
    assert note.body["user"] == ALICE and "uploads are not allowed for me" in texts(note)
    assert not fake_slack.shared


@pytest.mark.asyncio
async def test_progress_picture_and_a_nudge_reach_the_persons_dm(
    service: SlackService, slack: SlackSide, fake_slack: FakeSlack, core: RecordingPrepbot
) -> None:
    from PIL import Image

    _answered_once(core)
    await slack.command("/prep", "progress")
    await fake_slack.wait_for(lambda: len(fake_slack.shared) == 1)
    [shared] = fake_slack.shared
    assert shared["channel"] == "D" + ALICE
    image = Image.open(io.BytesIO(shared["data"]))
    assert image.format == "PNG" and json.loads(image.info["prepbot:topics"])  # a bar per answered topic

    nudge = Reply(title="A nudge from prepbot", sections=(Section(text="2 questions due for review."),))
    ts = await service.poster.direct(UserRef("slack", ALICE), nudge, idempotency_key="nudge:x")
    [post] = [c for c in fake_slack.sent("chat.postMessage") if c.body.get("channel") == "D" + ALICE]
    assert ts and "2 questions due for review" in texts(post)
