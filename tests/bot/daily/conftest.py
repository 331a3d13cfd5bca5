"""Fixtures for the daily-post tests: a small hand-built knowledge base, a real Prepbot over a real
SQLite file (or the session's PostgreSQL), a fake clock and a recording poster."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime

import pytest

from bot.app import Prepbot
from bot.config import load_settings
from bot.context import Context
from bot.intents import Command, Intent, Match
from bot.messages import ChannelRef, Message, Reply, UserRef
from bot.storage import Stores
from knowledge.model import Aspect, KnowledgeBase, Question, Topic
from tests import fakes


class FakeClock(fakes.FakeClock):
    """The shared fake clock, starting at 08:00 UTC: an hour before the usual 09:00 post."""

    def __init__(self, start: datetime | None = None) -> None:
        super().__init__(start or datetime(2026, 1, 5, 8, 0, tzinfo=UTC))


@dataclass
class RecordingPoster:
    """A Poster that keeps what it was asked to post; `fail` makes the next N posts raise."""

    platform: str = "slack"
    posts: list[tuple[str, Reply, str]] = field(default_factory=list)
    fail: int = 0

    async def post(self, channel: ChannelRef, reply: Reply, *, idempotency_key: str) -> str:
        if self.fail > 0:
            self.fail -= 1
            raise RuntimeError("platform said no")
        self.posts.append((channel.id, reply, idempotency_key))
        return f"m{len(self.posts)}"

    def questions(self) -> list[tuple[str, Reply, str]]:
        return [p for p in self.posts if p[2].endswith(":question")]


def make_questions() -> tuple[Question, ...]:
    def q(n: int, topic: str, aspect: str, difficulty: str = "easy") -> Question:
        return Question(
            id=f"curated:{topic}:{n}",
            text=f"Question {n}: explain how {topic.title()} handles {aspect}?",
            topics=(topic,),
            aspect=aspect,
            difficulty=difficulty,
            key_points=(f"{topic} {aspect} uses graphs", f"{topic} scales to clusters"),
            model_answer=f"{topic.title()} handles {aspect} with graphs and scales to clusters.",
        )

    return (
        q(1, "alpha", "production"),
        q(2, "alpha", "community"),
        q(3, "beta", "production", "hard"),
        q(4, "beta", "community"),
        q(5, "alpha", "deployment", "hard"),
        q(6, "beta", "deployment"),
    )


def make_kb() -> KnowledgeBase:
    topics = {
        "alpha": Topic("alpha", "Alpha", aliases=("al",), definition="Alpha is a graph framework."),
        "beta": Topic("beta", "Beta", aliases=("bt",), definition="Beta is an eager framework."),
    }
    aspects = {a: Aspect(a, a.title()) for a in ("production", "community", "deployment")}
    return KnowledgeBase(topics=topics, aspects=aspects, questions=make_questions())


@pytest.fixture
def kb() -> KnowledgeBase:
    return make_kb()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def open_bot(url: str, clock: FakeClock, admins: list[str] | None = None) -> Prepbot:
    settings = load_settings(
        {"database_url": url, "rate_limit_per_10s": 0, "admins": admins or ["boss"]}, environ={}
    )
    return Prepbot(kb=make_kb(), stores=Stores.open(url), settings=settings, clock=clock)


@pytest.fixture
def bot(db_url: str, clock: FakeClock) -> Iterator[Prepbot]:
    prepbot = open_bot(db_url, clock)
    yield prepbot
    prepbot.stores.db.dispose()


@pytest.fixture
def channel_id() -> str:
    return "C" + uuid.uuid4().hex[:8].upper()


def message(
    channel_id: str,
    text: str = "",
    *,
    user: str = "ana",
    admin: bool = False,
    thread: str | None = None,
    direct: bool = False,
    platform: str = "slack",
) -> Message:
    return Message(
        platform,
        uuid.uuid4().hex,
        UserRef(platform, user, user.title(), is_admin=admin),
        ChannelRef(platform, channel_id, is_direct=direct, team="T1"),
        text,
        thread=thread,
    )


def run_handler(bot: Prepbot, msg: Message, command: Command | None = None, args: str = "") -> Reply:
    """The daily handler on a Match as the matcher hands it over (matcher-independent)."""
    from bot.daily import handler as daily

    match = Match(intent=Intent.DAILY, command=command, args=args, confidence=100, explicit=True)
    return daily.handle(
        Context(
            message=msg,
            match=match,
            kb=bot.kb,
            stores=bot.stores,
            clock=bot.clock,
            settings=bot.settings,
            matcher=None,
            questions=lambda: bot.bank,
        )
    )  # type: ignore[arg-type]
