"""One handler per intent, in an explicit table. A handler is `(Context) -> Reply`.

Handlers are plain synchronous functions: `Prepbot.handle` runs the whole unit of work (match,
handler, database writes) in a worker thread, so adapters' event loops never block on the database.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bot.intents import Intent, Match
from bot.messages import Message, Reply

if TYPE_CHECKING:
    from bot.clock import Clock
    from bot.config import Settings
    from bot.matcher import Matcher
    from bot.questionbank import QuestionBank
    from bot.storage import Stores
    from knowledge.model import KnowledgeBase


@dataclass(frozen=True, slots=True)
class Context:
    message: Message
    match: Match
    kb: KnowledgeBase
    stores: Stores
    clock: Clock
    settings: Settings
    matcher: Matcher
    bank: QuestionBank
    # Admin operations on the running bot: () -> problems ("file:line: problem"); empty = reloaded.
    reload_knowledge: Callable[[], tuple[str, ...]] = field(default=lambda: ("reload is not available here",))


Handler = Callable[[Context], Reply]


def _table() -> Mapping[Intent, Handler]:
    from bot.handlers import compare, daily, explain, grade, help, mock, recommend, unknown

    return {
        Intent.EXPLAIN: explain.handle,
        Intent.COMPARE: compare.handle,
        Intent.RECOMMEND: recommend.handle,
        Intent.MOCK: mock.handle,
        Intent.GRADE: grade.handle,
        Intent.DAILY: daily.handle,
        Intent.HELP: help.handle,
        Intent.UNKNOWN: unknown.handle,
    }


HANDLERS: Mapping[Intent, Handler] = _table()
