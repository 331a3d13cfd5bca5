"""The message path on PostgreSQL, as a user meets it: real `prepbot` processes and the real core.

On PostgreSQL the driver reports -1 as the row count of `INSERT … ON CONFLICT DO NOTHING`; when the
seen-message ledger trusted it, `prepbot ask --db postgresql://…` printed "Already answered." to
every first message. These tests run what a user runs, on PostgreSQL beside SQLite.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from click.testing import CliRunner

import knowledge
from bot import plaintext
from bot.app import Prepbot
from bot.cli import main
from bot.intents import Intent
from bot.practice.bank import QuestionBank
from knowledge.model import Question
from tests.conftest import Chat

pytestmark = pytest.mark.slow  # real processes: started, signalled, killed

REPO = Path(__file__).resolve().parents[2]
SCRIPT = Path(sys.executable).with_name("prepbot")
COMMAND = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "bot.cli"]

QUESTIONS = ("who made keras", "pytorch vs keras", "which is best for beginners")
ANSWER = (
    "PyTorch is a flexible deep learning framework from Meta with dynamic graphs, used in research; "
    "you export models with TorchScript or ONNX and serve them with TorchServe."
)


def as_typed(url: str) -> str:
    """The URL as a user types it (`postgresql://…`, no driver name)."""
    return url.replace("postgresql+psycopg://", "postgresql://")


def prepbot_ask(db: str, text: str, user: str = "U") -> dict[str, object]:
    done = subprocess.run(
        [*COMMAND, "ask", "--json", "--db", as_typed(db), "--user", user, text],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == "", done.stderr
    reply: dict[str, object] = json.loads(done.stdout)
    return reply


def test_prepbot_ask_on_postgresql_answers_exactly_as_on_sqlite(clean_pg_url: str, tmp_path: Path) -> None:
    """The questions are one person's conversation in one place, so each is read against the one
    before (issue 13): they go one after another, in the same order, on each database. Sent all at
    once, each database met them in whatever order its processes happened to finish, and a reading
    that depends on the context differed between the databases (a follow-up's 80 against 75)."""
    sqlite = f"sqlite:///{tmp_path / 'ask.db'}"
    with ThreadPoolExecutor(max_workers=2) as pool:  # the two databases side by side
        on_pg, on_sqlite = pool.map(
            lambda db: [prepbot_ask(db, text) for text in QUESTIONS], (clean_pg_url, sqlite)
        )
    assert [r["intent"] for r in on_pg] == ["explain", "compare", "recommend"]
    assert on_pg[0]["topics"] == ["keras"] and "Chollet" in str(on_pg[0]["text"])
    assert all(r["text"] != "Already answered." for r in on_pg)
    assert on_pg == on_sqlite


def _question_asked(text: str) -> Question:
    bank = QuestionBank.build(knowledge.load(None))  # the bundled knowledge, as the processes use
    found = [q for q in bank.questions if q.text in text]
    assert len(found) == 1, text
    return found[0]


def test_a_mock_question_is_graded_by_the_next_process(db_url: str) -> None:
    asked = prepbot_ask(db_url, "mock pytorch")
    assert asked["intent"] == "mock" and asked["topics"] == ["pytorch"]
    question = _question_asked(str(asked["text"]))

    graded = prepbot_ask(db_url, ANSWER)
    assert graded["intent"] == "grade" and graded["topics"] == asked["topics"]
    expected = json.loads(CliRunner().invoke(main, ["grade", "--json", question.id, ANSWER]).output)
    assert graded["score"] == expected["score"]
    assert f"Score: {expected['score']}/100" in str(graded["text"])

    # someone else's next message is not an answer to U's question
    other = prepbot_ask(db_url, ANSWER, user="V")
    assert other["intent"] != "grade"


def test_messages_whose_ids_share_a_long_prefix_are_each_answered_once(chat: Chat) -> None:
    first, second = chat.message("what is keras"), chat.message("pytorch vs keras")
    prefix = "x" * 450
    first = type(first)(first.platform, prefix + "-1", first.user, first.channel, first.text)
    second = type(second)(second.platform, prefix + "-2", second.user, second.channel, second.text)
    replies = [asyncio.run(chat.bot.handle(m)) for m in (first, second, first, second)]
    assert [r.intent.value if r else None for r in replies] == ["explain", "compare", None, None]


def test_text_one_database_cannot_store_is_answered_alike_on_both(db_url: str, prepbot: Prepbot) -> None:
    """NUL (PostgreSQL refuses it) and lone surrogates (no UTF-8) in a name, a place and an answer."""
    for user, channel in (("a\x00b", "c\x00h"), ("a\ud800", "c\udcff")):
        chat = Chat(prepbot, user=user, channel=channel)
        asked = chat.say("mock keras")
        assert asked.intent is Intent.MOCK, plaintext.render(asked)
        graded = chat.say("keras is a high-level \x00 neural network api \ud800")
        assert graded.intent is Intent.GRADE, plaintext.render(graded)
        assert "Answered: 1" in plaintext.render(chat.say("progress"))
