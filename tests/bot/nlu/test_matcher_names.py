"""A multi-word alias made of words that each name a different topic is read word by word."""

from __future__ import annotations

from bot.intents import Intent
from bot.nlu.matcher import Matcher
from knowledge.model import KnowledgeBase, Topic


def _kb() -> KnowledgeBase:
    topics = (
        Topic("oracle-db", "Oracle DB", ("ora",), "Oracle DB is a relational database."),
        Topic(
            "redbase", "Redbase", ("ora redbase",), "Redbase is a document store shipped inside Oracle DB."
        ),
        Topic("quokka", "Quokka", (), "Quokka is a graph database."),
    )
    return KnowledgeBase(topics={t.id: t for t in topics}, aspects={})


def test_three_names_in_a_row_are_three_topics_even_when_two_form_an_alias() -> None:
    match = Matcher(_kb()).match("compare ora redbase quokka")
    assert match.intent is Intent.COMPARE
    assert match.topics == ("oracle-db", "redbase", "quokka")


def test_the_bundled_short_names_compare_three_ways() -> None:
    import knowledge

    match = Matcher(knowledge.load()).match("/compare tf keras torch deployment")
    assert (match.intent, match.topics, match.aspect) == (
        Intent.COMPARE,
        ("tensorflow", "keras", "pytorch"),
        "deployment",
    )
    assert Matcher(knowledge.load()).match("tf.keras vs pytorch").topics == ("keras", "pytorch")
