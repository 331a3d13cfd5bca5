"""A real Prepbot that also keeps what reached it, and a small hand-built knowledge base."""

from __future__ import annotations

import asyncio
import threading
from dataclasses import dataclass, field
from pathlib import Path

from bot.app import Prepbot, build
from bot.clock import Clock
from bot.config import Settings, load_settings
from bot.messages import Message, Reply
from knowledge.model import Aspect, Cell, KnowledgeBase, Topic


def settings_for(db_file: Path, **extra: object) -> Settings:
    values = {"database_url": f"sqlite:///{db_file}", "discord_token": "fake-token", "rate_limit_per_10s": 0}
    return load_settings({**values, **extra}, environ={})


@dataclass
class RecordingPrepbot(Prepbot):
    """The real core; `seen` lists every Message an adapter handed it, in order."""

    seen: list[Message] = field(default_factory=list, init=False)

    async def handle(self, message: Message) -> Reply | None:
        self.seen.append(message)  # at the public door: duplicates and chatter included
        return await super().handle(message)


def small_kb() -> KnowledgeBase:
    topics = {
        t.id: t
        for t in (
            Topic("tensorflow", "TensorFlow", ("tf",), "Google's framework."),
            Topic("keras", "Keras", (), "A high-level API."),
            Topic("pytorch", "PyTorch", ("torch",), "Meta's framework."),
        )
    }
    aspects = {
        a.id: a
        for a in (
            Aspect("ease_of_use", "Ease of Use"),
            Aspect("deployment", "Deployment", ("ship to prod",)),
            Aspect("community", "Community"),
            Aspect("production", "Production"),
        )
    }
    cells = {
        ("deployment", "pytorch"): Cell("TorchServe"),
        ("deployment", "keras"): Cell("Via TensorFlow"),
        ("ease_of_use", "pytorch"): Cell("Pythonic"),
        ("ease_of_use", "keras"): Cell("Easiest"),
    }
    return KnowledgeBase(topics=topics, aspects=aspects, cells=cells)


def recording_bot(
    db_file: Path, kb: KnowledgeBase | None = None, clock: Clock | None = None, **settings: object
) -> RecordingPrepbot:
    """The real wiring of `build`, with the recording subclass (and optionally another kb/clock)."""
    built = build(settings_for(db_file, **settings), clock=clock)
    return RecordingPrepbot(
        kb=kb or built.kb, stores=built.stores, settings=built.settings, clock=built.clock
    )


@dataclass
class ScriptedPrepbot(RecordingPrepbot):
    """The real core, except that the texts/actions in `script` get the reply given there.

    For adapter behaviour the bundled core does not produce yet (or only in rare cases).
    """

    script: dict[str, Reply] = field(default_factory=dict, init=False)

    async def handle(self, message: Message) -> Reply | None:
        reply = await super().handle(message)
        if reply is None:
            return None
        return self.script.get(message.action or message.text, reply)


def scripted_bot(db_file: Path, **settings: object) -> ScriptedPrepbot:
    built = build(settings_for(db_file, **settings))
    return ScriptedPrepbot(kb=built.kb, stores=built.stores, settings=built.settings, clock=built.clock)


@dataclass
class GatedPrepbot(RecordingPrepbot):
    """The real core, but each message waits for `gate` first: a slow answer, without timing."""

    gate: threading.Event = field(default_factory=threading.Event, init=False)
    entered: threading.Event = field(default_factory=threading.Event, init=False)

    async def handle(self, message: Message) -> Reply | None:
        self.entered.set()
        if not await asyncio.to_thread(self.gate.wait, 10):
            raise TimeoutError("the test never opened the gate")
        return await super().handle(message)


def gated_bot(db_file: Path) -> GatedPrepbot:
    built = build(settings_for(db_file))
    return GatedPrepbot(kb=built.kb, stores=built.stores, settings=built.settings, clock=built.clock)
