"""Where a message names topics: exact phrases (names, ids, aliases, acronyms, distinctive name
words), spaced-out spellings ("py torch"), and descriptions ("Google's framework")."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.lexicon import DESCRIPTOR_BEFORE, REFERRING_NOUNS
from bot.match_aspects import AspectHit
from bot.match_limits import MAX_PHRASE_WORDS
from bot.match_words import COMMON, STOPWORDS
from bot.normalize import phrase
from knowledge.model import KnowledgeBase

# A topic name that is also an everyday word ("go") is read as the verb next to these words.
_VERB_BEFORE = frozenset({"i", "we", "you", "they", "s", "let", "lets", "gonna", "will", "can", "should", "must",
                          "ll", "d", "wanna", "gotta", "not", "t", "just", "could", "would", "might", "ready",
                          "to", "me", "us", "then", "please", "and"})
_VERB_AFTER = frozenset({"to", "with", "for", "ahead", "back", "away", "on", "out", "up", "home", "now", "get",
                         "through", "over", "there", "here", "into", "about", "along", "by", "off", "down",
                         "crazy", "wrong", "right", "well", "bye", "figure", "see", "check", "sleep", "live",
                         "it", "from", "somewhere", "anywhere", "after", "around", "a", "an", "the", "my"})
_COMPARED_TO = frozenset({"compare", "compared", "comparison", "switch", "switching", "move", "moving",
                          "migrate", "migrating", "similar", "prefer", "port", "porting", "rewrite", "translate",
                          "from", "relative", "contrast", "versus"})
_JOINERS = frozenset({"and", "or", "vs", "versus", "v"})
_NOUN_BEFORE = frozenset({"is", "does", "about", "of", "learn", "learning", "use", "using", "explain", "describe",
                          "compare", "in", "like", "than", "quiz", "mock", "practice", "between", "know",
                          "choose", "pick", "prefer", "was", "did", "on"})
_SET_AGAINST = frozenset({"or", "vs", "versus", "v"})


@dataclass(frozen=True, slots=True)
class _Term:
    topic: str
    table_aspects: frozenset[str]  # table rows the word appears in
    aspects: frozenset[str]  # every aspect it is filed under


@dataclass(frozen=True, slots=True)
class TopicHit:
    start: int
    end: int
    topic: str
    described: bool = False  # named by a description, not by a name
    partial: bool = False  # named by part of a multi-word name ("swarm" of "Docker Swarm")


class TopicIndex:
    """Precomputed look-ups from word sequences to topic ids for one knowledge base."""

    def __init__(self, kb: KnowledgeBase, lexicon_words: frozenset[str]) -> None:
        self.names = {t.id: t.name for t in kb.topics.values()}
        self.phrases, self.partial = _phrases(kb, lexicon_words)
        self.compact = {"".join(k): v for k, v in self.phrases.items() if len(k) > 1 or len(k[0]) > 3}
        self.max_words = min(MAX_PHRASE_WORDS, max((len(k) for k in self.phrases), default=1))
        self.descriptors = _descriptors(kb, set(self.phrases), lexicon_words)
        self.descriptions = _description_phrases(kb)
        self.makers = {w: t for w, t in self.descriptors.items() if w in _maker_words(kb, t)}
        self._lexicon = lexicon_words

        self.words = frozenset(w for k in self.phrases for w in k)
        self.terms = _terms(kb, self.words | set(self.descriptors), lexicon_words)
        self.single_names = {k[0]: v for k, v in self.phrases.items() if len(k) == 1 and len(k[0]) >= 5}

    def scan(self, words: Sequence[str], cased: Sequence[bool], clauses: Sequence[int]) -> list[TopicHit]:
        """Named topics, longest phrase first, left to right; a name never spans a comma."""
        hits: list[TopicHit] = []
        i = 0
        while i < len(words):
            hit = self._longest(words, i, clauses)
            if hit and _plausible(words, cased, hit):
                hits.append(hit)
                i = hit.end
            else:
                i += 1
        return hits

    def described(self, words: Sequence[str], taken: Iterable[int]) -> list[TopicHit]:
        """Topics referred to by a description ("the document database") or by their maker with a
        pointer word ("Google's framework", "the one by Meta")."""
        busy = set(taken)
        hits: list[TopicHit] = []
        i = 0
        while i < len(words):
            hit = None if i in busy else (self._description(words, i) or self._maker(words, i))
            if hit is not None and not busy & set(range(hit.start, hit.end)):
                hits.append(hit)
                i = hit.end
            else:
                i += 1
        return hits

    def maker_aspect(self, words: Sequence[str], named: Sequence[TopicHit]) -> AspectHit | None:
        """A named topic's maker mentioned beside it asks who made it ("did google make tf")."""
        topics = {h.topic for h in named}
        for i, word in enumerate(words):
            if self.makers.get(word) in topics:
                return AspectHit("developer", 1.0, i)
        return None

    def termed(self, words: Sequence[str], taken: Iterable[int]) -> list[TopicHit]:
        """Product words only one topic's notes use ("torchscript"), when set against another
        topic with "vs" / "or": "tf lite vs torchscript"."""
        busy = set(taken)
        hits = []
        for i, word in enumerate(words):
            if i in busy or word not in self.terms:
                continue
            before = words[i - 1] if i else ""
            after = words[i + 1] if i + 1 < len(words) else ""
            if before in _SET_AGAINST or after in _SET_AGAINST:
                hits.append(TopicHit(i, i + 1, self.terms[word].topic, described=True))
        return hits

    def term_aspect(self, words: Sequence[str], termed: Sequence[TopicHit]) -> AspectHit | None:
        """The aspect all the product words come from, when they agree ("lite", "torchscript": deployment)."""
        if not termed:
            return None
        terms = [self.terms[words[h.start]] for h in termed]
        for shared in (frozenset.intersection(*(t.table_aspects for t in terms)),
                       frozenset.intersection(*(t.aspects for t in terms))):
            if len(shared) == 1:
                return AspectHit(next(iter(shared)), 1.0, termed[0].start)
        return None

    def _description(self, words: Sequence[str], i: int) -> TopicHit | None:
        """A description phrase; one made only of everyday or aspect words ("high-level API")
        refers to a topic only after "the" ("the high-level one", "the document database")."""
        for size in range(min(MAX_PHRASE_WORDS, len(words) - i), 1, -1):
            key = tuple(words[i: i + size])
            topic = self.descriptions.get(key)
            if topic is None:
                continue
            if (i and words[i - 1] == "the") or not all(
                    w in COMMON or w in self._lexicon or w == "s" for w in key):
                return TopicHit(i, i + size, topic, described=True)
        return None

    def _maker(self, words: Sequence[str], i: int) -> TopicHit | None:
        topic = self.descriptors.get(words[i])
        if topic is None:
            return None
        after = list(words[i + 1: i + 3])
        if after[:1] == ["s"]:
            end = i + 2 + (len(after) > 1 and after[1] in REFERRING_NOUNS)
            return TopicHit(i, end, topic, described=True)
        for offset, word in enumerate(after, start=1):
            if word in REFERRING_NOUNS:
                return TopicHit(i, i + offset + 1, topic, described=True)
        if i and words[i - 1] in DESCRIPTOR_BEFORE:
            return TopicHit(i, i + 1, topic, described=True)
        return None

    def _longest(self, words: Sequence[str], i: int, clauses: Sequence[int]) -> TopicHit | None:
        for size in range(min(self.max_words, len(words) - i), 0, -1):
            if clauses[i] != clauses[i + size - 1]:
                continue
            key = tuple(words[i: i + size])
            topic = self.phrases.get(key)
            if topic is None and 1 < size <= 3 and not any((w,) in self.phrases for w in key):
                topic = self.compact.get("".join(key))
            if topic is not None:
                return TopicHit(i, i + size, topic, partial=key in self.partial)
        return None


