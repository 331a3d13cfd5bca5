"""The Discord side of the bundled knowledge, read as a user reads it."""

from __future__ import annotations

import pytest

from adapters.discord.service import DiscordService
from tests.adapters.discord_adapter import payloads
from tests.adapters.discord_adapter.fake_discord import APP_ID, FakeDiscord, shown, thread_posts
from tests.adapters.discord_adapter.harness import RecordingPrepbot


async def answer_to(fake: FakeDiscord, payload: dict[str, object]) -> dict[str, object]:
    await fake.dispatch("INTERACTION_CREATE", payload)
    await fake.wait_for(lambda: fake.posts(f"/webhooks/{APP_ID}/{payload['token']}"))
    return fake.posts(f"/webhooks/{APP_ID}/{payload['token']}")[0].body  # type: ignore[no-any-return]


@pytest.mark.asyncio
async def test_compare_pytorch_keras_shows_both_side_by_side(
    service: DiscordService, fake: FakeDiscord
) -> None:
    body = await answer_to(fake, payloads.slash("compare", payloads.options(a="pytorch", b="keras")))
    [embed] = body["embeds"]  # type: ignore[misc]
    assert embed["title"] == "PyTorch vs Keras"
    fields = {f["name"]: f["value"] for f in embed["fields"]}
    assert {"Ease of Use", "Deployment", "Community"} <= set(fields)
    assert fields["Deployment"].startswith("**PyTorch**: ") and "\n**Keras**: " in fields["Deployment"]
    assert all(f["inline"] for f in embed["fields"])
    assert embed["footer"]["text"].startswith("Takeaway")
    labels = [b["label"] for row in body["components"] for b in row["components"]]  # type: ignore[union-attr]
    assert labels == ["Quiz me on PyTorch", "Quiz me on Keras"]


@pytest.mark.asyncio
async def test_one_aspect_only(service: DiscordService, fake: FakeDiscord) -> None:
    body = await answer_to(
        fake, payloads.slash("compare", payloads.options(a="tf", b="pytorch", aspect="deployment"))
    )
    [embed] = body["embeds"]  # type: ignore[misc]
    assert embed["title"] == "TensorFlow vs PyTorch: Deployment"
    assert [f["name"] for f in embed["fields"]] == ["Deployment"]


@pytest.mark.asyncio
async def test_autocomplete_offers_the_bundled_topics_and_aspects(
    service: DiscordService, fake: FakeDiscord
) -> None:
    for option, typed, first in (
        ("a", "tor", "pytorch"),
        ("aspect", "deploy", "deployment"),
        ("b", "", "tensorflow"),
    ):
        payload = payloads.autocomplete("compare", option, typed)
        await fake.dispatch("INTERACTION_CREATE", payload)
        await fake.wait_for(lambda p=payload: fake.posts(f"/interactions/{p['id']}/"))
        [callback] = fake.posts(f"/interactions/{payload['id']}/")
        assert callback.body["data"]["choices"][0]["value"] == first


@pytest.mark.asyncio
async def test_a_mock_interview_in_its_thread_grades_only_its_owner(
    service: DiscordService, core: RecordingPrepbot, fake: FakeDiscord
) -> None:
    question = await answer_to(fake, payloads.slash("mock", payloads.options(topic="keras")))
    assert "Keras" in shown(question)
    await fake.wait_for(lambda: bool(fake.threads) and thread_posts(fake, next(iter(fake.threads))))
    [thread_id] = fake.threads
    await fake.dispatch(
        "MESSAGE_CREATE",
        payloads.chat(
            "no idea, is it a spreadsheet thing?", channel_id=thread_id, mention=False, who=payloads.BEN
        ),
    )
    await fake.dispatch(
        "MESSAGE_CREATE",
        payloads.chat(
            "Keras is a high-level API with a big community, lots of tutorials, part of TensorFlow",
            channel_id=thread_id,
            mention=False,
        ),
    )
    await fake.wait_for(lambda: len(core.seen) == 3)
    await service.stop()  # lets every reply in flight finish
    [note] = thread_posts(fake, thread_id)  # nothing for ben's chatter, and ana's grade is private
    assert "ana, answer here" in str(note["content"])
    [grade] = fake.direct_messages(payloads.ANA[0])
    assert "Score" in shown(grade) and not grade["components"]
    assert fake.direct_messages(payloads.BEN[0]) == []
    assert [m.user.name for m in core.seen] == ["ana", "ben", "ana"]
