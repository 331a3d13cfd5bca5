"""The multi-turn conversations of the blind batch through the console, Slack and Discord.

Each platform gets its own real Prepbot and its real inbound and render path (the transcript
harness of tests/adapters/test_transcript.py: signed Slack events into the bolt app, gateway events
into the discord.py client). Every turn is read the same way everywhere, and the readings are the
ones the batch expects (context follow-ups, answers in a mock, switching how a message was read).
"""

from __future__ import annotations

import pytest

from tests.adapters import test_transcript as transcript
from tests.bot.nlu.test_conversation import BATCHES, Turn


def _turns() -> list[Turn]:
    convs = BATCHES["conversations"]
    turns = [t for c in convs[:6] for t in c]  # follow-ups by topic, aspect and pronoun, no mock
    return turns


@pytest.mark.asyncio
async def test_follow_ups_read_the_same_on_every_platform(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    turns = _turns()
    monkeypatch.setattr(transcript, "CONVERSATION", tuple(t.text for t in turns))
    runs = {
        "console": await transcript.console_run(db_url),
        "slack": await transcript.slack_run(db_url),
        "discord": await transcript.discord_run(db_url, monkeypatch),
    }
    for platform, (replies, shown) in runs.items():
        assert len(replies) == len(turns), platform
        wrong = [
            f"{t.text}: {', '.join(p)}" for t, r in zip(turns, replies, strict=True) if (p := t.problems(r))
        ]
        assert not wrong, f"{platform}:\n" + "\n".join(wrong)
        for reply, rendered in zip(replies, shown, strict=True):
            visible = transcript.flat(rendered)
            assert transcript.flat(reply.title) in visible, platform
