"""A mock interview started in a channel runs in a thread of its own."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

from adapters.discord.service import DiscordService
from bot.intents import Intent
from bot.messages import Button, Reply, Section
from tests.adapters.discord_adapter import payloads
from tests.adapters.discord_adapter.conftest import start_service
from tests.adapters.discord_adapter.fake_discord import APP_ID, CHANNEL_ID, FakeDiscord, shown, thread_posts
from tests.adapters.discord_adapter.harness import ScriptedPrepbot, recording_bot, scripted_bot, small_kb

QUESTION = Reply(
    title="Mock interview: Keras",
    sections=(Section(text="Q1. What is Keras?"),),
    buttons=(Button("hint", "Hint"), Button("skip", "Skip")),
    start_thread=True,
)


@pytest_asyncio.fixture
async def scripted(
    tmp_path: Path, fake: FakeDiscord
) -> AsyncIterator[tuple[ScriptedPrepbot, DiscordService]]:
    core = scripted_bot(tmp_path / "db.sqlite")
    core.script["/mock keras"] = QUESTION
    service = await start_service(core)
    yield core, service
    await service.stop()
    core.stores.db.dispose()


@pytest.mark.asyncio
async def test_slash_mock_posts_the_question_and_opens_a_thread_for_its_owner(
    scripted: tuple[ScriptedPrepbot, DiscordService], fake: FakeDiscord
) -> None:
    command = payloads.slash("mock", payloads.options(topic="keras"))
    await fake.dispatch("INTERACTION_CREATE", command)
    await fake.wait_for(
        lambda: (
            fake.threads
            and any(c.path == f"/channels/{next(iter(fake.threads))}/messages" for c in fake.calls)
        )
    )
    [question] = fake.posts(f"/webhooks/{APP_ID}/{command['token']}")
    assert question.body["embeds"][0]["description"] == "Q1. What is Keras?"
    [opened] = fake.posts("/threads")
    assert opened.path.startswith(f"/channels/{CHANNEL_ID}/messages/")  # started from the question
    assert opened.body["name"] == "Mock interview · ana"
    [thread_id] = fake.threads
    [note] = [c.body for c in fake.posts(f"/channels/{thread_id}/messages")]
    assert "ana, answer here" in note["content"] and note["allowed_mentions"] == {"parse": []}


@pytest.mark.asyncio
async def test_answers_in_the_thread_reach_the_core_with_the_thread_and_the_person(
    scripted: tuple[ScriptedPrepbot, DiscordService], fake: FakeDiscord
) -> None:
    core, _ = scripted
    await fake.dispatch("INTERACTION_CREATE", payloads.slash("mock", payloads.options(topic="keras")))
    await fake.wait_for(lambda: bool(fake.threads))
    [thread_id] = fake.threads
    await fake.dispatch(
        "MESSAGE_CREATE", payloads.chat("a high-level API", channel_id=thread_id, mention=False)
    )
    await fake.dispatch(
        "MESSAGE_CREATE",
        payloads.chat("I think it is a database", channel_id=thread_id, mention=False, who=payloads.BEN),
    )
    await fake.wait_for(lambda: len(core.seen) == 3)
    answers = core.seen[1:]
    assert [(m.user.name, m.thread, m.channel.id) for m in answers] == [
        ("ana", thread_id, str(CHANNEL_ID)),
        ("ben", thread_id, str(CHANNEL_ID)),
    ]


@pytest.mark.asyncio
async def test_a_personal_reply_in_a_thread_is_never_posted_in_public(
    scripted: tuple[ScriptedPrepbot, DiscordService], fake: FakeDiscord
) -> None:
    core, _ = scripted
    core.script["hint"] = Reply(
        title="Hint", sections=(Section(text="Think of the word 'high-level'."),), ephemeral=True
    )
    click = payloads.click("prepbot:hint")
    await fake.dispatch("INTERACTION_CREATE", click)
    await fake.wait_for(lambda: fake.posts(f"/webhooks/{APP_ID}/{click['token']}"))
    [hint] = fake.posts(f"/webhooks/{APP_ID}/{click['token']}")
    assert hint.body["flags"] & 64
    assert not fake.posts("/threads")


@pytest.mark.asyncio
async def test_a_real_mock_interview_grades_only_its_owner_privately(
    tmp_path: Path, fake: FakeDiscord
) -> None:
    core = recording_bot(tmp_path / "db.sqlite", kb=small_kb())
    service = await start_service(core)
    try:
        command = payloads.slash("mock", payloads.options(topic="keras"))
        await fake.dispatch("INTERACTION_CREATE", command)
        await fake.wait_for(lambda: fake.threads and thread_posts(fake, next(iter(fake.threads))))
        [question] = fake.posts(f"/webhooks/{APP_ID}/{command['token']}")
        assert "Keras" in shown(question.body)
        labels = [b["label"] for row in question.body["components"] for b in row["components"]]
        assert "Hint" in labels
        [thread_id] = fake.threads

        await fake.dispatch(
            "MESSAGE_CREATE",
            payloads.chat(
                "I guess it is some kind of database", channel_id=thread_id, mention=False, who=payloads.BEN
            ),
        )
        await fake.dispatch(
            "MESSAGE_CREATE",
            payloads.chat(
                "You deploy it via TensorFlow, e.g. TF Serving", channel_id=thread_id, mention=False
            ),
        )
        await fake.wait_for(lambda: len(core.seen) == 3)
        await service.stop()  # lets every reply in flight finish
        [note] = thread_posts(fake, thread_id)  # nothing for ben's chatter; ana's grade is private
        assert "answer here" in str(note["content"])
        [grade] = fake.direct_messages(payloads.ANA[0])
        assert "Score" in shown(grade), "ana, who started the interview, is graded (in her DMs)"
        assert [m.user.name for m in core.seen] == ["ana", "ben", "ana"]
    finally:
        await service.stop()
        core.stores.db.dispose()


@pytest.mark.asyncio
async def test_with_direct_messages_closed_a_personal_reply_is_not_shown_in_public(
    tmp_path: Path, fake: FakeDiscord
) -> None:
    fake.dms_closed = True
    core = scripted_bot(tmp_path / "db.sqlite")
    core.script["my answer is layers"] = Reply(
        title="Score: 40/100", sections=(Section(text="You missed x."),), ephemeral=True, intent=Intent.GRADE
    )
    service = await start_service(core)
    try:
        thread_id = "940000000000000009"
        await fake.dispatch("THREAD_CREATE", dict(payloads.thread_channel(thread_id), newly_created=True))
        await fake.dispatch(
            # a mention: chatter without one is answered only inside a practice session or daily thread
            "MESSAGE_CREATE",
            payloads.chat("my answer is layers", channel_id=thread_id, mention=True),
        )
        await fake.wait_for(lambda: thread_posts(fake, thread_id))
        [note] = thread_posts(fake, thread_id)
        assert "direct messages are closed" in str(note["content"])
        assert "Score" not in str(note) and note["allowed_mentions"]["parse"] == []
    finally:
        await service.stop()
        core.stores.db.dispose()


@pytest.mark.asyncio
async def test_a_public_answer_to_a_personal_command_replaces_the_private_placeholder(
    tmp_path: Path, fake: FakeDiscord
) -> None:
    core = scripted_bot(tmp_path / "db.sqlite")
    # a review session that starts a public interview thread; /review arrives as the action "review"
    core.script["review"] = QUESTION
    service = await start_service(core)
    try:
        command = payloads.slash("review")
        await fake.dispatch("INTERACTION_CREATE", command)
        await fake.wait_for(lambda: bool(fake.threads))
        [ack] = fake.posts(f"/interactions/{command['id']}/")
        assert ack.body == {"type": 5, "data": {"flags": 64}}
        deleted = [c.path for c in fake.calls if c.method == "DELETE" and str(command["token"]) in c.path]
        assert deleted == [f"/webhooks/{APP_ID}/{command['token']}/messages/@original"]
        [question] = fake.posts(f"/webhooks/{APP_ID}/{command['token']}")
        assert not question.body.get("flags", 0) & 64
    finally:
        await service.stop()
        core.stores.db.dispose()
