"""Text normalisation for grading: words in, comparable tokens out.

Built once per knowledge base (`Vocabulary.for_kb`): topic names and aliases become one topic token
(`@<topic id>`, typos within a small edit distance included), aspect aliases become the aspect's
label words, a few general English synonyms share one word, and stop words drop out. Weights are
inverse document frequencies over the knowledge base's own text, so generic words ("framework",
"model") count for less than telling ones ("onnx", "eager").
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz

from knowledge.model import KnowledgeBase

TOPIC_PREFIX = "@"
FRAGMENT_MARK = "_"
_WORD = re.compile(r"[a-z0-9][a-z0-9+#]*")
_ZERO_WIDTH = re.compile("[\u00ad\u200b-\u200f\u2060\ufeff]")
_TYPO_RATIO = 80.0  # rapidfuzz ratio two words need to count as the same word, typos and all
_ALIAS_TYPO_RATIO = 85.0
_MEMO_SIZE = 65_536

_STOPWORD_TEXT = """
a about above after again all also am an and any are as at be because been being both but by can could
did do does doing done each either etc even ever every for from get gets got had has have having he her
here hers him his how i i'm if in into is it its itself just like lot lots make makes many may me more
most much my no nor not now of off on once one only or other our out over own per pretty quite rather
really same she should so some such than that the their them then there these they thing things this
those through to too under until up us use used uses using very via was way we well were what when where
which while who whom why will with would yes you your yours m s t ve re ll d developed develops created
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())

# General English equivalences (never topic names: those come from the knowledge base; a subject's
# own equivalences come from the knowledge overlay's `synonyms:`, KnowledgeBase.synonyms).
_SYNONYMS: dict[str, str] = {
    "easy": "ease",
    "easier": "ease",
    "easiest": "ease",
    "simple": "ease",
    "simpler": "ease",
    "simplicity": "ease",
    "straightforward": "ease",
    "userfriendly": "ease",
    "quick": "rapid",
    "quickly": "rapid",
    "fast": "rapid",
    "faster": "rapid",
    "rapidly": "rapid",
    "big": "large",
    "huge": "large",
    "massive": "large",
    "larger": "large",
    "robust": "strong",
    "solid": "strong",
    "mature": "strong",
    "stronger": "strong",
    "increasing": "growing",
    "improving": "growing",
    "grows": "growing",
    "expanding": "growing",
    "company": "enterprise",
    "companies": "enterprise",
    "business": "enterprise",
    "corporate": "enterprise",
    "phone": "mobile",
    "phones": "mobile",
    "android": "mobile",
    "ios": "mobile",
    "academia": "research",
    "academic": "research",
    "researchers": "research",
    "novice": "beginner",
    "novices": "beginner",
    "newcomers": "beginner",
    "prod": "production",
    "integrated": "built",
    "inside": "built",
    "bundled": "built",
    "included": "built",
    "part": "built",
    "library": "framework",
    "libraries": "framework",
    "toolkit": "framework",
    "frameworks": "framework",
}
# "Meta (Facebook)": a capitalised name with another in brackets names the same thing twice.
_SAME_NAME = re.compile(r"\b([A-Z][\w.+-]*) \(([A-Z][\w.+-]*)\)")
_NAME_THEN_CAPITAL = re.compile(r"([\w.]+(?:\s[\w.]+){0,2})\s+([A-Z][\w+-]*)")
# A proper name: capitalised after a sentence's first word, or with capitals inside ("ONNX", "PostGIS").
_PROPER = re.compile(r"(?<=[\w,;:(] )[A-Z][\w+-]*|\b[\w+-]*[a-z0-9][A-Z][\w+-]*|\b[A-Z]{2,}[\w+-]*")
_PHRASES: dict[tuple[str, ...], tuple[str, ...]] = {
    ("machine", "learning"): ("ml",),
    ("deep", "learning"): ("dl",),
    ("open", "source"): ("opensource",),
    ("natural", "language", "processing"): ("nlp",),
    ("user", "friendly"): ("ease",),
}


