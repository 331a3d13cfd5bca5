"""Which aspect a message asks about: the knowledge base's own labels, ids and aliases, plus the
lexicon's generic phrasings for whichever concept each label resembles."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from rapidfuzz import fuzz

from bot.nlu.lexicon import ASPECT_CONCEPTS, NOT_ASPECTS, Concept
from bot.nlu.limits import (
    LABEL_RATIO,
    LABEL_WEIGHT,
    LABEL_WORD_WEIGHT,
    MAX_PHRASE_WORDS,
    MIN_CELL_WORDS,
    PHRASE_WEIGHT,
    SECONDARY_CONCEPT,
    WORD_WEIGHT,
)
from bot.nlu.normalize import phrase, stem
from bot.nlu.words import COMMON, STOPWORDS
from knowledge.model import BUILTIN_ASPECTS, Aspect, KnowledgeBase

# Words that carry no aspect meaning; question words and prepositions stay ("who made", "written in").
IGNORED = frozenset(
    str.split(
        "a an the is are was were be been being it its this that these those do does did i me "
        "my you your we our they their s t d ll m re ve please pls plz really very so just "
        "like actually about tell explain describe even ever originally exactly lol tbh ngl"
    )
)


@dataclass(frozen=True, slots=True)
class AspectHit:
    aspect: str
    score: float
    start: int  # position of the first matching word in the message


def aspect_key(words: Sequence[str]) -> tuple[str, ...]:
    return tuple(stem(w) for w in words if w not in IGNORED)


class AspectIndex:
    """Stemmed word sequences -> (aspect id, weight) for one knowledge base."""

    def __init__(self, kb: KnowledgeBase, common: frozenset[str], lexicon: frozenset[str]) -> None:
        self.aspects = _all_aspects(kb)
        self.joined: dict[str, str] = {}  # two-word labels written as one word
        self.ids = frozenset(a.id for a in self.aspects)
        self.phrases: dict[tuple[str, ...], tuple[str, float]] = {}
        self.bags: list[tuple[frozenset[str], str]] = []
        for aspect in self.aspects:
            self._add_aspect(aspect)
        for text in NOT_ASPECTS:
            self.phrases[aspect_key(phrase(text))] = ("", 0.0)
        self._add_label_words(
            _topical_words(kb), frozenset(k[0] for k, (a, _w) in self.phrases.items() if len(k) == 1 and a)
        )
        self.cell_words = _cell_words(
            kb, frozenset(stem(w) for w in common | lexicon) | {w for k in self.phrases for w in k}
        )
        self.topic_cells = _topic_cells(kb)
        self.plain = frozenset(stem(w) for w in common)  # everyday words: "High", "Low" are no echo
        self.max_words = min(MAX_PHRASE_WORDS, max((len(k) for k in self.phrases), default=1))
        self.words = (
            frozenset(w for a in self.aspects for t in _own_texts(a) for w in phrase(t))
            | frozenset(w for c in ASPECT_CONCEPTS for p in c.phrases for w in phrase(p))
            | frozenset(self.joined)
        )

    def find(self, words: Sequence[str], skip: set[int]) -> AspectHit | None:
        """The best-supported aspect among the words not in `skip` (topic names), or None."""
        positions = [i for i, w in enumerate(words) if i not in skip and w not in IGNORED]
        stems = [stem(words[i]) for i in positions]
        scores: dict[str, float] = {}
        first: dict[str, int] = {}
        i = 0
        while i < len(stems):
            for size in range(min(self.max_words, len(stems) - i), 0, -1):
                found = self.phrases.get(tuple(stems[i : i + size]))
                if found:
                    aspect, weight = found
                    if aspect:
                        scores[aspect] = scores.get(aspect, 0.0) + weight * size
                        first.setdefault(aspect, positions[i])
                    i += size
                    break
            else:
                i += 1
        present = set(stems)
        if self._bagged != len(self.bags):
            self._bags_by_word, self._bagged = _index_bags(self.bags), len(self.bags)
        candidates = sorted({i for s in present for i in self._bags_by_word.get(s, ())})
        for bag, aspect in (self.bags[i] for i in candidates):  # every word of a label, in any order
            if bag <= present and scores.get(aspect, 0.0) < LABEL_WEIGHT * len(bag):
                scores[aspect] = LABEL_WEIGHT * len(bag)
                first.setdefault(aspect, min(positions[stems.index(s)] for s in bag))
        if not scores:
            return None
        best = max(scores, key=lambda a: (scores[a], -first[a]))
        return AspectHit(best, scores[best], first[best])

    _bags_by_word: dict[str, list[int]] = {}  # noqa: RUF012 - replaced, never mutated
    _bagged = 0

    def _add_aspect(self, aspect: Aspect) -> None:
        for text in _own_texts(aspect):
            key = aspect_key(phrase(text))
            if key:
                self._put(key, aspect.id, LABEL_WEIGHT)
                content = frozenset(stem(w) for w in phrase(text) if w not in STOPWORDS)
                if len(content) > 1:
                    self.bags.append((content, aspect.id))
        for concept, factor in concepts_for(aspect):
            for text in concept.phrases:
                key = aspect_key(phrase(text))
                if key:
                    self._put(key, aspect.id, _phrase_weight(text, key) * factor)
        initials = _initials(aspect.label)
        if initials:
            self._put((initials,), aspect.id, LABEL_WEIGHT)  # "hmr" for "Hot Module Replacement"

    def _add_label_words(self, topical: frozenset[str], lexicon_stems: frozenset[str]) -> None:
        """A word of one label only ("bundle" of "Bundle Size"; "start" of "Startup Time") hints
        at that aspect on its own, unless it is what the topics are ("javascript" of
        "JavaScript Engine" when every topic is a JavaScript runtime) or already a phrase of
        some aspect."""
        owners: dict[str, set[str]] = {}
        for aspect in self.aspects:
            for word in phrase(aspect.label):
                if len(word) < 4 or word in STOPWORDS or stem(word) in topical:
                    continue
                if stem(word) not in lexicon_stems:
                    owners.setdefault(stem(word), set()).add(aspect.id)
                head = _compound_head(word)
                if head is not None:
                    owners.setdefault(stem(head), set()).add(aspect.id)
        for word, ids in owners.items():
            if len(ids) == 1 and (word,) not in self.phrases:
                self.phrases[(word,)] = (next(iter(ids)), LABEL_WORD_WEIGHT)
        self._add_label_pairs()
        for aspect in self.aspects:
            content = list(phrase(aspect.label))
            if len(content) == 2 and all(w.isalpha() for w in content):  # "Over-fetching" as "overfetching"
                self.joined[content[0] + content[1]] = aspect.id
                self.phrases.setdefault((stem(content[0] + content[1]),), (aspect.id, LABEL_WEIGHT))
            for word in phrase(aspect.label):
                apart = _written_apart(word)
                if apart is not None and apart not in self.phrases:
                    self.phrases[apart] = (aspect.id, LABEL_WORD_WEIGHT)

    def _add_label_pairs(self) -> None:
        """Two words in a row of a longer label ("raw sql" of "Raw SQL Escape Hatch")."""
        pairs: dict[tuple[str, ...], set[str]] = {}
        for aspect in self.aspects:
            content = [w for w in phrase(aspect.label) if w not in STOPWORDS]
            for a, b in pairwise(content) if len(content) > 2 else ():
                pairs.setdefault(aspect_key((a, b)), set()).add(aspect.id)
        for key, ids in pairs.items():
            if len(key) == 2 and len(ids) == 1 and key not in self.phrases:
                self.phrases[key] = (next(iter(ids)), LABEL_WORD_WEIGHT)

    def hint(self, words: Sequence[str], skip: set[int]) -> AspectHit | None:
        """The table row whose cells alone use the message's words ("virtual dom" -> Rendering),
        when no phrasing named an aspect."""
        scores: dict[str, int] = {}
        first: dict[str, int] = {}
        for i, word in enumerate(words):
            found = None if i in skip else self.cell_words.get(stem(word))
            if found is not None:
                aspect, weight = found
                scores[aspect] = scores.get(aspect, 0) + weight
                first.setdefault(aspect, i)
        best = max(scores, key=lambda a: (scores[a], -first[a]), default=None)
        if best is None or scores[best] < MIN_CELL_WORDS:
            return None
        return AspectHit(best, float(scores[best]), first[best])

    def cell_echo(self, words: Sequence[str], skip: set[int], topics: Sequence[str]) -> AspectHit | None:
        """The row whose cell for a named topic the message echoes ("does snowflake separate
        storage and compute" -> the row saying "Separate storage and compute")."""
        said = {
            stem(w): i for i, w in enumerate(words) if i not in skip and w not in STOPWORDS and w.isalnum()
        }
        scores: dict[str, int] = {}
        for topic in topics:
            for aspect, cell in self.topic_cells.get(topic, ()):
                shared = len(cell & said.keys())
                if shared > scores.get(aspect, 0):
                    scores[aspect] = shared
        for topic in topics:  # a short cell said whole ("dart"), in words of its own
            for aspect, cell in self.topic_cells.get(topic, ()):
                if cell and len(cell) <= 2 and cell <= said.keys() and not cell & self.plain:
                    scores[aspect] = max(scores.get(aspect, 0), MIN_CELL_WORDS)
        ranked = sorted(scores.values(), reverse=True)
        if not ranked or ranked[0] < MIN_CELL_WORDS or (len(ranked) > 1 and ranked[1] == ranked[0]):
            return None
        best = max(scores, key=lambda a: scores[a])
        return AspectHit(
            best,
            float(scores[best]),
            min(
                said[w]
                for t in topics
                for a, c in self.topic_cells.get(t, ())
                if a == best
                for w in c & said.keys()
            ),
        )

    def _put(self, key: tuple[str, ...], aspect: str, weight: float) -> None:
        current = self.phrases.get(key)
        if current is None or current[1] < weight:
            self.phrases[key] = (aspect, weight)


def _phrase_weight(text: str, key: tuple[str, ...]) -> float:
    """ "!" marks a decisive phrase, "?" a weak hint; longer phrases weigh more per word."""
    if text.startswith("!"):
        return LABEL_WEIGHT * 2
    if text.startswith("?"):
        return WORD_WEIGHT / 2
    return PHRASE_WEIGHT if len(key) > 1 else WORD_WEIGHT


def _cell_words(kb: KnowledgeBase, ignore: frozenset[str]) -> dict[str, tuple[str, int]]:
    """Stems of the words that appear in one table row only, with the number of topics whose
    cell in that row uses them ("npm" in three Package Management cells weighs 3)."""
    places: dict[str, set[tuple[str, str]]] = {}
    for (aspect, topic), cell in kb.cells.items():
        for word in phrase(cell.text):
            if len(word) >= 2 and word.isalnum() and not word.isdigit() and stem(word) not in ignore:
                places.setdefault(stem(word), set()).add((aspect, topic))
    out = {}
    for word, found in places.items():
        rows = {a for a, _t in found}
        if len(rows) == 1:
            out[word] = (next(iter(rows)), len(found))
    return out


def _topic_cells(kb: KnowledgeBase) -> dict[str, list[tuple[str, frozenset[str]]]]:
    """Per topic: each table row's cell as a set of content stems."""
    out: dict[str, list[tuple[str, frozenset[str]]]] = {}
    for (aspect, topic), cell in kb.cells.items():
        stems = frozenset(
            stem(w) for w in phrase(cell.text) if w not in STOPWORDS and w.isalnum() and not w.isdigit()
        )  # "HTTP/2" is said "http2" or "http 2"
        out.setdefault(topic, []).append((aspect, stems))
    return out


def _topical_words(kb: KnowledgeBase) -> frozenset[str]:
    """Stems in two or more topic definitions ("message broker", "messaging system"): what the
    topics are, not how they differ."""
    counts: dict[str, int] = {}
    for topic in kb.topics.values():
        for word in {stem(w) for w in phrase(topic.definition)}:
            counts[word] = counts.get(word, 0) + 1
    return frozenset(w for w, n in counts.items() if n >= 2)


def _compound_head(word: str) -> str | None:
    """The first half of a word made of two everyday words ("startup" -> "start")."""
    for cut in range(3, len(word) - 1):
        if word[:cut] in COMMON and word[cut:] in COMMON and len(word[:cut]) >= 4:
            return word[:cut]
    return None


def _written_apart(word: str) -> tuple[str, ...] | None:
    """A label word people also write as two ("setup" -> "set up", "rollback" -> "roll back")."""
    for cut in range(3, len(word) - 1):
        if word[:cut] in COMMON and word[cut:] in COMMON and word[:cut] not in STOPWORDS:
            return aspect_key((word[:cut], word[cut:])) or None
    return None


def _own_texts(aspect: Aspect) -> list[str]:
    return [aspect.label, aspect.id.replace("_", " "), *aspect.aliases]


def _all_aspects(kb: KnowledgeBase) -> list[Aspect]:
    aspects = dict(kb.aspects)
    for aspect_id in (*kb.table_aspects(), *BUILTIN_ASPECTS):
        aspects.setdefault(aspect_id, Aspect(aspect_id, aspect_id.replace("_", " ")))
    return list(aspects.values())


def concepts_for(aspect: Aspect) -> list[tuple[Concept, float]]:
    """The concept an aspect adopts, then (weaker) any other whose name is part of its label:
    "Build Speed" is about builds, and also about speed ("fast")."""
    primary = concept_for(aspect)
    if primary is None:
        return []
    label_words = {stem(w) for w in phrase(aspect.label)}
    others = [
        c
        for c in ASPECT_CONCEPTS
        if c is not primary
        and any((words := {stem(w) for w in phrase(n)}) and words <= label_words for n in c.names)
    ]
    return [(primary, 1.0), *((c, SECONDARY_CONCEPT) for c in others)]


def _initials(label: str) -> str | None:
    words = [w for w in phrase(label) if w not in STOPWORDS]
    return "".join(w[0] for w in words) if len(words) >= 3 and all(w.isalpha() for w in words) else None


def concept_for(aspect: Aspect) -> Concept | None:
    """The lexicon concept whose names best resemble this aspect's id or label, if any does."""
    label = " ".join(phrase(aspect.label))
    label_words = {stem(w) for w in phrase(aspect.label)}
    best: tuple[float, Concept | None] = (0.0, None)
    for concept in ASPECT_CONCEPTS:
        if concept.id == aspect.id:
            return concept
        for name in concept.names:
            score = fuzz.ratio(label, name)
            if score < LABEL_RATIO:
                name_words = {stem(w) for w in phrase(name)}
                score = 80.0 + len(name_words) if name_words and name_words <= label_words else 0.0
            if score > best[0]:
                best = (score, concept)
    return best[1]


def _index_bags(bags: Sequence[tuple[frozenset[str], str]]) -> dict[str, list[int]]:
    """Each bag under its smallest word: a message can hold a bag only if it has that word, so
    `find` checks the few bags that word opens instead of every label of the notes."""
    index: dict[str, list[int]] = {}
    for i, (bag, _aspect) in enumerate(bags):
        if bag:
            index.setdefault(min(bag), []).append(i)
    return index
