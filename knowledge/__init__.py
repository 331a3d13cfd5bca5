"""Knowledge base: documents in, a validated model out (being built)."""

from __future__ import annotations

from pathlib import Path

from knowledge.model import KnowledgeBase


def load(path: Path | None = None) -> KnowledgeBase:
    return KnowledgeBase(topics={}, aspects={})
