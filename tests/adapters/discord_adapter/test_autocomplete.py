"""Topic and aspect autocomplete, ranked by what is typed so far, from the loaded knowledge."""

from __future__ import annotations

from pathlib import Path

import pytest

from adapters.discord import autocomplete
from adapters.discord.autocomplete import Candidate, rank
from tests.adapters.discord_adapter import payloads
from tests.adapters.discord_adapter.conftest import start_service
from tests.adapters.discord_adapter.fake_discord import FakeDiscord
from tests.adapters.discord_adapter.harness import recording_bot, small_kb


def test_empty_input_lists_every_topic_in_knowledge_base_order() -> None:
    assert rank("", autocomplete.topics(small_kb())) == [
        ("TensorFlow", "tensorflow"),
        ("Keras", "keras"),
        ("PyTorch", "pytorch"),
    ]


@pytest.mark.parametrize(
    ("typed", "first"),
    [
        ("py", "pytorch"),
        ("ker", "keras"),
        ("tensr", "tensorflow"),
        ("torch", "pytorch"),
        ("TF", "tensorflow"),
    ],
)
def test_what_is_typed_ranks_the_best_match_first(typed: str, first: str) -> None:
    assert rank(typed, autocomplete.topics(small_kb()))[0][1] == first


def test_aspects_match_their_labels_and_aliases() -> None:
    aspects = autocomplete.aspects(small_kb())
    assert rank("deploy", aspects)[0] == ("Deployment", "deployment")
    assert rank("ship to", aspects)[0] == ("Deployment", "deployment")


def test_never_more_than_25_choices_of_at_most_100_characters() -> None:
    many = [Candidate(f"t{i}", f"Topic {i} " + "x" * 150) for i in range(60)]
    for typed in ("", "topic 4", "zzz"):
        choices = rank(typed, many)
        assert len(choices) == 25
        assert all(len(name) <= 100 and len(value) <= 100 for name, value in choices)


@pytest.mark.asyncio
async def test_the_running_client_answers_autocomplete_from_the_kb(tmp_path: Path, fake: FakeDiscord) -> None:
    core = recording_bot(tmp_path / "db.sqlite", kb=small_kb())
    service = await start_service(core)
    try:
        await fake.dispatch("INTERACTION_CREATE", payloads.autocomplete("compare", "b", "ker", a="pytorch"))
        await fake.wait_for(lambda: fake.posts("/callback"))
        [callback] = fake.posts("/callback")
        assert callback.body["type"] == 8  # APPLICATION_COMMAND_AUTOCOMPLETE_RESULT
        choices = callback.body["data"]["choices"]
        assert choices[0] == {"name": "Keras", "value": "keras"}
        assert len(choices) == 3
        assert core.seen == [], "autocomplete never reaches the core"
    finally:
        await service.stop()
