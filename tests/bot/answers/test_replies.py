"""Each answer kind read as a user would, over the real Prepbot, the bundled knowledge and a
differently written knowledge folder on another subject."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot import plaintext
from bot.app import build
from bot.config import load_settings
from bot.intents import Intent
from tests.conftest import REPO, Chat, FakeClock

DATABASES = REPO / "tests" / "fixtures" / "kb_databases"


def _text(chat: Chat, said: str) -> str:
    return plaintext.render(chat.say(said))


def test_a_definition_question_gets_the_definition_and_a_few_key_facts(chat: Chat) -> None:
    reply = chat.say("what is pytorch?")
    text = plaintext.render(reply)
    assert reply.intent is Intent.EXPLAIN and reply.topics == ("pytorch",)
    assert text.startswith("PyTorch\n") and "deep learning framework" in text
    assert "Meta" in text and "Python" in text  # key facts: maker, language
    assert "Core features" not in text and "Use cases" not in text  # not the whole profile
    assert len(text.splitlines()) <= 16
    assert "Source: frameworks.md § PyTorch" in text


def test_explain_gives_definition_maker_language_features_and_use_cases(chat: Chat) -> None:
    reply = chat.say("tell me about pytorch")
    text = plaintext.render(reply)
    assert reply.intent is Intent.EXPLAIN and reply.topics == ("pytorch",)
    assert text.startswith("PyTorch\n")
    assert "Meta" in text and "Python" in text
    assert "Dynamic computation" in text or "dynamic computation" in text
    assert "Research" in text  # use cases / best for
    assert "`mock pytorch`" in text  # the way to practise it next


def test_explain_one_aspect_answers_only_that_aspect(chat: Chat) -> None:
    reply = chat.say("how do I ship torch to prod")
    text = plaintext.render(reply)
    assert reply.aspect == "deployment"
    assert text.startswith("PyTorch: Deployment")
    assert "TorchScript" in text and "ONNX" in text
    assert "Very High" not in text  # no other rows of the table


def test_explain_who_made_a_topic(chat: Chat) -> None:
    text = _text(chat, "who made keras")
    assert "Keras: Developer" in text and "Chollet" in text


def test_compare_two_topics_on_every_aspect_reads_as_a_table(chat: Chat) -> None:
    reply = chat.say("/compare pytorch keras")
    text = plaintext.render(reply)
    assert reply.intent is Intent.COMPARE and reply.topics == ("pytorch", "keras")
    assert reply.table is not None and reply.table.columns == ("Aspect", "PyTorch", "Keras")
    header = next(line for line in text.splitlines() if line.startswith("Aspect"))
    ease = next(line for line in text.splitlines() if line.startswith("Ease of Use"))
    assert header.index("Keras") == ease.index("Very High")
    for label in ("API Type", "Execution Mode", "Production", "Community", "Deployment", "Best For"):
        assert any(line.startswith(label) for line in text.splitlines()), label
    last = [part for part in text.split("\n\n") if not part.startswith("Next:")][-1]
    assert last.startswith("Takeaway: pick PyTorch for research") and "Keras for rapid prototyping" in last


def test_compare_three_topics_on_one_aspect(chat: Chat) -> None:
    reply = chat.say("tf vs keras vs torch for production")
    assert reply.intent is Intent.COMPARE
    assert set(reply.topics) == {"tensorflow", "keras", "pytorch"} and reply.aspect == "production"
    assert reply.table is not None and len(reply.table.rows) == 1
    row = reply.table.rows[0]
    assert row[0] == "Production" and "Strong" in row[1 + reply.topics.index("tensorflow")]
    assert "Takeaway" in reply.footer


def test_recommend_names_the_fit_and_why(chat: Chat) -> None:
    mobile = chat.say("best for mobile?")
    assert mobile.intent is Intent.RECOMMEND and mobile.topics == ("tensorflow",)
    text = plaintext.render(mobile)
    assert "TensorFlow is the best fit" in text and "mobile" in text.lower()
    beginners = chat.say("which one should a beginner start with?")
    assert beginners.topics == ("keras",)
    research = chat.say("tf or torch for research?")
    assert research.topics == ("pytorch",)
    assert "Keras" not in plaintext.render(research).split("Takeaway")[0]  # only the two named


def test_help_lists_what_the_bot_knows_from_the_loaded_knowledge(chat: Chat) -> None:
    reply = chat.say("help")
    text = plaintext.render(reply)
    assert reply.intent is Intent.HELP
    assert "TensorFlow, Keras and PyTorch" in text
    assert "/compare" in text and "mock" in text


def test_unknown_is_honest_and_offers_did_you_mean(chat: Chat) -> None:
    reply = chat.say("what's the weather in Paris")
    assert reply.intent is Intent.UNKNOWN and reply.topics == ()
    assert "not sure what you mean" in plaintext.render(reply)
    close = chat.say("tell me about pytorh lightning stuff maybe")
    assert close.intent in (Intent.UNKNOWN, Intent.EXPLAIN)
    if close.intent is Intent.UNKNOWN:
        assert close.suggestions and "Did you mean" in plaintext.render(close)


@pytest.fixture
def db_chat(tmp_path: Path) -> Chat:
    settings = load_settings(
        {"database_url": f"sqlite:///{tmp_path}/db.db", "knowledge": DATABASES, "rate_limit_per_10s": 0},
        environ={},
    )
    return Chat(build(settings, clock=FakeClock()))


def test_another_subject_gets_the_same_features_with_no_code_change(db_chat: Chat) -> None:
    explain = plaintext.render(db_chat.say("what is postgres"))
    assert explain.startswith("PostgreSQL") and "MVCC" in explain
    compare = db_chat.say("sqlite vs mysql concurrency")
    assert compare.intent is Intent.COMPARE and compare.aspect == "concurrency"
    assert compare.table is not None and "One writer at a time" in compare.table.rows[0]
    recommend = db_chat.say("which is best for web applications?")
    assert recommend.intent is Intent.RECOMMEND and recommend.topics == ("mysql",)
    helped = plaintext.render(db_chat.say("help"))
    assert "PostgreSQL, MySQL and SQLite" in helped and "TensorFlow" not in helped


def test_is_x_good_for_y_says_which_topic_the_notes_favour(chat: Chat) -> None:
    reply = chat.say("is pytorch good for production?")
    text = plaintext.render(reply)
    assert reply.intent is Intent.RECOMMEND and reply.topics == ("pytorch",)
    assert "PyTorch can do it, but for “production” my notes favour TensorFlow." in text
    assert "Strong (TF Serving, etc.)" in text  # the evidence for the favourite
    assert "Yes: for “research”, PyTorch is the best fit" in plaintext.render(
        chat.say("is torch good for research?")
    )


def test_a_rated_table_row_ranks_the_recommendation(chat: Chat) -> None:
    community = chat.say("which has the bigger community")
    assert community.topics == ("pytorch",)
    why = plaintext.render(community)
    assert why.index("Huge in research") < why.index("Large + enterprise-ready")


def test_a_need_the_matcher_did_not_keep_is_read_from_the_message(chat: Chat) -> None:
    reply = chat.say("should I learn tensorflow or pytorch first")
    assert reply.intent is Intent.RECOMMEND and reply.topics == ("pytorch",)
    assert "Ease of Use: High" in plaintext.render(reply)
