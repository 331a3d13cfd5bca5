"""Typo repair, one word at a time: a word the matcher does not know is replaced by the closest
word it does know ("inkwlel" -> "inkwell", "lnes" -> "lens", "postgres" -> "postgresql").

Names (topics, makers) tolerate more typos than ordinary words: "startup" must not become "status".
Everyday words are never touched, and a word with no close neighbour stays as it is (the matcher
then treats it as unknown, which is how "inkwell lightning" is told apart from "inkwell")."""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from bot.nlu.limits import (
    CORRECTION_CACHE,
    MIN_FUZZY_LEN,
    PREFIX_SHARE,
    SAME_START,
    max_edits,
    max_word_edits,
)
from bot.nlu.normalize import stem
from bot.nlu.words import COMMON, STOPWORDS

_MISSING = object()
_NAME, _WORD, _COMMON = 0, 1, 2  # tie-break order between equally close candidates


class Vocabulary:
    def __init__(
        self,
        names: Iterable[str],
        words: Iterable[str],
        topic_words: Iterable[str],
        lexicon: Iterable[str],
        name_parts: Iterable[str] = (),
    ) -> None:
        """`names`: topic and maker words; `words`: every other word the knowledge base uses (table
        cells, facts); `lexicon`: the matcher's own phrase words; `topic_words`: single-word topic
        names (a prefix such as "mongo" resolves to them)."""
        lexicon = frozenset(lexicon)
        self.lexicon = lexicon
        words = frozenset(words) | lexicon
        self.name_parts = frozenset(name_parts)  # every word of every topic name and alias
        self.names = sorted({w for w in names if w.isalpha() and len(w) >= 3})
        self.words = sorted({w for w in words if w.isalpha() and len(w) >= 3} - (COMMON - lexicon))
        self.cues = sorted(w for w in lexicon if w.isalpha() and len(w) >= 7)
        self.common = sorted(w for w in COMMON if len(w) >= 3)
        self.topic_words = sorted({w for w in topic_words if w.isalpha()})
        self.known = words | COMMON | frozenset(self.names)
        self.known_stems = frozenset(stem(w) for w in self.known if len(w) >= 4)
        self._cache: dict[str, object] = {}
        # Every candidate list, exactly: a word on one is its own closest candidate (0 edits).
        self._exact = (
            frozenset(self.names) | frozenset(self.cues) | frozenset(self.words) | frozenset(self.common)
        )
        # Candidates by length: OSA distance is at least the length difference, so a word only
        # needs the candidates within `limit` letters of its length (the same ones, far fewer).
        self._by_length = {id(c): _lengths(c) for c in (self.names, self.cues, self.words, self.common)}
        self._windows: dict[tuple[int, int, int], list[str]] = {}

    def is_known(self, word: str) -> bool:
        """Known as written, or a form of a known word ("render" when the notes say "rendering")."""
        return word in self.known or not word.isalpha() or (len(word) >= 5 and stem(word) in self.known_stems)

    def singular(self, word: str) -> str | None:
        """The known singular of a plural ("startups" -> "startup"), if any."""
        for suffix in ("s", "es"):
            if word.endswith(suffix) and word[: -len(suffix)] in self.known:
                return word[: -len(suffix)]
        return None

    def correct(self, word: str) -> str | None:
        """The word this one is a typo of, or None when nothing is close enough. A near miss of an
        everyday word comes back unchanged: it is not unknown, but there is nothing to repair."""
        cached = self._cache.get(word, _MISSING)  # one lookup: other threads may clear the cache
        if cached is not _MISSING:
            return cached if isinstance(cached, str) else None
        found = self._correct(word)
        if len(self._cache) >= CORRECTION_CACHE:
            self._cache.clear()
        self._cache[word] = found
        return found

    def _correct(self, word: str) -> str | None:
        if len(word) < MIN_FUZZY_LEN or not word.isalpha():
            return None
        for name in self.topic_words:
            if name.startswith(word) and len(word) >= PREFIX_SHARE * len(name) and len(word) >= 4:
                return name
        if word in self._exact:
            return word  # its own closest candidate: nothing to repair
        ranked = sorted(
            (
                *_close(
                    word, self._near(self.names, word, max_edits(len(word))), max_edits(len(word)), _NAME
                ),
                *_close(
                    word,
                    self._near(self.cues, word, max_edits(len(word))),
                    max_edits(len(word)),
                    _WORD,
                    SAME_START,
                ),
                *_close(
                    word,
                    self._near(self.words, word, max_word_edits(len(word))),
                    max_word_edits(len(word)),
                    _WORD,
                ),
                *_close(
                    word,
                    self._near(self.common, word, max_word_edits(len(word))),
                    max_word_edits(len(word)),
                    _COMMON,
                ),
            )
        )
        if not ranked:
            plural = self._plural_of_known(word)
            return word if plural else None
        _edits, _other_first, source, _similar, found = ranked[0]
        if len(word) == 3 and len(found) != 3 and (found in self.name_parts or found in self.topic_words):
            return None  # three letters are too few to grow into a name ("vie" is not "vite")
        return word if source == _COMMON and found not in STOPWORDS else found

    def _near(self, choices: list[str], word: str, limit: int) -> list[str]:
        key = (id(choices), len(word), limit)
        window = self._windows.get(key)
        if window is None:  # a few dozen (list, length, limit) windows in all, each built once
            by_length = self._by_length[id(choices)]
            window = sorted(
                c for size in range(len(word) - limit, len(word) + limit + 1) for c in by_length.get(size, ())
            )
            self._windows[key] = window
        return window

    def _plural_of_known(self, word: str) -> bool:
        return self.singular(word) is not None or (word + "s") in self.known


def _lengths(choices: list[str]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for choice in choices:  # sorted order kept within each length
        out.setdefault(len(choice), []).append(choice)
    return out


def _close(
    word: str, choices: list[str], limit: int, source: int, same_start: int = 1
) -> list[tuple[int, bool, int, float, str]]:
    """Choices within `limit` edits, as sort keys: fewer edits, same first letter, `source`, then
    more letters in common ("compair" is "compare" rather than "company").
    A typo keeps its first `same_start` letters unless it is only one edit off; a word of four
    letters or fewer may only have two letters swapped or one letter missing or extra ("hnit",
    "lern", "skp"), never one replaced ("shop" is not "ship")."""
    if limit <= 0:
        return []
    found = process.extract(word, choices, scorer=OSA.distance, score_cutoff=limit, limit=8)
    return [
        (int(score), choice[0] != word[0], source, -fuzz.ratio(word, choice), choice)
        for choice, score, _ in found
        if (choice[:same_start] == word[:same_start] or score <= 1)
        and (len(word) > 4 or _swap_or_gap(word, choice))
    ]


def _swap_or_gap(word: str, choice: str) -> bool:
    if len(word) == len(choice):
        return sorted(word) == sorted(choice)
    short, long = sorted((word, choice), key=len)
    return len(long) - len(short) == 1 and any(long[:i] + long[i + 1 :] == short for i in range(len(long)))
