"""Typo repair, one word at a time: a word the matcher does not know is replaced by the closest
word it does know ("pytroch" -> "pytorch", "kears" -> "keras", "postgres" -> "postgresql").

Everyday words are never touched, and a word with no close neighbour stays as it is (the matcher
then treats it as unknown, which is how "pytorch lightning" is told apart from "pytorch")."""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.match_limits import CORRECTION_CACHE, MIN_FUZZY_LEN, max_edits
from bot.match_words import COMMON

_PREFIX_SHARE = 0.6  # a known name starting with the word and this much longer at most


class Vocabulary:
    def __init__(self, targets: Iterable[str], topic_words: Iterable[str], known: Iterable[str]) -> None:
        """`targets`: words a typo may be corrected to (names, aspect and command words);
        `topic_words`: single-word topic names (prefix forms like "mongo" resolve to them);
        `known`: real words that are left alone (everything the knowledge base says)."""
        self.targets = sorted({w for w in targets if w.isalpha() and len(w) >= 3})
        self.common = sorted(w for w in COMMON if len(w) >= 3)
        self.topic_words = sorted({w for w in topic_words if len(w) >= 5})
        self.known = frozenset(known) | COMMON | frozenset(self.targets)
        self._cache: dict[str, str | None] = {}

    def is_known(self, word: str) -> bool:
        return word in self.known or not word.isalpha()

    def correct(self, word: str) -> str | None:
        """The known word this one is a typo of, or None when nothing is close enough."""
        if word in self._cache:
            return self._cache[word]
        found = self._correct(word)
        if len(self._cache) >= CORRECTION_CACHE:
            self._cache.clear()
        self._cache[word] = found
        return found

    def _correct(self, word: str) -> str | None:
        if len(word) < MIN_FUZZY_LEN or not word.isalpha():
            return None
        for name in self.topic_words:
            if name.startswith(word) and len(word) >= _PREFIX_SHARE * len(name) and len(word) >= 5:
                return name
        limit = max_edits(len(word))
        ranked = sorted((*_close(word, self.targets, limit, 0), *_close(word, self.common, limit, 1)))
        return ranked[0][-1] if ranked else None


def _close(word: str, choices: list[str], limit: int, rank: int) -> list[tuple[int, bool, int, str]]:
    """Choices within `limit` edits, as sort keys: fewer edits, same first letter, then `rank`.
    A typo keeps its first letter unless it is only one edit off."""
    found = process.extract(word, choices, scorer=OSA.distance, score_cutoff=limit, limit=8)
    return [(int(score), choice[0] != word[0], rank, choice) for choice, score, _ in found
            if choice[0] == word[0] or score <= 1]
