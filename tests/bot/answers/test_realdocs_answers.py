"""The bot answers each ../shared/realdocs READER.md fact from a natural question
(tests/bot/realdocs_questions.py, written before the code ran on them), through `Prepbot.handle` on
a knowledge base built from that document's folder, and cites the document.

Known failures live in realdocs_known_failures.txt and work as a ratchet: a question that starts
failing fails the test, and one that starts passing must be taken off the list."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot import plaintext
from bot.app import build
from bot.config import load_settings
from bot.messages import Reply, Section
from tests.bot.answers.realdocs_questions import QUESTIONS
from tests.conftest import REPO, Chat, FakeClock

REALDOCS = (REPO / ".." / "shared" / "realdocs").resolve()
KNOWN_FAILURES = Path(__file__).with_name("realdocs_known_failures.txt")


def known_failures() -> set[tuple[str, str]]:
    out: set[tuple[str, str]] = set()
    for line in KNOWN_FAILURES.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            folder, _, question = line.partition(" | ")
            out.add((folder.strip(), question.strip()))
    return out


def is_right(reply: Reply, keys: tuple[str, ...], documents: set[str]) -> bool:
    """Every key word is said (`a|b`: either), and a citation names the document."""
    text = plaintext.render(reply)
    said = all(
        any(
            re.search(
                rf"(?<!\w){re.escape(alt)}(?!\w)" if alt[-1:].isalnum() and len(alt) <= 3 else re.escape(alt),
                text,
                re.IGNORECASE,
            )
            for alt in key.split("|")
        )
        for key in keys
    )
    cited = any(c.split(" § ")[0] in documents for c in reply.citations)
    return said and cited


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Chat]]:
    if not REALDOCS.is_dir():
        pytest.skip(f"{REALDOCS} is absent (shared folder not mounted)")
    chats: dict[str, Chat] = {}
    for folder in QUESTIONS:
        db = tmp_path_factory.mktemp(folder) / "prepbot.db"
        settings = load_settings(
            {"database_url": f"sqlite:///{db}", "knowledge": REALDOCS / folder, "rate_limit_per_10s": 0},
            environ={},
        )
        chats[folder] = Chat(build(settings, clock=FakeClock()))
    yield chats
    for chat in chats.values():
        chat.bot.stores.db.dispose()


def run(chats: dict[str, Chat]) -> dict[str, list[tuple[str, bool, str]]]:
    results: dict[str, list[tuple[str, bool, str]]] = {}
    for folder, questions in QUESTIONS.items():
        documents = {p.name for p in (REALDOCS / folder).iterdir() if p.suffix == ".md"} - {"SOURCES.md"}
        for question, keys in questions:
            reply = chats[folder].say(question)
            results.setdefault(folder, []).append(
                (question, is_right(reply, keys, documents), plaintext.render(reply))
            )
    return results


def test_reader_facts_are_answered_with_their_source(folders: dict[str, Chat]) -> None:
    results = run(folders)
    known = known_failures()
    failing = {(f, q) for f, rows in results.items() for q, ok, _ in rows if not ok}
    new = sorted(failing - known)
    fixed = sorted(known - failing)
    report = "\n".join(f"{f}: {sum(ok for _, ok, _ in rows)}/{len(rows)}" for f, rows in results.items())
    detail = "\n\n".join(
        f"{f} | {q}\n{text}" for f, rows in results.items() for q, ok, text in rows if (f, q) in set(new)
    )
    assert not new, f"newly failing (fix, or explain and add to {KNOWN_FAILURES.name}):\n{detail}\n{report}"
    assert not fixed, f"now answered, take them off {KNOWN_FAILURES.name}: {fixed}\n{report}"


def test_an_is_right_check_that_can_fail() -> None:
    reply = Reply(
        title="x", sections=(Section(text="Dropbox uses DBHASH"),), citations=("overview.md § Dropbox",)
    )
    assert is_right(reply, ("DBHASH",), {"overview.md"})
    assert not is_right(reply, ("QuickXorHash",), {"overview.md"})
    assert not is_right(reply, ("DBHASH",), {"why.md"})
    assert not is_right(Reply(title="x", sections=(Section(text="no"),)), ("no",), {"overview.md"})
