"""The matcher's contract, one behaviour at a time (the corpus tests cover breadth)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import knowledge
from bot.intents import Command, Intent
from bot.nlu.limits import MAX_CHARS
from bot.nlu.matcher import Matcher
from knowledge.model import Aspect, Cell, KnowledgeBase, Topic


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(knowledge.load(None))


def queues_kb() -> KnowledgeBase:
    """A subject no code or lexicon mentions, with row labels the lexicon has never seen."""
    topics = {
        "kafka": Topic(
            "kafka",
            "Apache Kafka",
            (),
            "Apache Kafka is a distributed event log from LinkedIn.",
            ("LinkedIn's log",),
        ),
        "rabbitmq": Topic("rabbitmq", "RabbitMQ", ("rabbit",), "RabbitMQ is a message broker by Pivotal."),
        "sqs": Topic("sqs", "Amazon SQS", ("sqs",), "Amazon SQS is a managed queue service by Amazon."),
    }
    aspects = {
        "ordering_guarantees": Aspect("ordering_guarantees", "Ordering Guarantees"),
        "retention": Aspect("retention", "Message Retention", ("how long are messages kept",)),
    }
    cells = {("ordering_guarantees", "kafka"): Cell("Per partition"), ("retention", "kafka"): Cell("Days")}
    return KnowledgeBase(topics=topics, aspects=aspects, cells=cells)


def test_reads_the_example_from_the_design(matcher: Matcher) -> None:
    got = matcher.match("<@UBOT> compare tf vs torch")
    assert (got.intent, got.topics, got.aspect) == (Intent.COMPARE, ("tensorflow", "pytorch"), None)
    assert got.confidence >= 90 and got.explicit


@pytest.mark.parametrize("text", ["", " ", "\n\t", "\u200b\u200b", "<@U123>", "🙂🙂", "\x00\x01"])
def test_blank_text_names_no_topic(matcher: Matcher, text: str) -> None:
    got = matcher.match(text)
    assert got.intent in (Intent.HELP, Intent.UNKNOWN)
    assert got.topics == () and got.aspect is None


def test_a_lone_question_mark_asks_for_help(matcher: Matcher) -> None:
    assert matcher.match("?").intent is Intent.HELP


@pytest.mark.parametrize(
    "text", ["ｐｙｔｏｒｃｈ", "py\u200btorch", "PyTorch", "pytroch", "\u202epytorch\u202c"]
)
def test_unicode_and_typos_resolve_to_the_topic(matcher: Matcher, text: str) -> None:
    assert matcher.match(text).topics == ("pytorch",)


def test_typos_cost_confidence(matcher: Matcher) -> None:
    assert matcher.match("what is pytroch").confidence < matcher.match("what is pytorch").confidence


def test_described_topics(matcher: Matcher) -> None:
    assert matcher.match("what is Google's framework?").topics == ("tensorflow",)
    assert matcher.match("is the facebook framework easy to learn").topics == ("pytorch",)


def test_unknown_thing_next_to_a_topic_gets_a_suggestion(matcher: Matcher) -> None:
    got = matcher.match("tell me about pytorh lightning")
    assert got.intent is Intent.UNKNOWN and got.topics == ()
    assert "PyTorch" in got.suggestions


def test_suggestions_come_from_names_typos_and_the_notes(matcher: Matcher) -> None:
    assert matcher.match("tensr").suggestions == ("TensorFlow",)
    assert matcher.match("what is torchvision").suggestions == ("PyTorch",)
    got = matcher.match("pytorch lightning vs keras tuner")
    assert got.intent is Intent.UNKNOWN and got.suggestions[0].startswith("compare ")


def test_off_topic_is_unknown_without_topics(matcher: Matcher) -> None:
    got = matcher.match("what's the weather")
    assert (got.intent, got.topics, got.suggestions) == (Intent.UNKNOWN, (), ())


def test_a_statement_is_not_explicit_but_a_question_is(matcher: Matcher) -> None:
    assert matcher.match("It uses dynamic graphs, made by Meta").explicit is False
    assert matcher.match("does pytorch use dynamic graphs?").explicit is True
    assert matcher.match("hint").explicit is True
    assert matcher.match("/compare tf torch").explicit is True


@pytest.mark.parametrize(
    "answer",
    [
        "In practice, TF Serving handles the serving part",
        "In my last interview I had to do a take-home with keras",
        "I would practice with small models first, then scale up",
        "Keras is easier because it is high-level",
        "TF Lite for mobile, TorchServe for servers, done",
    ],
)
def test_answers_in_a_mock_interview_are_not_commands(matcher: Matcher, answer: str) -> None:
    got = matcher.match(answer)
    assert got.explicit is False and got.intent is not Intent.MOCK


def test_slash_forms(matcher: Matcher) -> None:
    mock = matcher.match("/mock pytorch hard")
    assert (mock.intent, mock.command, mock.topics, mock.aspect, mock.difficulty) == (
        Intent.MOCK,
        Command.START,
        ("pytorch",),
        None,
        "hard",
    )
    assert matcher.match("/daily").intent is Intent.DAILY
    study = matcher.match("/prep study on 09:00 tz Europe/Paris days mon-fri")
    assert (study.command, study.args) == (Command.STUDY, "on 09:00 tz Europe/Paris days mon-fri")


def test_grade_keeps_the_answer_as_written(matcher: Matcher) -> None:
    got = matcher.match("My answer: PyTorch builds graphs at RUN time")
    assert (got.intent, got.args) == (Intent.GRADE, "PyTorch builds graphs at RUN time")


def test_recommend_carries_the_need_and_the_named_topics(matcher: Matcher) -> None:
    got = matcher.match("tf or torch for research?")
    assert (got.intent, got.topics, got.args) == (Intent.RECOMMEND, ("tensorflow", "pytorch"), "research")


def test_matching_is_deterministic() -> None:
    kb = knowledge.load(None)
    texts = ["pytroch vs kears deployment", "which is best for beginners", "quiz me on tf, hard"]
    first, second = Matcher(kb), Matcher(kb)
    assert (
        [first.match(t) for t in texts] == [second.match(t) for t in texts] == [first.match(t) for t in texts]
    )


def test_only_the_first_characters_are_read(matcher: Matcher) -> None:
    assert matcher.match("what is keras? " + "I would like to know more. " * 2_000).topics == ("keras",)
    assert matcher.match("x" * MAX_CHARS + " keras").topics == ()


def test_a_subject_it_was_never_told_about() -> None:
    m = Matcher(queues_kb())
    assert m.match("kafka vs rabbit").topics == ("kafka", "rabbitmq")
    assert m.match("what about kafka's ordering guarantees?").aspect == "ordering_guarantees"
    assert m.match("how long are messages kept in sqs").aspect == "retention"
    assert m.match("tell me about LinkedIn's log").topics == ("kafka",)
    assert m.match("rabbitmq message retention vs kafka").intent is Intent.COMPARE


def test_an_empty_knowledge_base_still_answers() -> None:
    m = Matcher(KnowledgeBase(topics={}, aspects={}))
    assert m.match("help").intent is Intent.HELP
    assert m.match("what is pytorch").intent is Intent.UNKNOWN


@pytest.mark.parametrize(
    ("text", "intent", "topics"),
    [
        ("x" * 40_000, Intent.UNKNOWN, ()),
        ("é" * 1_000_000, Intent.UNKNOWN, ()),
        ("\x00\x01\x02 keras", Intent.EXPLAIN, ("keras",)),
        ("\u202ekeras", Intent.EXPLAIN, ("keras",)),
        ("\ud800 lone surrogate", Intent.UNKNOWN, ()),
        ("SELECT * FROM users; DROP TABLE x; --", Intent.UNKNOWN, ()),
        ("{{ 7*7 }} %s %d ${jndi:x}", Intent.UNKNOWN, ()),
        ("مرحبا كيف حالك", Intent.UNKNOWN, ()),
        ("🔥" * 500, Intent.UNKNOWN, ()),
        ("a\u0301\u0301\u0301" * 100, Intent.UNKNOWN, ()),
        ("/", Intent.UNKNOWN, ()),
        ("//", Intent.UNKNOWN, ()),
        ("/prep", Intent.HELP, ()),
        ("/unknowncommand keras", Intent.EXPLAIN, ("keras",)),
        ("answer:", Intent.UNKNOWN, ()),
        ("@@@@", Intent.UNKNOWN, ()),
    ],
)
def test_hostile_input_gives_a_valid_match(
    matcher: Matcher, text: str, intent: Intent, topics: tuple[str, ...]
) -> None:
    """Hostile text is read for what it says: a topic named inside it is still found."""
    got = matcher.match(text)
    assert (got.intent, got.topics) == (intent, topics)
    assert 0 <= got.confidence <= 100


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_text_gives_a_valid_match(text: str) -> None:
    got = _MATCHER.match(text)
    assert got.intent in set(Intent) and 0 <= got.confidence <= 100
    assert all(t in _MATCHER.kb.topics for t in got.topics)
    assert got.aspect is None or got.aspect in _MATCHER.aspects.ids


_MATCHER = Matcher(knowledge.load(None))


def test_one_matcher_serves_many_threads() -> None:
    """Handlers run in worker threads and share the matcher (and its typo cache)."""
    from concurrent.futures import ThreadPoolExecutor

    texts = [f"pytroch vs kears {i % 7}" for i in range(400)] + ["tensorflw deployment"] * 100
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(_MATCHER.match, texts))
    assert {r.topics for r in results[:400]} == {("pytorch", "keras")}
    assert all(r.aspect == "deployment" for r in results[400:])
