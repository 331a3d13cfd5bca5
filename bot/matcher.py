"""Matcher (being built)."""

from __future__ import annotations

from bot.intents import Intent, Match
from knowledge.model import KnowledgeBase


class Matcher:
    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb

    def match(self, text: str) -> Match:
        return Match(intent=Intent.UNKNOWN)
