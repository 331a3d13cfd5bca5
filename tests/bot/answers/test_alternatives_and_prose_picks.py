"""Recommendations from prose, read through `Prepbot.handle` on a knowledge base built here: "an
alternative to X" / "instead of X" recommends among the other topics, a need no table row settles is
ranked by what each topic's passages say (with the source), and "X vs Y" works when X is the
document's subject (it has no section of its own, only "<subject> vs. Y" sections)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot import plaintext
from bot.app import build
from bot.config import load_settings
from bot.intents import Intent
from tests.conftest import Chat, FakeClock

DOC = """# Comparisons with other test runners

Vitest is a test runner built on Vite. This page compares Vitest with the runners teams move from.

## Vitest vs. Jest

Jest is a test runner from Meta with a large community. Jest popularised snapshot testing, where a
rendered value is stored in a file and compared on the next run.

Vitest offers a Jest-compatible API, so most suites move over by changing the imports.

## Vitest vs. Mocha

Mocha is a flexible test framework that leaves assertions and mocking to other libraries such as
Chai and Sinon; Vitest ships its own. Mocha runs tests serially, which makes its reports easy to read.

## Vitest vs. Web Test Runner

Web Test Runner runs tests inside real browsers, launched through Playwright or Puppeteer, which
suits components that need a real DOM. Vitest has a browser mode too, still marked experimental.
"""


@pytest.fixture
def runners(tmp_path: Path, db_url: str) -> Iterator[Chat]:
    folder = tmp_path / "kb"
    folder.mkdir()
    (folder / "comparisons.md").write_text(DOC, encoding="utf-8")
    settings = load_settings(
        {"database_url": db_url, "knowledge": folder, "rate_limit_per_10s": 0}, environ={}
    )
    chat = Chat(build(settings, clock=FakeClock()))
    yield chat
    chat.bot.stores.db.dispose()  # no PostgreSQL connection left open


@pytest.mark.parametrize(
    "question",
    ["what is a good alternative to jest?", "alternatives to Jest", "what could I use instead of jest"],
)
def test_an_alternative_to_x_is_a_recommendation_among_the_others(runners: Chat, question: str) -> None:
    reply = runners.say(question)
    text = plaintext.render(reply)
    assert reply.intent is Intent.RECOMMEND, text
    assert "jest" not in reply.topics
    assert "Recommendation: Jest" not in text and "Mocha" in text and "Web Test Runner" in text


def test_instead_of_x_with_a_need_is_ranked_by_the_passages(runners: Chat) -> None:
    reply = runners.say("instead of mocha, what should I use for tests in a real browser?")
    text = plaintext.render(reply)
    assert reply.intent is Intent.RECOMMEND
    assert text.startswith("Recommendation: Web Test Runner"), text
    assert "Source: comparisons.md § Vitest vs. Web Test Runner" in text


def test_a_need_only_prose_settles_picks_the_topic_whose_passages_say_it(runners: Chat) -> None:
    text = plaintext.render(runners.say("which runner is best for snapshot testing?"))
    assert text.startswith("Recommendation: Jest"), text
    assert "snapshot testing" in text and "comparisons.md § Vitest vs. Jest" in text
    assert "don't point to one choice" not in text


def test_is_x_good_for_a_need_says_which_topic_the_prose_favours(runners: Chat) -> None:
    text = plaintext.render(runners.say("is mocha good for snapshot testing?"))
    assert not text.split("\n\n")[1].startswith("Yes"), text
    assert "Jest" in text and "comparisons.md § Vitest vs. Jest" in text


def test_x_vs_the_documents_subject_quotes_the_section_comparing_them(runners: Chat) -> None:
    reply = runners.say("jest vs vitest")
    text = plaintext.render(reply)
    assert reply.intent is Intent.COMPARE and set(reply.topics) == {"jest", "vitest"}, text
    assert "Jest-compatible API" in text and "Source: comparisons.md § Vitest vs. Jest" in text
    assert "—" not in text  # not an empty grid


def test_x_vs_y_without_shared_table_rows_quotes_each_side(runners: Chat) -> None:
    text = plaintext.render(runners.say("jest vs mocha"))
    assert "snapshot testing" in text and "serially" in text, text
    assert "—" not in text
