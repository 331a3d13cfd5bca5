"""The typed knowledge model: what ingestion produces and everything else reads.

Plain frozen dataclasses, no behaviour beyond look-ups. Nothing here names a particular topic.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeVar, cast, overload

# Aspect ids every document may carry besides its comparison table's rows.
BUILTIN_ASPECTS: tuple[str, ...] = ("developer", "language", "features", "use_cases")


@dataclass(frozen=True, slots=True)
class Source:
    path: str
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


@dataclass(frozen=True, slots=True)
class Topic:
    """A subject the bot knows, e.g. one framework. `id` is the slug of `name`."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()  # from the document (e.g. a bracketed short name) and the overlay
    definition: str = ""  # one or two sentences
    description: tuple[str, ...] = ()  # descriptive phrases ("Google's framework") for matching
    source: Source | None = None


@dataclass(frozen=True, slots=True)
class Aspect:
    """A dimension topics are compared on: a table row label or a builtin one."""

    id: str  # snake_case of the label: "ease_of_use"
    label: str  # as the document wrote it: "Ease of Use"
    aliases: tuple[str, ...] = ()  # phrasings ("ship to prod" -> production), from the overlay


@dataclass(frozen=True, slots=True)
class Fact:
    """One statement about one topic, filed under an aspect (a bullet, a nested feature, a cell)."""

    topic: str
    aspect: str
    text: str
    source: Source | None = None


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    source: Source | None = None


@dataclass(frozen=True, slots=True)
class UseCase:
    topic: str
    text: str
    source: Source | None = None


@dataclass(frozen=True, slots=True)
class ModelAnswer:
    """A model interview answer; `topics` are the topics it talks about."""

    text: str
    topics: tuple[str, ...] = ()
    question: str = ""  # the question it answers, where the document says
    source: Source | None = None


@dataclass(frozen=True, slots=True)
class Question:
    """An interview question with the key points a good answer covers."""

    id: str  # stable across runs: derived from kind/topics/aspect, or given in the YAML
    text: str
    topics: tuple[str, ...]
    aspect: str | None
    difficulty: str  # "easy" | "medium" | "hard"
    key_points: tuple[str, ...]
    model_answer: str
    kind: str = "curated"  # definition | aspect | compare | use_case | pick | model_answer | curated
    source: Source | None = None
    alternatives: tuple[str, ...] = ()  # other model answers a grader accepts (curated YAML, imported banks)


@dataclass(frozen=True, slots=True)
class Passage:
    """One thing a document says (a paragraph, bullet, table cell, Q&A answer), kept with where it
    came from and what it is about, so an answer can quote it with its source."""

    text: str  # plain text, markup and HTML removed
    source: Source
    heading_path: tuple[str, ...] = ()  # the headings above it, outermost first
    topics: tuple[str, ...] = ()  # topic ids it is about, most relevant first
    aspect: str | None = None  # aspect id where the structure says (a table row/column, a `Key:`)
    kind: str = "paragraph"  # paragraph | bullet | cell | answer | definition | quote

    def cite(self) -> str:
        """`file.md § Heading` as a reader would look it up."""
        name = self.source.path.rsplit("/", 1)[-1]
        return f"{name} § {self.heading_path[-1]}" if self.heading_path else name


class LazyPassages(Sequence[Passage]):
    """Passages kept encoded until first used (a cached load need not build them all up front);
    otherwise a read-only sequence equal to the tuple it decodes to."""

    __slots__ = ("_data", "_decode", "_items", "_lock")

    def __init__(self, data: bytes, decode: Callable[[bytes], tuple[Passage, ...]]) -> None:
        self._data: bytes | None = data
        self._decode = decode
        self._items: tuple[Passage, ...] | None = None
        self._lock = threading.Lock()

    def items(self) -> tuple[Passage, ...]:
        if self._items is None:
            with self._lock:
                if self._items is None:
                    assert self._data is not None
                    self._items = self._decode(self._data)
                    self._data = None
        return self._items

    @overload
    def __getitem__(self, index: int) -> Passage: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Passage]: ...
    def __getitem__(self, index: int | slice) -> Passage | Sequence[Passage]:
        return self.items()[index]

    def __len__(self) -> int:
        return len(self.items())

    def __iter__(self) -> Iterator[Passage]:
        return iter(self.items())

    def __eq__(self, other: object) -> bool:
        return self.items() == (tuple(other) if isinstance(other, Sequence) else other)

    def __hash__(self) -> int:
        return hash(self.items())

    def __reduce__(self) -> tuple[type[tuple[Passage, ...]], tuple[tuple[Passage, ...]]]:
        return tuple, (self.items(),)  # pickles as the plain tuple


