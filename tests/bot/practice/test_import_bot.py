"""Issue 15, Import, end to end on SQLite and PostgreSQL: questions imported into a running bot's
database are asked in a mock interview (`mock <topic>` through Prepbot.handle), graded against their
own answers, scheduled for review, offered to the daily posts and listed by `prepbot questions --db`."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from click.testing import CliRunner

from bot import plaintext
from bot.app import Prepbot
from bot.cli import main
from bot.storage.imported import ImportClash, ImportedStore, LiveQuestions
from knowledge.imports import ImportResult, read_import
from knowledge.model import KnowledgeBase
from tests.bot.practice.conftest import make_bot
from tests.bot.practice.kbs import databases_kb
from tests.bot.practice.test_import import anki_collection, apkg
from tests.conftest import Chat, FakeClock

ANSWER = (
    "Each transaction reads a snapshot of committed rows. Writers create new row versions instead of "
    "overwriting. Old versions are removed later by vacuum."
)
CSV = (
    "question,answer,key points,topic,difficulty\n"
    f'How does snapshot isolation keep readers from blocking writers?,"{ANSWER}",,postgresql,hard\n'
)
QUESTION = "How does snapshot isolation keep readers from blocking writers?"


@pytest.fixture
def kb() -> KnowledgeBase:
    return databases_kb()


@pytest.fixture
def bot(db_url: str, kb: KnowledgeBase, clock: FakeClock) -> Iterator[Prepbot]:
    made = make_bot(db_url, kb, clock)
    yield made
    made.stores.db.dispose()


def _import(bot: Prepbot, data: bytes, name: str) -> ImportResult:
    result = read_import(data, name, bot.kb, bot.bank.questions)
    assert result.problems == (), result.problems
    ImportedStore(bot.stores.db).add(result.questions, bot.clock.now())
    return result


def _ask_until(bot: Prepbot, chat: Chat, text: str, first: str) -> str:
    """Start `first` (a mock) and skip until `text` is asked; the reply that asked it."""
    reply = plaintext.render(chat.say(first))
    for _ in range(60):
        if text in reply:
            return reply
        reply = plaintext.render(chat.say("skip"))
    raise AssertionError(f"{text!r} was never asked; last reply: {reply}")


def test_imported_questions_are_asked_graded_and_scheduled(
    bot: Prepbot, clock: FakeClock, db_url: str
) -> None:
    chat = Chat(bot)
    chat.say("mock postgresql")  # the running bot has built its bank before the import
    assert not any(q.kind == "imported" for q in bot.bank.questions)
    _import(bot, CSV.encode(), "team.csv")
    imported_id = next(q.id for q in bot.bank.questions if q.text == QUESTION)

    # A hard question on PostgreSQL alone: the mock asks those before ones that are wider (the kb's
    # hard ones compare several databases), so it comes without walking the bank. Any question
    # skipped on the way is brought back soon (issue 14) and is accounted for below.
    _ask_until(bot, chat, QUESTION, "mock postgresql hard")
    session = bot.stores.practice.get_session(chat.user.key, chat.channel.key)
    assert session is not None
    skipped = set(session.asked_ids) - {imported_id}
    reply = chat.say(
        "Readers see a snapshot of committed rows, and writers add new row versions; "
        "vacuum later removes the old versions."
    )
    text = plaintext.render(reply)
    assert reply.score is not None and reply.score >= 70, text
    assert "Model answer" in text and "Writers create new row versions instead of overwriting" in text
    chat.say("stop")

    # Scheduled: its card falls due (every due card is read, not the first ten, so the bank's size
    # does not matter), and a review weeks later asks it first: the only question answered, it comes
    # before any merely skipped one.
    clock.advance(days=60)
    now = clock.now()
    due = [d.question_id for d in bot.stores.practice.due(chat.user.key, now, len(bot.bank.questions))]
    assert set(due) == skipped | {imported_id}
    assert due[0] == imported_id
    review = plaintext.render(chat.say("review"))
    assert QUESTION in review
    # graded again in the review: a poor answer scores low against the same model answer
    assert (chat.say("It uses locks on every table.").score or 0) < 40

    assert imported_id in {q.id for q in LiveQuestions(lambda: bot.bank)}  # what the daily scheduler reads
    listed = json.loads(CliRunner().invoke(main, ["questions", "--json", "--db", db_url]).output)
    assert [q["text"] for q in listed if q["kind"] == "imported"] == [QUESTION]  # another process sees it


@pytest.mark.parametrize("newer", [False, True], ids=["anki2", "anki21b"])
def test_an_anki_deck_and_a_tsv_join_the_mock_for_their_topic(bot: Prepbot, newer: bool) -> None:
    notes = [
        (
            "What does an <i>append-only file</i> protect against?",
            "Losing writes when the server restarts",
            "redis",
        )
    ]
    _import(bot, apkg(anki_collection(notes, newer=newer), newer=newer), "deck.apkg")
    tsv = (
        "question\tanswer\ttopic\n"
        "What is a capped collection?\tA fixed-size collection that overwrites the oldest\tmongo\n"
    )
    _import(bot, tsv.encode(), "more.tsv")
    chat = Chat(bot)
    _ask_until(bot, chat, "What does an append-only file protect against?", "mock redis")
    graded = chat.say("It keeps writes from being lost when the server restarts.")
    assert (graded.score or 0) >= 60, plaintext.render(graded)
    other = Chat(bot, user="bo", channel="dm-bo")
    _ask_until(bot, other, "What is a capped collection?", "mock mongodb")


def test_yaml_import_and_an_import_that_clashes_adds_nothing(bot: Prepbot) -> None:
    yaml_text = (
        "- id: pg-hot-standby\n  text: What is a hot standby?\n  topics: [postgresql]\n  aspect: null\n"
        "  difficulty: medium\n  key_points: [a replica that serves reads, it replays the primary's log, "
        "it can be promoted]\n  model_answer: A replica replaying the primary's log that serves reads "
        "and can be promoted.\n"
    )
    _import(bot, yaml_text.encode(), "mine.yaml")
    assert bot.bank.get("pg-hot-standby") is not None
    store = ImportedStore(bot.stores.db)
    before = store.version()
    both = (
        read_import(CSV.encode(), "team.csv", bot.kb, ()).questions
        + read_import(yaml_text.encode(), "again.yaml", bot.kb, ()).questions
    )  # checked against nothing: a racing import
    with pytest.raises(ImportClash):
        store.add(both, bot.clock.now())
    assert store.version() == before  # the CSV question that did not clash was not half-imported
    assert not any(q.text == QUESTION for q in bot.bank.questions)
