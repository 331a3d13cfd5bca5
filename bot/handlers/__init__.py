"""One handler per intent, in an explicit table. A handler is `(Context) -> Reply`.

Handlers are plain synchronous functions: `Prepbot.handle` runs the whole unit of work (match,
handler, database writes) in a worker thread, so adapters' event loops never block on the database.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping
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
    # The question bank (knowledge plus imported questions), made when a handler first reads `bank`:
    # only practice and daily handlers do, and making it reads the database.
    questions: Callable[[], QuestionBank]
    # Admin operations on the running bot: () -> problems ("file:line: problem"); empty = reloaded.
    reload_knowledge: Callable[[], tuple[str, ...]] = field(default=lambda: ("reload is not available here",))

    @property
    def bank(self) -> QuestionBank:
        return self.questions()


Handler = Callable[[Context], Reply]

# intent -> the module (in this package) whose `handle` answers it
_MODULES: dict[Intent, str] = {
    Intent.EXPLAIN: "explain",
    Intent.COMPARE: "compare",
    Intent.RECOMMEND: "recommend",
    Intent.MOCK: "mock",
    Intent.GRADE: "grade",
    Intent.DAILY: "daily",
    Intent.HELP: "help",
    Intent.UNKNOWN: "unknown",
}


class _Handlers(Mapping[Intent, Handler]):
    """The table, importing a handler's module on its first message: a one-shot `prepbot ask`
    loads the handler it needs, not the practice, grading and daily code besides (cold start)."""

    def __getitem__(self, intent: Intent) -> Handler:
        handler: Handler = importlib.import_module(f"{__name__}.{_MODULES[intent]}").handle
        return handler

    def __iter__(self) -> Iterator[Intent]:
        return iter(_MODULES)

    def __len__(self) -> int:
        return len(_MODULES)


HANDLERS: Mapping[Intent, Handler] = _Handlers()
