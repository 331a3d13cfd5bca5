"""The one door: chatter (`Message.addressed` False) is the core's to decide, `answer_now` is the
loop-free way in, and a knowledge reload swaps one snapshot, so a request never mixes two."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

import bot.app
from bot.app import Prepbot, build
from bot.config import load_settings
from bot.context import Context, Handler
from bot.intents import Intent
from bot.messages import ChannelRef, Message, Reply, UserRef
from tests.conftest import REPO, FakeClock

DATABASES = REPO / "tests" / "fixtures" / "kb_databases"


def said(text: str, *, mid: str, addressed: bool = True, user: str = "ana") -> Message:
    return Message(
        platform="slack",
        id=mid,
        user=UserRef("slack", user, user),
        channel=ChannelRef("slack", "C1", team="T1"),
        text=text,
        thread="100.1",
        addressed=addressed,
    )


class Worked:
    def __init__(self) -> None:
        self.messages: list[Message] = []

    def on_message(self, message: Message) -> None:
        self.messages.append(message)

    def on_reply(self, reply: Reply) -> None:
        return None

    def on_error(self) -> None:
        raise AssertionError("the core failed")


def test_chatter_with_no_conversation_waiting_is_not_answered_nor_recorded(prepbot: Prepbot) -> None:
    worked = Worked()
    prepbot.observers.append(worked)
    assert prepbot.answer_now(said("compare pytorch and keras", mid="1", addressed=False)) is None
    assert worked.messages == []
    # nothing was recorded: the same message, addressed, is answered (not dropped as a duplicate)
    reply = prepbot.answer_now(said("compare pytorch and keras", mid="1"))
    assert reply is not None and reply.intent is Intent.COMPARE


def test_chatter_in_a_practice_session_is_the_owners_answer(prepbot: Prepbot) -> None:
    question = prepbot.answer_now(said("mock keras", mid="1"))
    assert question is not None and question.intent is Intent.MOCK
    other = prepbot.answer_now(said("is it a spreadsheet thing?", mid="2", addressed=False, user="ben"))
    assert other is None, "someone else's chatter in the thread is not theirs to answer"
    graded = prepbot.answer_now(
        said("Keras is a high-level API on top of a backend", mid="3", addressed=False)
    )
    assert graded is not None and graded.intent is Intent.GRADE and graded.score is not None


@pytest.fixture
def reloading(tmp_path: Path) -> Iterator[Prepbot]:
    folder = tmp_path / "kb"
    shutil.copytree(DATABASES, folder)
    settings = load_settings(
        {"database_url": f"sqlite:///{tmp_path}/a.db", "knowledge": folder, "rate_limit_per_10s": 0},
        environ={},
    )
    prepbot = build(settings, clock=FakeClock())
    yield prepbot
    prepbot.stores.db.dispose()


class Probe(Mapping[Intent, Handler]):
    """Every intent answered by one handler that notes which knowledge each part of the request
    used, optionally letting a reload happen half-way through."""

    def __init__(self, prepbot: Prepbot, pause: tuple[threading.Event, threading.Event] | None = None):
        self.prepbot, self.pause, self.pairs = prepbot, pause, list[tuple[bool, bool, bool]]()

    def __getitem__(self, intent: Intent) -> Handler:
        def handle(ctx: Context) -> Reply:
            if self.pause is not None:
                inside, reloaded = self.pause
                inside.set()
                assert reloaded.wait(10)
            self.pairs.append(
                (
                    ctx.matcher.kb is ctx.kb,
                    self.prepbot.matcher.kb is ctx.kb,
                    self.prepbot.snapshot.kb is ctx.kb,
                )
            )
            return Reply(title="ok")

        return handle

    def __iter__(self) -> Iterator[Intent]:
        return iter(Intent)

    def __len__(self) -> int:
        return len(Intent)


def test_a_reload_during_a_request_does_not_change_its_knowledge(
    reloading: Prepbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    inside, reloaded = threading.Event(), threading.Event()
    probe = Probe(reloading, (inside, reloaded))
    monkeypatch.setattr(bot.app, "HANDLERS", probe)
    old_kb = reloading.kb
    worker = threading.Thread(target=reloading.answer_now, args=(said("explain postgres", mid="1"),))
    worker.start()
    assert inside.wait(10)
    assert reloading.reload_knowledge() == ()
    reloaded.set()
    worker.join(10)
    assert reloading.kb is not old_kb and reloading.matcher.kb is reloading.kb
    assert probe.pairs == [(True, True, True)]


def test_requests_racing_reloads_each_see_one_snapshot(
    reloading: Prepbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    probe = Probe(reloading)
    monkeypatch.setattr(bot.app, "HANDLERS", probe)
    stop = threading.Event()

    def reload_often() -> None:
        while not stop.is_set():
            assert reloading.reload_knowledge() == ()

    reloader = threading.Thread(target=reload_often)
    reloader.start()
    try:
        for n in range(40):
            reloading.answer_now(said("explain postgres", mid=str(n)))
    finally:
        stop.set()
        reloader.join(30)
    assert len(probe.pairs) == 40 and all(all(pair) for pair in probe.pairs)
