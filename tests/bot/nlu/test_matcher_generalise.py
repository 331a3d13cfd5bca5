"""Rules that carry the matcher to documents it was never tuned on: each is shown on a subject
the code knows nothing about (markdown folders under tests/fixtures/matcher/kbs/), read through
knowledge.load() with no overlay."""

from __future__ import annotations

from functools import cache

import pytest

from bot.intents import Command, Intent, Match
from bot.nlu.matcher import Matcher
from bot.nlu.references import kind_nouns
from tests.bot.nlu.test_matcher_support import spec_kb


@cache
def matcher(subject: str) -> Matcher:
    return Matcher(spec_kb(subject))


def ask(subject: str, text: str) -> Match:
    return matcher(subject).match(text)


def test_a_label_word_the_topics_share_does_not_name_the_row() -> None:
    """Every broker handles messages: "message" alone is no question about Message Ordering."""
    got = ask("md:queues", "mock interview on message brokers pls")
    assert (got.intent, got.command, got.aspect) == (Intent.MOCK, Command.START, None)
    assert ask("md:queues", "ordering in rabbitmq?").aspect == "message_ordering"


def test_is_x_made_by_y_asks_who_made_x() -> None:
    got = ask("bundled", "is keras made by google")
    assert (got.intent, got.topics, got.aspect) == (Intent.EXPLAIN, ("keras",), "developer")
    reference = ask("bundled", "the one made by meta, how does it deploy models")
    assert (reference.topics, reference.aspect) == (("pytorch",), "deployment")


def test_an_everyday_prefix_set_against_a_topic_names_one() -> None:
    assert ask("md:queues", "kafka vs rabbit vs nats").topics == ("apache-kafka", "rabbitmq", "nats")
    assert ask("md:queues", "my rabbit ate my headphones lol").intent is Intent.UNKNOWN


def test_a_label_word_written_apart_still_names_the_row() -> None:
    got = ask("md:ci", "which is easier to set up, jenkins or gitlab ci?")
    assert (got.intent, got.topics, got.aspect) == (
        Intent.COMPARE,
        ("jenkins", "gitlab-ci-cd"),
        "setup_effort",
    )


def test_two_topics_joined_by_or_are_never_small_talk() -> None:
    got = ask("md:ci", "jenkins or gitlab ci")
    assert (got.intent, got.topics) == (Intent.COMPARE, ("jenkins", "gitlab-ci-cd"))


def test_asking_how_to_mock_is_no_quiz_request() -> None:
    assert ask("md:testing", "how do you mock stuff in pytest").aspect == "mocking"
    assert ask("md:testing", "how do you mock stuff in pytest").intent is Intent.EXPLAIN
    assert ask("md:testing", "can you quiz me on jest").command is Command.START


def test_what_the_topics_are_refers_to_them() -> None:
    assert kind_nouns(spec_kb("md:warehouses")) == {"warehouse", "warehouses"}
    assert kind_nouns(spec_kb("md:queues")) == frozenset()  # broker, platform, system: no shared kind
    assert ask("md:warehouses", "we're all in on aws, what warehouse makes sense").intent is Intent.RECOMMEND


def test_echoing_a_topic_cell_names_its_row() -> None:
    assert ask("md:warehouses", "does snowflake separate storage and compute").aspect == "architecture"
    assert ask("md:mobile", "do i need to learn dart for flutter").aspect == "programming_language"


def test_a_name_word_every_topic_shares_names_none() -> None:
    """All three are ORMs: "orm" must not mean the one whose name ends in it."""
    assert ask("md:orms", "let's practice some orm questions").topics == ()
    assert ask("md:orms", "tell me abt Prisma ORM").topics == ("prisma",)


def test_maker_initials_and_clipped_names() -> None:
    assert ask("md:serverless", "our stack is all aws, any advice on serverless").topics == ()
    assert ask("md:serverless", "azure funcs").topics == ("azure-functions",)


def test_a_label_adopts_every_concept_its_words_name() -> None:
    assert ask("md:bundlers", "why is esbuild so fast").aspect == "build_speed"
    assert ask("md:bundlers", "does webpack support hmr").aspect == "hot_module_replacement"


@pytest.mark.parametrize(
    ("subject", "text"),
    [
        ("md:bundlers", "turbopack vs webpack"),
        ("bundled", "jax vs pytorch"),
        ("md:bundlers", "c'est la vie"),
    ],
)
def test_something_the_notes_do_not_cover_is_unknown(subject: str, text: str) -> None:
    got = ask(subject, text)
    assert (got.intent, got.topics) == (Intent.UNKNOWN, ())


def test_follow_ups_and_command_runs() -> None:
    got = ask("bundled", "keras is high level but what about pytorch")
    assert (got.intent, got.topics, got.aspect) == (Intent.EXPLAIN, ("pytorch",), "api_type")
    assert ask("bundled", "pass, next").command is Command.SKIP
    assert ask("bundled", "ugh no clue, skip").command is Command.SKIP


def test_study_with_a_leading_verb_keeps_the_action() -> None:
    got = ask("bundled", "pause daily study")
    assert (got.intent, got.command, got.args) == (Intent.DAILY, Command.STUDY, "pause")
    assert ask("bundled", "set up daily study at 8am").args == "on at 8am"
