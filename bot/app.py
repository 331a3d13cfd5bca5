"""Composition root and the one door into the core: `Prepbot.handle(Message) -> Reply | None`."""

from __future__ import annotations

import functools
import logging
import threading
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Protocol

from bot import conversation
from bot.clock import Clock, SystemClock
from bot.dispatch import HANDLERS, Context
from bot.errors import StorageError, UserError
from bot.intents import Intent, Match
from bot.messages import Message, Reply, Section
from bot.ratelimit import RateLimiter, Verdict

if TYPE_CHECKING:
    from bot.config import Settings
    from bot.nlu.matcher import Matcher
    from bot.practice.bank import QuestionBank
    from bot.storage import Stores
    from bot.storage.imported import LiveBank
    from knowledge.model import KnowledgeBase

log = logging.getLogger("prepbot")

APOLOGY = "Sorry, something went wrong on my side while answering that. Please try again in a moment."
SLOW_DOWN = "You're sending messages faster than I can answer well. Give me a few seconds, then go on."


class Observer(Protocol):
    """Told about each message the core handles (the runner's metrics listen here)."""

    def on_message(self, message: Message) -> None: ...
    def on_reply(self, reply: Reply) -> None: ...
    def on_error(self) -> None: ...


class Snapshot:
    """One knowledge base with the matcher and question bank made from it, swapped as one piece on
    reload: a request reads one snapshot from start to end, so it never pairs a new knowledge base
    with an old matcher. The matcher and bank are built on first use (a one-shot `prepbot ask`
    never builds the bank), once: a lock keeps two threads from building them twice."""

    def __init__(self, kb: KnowledgeBase, stores: Stores) -> None:
        self.kb = kb
        self._stores = stores
        self._lock = threading.Lock()
        self._matcher: Matcher | None = None
        self._live_bank: LiveBank | None = None

    @property
    def matcher(self) -> Matcher:
        if self._matcher is None:
            with self._lock:
                if self._matcher is None:
                    from bot.nlu.matcher import Matcher

                    self._matcher = Matcher(self.kb)
        return self._matcher

    @property
    def live_bank(self) -> LiveBank:
        if self._live_bank is None:
            with self._lock:
                if self._live_bank is None:
                    from bot.practice.bank import QuestionBank
                    from bot.storage.imported import ImportedStore, LiveBank

                    self._live_bank = LiveBank(QuestionBank.build(self.kb), ImportedStore(self._stores.db))
        return self._live_bank


