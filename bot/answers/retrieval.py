"""Passage retrieval: the best things the notes say for a question, with where they said it.

Lexical: Okapi BM25 over snowball-stemmed words, an inverted index built once per knowledge
snapshot (the matcher owns one), so a query only touches the postings of its own words. Scoped by
topic and aspect. Words the notes never use are repaired against the notes' own vocabulary
("licence" finds "license"). Nothing here names a subject.

The passages are the knowledge base's own (`KnowledgeBase.passages`); what the structure holds
(definitions, facts, cells, use cases, model answers) is added as passages too, so an answer can
cite it even where ingestion kept no passage for it.
"""

from __future__ import annotations

import hashlib
import itertools
import logging
import math
import re
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import msgspec
import snowballstemmer
from rapidfuzz import fuzz, process

from bot.answers.wording import aspect_label
from bot.nlu.normalize import words
from bot.nlu.words import COMMON
from bot.practice.grading.vocabulary import STOPWORDS
from knowledge import cache as kb_cache
from knowledge.model import KnowledgeBase, Passage, Source

log = logging.getLogger(__name__)

K1 = 1.2
B = 0.75
REPAIR_RATIO = 85.0  # rapidfuzz ratio at which an unknown query word is the notes' word misspelt
REPAIR_MIN = 5
REPAIR_MEMO = 4096  # shorter words are not repaired: too many near neighbours
QUOTE_CHARS = 320  # a quoted passage is cut to about this many characters, at a sentence end
MAX_TERM_WORDS = 3
LISTED_AFTER = 8  # bullets quoted after a lead-in line
LIST_GAP = 2  # lines between a lead-in and its first bullet, or between bullets

# Words that ask rather than say: never the thing asked about.
ASKING = (
    frozenset(
        [
            "what",
            "whats",
            "who",
            "whos",
            "whose",
            "which",
            "where",
            "when",
            "why",
            "how",
            "does",
            "do",
            "did",
            "is",
            "are",
            "was",
            "were",
            "can",
            "could",
            "should",
            "would",
            "tell",
            "explain",
            "describe",
            "say",
            "says",
            "said",
            "notes",
            "note",
            "know",
            "knows",
            "about",
            "anything",
            "something",
            "info",
            "information",
            "details",
            "detail",
            "please",
            "pls",
            "me",
            "us",
            "i",
            "you",
            "your",
            "my",
            "give",
            "show",
            "list",
            "there",
            "their",
            "any",
            "much",
            "many",
            "kind",
            "sort",
            "type",
            "types",
        ]
    )
    | STOPWORDS
)