@dataclass
class Vocabulary:
    """Everything grading needs to read text the way the knowledge base means it."""

    aliases: dict[tuple[str, ...], str] = field(default_factory=dict)  # word sequence -> topic id
    phrases: dict[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)  # topic id -> display name
    idf: dict[str, float] = field(default_factory=dict)
    default_idf: float = 1.0
    owners: dict[str, frozenset[str]] = field(default_factory=dict)  # proper name -> topics whose text has it
    equivalents: dict[str, str] = field(default_factory=dict)  # "facebook" -> "meta", from the documents
    products: set[tuple[str, ...]] = field(default_factory=set)  # "abc serving": a product, not the topic
    _short_aliases: tuple[str, ...] = ()
    _memo: dict[str, tuple[str, ...]] = field(default_factory=dict)  # text -> tokens (key points repeat)
    topic_words: dict[str, frozenset[str]] = field(default_factory=dict)  # topic -> words of its text
    synonyms: dict[str, str] = field(default_factory=lambda: dict(_SYNONYMS))  # plus the overlay's

    @classmethod
    def for_kb(cls, kb: KnowledgeBase) -> Vocabulary:
        vocab = cls(phrases=dict(_PHRASES), synonyms={**_SYNONYMS, **kb.synonyms})
        for topic in kb.topics.values():
            vocab.names[topic.id] = topic.name
            for alias in (topic.id, topic.name, *topic.aliases):
                words = tuple(_words(alias))
                if words:
                    vocab.aliases[words] = topic.id
        for aspect in kb.aspects.values():
            label = tuple(_words(aspect.label))
            for alias in aspect.aliases:
                words = tuple(_words(alias))
                if words and label and words != label and words not in vocab.phrases:
                    # Saying an aspect's alias also says the aspect; the words themselves still count.
                    vocab.phrases[words] = tuple(vocab.synonyms.get(w, w) for w in words) + label
        vocab._short_aliases = tuple(a[0] for a in vocab.aliases if len(a) == 1 and 2 <= len(a[0]) <= 6)
        vocab._find_products(kb)
        for text in _texts(kb):
            for first, second in _SAME_NAME.findall(text):
                one, other = _words(first), _words(second)
                if len(one) == 1 and len(other) == 1 and (one[0],) not in vocab.aliases:
                    vocab.equivalents[other[0]] = one[0]
        vocab._weigh(kb)
        return vocab

    def tokens(self, text: str) -> list[str]:
        """Normalised tokens: topic tokens (`@id`), synonyms folded, stop words dropped."""
        cached = self._memo.get(text)
        if cached is not None:
            return list(cached)
        found = self._tokens(text)
        if len(self._memo) >= _MEMO_SIZE:
            self._memo.clear()
        self._memo[text] = tuple(found)
        return found

    def _tokens(self, text: str) -> list[str]:
        words = self._split_compounds(_words(text))
        out: list[str] = []
        index = 0
        while index < len(words):
            step, produced = self._phrase_at(words, index)
            out.extend(produced)
            index += step
        return [t for t in out if t not in STOPWORDS]

    def weight(self, token: str) -> float:
        return self.idf.get(token, self.default_idf)

    def topics_in(self, tokens: Iterable[str]) -> set[str]:
        return {t[len(TOPIC_PREFIX) :] for t in tokens if t.startswith(TOPIC_PREFIX)}

    def _find_products(self, kb: KnowledgeBase) -> None:
        """Names the documents build on a topic's name ("Abc Serving"): a capitalised word right after."""
        for text in _texts(kb):
            for found in _NAME_THEN_CAPITAL.finditer(text):
                before, after = _words(found.group(1)), _words(found.group(2))
                if (
                    len(after) == 1
                    and (after[0],) not in self.aliases
                    and any(tuple(before[-n:]) in self.aliases for n in (1, 2, 3) if len(before) >= n)
                ):
                    for n in (1, 2, 3):
                        if len(before) >= n and tuple(before[-n:]) in self.aliases:
                            self.products.add((*before[-n:], after[0]))

    def _phrase_at(self, words: Sequence[str], index: int) -> tuple[int, tuple[str, ...]]:
        for length in (4, 3, 2, 1):
            chunk = tuple(words[index : index + length])
            if len(chunk) < length:
                continue
            if chunk in self.aliases:
                following = tuple(words[index + length : index + length + 1])
                if (*chunk, *following) in self.products:  # "abc serving": one product word
                    return length + 1, ("".join(chunk) + FRAGMENT_MARK + following[0],)
                return length, (TOPIC_PREFIX + self.aliases[chunk],)
            if chunk in self.phrases:
                return length, self.phrases[chunk]
        word = words[index]
        topic = self._fuzzy_topic(word)
        if topic:
            return 1, (TOPIC_PREFIX + topic,)
        word = self.equivalents.get(word, word)
        return 1, (self.synonyms.get(word, word),)

    def _fuzzy_topic(self, word: str) -> str | None:
        if len(word) < 6 or word in self.idf:
            return None
        for alias, topic in self.aliases.items():
            if len(alias) == 1 and len(alias[0]) >= 6 and fuzz.ratio(word, alias[0]) >= _ALIAS_TYPO_RATIO:
                return topic
        return None

    def _split_compounds(self, words: list[str]) -> list[str]:
        """ "abcserve" -> "abc_serve" when a word starts with a short topic alias "abc" (both sides alike)."""
        short = self._short_aliases
        out: list[str] = []
        for word in words:
            prefix = next(
                (
                    a
                    for a in short
                    if word.startswith(a) and len(word) - len(a) >= 4 and (word,) not in self.aliases
                ),
                None,
            )
            # The fragment is a word, not a mention: "AbcServe" names a product, not the topic.
            out.append(prefix + FRAGMENT_MARK + word[len(prefix) :] if prefix else word)
        return out

    def _weigh(self, kb: KnowledgeBase) -> None:
        documents: list[tuple[str, str]] = [(t.id, t.definition) for t in kb.topics.values()]
        documents += [(f.topic, f.text) for f in kb.facts]
        documents += [(topic, cell.text) for (_aspect, topic), cell in kb.cells.items()]
        documents += [(u.topic, u.text) for u in kb.use_cases]
        curated = [point for q in kb.questions for point in q.key_points]  # weights only: whose is unclear
        owners: dict[str, set[str]] = {}
        words: dict[str, set[str]] = {}
        frequency: dict[str, int] = {}
        for topic, text in documents:
            seen = set(self.tokens(text))
            words.setdefault(topic, set()).update(t for t in seen if not t.startswith(TOPIC_PREFIX))
            for token in seen:
                frequency[token] = frequency.get(token, 0) + 1
            for token in self.tokens(" ".join(_PROPER.findall(text))):
                owners.setdefault(token, set()).add(topic)
        for point in curated:
            for token in set(self.tokens(point)):
                frequency[token] = frequency.get(token, 0) + 1
        total = len(documents) + len(curated) + 1
        self.idf = {t: math.log(total / (n + 0.5)) + 1.0 for t, n in frequency.items()}
        self.default_idf = math.log(total / 0.5) + 1.0
        self.owners = {t: frozenset(v) for t, v in owners.items() if not t.startswith(TOPIC_PREFIX)}
        for token, topics in self.owners.items():  # a name a topic's text uses is that topic's word
            for topic in topics:
                words.setdefault(topic, set()).add(token)
        self.topic_words = {t: frozenset(v) for t, v in words.items()}

    def belongs_elsewhere(self, token: str, about: frozenset[str]) -> str | None:
        """The one other topic the knowledge base ties `token` to, if none of `about` says it."""
        owners = self.owners.get(token, frozenset())
        if len(token) < 4 or len(owners) != 1 or owners & about:
            return None
        for topic in about:
            if any(same_word(token, word) for word in self.topic_words.get(topic, ())):
                return None
        return next(iter(owners))


def _texts(kb: KnowledgeBase) -> list[str]:
    texts = [t.definition for t in kb.topics.values()] + [f.text for f in kb.facts]
    return texts + [c.text for c in kb.cells.values()] + [u.text for u in kb.use_cases]


@lru_cache(maxsize=_MEMO_SIZE)
def same_word(a: str, b: str) -> bool:
    """Equal, one a stem of the other ("deploy"/"deployment"), or a typo apart."""
    if a == b:
        return True
    if a.startswith(TOPIC_PREFIX) or b.startswith(TOPIC_PREFIX):
        return False
    shorter, longer = sorted((len(a), len(b)))
    if shorter >= 4 and _common_prefix(a, b) >= max(4, math.ceil(0.7 * shorter)):
        return True
    # A ratio of 80 needs the shorter word to be at least 2/3 as long as the longer one.
    return shorter >= 5 and 3 * shorter >= 2 * longer and fuzz.ratio(a, b) >= _TYPO_RATIO


def _common_prefix(a: str, b: str) -> int:
    count = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        count += 1
    return count


def _words(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", _ZERO_WIDTH.sub("", text)).casefold()
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return _WORD.findall(text.replace("'s ", " ").replace("’s ", " "))
