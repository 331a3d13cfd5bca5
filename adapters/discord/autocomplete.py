"""Autocomplete choices for topic and aspect options, ranked by what the user typed so far. Pure."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, utils

from knowledge.model import KnowledgeBase

MAX_CHOICES = 25  # Discord's cap on autocomplete results
NAME_LIMIT = 100  # choice name and value length cap


@dataclass(frozen=True, slots=True)
class Candidate:
    value: str  # what the command receives (an id)
    name: str  # what the user sees
    aliases: tuple[str, ...] = ()


def topics(kb: KnowledgeBase) -> list[Candidate]:
    return [Candidate(t.id, t.name, t.aliases) for t in kb.topics.values()]


def aspects(kb: KnowledgeBase) -> list[Candidate]:
    return [Candidate(a.id, a.label, a.aliases) for a in kb.aspects.values()]


def rank(typed: str, candidates: Iterable[Candidate]) -> list[tuple[str, str]]:
    """(name, value) pairs, best first, at most 25. Empty input: all, in knowledge-base order.

    A name or alias starting with the typed text ranks above a fuzzy match; ties keep KB order.
    """
    pool = list(candidates)
    query = utils.default_process(typed)
    if query:
        scored = [(-_score(query, c), index, c) for index, c in enumerate(pool)]
        pool = [c for _, _, c in sorted(scored, key=lambda item: (item[0], item[1]))]
    return [(c.name[:NAME_LIMIT], c.value[:NAME_LIMIT]) for c in pool[:MAX_CHOICES]]


def _score(query: str, candidate: Candidate) -> float:
    best = 0.0
    for label in (candidate.name, candidate.value, *candidate.aliases):
        text = utils.default_process(label)
        if not text:
            continue
        score = 200.0 - len(text) / 100 if text.startswith(query) else fuzz.WRatio(query, text)
        best = max(best, score)
    return best