# Asking words only at the edges: "define X", "what does X mean" (inside, "define-by-run" is a word).
_ASK_EDGES = re.compile(
    r"^\W*(?:define|definition of|meaning of)\s|\s(?:mean|means|stands? for)\W*$", re.IGNORECASE
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9`\"'(])")
# A name as a document writes it: capitalised words in a row, CamelCase, ALLCAPS, or `code`.
_NAME = re.compile(
    r"`([^`]{2,40})`"
    r"|\b((?:[A-Z][\w.+-]*[a-z0-9+][\w.+-]*|[A-Z]{2,}[\w.+-]*)(?:[ -](?:[A-Z][\w.+-]*|"
    r"[A-Z]{2,}[\w.+-]*)){0,2})"
)
_SHAPED = re.compile(r"[a-z][A-Z]|[A-Z]{2}|\d|\w\.\w")  # CamelCase, ALLCAPS, digits, dotted
TERM_OWN_SHARE = 0.7  # of the passages saying a term, this share must be its topic's
TERM_RARE_SHARE = 0.1  # a one-word term said in more passages than this share is the subject's everyday word
TERM_RARE_MIN = 3
TERM_DOMINANCE = 2.0  # a term belongs to the topic whose passages use it at least twice as much
_STEMMER = snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return str(_STEMMER.stemWord(word))


def tokens(text: str) -> list[str]:
    """Stemmed content words of a text; asking words and stop words dropped."""
    return _content(_folded(text))


@lru_cache(maxsize=16384)
def _folded(text: str) -> tuple[str, ...]:
    return words(text)


def _content(folded: Sequence[str]) -> list[str]:
    return [stem(w) for w in folded if w not in ASKING and len(w) > 1]


@dataclass(frozen=True, slots=True)
class Hit:
    passage: Passage
    score: float
    matched: frozenset[str]  # the query's stems this passage contains

    def quote(self, query: str = "") -> str:
        return quote(self.passage.text, query)


class _Postings(Mapping[str, dict[int, int]]):
    """Posting lists read back from the knowledge cache: each stem's list stays packed (passage
    index, count pairs of uint32) until a query first uses that stem."""

    __slots__ = ("_open", "_raw")

    def __init__(self, raw: dict[str, bytes]) -> None:
        self._raw = raw
        self._open: dict[str, dict[int, int]] = {}

    def __getitem__(self, stemmed: str) -> dict[int, int]:
        found = self._open.get(stemmed)
        if found is None:
            packed = array("I")
            packed.frombytes(self._raw[stemmed])
            found = self._open[stemmed] = dict(zip(packed[::2], packed[1::2], strict=True))
        return found

    def __contains__(self, stemmed: object) -> bool:
        return stemmed in self._raw

    def __iter__(self) -> Iterator[str]:
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)


class _Stored(msgspec.Struct, array_like=True):
    """A built index as stored beside its cached knowledge base."""

    base: int  # the knowledge base's own passages; the rest were added from its structure
    extra: tuple[Passage, ...]
    postings: dict[str, bytes]
    lengths: bytes
    by_topic: dict[str, list[int]]
    idf: dict[str, float]
    vocab: dict[str, list[str]]
    terms: list[tuple[tuple[str, ...], str]]


_STORED = msgspec.msgpack.Decoder(_Stored)
# The code the index is made by: a change to any of these files builds it afresh. Stat once, at
# import, so a process stores what its own (imported) code built, never under a newer file's key.
_MADE_BY = (
    "retrieval.py",
    "wording.py",
    "../nlu/normalize.py",
    "../nlu/words.py",
    "../practice/grading/vocabulary.py",
)
_STAMP = hashlib.sha256(
    "".join(
        f"{name}:{st.st_size}:{st.st_mtime_ns};"
        for name in _MADE_BY
        if (st := (Path(__file__).parent / name).stat())
    ).encode()
).hexdigest()[:16]
EXTRA_NAME = f"passage-index-{_STAMP}"


class PassageIndex:
    """BM25 over every passage of one knowledge base, with topic and aspect scopes and terms.

    Built once per knowledge snapshot; when the knowledge base came from (or went into) the
    knowledge cache, the built index is stored beside it and read back by the next process."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self._repaired: dict[str, str | None] = {}
        self._lists: dict[tuple[str, tuple[str, ...]], list[Passage]] | None = None
        data = kb_cache.read_extra(kb, EXTRA_NAME)
        if data is not None and self._restore(data):
            return
        base = self._build(kb)
        kb_cache.write_extra(kb, EXTRA_NAME, self._encode(base))

    def _build(self, kb: KnowledgeBase) -> int:
        self.passages: tuple[Passage, ...] = tuple(collect(kb))
        postings: dict[str, dict[int, int]] = {}  # stem -> passage index -> count
        lengths = array("I")
        self._lengths: Sequence[int] = lengths
        self._by_topic: dict[str, set[int]] = {}
        surface: set[str] = set()
        for index, passage in enumerate(self.passages):
            said = _folded(passage.text)
            surface.update(said)
            heading = _folded(passage.heading_path[-1]) if passage.heading_path else ()
            stems = with_pairs(_content(said) + _content(heading))
            lengths.append(len(stems))
            for s in stems:
                posting = postings.setdefault(s, {})
                posting[index] = posting.get(index, 0) + 1
            for topic in passage.topics:
                self._by_topic.setdefault(topic, set()).add(index)
        self._postings: Mapping[str, dict[int, int]] = postings
        total = len(self.passages)
        self._avg = (sum(lengths) / total) if total else 1.0
        self._idf = {s: math.log(1 + (total - len(p) + 0.5) / (len(p) + 0.5)) for s, p in postings.items()}
        self._vocab: dict[str, list[str]] = {}  # first letter -> surface words of the notes
        for word in surface:
            if len(word) >= REPAIR_MIN:
                self._vocab.setdefault(word[0], []).append(word)
        candidates = _terms(kb, self.passages)
        saying = {key: self._saying(key) for key in candidates}
        self.terms: dict[tuple[str, ...], str] = {
            key: owner for key, owner in candidates.items() if self._specific(key, owner, saying[key])
        }
        return len(kb.passages)

    def _encode(self, base: int) -> bytes:
        packed: dict[str, bytes] = {}
        for s, posting in self._postings.items():
            pairs = array("I")
            for index, count in posting.items():
                pairs.append(index)
                pairs.append(count)
            packed[s] = pairs.tobytes()
        stored = _Stored(
            base,
            self.passages[base:],
            packed,
            array("I", self._lengths).tobytes(),
            {topic: sorted(found) for topic, found in self._by_topic.items()},
            self._idf,
            self._vocab,
            list(self.terms.items()),
        )
        return msgspec.msgpack.encode(stored)

    def _restore(self, data: bytes) -> bool:
        """The index as stored beside the cached knowledge base; False (build instead) if it does
        not fit this knowledge base or cannot be read."""
        try:
            stored = _STORED.decode(data)
            if stored.base != len(self.kb.passages):
                return False
            lengths = array("I")
            lengths.frombytes(stored.lengths)
        except Exception as error:  # corrupt or from another version: build instead
            log.debug("stored passage index unreadable (%s); building", error)
            return False
        self.passages = (*self.kb.passages, *stored.extra)
        self._lengths = lengths
        self._postings = _Postings(stored.postings)
        self._by_topic = {topic: set(found) for topic, found in stored.by_topic.items()}
        self._idf = stored.idf
        self._vocab = stored.vocab
        self.terms = dict(stored.terms)
        total = len(self.passages)
        self._avg = (sum(lengths) / total) if total else 1.0
        return True

    def _saying(self, key: tuple[str, ...]) -> set[int]:
        """The passages that have every content word of a term."""
        stems = _content(key)
        if not stems or any(s not in self._postings for s in stems):
            return set()
        lists = sorted((self._postings[s] for s in stems), key=len)
        return {i for i in lists[0] if all(i in other for other in lists[1:])}

    def _specific(self, key: tuple[str, ...], owner: str, said: set[int]) -> bool:
        """A term routes a question to one topic only when it is specific, by how the notes use it:
        the passages that say it (all its content words) are mostly that topic's, a one-word term
        is rare across the notes (not an everyday word of the subject), and it is not only ever
        part of longer terms. A term the passages never say is no evidence at all."""
        if not said:
            return False
        own = sum(owner in self.passages[i].topics for i in said)
        if own < TERM_OWN_SHARE * len(said):
            return False
        return len(_content(key)) > 1 or len(said) <= max(TERM_RARE_MIN, TERM_RARE_SHARE * len(self.passages))

    def __len__(self) -> int:
        return len(self.passages)

    def count(self, stemmed: str) -> int:
        """How many passages use a stem."""
        return len(self._postings.get(stemmed, ()))

    def idf(self, stemmed: str) -> float:
        return self._idf.get(stemmed, 0.0)

    def query_stems(self, query: str, ignore: Iterable[str] = (), *, repair: bool = True) -> list[str]:
        """The query's stems as the notes spell them; `ignore` drops words (a topic's names).
        With `repair`, a word the notes never use becomes the notes' word it is a typo of."""
        skip = {stem(w) for text in ignore for w in words(text)}
        found: list[str] = []
        asked = [w for w in words(_ASK_EDGES.sub(" ", query)) if w not in ASKING and len(w) >= 2]
        for word in asked:
            s = stem(word)
            if repair and s not in self._postings:
                s = self._repair(word) or s
            if s not in skip and s not in found:
                found.append(s)
        return found

    def search(
        self,
        query: str,
        *,
        topic: str | None = None,
        aspect: str | None = None,
        ignore: Iterable[str] = (),
        limit: int = 3,
    ) -> list[Hit]:
        """The best passages for `query`, within one topic's and/or one aspect's passages."""
        stems = with_pairs(self.query_stems(query, ignore))
        return self.search_stems(stems, topic=topic, aspect=aspect, limit=limit)

    def search_stems(
        self,
        stems: Sequence[str],
        *,
        topic: str | None = None,
        aspect: str | None = None,
        limit: int = 3,
        required: Sequence[str] = (),
    ) -> list[Hit]:
        """BM25 over the passages in scope; with `required`, only passages that have all of those."""
        scope = self._by_topic.get(topic, set()) if topic is not None else None
        if required:  # start from the rarest posting list: a few passages, not the whole index
            lists = sorted((self._postings.get(s, {}) for s in required), key=len)
            found = {i for i in lists[0] if all(i in other for other in lists[1:])}
            scope = found if scope is None else found & scope
        scores: dict[int, float] = {}
        matched: dict[int, set[str]] = {}
        for s in stems:
            idf = self._idf.get(s)
            if idf is None:
                continue
            posting = self._postings[s]
            pairs = (
                ((i, posting[i]) for i in scope if i in posting)
                if scope is not None and len(scope) < len(posting)
                else posting.items()
            )
            for index, freq in pairs:
                if scope is not None and index not in scope:
                    continue
                if aspect is not None and self.passages[index].aspect != aspect:
                    continue
                norm = K1 * (1 - B + B * self._lengths[index] / self._avg)
                weight = _KIND_WEIGHT.get(self.passages[index].kind, 1.0)
                scores[index] = scores.get(index, 0.0) + weight * idf * freq * (K1 + 1) / (freq + norm)
                matched.setdefault(index, set()).add(s)
        best = sorted(scores, key=lambda i: (-scores[i], _KIND_ORDER.get(self.passages[i].kind, 9), i))
        return [Hit(self.passages[i], scores[i], frozenset(matched[i])) for i in best[:limit]]

    def following(self, passage: Passage, limit: int = LISTED_AFTER) -> list[Passage]:
        """The bullets written right after a passage under the same heading (the list a lead-in
        line announces), in order, up to `limit`."""
        if self._lists is None:
            lists: dict[tuple[str, tuple[str, ...]], list[Passage]] = {}
            for p in self.passages:
                if p.source.line:
                    lists.setdefault((p.source.path, p.heading_path), []).append(p)
            for group in lists.values():
                group.sort(key=lambda p: p.source.line or 0)
            self._lists = lists
        group = self._lists.get((passage.source.path, passage.heading_path), [])
        out: list[Passage] = []
        last = passage.source.line or 0
        for p in group:
            line = p.source.line or 0
            if line <= last and not out:
                continue
            if p.kind != "bullet" or line - last > LIST_GAP:
                break
            out.append(p)
            last = line
            if len(out) >= limit:
                break
        return out

    def in_scope(self, topic: str, aspect: str | None = None) -> list[Passage]:
        return [
            self.passages[i]
            for i in sorted(self._by_topic.get(topic, ()))
            if aspect is None or self.passages[i].aspect == aspect
        ]

    def term_in(self, message_words: Sequence[str]) -> tuple[tuple[str, ...], str] | None:
        """The longest term of the notes a message names, with the topic it lives in."""
        for size in range(MAX_TERM_WORDS, 0, -1):
            for start in range(len(message_words) - size + 1):
                key = tuple(message_words[start : start + size])
                if key in self.terms:
                    return key, self.terms[key]
        return None

    def _repair(self, word: str) -> str | None:
        if len(word) < REPAIR_MIN:
            return None
        if word not in self._repaired:
            if len(self._repaired) > REPAIR_MEMO:
                self._repaired.clear()
            best = process.extractOne(
                word, self._vocab.get(word[0], ()), scorer=fuzz.ratio, score_cutoff=REPAIR_RATIO
            )
            self._repaired[word] = stem(best[0]) if best else None
        return self._repaired[word]


