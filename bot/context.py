"""What a handler gets: the message, how it was read, and the bot's parts. A handler is
`(Context) -> Reply`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bot.intents import Match
from bot.messages import Message, Reply

if TYPE_CHECKING:
    from bot.clock import Clock
    from bot.config import Settings
    from bot.nlu.matcher import Matcher
    from bot.practice.bank import QuestionBank
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
