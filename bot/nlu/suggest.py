"""Did-you-mean: topic names close to what an unclear message said, and a compare command when
it asked to compare."""

from __future__ import annotations

from collections.abc import Mapping

from rapidfuzz import fuzz, process

from bot.nlu.cues import Reading, explicit_compare
from bot.nlu.limits import MAX_SUGGESTIONS, SUGGEST_RATIO
from bot.nlu.words import COMMON
from knowledge.model import KnowledgeBase

SUGGEST_MEMO = 4096


class Suggester:
    def __init__(self, kb: KnowledgeBase, terms: Mapping[str, str]) -> None:
        """`terms`: words only one topic's notes use ("nibholder" -> inkwell)."""
        self.names = {t.id: t.name for t in kb.topics.values()}
        spellings = {
            n.casefold(): t.id for t in kb.topics.values() for n in (t.name, *t.aliases) if len(n) >= 3
        }
        self._choices = list(spellings)
        self._owner = [spellings[c] for c in self._choices]
        self._terms = terms
        self._memo: dict[str, list[tuple[float, int]]] = {}

    def _close(self, word: str) -> list[tuple[float, int]]:
        """The spellings close to a word (WRatio over every name is the costly part: memoised)."""
        found = self._memo.get(word)
        if found is None:
            found = [
                (score, index)
                for _c, score, index in process.extract(
                    word, self._choices, scorer=fuzz.WRatio, score_cutoff=SUGGEST_RATIO, limit=3
                )
            ]
            if len(self._memo) >= SUGGEST_MEMO:
                self._memo.clear()
            self._memo[word] = found
        return found

    def suggest(self, reading: Reading, named: tuple[str, ...] = ()) -> tuple[str, ...]:
        """Names of the topics the message came close to, best first; "compare a b" when it
        asked to compare two of them."""
        scores: dict[str, float] = {t: 100.0 for t in named}
        for i, word in enumerate(reading.words):
            if len(word) < 4 or (word in COMMON and i not in reading.unknown):
                continue
            if word in self._terms:
                scores[self._terms[word]] = max(scores.get(self._terms[word], 0.0), 90.0)
            for score, index in self._close(word):
                topic = self._owner[index]
                scores[topic] = max(score, scores.get(topic, 0.0))
        ranked = sorted(scores, key=lambda t: (-scores[t], self.names[t]))[:MAX_SUGGESTIONS]
        shown = tuple(self.names[t] for t in ranked)
        if len(ranked) >= 2 and explicit_compare(reading.cue_words):
            return (f"compare {' '.join(n.casefold() for n in shown[:2])}", *shown)[:MAX_SUGGESTIONS]
        return shown