_KIND_WEIGHT = {"cell": 0.8}  # a bare table cell says less than a sentence with the same words
_KIND_ORDER = {"definition": 0, "paragraph": 1, "bullet": 2, "answer": 3, "cell": 4, "quote": 5}


def with_pairs(stems: list[str]) -> list[str]:
    """The stems and each adjacent pair ("defin run"): a phrase counts for more than its words."""
    return stems + [f"{a} {b}" for a, b in itertools.pairwise(stems)]


def collect(kb: KnowledgeBase) -> list[Passage]:
    """The knowledge base's passages, plus what its structure holds that no passage says."""
    found = list(kb.passages)
    said = {_key(p.text) for p in found}

    def add(
        text: str, source: Source | None, heading: str, topics: tuple[str, ...], aspect: str | None, kind: str
    ) -> None:
        key = _key(text)
        if not key or key in said:
            return
        said.add(key)
        where = source or (kb.topics[topics[0]].source if topics and topics[0] in kb.topics else None)
        found.append(
            Passage(
                text,
                where or Source(kb.documents[0] if kb.documents else "notes"),
                (heading,) if heading else (),
                topics,
                aspect,
                kind,
            )
        )

    for topic in kb.topics.values():
        if topic.definition:
            add(topic.definition, topic.source, topic.name, (topic.id,), None, "definition")
    for fact in kb.facts:
        name = kb.topics[fact.topic].name if fact.topic in kb.topics else ""
        add(fact.text, fact.source, name, (fact.topic,), fact.aspect, "bullet")
    for (aspect, topic_id), cell in kb.cells.items():
        name = kb.topics[topic_id].name if topic_id in kb.topics else ""
        add(f"{aspect_label(kb, aspect)}: {cell.text}", cell.source, name, (topic_id,), aspect, "cell")
    for use in kb.use_cases:
        name = kb.topics[use.topic].name if use.topic in kb.topics else ""
        add(f"Use case: {use.text}", use.source, name, (use.topic,), "use_cases", "bullet")
    for answer in kb.model_answers:
        add(answer.text, answer.source, answer.question, answer.topics, None, "answer")
    for question in kb.questions:
        if question.model_answer:
            add(
                question.model_answer,
                question.source,
                question.text,
                question.topics,
                question.aspect,
                "answer",
            )
    return found


