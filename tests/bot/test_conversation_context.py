"""The conversation context as a deployment of several processes meets it (PostgreSQL is for that):
a follow-up is read against what the person said last in that place, whichever process took it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.app import Prepbot, build
from bot.config import load_settings
from bot.intents import Intent
from tests.conftest import Chat, FakeClock


@pytest.fixture
def workers(db_url: str, clock: FakeClock) -> Iterator[tuple[Prepbot, Prepbot]]:
    """Two bots on one database, as two worker processes of one Slack app behind a load balancer."""
    settings = load_settings({"database_url": db_url, "rate_limit_per_10s": 0}, environ={})
    first, second = build(settings, clock=clock), build(settings, clock=clock)
    yield first, second
    first.stores.db.dispose()
    second.stores.db.dispose()


def test_a_follow_up_reads_the_last_thing_said_even_when_another_process_took_it(
    workers: tuple[Prepbot, Prepbot],
) -> None:
    one, other = (Chat(bot, "ana", "C-team") for bot in workers)
    assert one.say("how do I deploy pytorch").topics == ("pytorch",)
    assert other.say("what is keras").topics == ("keras",)  # the next message, on the other worker
    follow_up = one.say("and for production?")
    assert follow_up.intent is Intent.EXPLAIN
    assert follow_up.topics == ("keras",) and follow_up.aspect == "production"


def test_the_same_conversation_reads_the_same_whichever_process_takes_each_message(
    workers: tuple[Prepbot, Prepbot],
) -> None:
    said = ("tf vs pytorch", "what about deployment?", "and keras?", "is it good for beginners?")
    alone = Chat(workers[0], "bo", "dm-bo")
    shared = [Chat(bot, "cy", "dm-cy") for bot in workers]
    for index, text in enumerate(said):
        expected = alone.say(text)
        got = shared[index % 2].say(text)  # the workers take turns
        assert (got.intent, got.topics, got.aspect, got.confidence) == (
            expected.intent,
            expected.topics,
            expected.aspect,
            expected.confidence,
        ), text