def _phrases(kb: KnowledgeBase, lexicon_words: frozenset[str]) -> tuple[dict[tuple[str, ...], str],
                                                                         set[tuple[str, ...]]]:
    """Word sequences that name a topic: name, id, aliases first; then derived forms if
    unambiguous (returned as well: they are only part of a name)."""
    exact: dict[tuple[str, ...], str] = {}
    partial: set[tuple[str, ...]] = set()
    for topic in kb.topics.values():
        for text in (topic.name, topic.id, *topic.aliases):
            for key in _spellings(phrase(text)):
                exact.setdefault(key, topic.id)
    derived: dict[tuple[str, ...], set[str]] = {}
    for topic in kb.topics.values():
        for key in _derived(topic.name):
            if key[0] not in lexicon_words:
                derived.setdefault(key, set()).add(topic.id)
    for key, owners in derived.items():
        if len(owners) == 1 and key not in exact:
            exact[key] = next(iter(owners))
            partial.add(key)
    return exact, partial


def _spellings(key: tuple[str, ...]) -> list[tuple[str, ...]]:
    """A name as written, and with its dots dropped ("node.js", "nodejs"; "node js" joins up)."""
    if not key or not any("." in w for w in key):
        return [key] if key else []
    return [key, tuple(w.replace(".", "") for w in key)]


def _derived(name: str) -> list[tuple[str, ...]]:
    """Other spellings people use: "golang" for Go; for a multi-word name, its acronym and its
    distinctive words."""
    words = [w for w in phrase(name) if w not in STOPWORDS]
    if len(words) == 1 and words[0].isalpha():
        return [(words[0] + "lang",)]
    if len(words) < 2:
        return []
    out = [(w,) for w in words if len(w) >= 3 and w not in COMMON]
    acronym = "".join(w[0] for w in words)
    if len(acronym) >= 2 and acronym not in COMMON:
        out.append((acronym,))
    return out