def _key(text: str) -> str:
    return " ".join(_folded(text))


def _terms(kb: KnowledgeBase, passages: Sequence[Passage]) -> dict[tuple[str, ...], str]:
    """Names that live in one topic's passages ("a sub-project, a feature, a creator"): the
    knowledge base's own `terms` first, then names the passages write, each filed under the topic
    whose document passages use it most (model answers count for less; a tie files it nowhere)."""
    names: set[tuple[str, ...]] = set()
    for topic in kb.topics.values():
        for alias in (topic.id, topic.name, *topic.aliases):
            names.add(tuple(words(alias)))
    votes: dict[tuple[str, ...], dict[str, float]] = {}
    for passage in passages:
        if not passage.topics or passage.kind == "cell":  # cells are ratings, not names
            continue
        weight = 0.5 if passage.kind == "answer" else 1.0
        owner = passage.topics[0]
        for found in _NAME.finditer(passage.text):
            key = _name_key(found, passage.text)
            if not key or key in names:
                continue
            tally = votes.setdefault(key, {})
            tally[owner] = tally.get(owner, 0.0) + weight
    terms: dict[tuple[str, ...], str] = {}
    for key, tally in votes.items():
        ranked = sorted(tally.items(), key=lambda kv: -kv[1])
        if len(ranked) == 1 or ranked[0][1] >= TERM_DOMINANCE * ranked[1][1]:
            terms[key] = ranked[0][0]
    for term, owner in kb.terms.items():
        key = tuple(words(term))
        if key and owner in kb.topics and key not in names:
            terms[key] = owner
    return terms