@dataclass
class Prepbot:
    kb: KnowledgeBase  # the knowledge served now; a request reads it through its snapshot
    stores: Stores
    settings: Settings
    clock: Clock
    limiter: RateLimiter = field(init=False)
    observers: list[Observer] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.limiter = RateLimiter(self.settings.rate_limit_per_10s)
        self._snapshot = Snapshot(self.kb, self.stores)
        self._request = threading.local()  # the snapshot a request in this thread started with

    @property
    def snapshot(self) -> Snapshot:
        """The snapshot of the request running in this thread, else the current one."""
        pinned: Snapshot | None = getattr(self._request, "snapshot", None)
        return pinned if pinned is not None else self._snapshot

    @property
    def matcher(self) -> Matcher:
        return self.snapshot.matcher

    @property
    def live_bank(self) -> LiveBank:
        return self.snapshot.live_bank

    @property
    def bank(self) -> QuestionBank:
        """Built from the knowledge, plus imported questions (one version query per read)."""
        return self.live_bank.current()

    async def handle(self, message: Message) -> Reply | None:
        """Answer one message. None means "already handled" (a redelivery): send nothing.

        Never raises: any failure becomes a short apology, and the trace goes to the log.
        """
        import asyncio  # here: a one-shot command calls answer_now and never loads it

        try:
            return await asyncio.to_thread(self._handle_sync, message)
        except StorageError:  # a chat still gets a reply; a one-shot command shows the cause instead
            log.exception("the database could not record the message", extra={"message_id": message.id})
            self._tell("on_error")
            return Reply(title="Sorry!", sections=(Section(text=APOLOGY),), ephemeral=True)

    def answer_now(self, message: Message) -> Reply | None:
        """The unit of work `handle` runs, in the calling thread and without an event loop: for a
        one-shot command (`prepbot ask`), which has no loop to keep free and starts faster without
        asyncio. Raises `StorageError` when the database cannot record the message (locked,
        unreachable): nothing has been answered then, so the caller decides how to say so."""
        return self._handle_sync(message)

    def _handle_sync(self, message: Message) -> Reply | None:
        self._request.snapshot = self._snapshot  # one snapshot for the whole request
        try:
            return self._work(message)
        finally:
            self._request.snapshot = None

    def _work(self, message: Message) -> Reply | None:
        if not message.addressed and not self._conversation_waits(message):
            return None  # chatter: read-only check, nothing recorded
        try:
            first = self.stores.dedupe.first_seen(message.dedupe_key, self.clock.now())
        except Exception as exc:
            raise StorageError("the database could not record the message") from exc
        try:
            if not first:
                log.info("duplicate message dropped", extra={"message_id": message.id})
                return None
            self._tell("on_message", message)
            verdict = self.limiter.check(message.user.key, self.clock.now())
            if verdict is not Verdict.ALLOW:
                log.info("rate limited", extra={"user": message.user.key})
                return (
                    self._replied(
                        Reply(title="Slow down a little", sections=(Section(text=SLOW_DOWN),), ephemeral=True)
                    )
                    if verdict is Verdict.WARN
                    else None
                )
            match = self.route(message)
            reply = HANDLERS[match.intent](self._context(message, match))
            reply = conversation.after(self, message, match, reply)  # the context kept (bot/conversation.py)
            if not message.addressed and reply.intent is Intent.UNKNOWN and match.intent is Intent.UNKNOWN:
                return None  # chatter in a conversation that is not understood: stay quiet
            return self._replied(_annotate(reply, match))
        except UserError as exc:
            return self._replied(Reply(title="Hmm.", sections=(Section(text=str(exc)),), ephemeral=True))
        except Exception:
            log.exception("handler failed", extra={"message_id": message.id, "platform": message.platform})
            self._tell("on_error")
            return Reply(title="Sorry!", sections=(Section(text=APOLOGY),), ephemeral=True)

    def _replied(self, reply: Reply) -> Reply:
        self._tell("on_reply", reply)
        return reply

    def _tell(self, event: str, *args: Reply | Message) -> None:
        for observer in self.observers:
            try:
                getattr(observer, event)(*args)
            except Exception:  # an observer never breaks a reply
                log.exception("observer %s failed", event)

    def _conversation_waits(self, message: Message) -> bool:
        """Is a conversation waiting for this person here (a daily-question thread they can answer,
        or their practice session)? Decides chatter (`Message.addressed` False). Reads only."""
        from bot.daily.threads import thread_match
        from bot.practice import sessions

        try:
            if thread_match(self.stores, message) is not None:
                return True
            return sessions.find(self.stores.practice, message) is not None
        except Exception:  # as before the door decided this: a read that fails hears nothing
            log.exception("could not check for a waiting conversation", extra={"message_id": message.id})
            return False

    def route(self, message: Message) -> Match:
        """Button action, or the matcher's reading adjusted for an ongoing practice session."""
        from bot import routing

        return routing.route(self, message)

    def reload_knowledge(self) -> tuple[str, ...]:
        """Load the knowledge folder again. On any problem keep serving the current knowledge and
        return the problems; on success swap it in (with a fresh matcher and question bank)."""
        import knowledge

        fresh, problems = knowledge.reload(self.settings.knowledge, self._snapshot.kb)
        if not problems:
            snapshot = Snapshot(fresh, self.stores)
            snapshot.matcher  # built before the swap, so no request waits for it  # noqa: B018
            self._snapshot = snapshot  # one assignment: requests from now on see all of it
            self.kb = fresh
        return tuple(problems)

    def _context(self, message: Message, match: Match) -> Context:
        return Context(
            reload_knowledge=self.reload_knowledge,
            message=message,
            match=match,
            kb=self.snapshot.kb,
            stores=self.stores,
            clock=self.clock,
            settings=self.settings,
            matcher=self.matcher,
            questions=functools.cache(lambda: self.bank),  # one bank per message, if any handler reads it
        )


def _annotate(reply: Reply, match: Match) -> Reply:
    """Fill the understood intent/topics/aspect where the handler left them empty."""
    return replace(
        reply,
        intent=reply.intent if reply.intent is not Intent.UNKNOWN else match.intent,
        topics=reply.topics or match.topics,
        aspect=reply.aspect if reply.aspect is not None else match.aspect,
        confidence=reply.confidence or match.confidence,
        suggestions=reply.suggestions or match.suggestions,
    )


def build(settings: Settings, clock: Clock | None = None) -> Prepbot:
    """Wire knowledge, storage and clock from settings. Each call builds a fresh object graph."""
    import knowledge
    from bot.storage import Stores

    kb = knowledge.load(settings.knowledge)
    for problem in kb.problems:  # shown by `kb check` and once by the runner, not on every `ask`
        log.debug("knowledge problem (skipped): %s", problem)
    stores = Stores.open(settings.database_url)
    return Prepbot(kb=kb, stores=stores, settings=settings, clock=clock or SystemClock())