def _terms(kb: KnowledgeBase, names: set[str], lexicon_words: frozenset[str]) -> dict[str, _Term]:
    """Words of the notes that belong to one topic only, with the aspects they are filed under."""
    seen: dict[str, list[tuple[str, str, bool]]] = {}
    texts = [(topic, aspect, c.text, True) for (aspect, topic), c in kb.cells.items()]
    texts += [(f.topic, f.aspect, f.text, False) for f in kb.facts]
    texts += [(u.topic, "use_cases", u.text, False) for u in kb.use_cases]
    for topic, aspect, text, in_table in texts:
        for word in phrase(text):
            if len(word) >= 4 and word.isalpha() and word not in COMMON and word not in lexicon_words \
                    and word not in names:
                seen.setdefault(word, []).append((topic, aspect, in_table))
    out: dict[str, _Term] = {}
    for word, places in seen.items():
        topics = {t for t, _a, _c in places}
        if len(topics) == 1:
            out[word] = _Term(next(iter(topics)), frozenset(a for _t, a, c in places if c),
                              frozenset(a for _t, a, _c in places))
    return out


def _description_phrases(kb: KnowledgeBase) -> dict[tuple[str, ...], str]:
    """Each topic's description phrases ("the document database"), without a leading article, and
    with or without a possessive ("Google's framework" / "Google framework")."""
    owners: dict[tuple[str, ...], set[str]] = {}
    for topic in kb.topics.values():
        for text in topic.description:
            key = phrase(text)
            while key and key[0] in {"the", "a", "an"}:
                key = key[1:]
            for variant in {key, tuple(w for w in key if w != "s")}:
                if len(variant) >= 2:
                    owners.setdefault(variant, set()).add(topic.id)
    return {k: next(iter(v)) for k, v in owners.items() if len(v) == 1}


def _descriptors(kb: KnowledgeBase, names: set[tuple[str, ...]], lexicon_words: frozenset[str]) -> dict[str, str]:
    """Words that single out one topic in what describes it: its makers, its description phrases."""
    named = {w for key in names for w in key}
    owners: dict[str, set[str]] = {}
    for topic in kb.topics.values():
        for word in _describing_words(kb, topic.id):
            if len(word) >= 3 and word not in COMMON and word not in named and word not in lexicon_words:
                owners.setdefault(word, set()).add(topic.id)
    return {w: next(iter(t)) for w, t in owners.items() if len(t) == 1}


def _maker_words(kb: KnowledgeBase, topic_id: str) -> set[str]:
    texts = [f.text for f in kb.facts_for(topic_id, "developer")]
    cell = kb.cell("developer", topic_id)
    return {w for text in [*texts, *([cell] if cell else [])] for w in phrase(text)}


def _describing_words(kb: KnowledgeBase, topic_id: str) -> set[str]:
    topic = kb.topics[topic_id]
    texts = [*topic.description, *(f.text for f in kb.facts_for(topic_id, "developer"))]
    cell = kb.cell("developer", topic_id)
    if cell:
        texts.append(cell)
    words = {w for text in texts for w in phrase(text)}
    words |= {w.casefold() for w in _capitalised(topic.definition)}
    return words


def _capitalised(text: str) -> list[str]:
    """Proper nouns in a definition: capitalised words that are not the first of a sentence."""
    out: list[str] = []
    previous = "."
    for raw in text.replace("“", " ").replace("”", " ").split():
        word = raw.strip(".,;:!?()\"'`*")
        if word[:1].isupper() and not previous.endswith((".", "!", "?")) and word.isalpha():
            out.append(word)
        previous = raw
    return out


def _plausible(words: Sequence[str], cased: Sequence[bool], hit: TopicHit) -> bool:
    """An everyday word that is also a topic name ("go") must not read as that word where it stands."""
    if hit.end - hit.start > 1 or words[hit.start] not in COMMON:
        return True
    i = hit.start
    if len(words) == 1 or (cased[i] and i > 0):
        return True
    before = words[i - 1] if i else ""
    after = words[i + 1] if i + 1 < len(words) else ""
    if before == "to":
        return i >= 2 and words[i - 2] in _COMPARED_TO
    if before in _JOINERS or after in _JOINERS or before in _NOUN_BEFORE:
        return True
    return before not in _VERB_BEFORE and after not in _VERB_AFTER


def most_named(hits: Sequence[TopicHit]) -> list[str]:
    """Topic ids in the order first named, each once."""
    return list(Counter(h.topic for h in hits))