def _name_key(found: re.Match[str], text: str) -> tuple[str, ...]:
    """The words of a name the text writes, without the everyday words around it ("Because X")."""
    if found.group(1):
        key = words(found.group(1))
        return key if 0 < len(key) <= MAX_TERM_WORDS else ()
    written = found.group(2).split()
    opens = _opens_sentence(text, found.start())
    kept = [(i, w) for i, w in enumerate(written)]
    while kept and _everyday(kept[0][1], opens and kept[0][0] == 0):
        kept.pop(0)
    while kept and _everyday(kept[-1][1], False):
        kept.pop()
    key = tuple(x for _i, w in kept for x in words(w))
    return key if 0 < len(key) <= MAX_TERM_WORDS else ()


def _everyday(written: str, opens_sentence: bool) -> bool:
    if _SHAPED.search(written):
        return False
    word = "".join(words(written))
    return len(word) < 3 or word in ASKING or word in COMMON or opens_sentence


def _opens_sentence(text: str, at: int) -> bool:
    before = text[:at].rstrip(" \t*_\"'(")
    return not before or before[-1] in ".!?:;\n"


def quote(text: str, query: str = "", limit: int = QUOTE_CHARS) -> str:
    """The passage, or its sentences that say most about the query, cut at a sentence end."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    sentences = _SENTENCE.split(text)
    wanted = set(tokens(query))
    ranked = sorted(range(len(sentences)), key=lambda i: (-len(wanted & set(tokens(sentences[i]))), i))
    chosen: list[int] = []
    size = 0
    for i in ranked:
        if size and size + len(sentences[i]) > limit:
            break
        chosen.append(i)
        size += len(sentences[i]) + 1
    out = " ".join(sentences[i] for i in sorted(chosen))
    return out if len(out) <= limit else out[: limit - 1].rsplit(" ", 1)[0] + "…"