@dataclass(slots=True)
class _Index:
    """Look-ups built once per knowledge base, so no question or answer scans every fact or cell."""

    facts: dict[str, list[Fact]]  # topic id -> its facts, in order
    facts_by: dict[tuple[str, str], list[Fact]]  # (topic id, aspect id) -> facts
    passages: dict[str, list[Passage]]  # topic id -> passages about it
    use_cases: dict[str, list[UseCase]]
    table_aspects: tuple[str, ...]
    memo: dict[str, object]  # derived values other layers compute once per knowledge base


@dataclass(frozen=True, slots=True)
class KnowledgeBase:
    topics: Mapping[str, Topic]
    aspects: Mapping[str, Aspect]
    facts: tuple[Fact, ...] = ()
    cells: Mapping[tuple[str, str], Cell] = field(default_factory=dict)  # (aspect_id, topic_id)
    use_cases: tuple[UseCase, ...] = ()
    model_answers: tuple[ModelAnswer, ...] = ()
    questions: tuple[Question, ...] = ()  # curated ones from questions/*.yaml
    documents: tuple[str, ...] = ()  # paths ingested
    problems: tuple[str, ...] = ()  # "file:line: problem" for anything skipped while loading
    passages: Sequence[Passage] = ()  # everything the documents say, with provenance
    terms: Mapping[str, str] = field(default_factory=dict)  # casefolded term -> the topic id it lives in
    # From the overlay: a need -> more words the notes use for it; a word -> the word the notes use.
    needs: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    synonyms: Mapping[str, str] = field(default_factory=dict)
    _index: _Index | None = field(default=None, init=False, repr=False, compare=False)

    def __getstate__(self) -> dict[str, object]:  # the index is rebuilt on demand, never cached
        return {name: getattr(self, name) for name in _FIELDS}

    def __setstate__(self, state: dict[str, object]) -> None:
        for name in _FIELDS:
            object.__setattr__(self, name, state[name])
        object.__setattr__(self, "_index", None)

    def index(self) -> _Index:
        """The look-up index, built on first use (linear in the knowledge)."""
        if self._index is None:
            facts: dict[str, list[Fact]] = {}
            facts_by: dict[tuple[str, str], list[Fact]] = {}
            for fact in self.facts:
                facts.setdefault(fact.topic, []).append(fact)
                facts_by.setdefault((fact.topic, fact.aspect), []).append(fact)
            passages: dict[str, list[Passage]] = {}
            for passage in self.passages:
                for topic in dict.fromkeys(passage.topics):
                    passages.setdefault(topic, []).append(passage)
            cases: dict[str, list[UseCase]] = {}
            for case in self.use_cases:
                cases.setdefault(case.topic, []).append(case)
            aspects = tuple(dict.fromkeys(aspect for aspect, _topic in self.cells))
            object.__setattr__(self, "_index", _Index(facts, facts_by, passages, cases, aspects, {}))
        assert self._index is not None
        return self._index

    def memo(self, key: str, compute: Callable[[], T]) -> T:
        """`compute()` once per knowledge base (for values derived from it, e.g. by the bot)."""
        memo = self.index().memo
        if key not in memo:
            memo[key] = compute()
        return cast(T, memo[key])

    def topic(self, topic_id: str) -> Topic:
        return self.topics[topic_id]

    def cell(self, aspect: str, topic: str) -> str | None:
        found = self.cells.get((aspect, topic))
        return found.text if found else None

    def facts_for(self, topic: str, aspect: str | None = None) -> tuple[Fact, ...]:
        index = self.index()
        return tuple(
            index.facts.get(topic, ()) if aspect is None else index.facts_by.get((topic, aspect), ())
        )

    def passages_for(self, topic: str, aspect: str | None = None) -> tuple[Passage, ...]:
        found = self.index().passages.get(topic, ())
        return tuple(found) if aspect is None else tuple(p for p in found if p.aspect == aspect)

    def use_cases_for(self, topic: str) -> tuple[UseCase, ...]:
        return tuple(self.index().use_cases.get(topic, ()))

    def table_aspects(self) -> tuple[str, ...]:
        """Aspect ids that have at least one table cell, in document order."""
        return self.index().table_aspects


T = TypeVar("T")
_FIELDS = tuple(f for f in KnowledgeBase.__dataclass_fields__ if f != "_index")
