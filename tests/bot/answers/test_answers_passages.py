"""Answers from passages, read as a user would through `Prepbot.handle`: terms that live in one
topic's notes, one-fact questions, prose when the structure is silent, and the Source line on
every platform."""

from __future__ import annotations

from pathlib import Path

import pytest

from adapters.discord.embeds import render as discord_render
from adapters.slack.blocks import render_messages
from bot import plaintext
from bot.app import build
from bot.config import load_settings
from bot.intents import Intent
from bot.messages import Reply, Section
from tests.conftest import Chat, FakeClock


def _text(chat: Chat, said: str) -> str:
    return plaintext.render(chat.say(said))


@pytest.mark.parametrize(
    ("question", "fact", "source"),
    [
        ("what is torchscript", "TorchScript", "frameworks.md § PyTorch"),
        ("what is tensorboard", "TensorBoard", "frameworks.md § TensorFlow"),
        ("who is françois chollet", "independent project", "frameworks.md § Keras"),
        ("whats XLA", "XLA compiler", "frameworks.md § TensorFlow"),
        ("whats onnx", "ONNX export", "frameworks.md § PyTorch"),
    ],
)
def test_a_term_from_the_notes_is_answered_with_its_source(
    chat: Chat, question: str, fact: str, source: str
) -> None:
    reply = chat.say(question)
    text = plaintext.render(reply)
    assert reply.intent is Intent.EXPLAIN, text
    assert "rather not guess" not in text
    assert fact in text
    assert f"Source: {source}" in text or source in reply.citations


def test_one_fact_asked_one_fact_answered(chat: Chat) -> None:
    reply = chat.say("pytorch licence?")
    text = plaintext.render(reply)
    assert "BSD" in text and "Source: frameworks.md § PyTorch" in text
    assert "Core features" not in text and "Use cases" not in text  # not the 30-line profile
    assert len(text.splitlines()) <= 10


def test_a_yes_no_question_about_one_capability_quotes_the_passage(chat: Chat) -> None:
    reply = chat.say("does tensorflow support TPUs?")
    text = plaintext.render(reply)
    assert reply.topics == ("tensorflow",)
    assert "TPUs" in text and "Source: frameworks.md § TensorFlow" in text
    assert "Large + enterprise-ready" not in text  # not the community row that "support" matched


def test_a_phrase_the_notes_use_is_explained_from_the_passage_that_says_it(chat: Chat) -> None:
    text = _text(chat, "what does define-by-run mean")
    assert "define-by-run" in text and "debugging" in text
    assert "frameworks.md § PyTorch" in text
    assert "Execution Mode |" not in text  # not the three-way table


def test_something_the_notes_do_not_say_is_still_not_guessed(chat: Chat) -> None:
    reply = chat.say("what is the weather like")
    assert reply.intent is Intent.UNKNOWN
    assert not reply.citations


def test_a_structured_aspect_answer_cites_where_it_was_written(chat: Chat) -> None:
    reply = chat.say("who makes pytorch")
    assert "Meta" in plaintext.render(reply)
    assert reply.citations and reply.citations[0].startswith("frameworks.md § ")


PROSE = """# Browser testing tools

## Playwright

Playwright is an end-to-end testing library from Microsoft for Chromium, Firefox and WebKit.

- Auto-waiting before actions removes most flaky sleeps
- Traces record every step for debugging

## Cypress

Cypress is an end-to-end testing tool that runs inside the browser.

- Time-travel snapshots in its runner
- Licence: MIT
"""


@pytest.fixture
def prose_chat(tmp_path: Path) -> Chat:
    folder = tmp_path / "kb"
    folder.mkdir()
    (folder / "comparison.md").write_text(PROSE, encoding="utf-8")
    settings = load_settings(
        {"database_url": f"sqlite:///{tmp_path}/db.db", "knowledge": folder, "rate_limit_per_10s": 0},
        environ={},
    )
    return Chat(build(settings, clock=FakeClock()))


def test_who_makes_it_is_answered_from_the_definition_when_no_bullet_says(prose_chat: Chat) -> None:
    reply = prose_chat.say("who makes playwright?")
    text = plaintext.render(reply)
    assert "Microsoft" in text, text
    assert "say nothing" not in text
    assert "comparison.md § Playwright" in text


def test_a_one_fact_question_on_another_subject(prose_chat: Chat) -> None:
    text = _text(prose_chat, "does playwright record traces?")
    assert "Traces record every step" in text and "comparison.md § Playwright" in text
    assert "Auto-waiting" not in text


def test_the_source_line_is_rendered_on_every_platform() -> None:
    reply = Reply(
        title="PyTorch",
        sections=(Section(text="“License: BSD-style”"),),
        citations=("frameworks.md § PyTorch",),
    )
    assert "Source: frameworks.md § PyTorch" in plaintext.render(reply)
    blocks = render_messages(reply)[0]["blocks"]
    contexts = [b for b in blocks if b["type"] == "context"]
    assert any("Source: frameworks.md § PyTorch" in e["text"] for b in contexts for e in b["elements"])
    embeds = discord_render(reply)[0]["embeds"]
    assert "Source: frameworks.md § PyTorch" in embeds[0]["footer"]["text"]
