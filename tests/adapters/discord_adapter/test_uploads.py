"""Files from the core reach Discord as attachments on an ephemeral follow-up (`/prep export`), through
the real CommandTree and the fake Discord's multipart endpoint; files over the limit are left out
with a note."""

from __future__ import annotations

import csv
import io
import json

import pytest

from adapters.discord import uploads
from adapters.discord.service import DiscordService
from bot.messages import Attachment
from tests.adapters.discord_adapter import payloads
from tests.adapters.discord_adapter.fake_discord import APP_ID, FakeDiscord
from tests.adapters.discord_adapter.harness import RecordingPrepbot

EPHEMERAL = 64


@pytest.mark.asyncio
async def test_export_arrives_as_ephemeral_attachments(
    service: DiscordService, core: RecordingPrepbot, fake: FakeDiscord
) -> None:
    user_key = f"discord:{payloads.ANA[0]}"
    question = core.bank.questions[0]
    core.stores.practice.record_answer(user_key, question, 64, core.clock.now(), place="discord:g:c")
    payload = payloads.slash("prep", sub="export")
    path = f"/webhooks/{APP_ID}/{payload['token']}"
    await fake.dispatch("INTERACTION_CREATE", payload)
    await fake.wait_for(lambda: any(c.method == "POST" and c.path == path and c.files for c in fake.calls))
    [call] = [c for c in fake.calls if c.method == "POST" and c.path == path and c.files]
    assert call.body["flags"] & EPHEMERAL  # only the asker sees it
    assert sorted(call.files) == [
        "prepbot-history-" + core.clock.now().strftime("%Y%m%d") + s for s in (".csv", ".json")
    ]
    table = next(data for name, data in call.files.items() if name.endswith(".csv"))
    rows = list(csv.DictReader(io.StringIO(table.decode())))
    assert [(r["question_id"], r["score"]) for r in rows] == [(question.id, "64")]
    document = json.loads(next(data for name, data in call.files.items() if name.endswith(".json")))
    assert document["user"] == user_key


def test_files_over_discords_limit_are_left_out_with_a_note() -> None:
    small = Attachment("a.csv", b"x" * 100, "text/csv")
    big = Attachment("big.json", b"x" * (uploads.MAX_BYTES + 1), "application/json")
    files, note = uploads.files_for([small, big])
    assert [f.filename for f in files] == ["a.csv"]
    assert "big.json" in note and "10 MB" in note
