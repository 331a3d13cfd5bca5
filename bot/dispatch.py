"""One handler per intent, in an explicit table. A handler is `(Context) -> Reply`.

Handlers are plain synchronous functions: `Prepbot.handle` runs the whole unit of work (match,
handler, database writes) in a worker thread, so adapters' event loops never block on the database.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping

from bot.context import Context, Handler
from bot.intents import Intent

__all__ = ["HANDLERS", "Context", "Handler"]

# intent -> the module whose `handle` answers it
_MODULES: dict[Intent, str] = {
    Intent.EXPLAIN: "bot.answers.explain",
    Intent.COMPARE: "bot.answers.compare",
    Intent.RECOMMEND: "bot.answers.recommend",
    Intent.MOCK: "bot.practice.mock",
    Intent.GRADE: "bot.practice.grade",
    Intent.DAILY: "bot.daily.handler",
    Intent.HELP: "bot.answers.help",
    Intent.UNKNOWN: "bot.answers.unknown",
    Intent.SMALLTALK: "bot.answers.smalltalk",
    Intent.PERSONAL: "bot.progress.handler",
}


class _Handlers(Mapping[Intent, Handler]):
    """The table, importing a handler's module on its first message: a one-shot `prepbot ask`
    loads the handler it needs, not the practice, grading and daily code besides (cold start)."""

    def __getitem__(self, intent: Intent) -> Handler:
        handler: Handler = importlib.import_module(_MODULES[intent]).handle
        return handler

    def __iter__(self) -> Iterator[Intent]:
        return iter(_MODULES)

    def __len__(self) -> int:
        return len(_MODULES)


HANDLERS: Mapping[Intent, Handler] = _Handlers()
