"""Practice fixtures: the hand-built knowledge bases and a real Prepbot over SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.app import Prepbot
from bot.config import load_settings
from bot.practice.bank import QuestionBank
from bot.storage import Stores
from knowledge.model import KnowledgeBase
from tests.bot.practice.kbs import SEED_CURATED, seed_kb
from tests.conftest import FakeClock


@pytest.fixture
def kb() -> KnowledgeBase:
    return seed_kb(SEED_CURATED)


@pytest.fixture
def bank(kb: KnowledgeBase) -> QuestionBank:
    return QuestionBank.build(kb)


def make_bot(url: str, kb: KnowledgeBase, clock: FakeClock, **settings: object) -> Prepbot:
    values = {"database_url": url, "rate_limit_per_10s": 0, **settings}
    loaded = load_settings(values, environ={})
    return Prepbot(kb=kb, stores=Stores.open(loaded.database_url), settings=loaded, clock=clock)


@pytest.fixture
def practice_bot(db_url: str, kb: KnowledgeBase, clock: FakeClock) -> Iterator[Prepbot]:
    bot = make_bot(db_url, kb, clock, review_daily_cap=3)  # SQLite and PostgreSQL legs
    yield bot
    bot.stores.db.dispose()
