"""What every import format shares: one raw entry (question, answer, key points, topic, difficulty,
where it came from) checked and turned into a `Question`, or into problems with file and line.

Checks: empty question or answer, a row that repeats the header, an unknown topic (given the loaded
knowledge), a bad difficulty, too many key points, duplicates within the file and against the bank.
An entry with no key points gets them from its answer (sentences and clauses), so grading works.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from html import unescape

from knowledge.model import KnowledgeBase, Question, Source, Topic
from knowledge.problems import Problem

DIFFICULTIES = ("easy", "medium", "hard")
DEFAULT_DIFFICULTY = "medium"
MAX_POINTS = 8  # key points given in a row; more is a problem
DERIVED_POINTS = 5  # key points taken from an answer
MAX_QUESTIONS = 5_000  # per import
MAX_TEXT = 4_000  # characters of a question; an answer may be 5x that
KIND = "imported"

HEADER_NAMES: Mapping[str, tuple[str, ...]] = {
    "question": ("question", "questions", "q", "front", "prompt"),
    "answer": ("answer", "answers", "a", "back", "model answer"),
    "key_points": ("key points", "keypoints", "key point", "points"),
    "topic": ("topic", "topics", "subject"),
    "difficulty": ("difficulty", "level"),
}

_POINT_SPLIT = re.compile(r"\s*[|;]\s*|\n+")
_CLAUSE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=\S)|;\s*|\n+\s*(?:[-*•]\s+|\d+[.)]\s+)?")
_BLOCK_TAG = re.compile(r"<\s*(?:br|/p|/div|/li|/tr|/h\d)\b[^>]{0,200}>|<\s*li\b[^>]{0,200}>", re.IGNORECASE)
_TAG = re.compile(r"<!--.*?-->|<[^>]{0,2000}>", re.DOTALL)
_DROPPED = re.compile(r"<(script|style)\b.*?</\1\s*>|\[sound:[^\]]{0,500}\]", re.IGNORECASE | re.DOTALL)
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True, slots=True)
class Entry:
    """One question as a file gave it, before checking."""

    where: str  # "line 7" / "note 3": shown in problems
    line: int | None  # for Problem
    question: str
    answer: str
    key_points: Sequence[str] = ()
    topics: Sequence[str] = ()  # as written (ids, names or aliases)
    difficulty: str = ""
    optional_topics: Sequence[str] = ()  # Anki tags: a topic when one matches, else ignored
    fallback_topics: Sequence[str] = ()  # Anki deck names: looked at only when nothing else gave a topic


@dataclass
class Checker:
    """Checks entries of one file in order; keeps the accepted questions and every problem."""

    path: str
    kb: KnowledgeBase
    existing: Sequence[Question] = ()
    default_topics: Sequence[str] = ()
    questions: list[Question] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    _seen: dict[str, str] = field(default_factory=dict)  # normalised text -> where (this file)
    _bank: dict[str, str] = field(default_factory=dict)  # normalised text -> question id (the bank)
    _topics: dict[str, str] = field(default_factory=dict)  # casefolded id/name/alias -> topic id

    def __post_init__(self) -> None:
        self._bank = {normalised(q.text): q.id for q in self.existing}
        self._topics = topic_names(self.kb.topics.values())

    def problem(self, line: int | None, text: str) -> None:
        self.problems.append(Problem(self.path, line, text))

    def full(self) -> bool:
        if len(self.questions) < MAX_QUESTIONS:
            return False
        self.problem(
            None, f"more than {MAX_QUESTIONS:,} questions in one file; split it into smaller imports"
        )
        return True

    def add(self, entry: Entry) -> None:
        where = f"{entry.where}: " if entry.line is None else ""
        question, answer = clean(entry.question), clean(entry.answer)
        if is_header(question, answer):
            self.problem(
                entry.line,
                where + "this row repeats the header (question, answer, ...), it is not a question",
            )
            return
        found: list[str] = []
        if not question:
            found.append("empty question")
        if not answer:
            found.append(f"empty answer to {_short(question)!r}" if question else "empty answer")
        if len(question) > MAX_TEXT or len(answer) > 5 * MAX_TEXT:
            found.append(f"question or answer over {MAX_TEXT:,} / {5 * MAX_TEXT:,} characters")
        topics, wrong = self._resolve(entry)
        found += wrong
        difficulty = clean(entry.difficulty).casefold() or DEFAULT_DIFFICULTY
        if difficulty not in DIFFICULTIES:
            found.append(f"difficulty must be one of {', '.join(DIFFICULTIES)}, not {entry.difficulty!r}")
        points = [p for p in (clean(p) for p in entry.key_points) if p]
        if len(points) > MAX_POINTS:
            found.append(f"{len(points)} key points; give at most {MAX_POINTS}")
        key = normalised(question)
        if question and key in self._seen:
            found.append(f"duplicate question {_short(question)!r} (first at {self._seen[key]})")
        elif question and key in self._bank:
            found.append(f"{_short(question)!r} is already in the question bank (as {self._bank[key]})")
        if found:
            for text in found:
                self.problem(entry.line, where + text)
            if question and key not in self._seen:
                self._seen[key] = entry.where
            return
        self._seen[key] = entry.where
        self.questions.append(
            Question(
                id=question_id(question),
                text=question,
                topics=topics,
                aspect=None,
                difficulty=difficulty,
                key_points=tuple(dict.fromkeys(points)) or derive_points(answer),
                model_answer=answer,
                kind=KIND,
                source=Source(self.path, entry.line),
            )
        )

    def _resolve(self, entry: Entry) -> tuple[tuple[str, ...], list[str]]:
        found: list[str] = []
        wrong: list[str] = []
        for raw in entry.topics:
            name = clean(raw)
            if not name:
                continue
            topic = self._topics.get(name.casefold())
            if topic is None:
                wrong.append(f"unknown topic {name!r}{_close(name, self._topics)}")
            else:
                found.append(topic)
        for raw in entry.optional_topics:
            topic = self._topics.get(clean(raw).casefold())
            if topic is not None:
                found.append(topic)
        if not found and not wrong:
            found = [t for t in (self._topics.get(clean(r).casefold()) for r in entry.fallback_topics) if t]
        if not found and not wrong:
            found = list(self.default_topics)
        return tuple(dict.fromkeys(found)), wrong


def resolve_topic(kb: KnowledgeBase, name: str) -> str | None:
    """The topic id `name` (an id, name or alias, any case) means, if any."""
    return topic_names(kb.topics.values()).get(clean(name).casefold())


def topic_names(topics: Iterable[Topic]) -> dict[str, str]:
    names: dict[str, str] = {}
    for topic in topics:
        for name in (topic.name, *topic.aliases, topic.id.replace("_", " "), topic.id):
            names.setdefault(name.casefold(), topic.id)
    return names


def _close(name: str, known: Mapping[str, str]) -> str:
    close = difflib.get_close_matches(name.casefold(), list(known), n=1, cutoff=0.75)
    return f" (did you mean {known[close[0]]!r}?)" if close else ""


def is_header(question: str, answer: str) -> bool:
    return question.casefold() in HEADER_NAMES["question"] and answer.casefold() in HEADER_NAMES["answer"]


def column_of(header: str) -> str | None:
    """The column a header cell names ("Key points" -> "key_points"), None for any other."""
    said = " ".join(header.replace("_", " ").replace("-", " ").casefold().split())
    return next((column for column, names in HEADER_NAMES.items() if said in names), None)


def split_points(cell: str) -> list[str]:
    """Key points written in one cell, separated by ";" or "|" (or one a line)."""
    return [p for p in (part.strip() for part in _POINT_SPLIT.split(cell)) if p]


def derive_points(answer: str) -> tuple[str, ...]:
    """Key points for an answer that came without: its sentences and clauses of two words or more
    (the whole answer when it is one short clause)."""
    parts = [p.strip(" \t.;:,-*•") for p in _CLAUSE_SPLIT.split(answer)]
    points = list(dict.fromkeys(p for p in parts if len(p.split()) >= 2))
    if not points:
        whole = answer.strip(" \t.;:")
        return (whole,) if whole else ()
    return tuple(points[:DERIVED_POINTS])


def html_to_text(html: str) -> str:
    """Plain text of a card field: line breaks and list items kept as new lines, tags, sounds and
    scripts dropped, entities decoded."""
    text = _DROPPED.sub(" ", html)
    text = _BLOCK_TAG.sub("\n", text)
    text = _TAG.sub(" ", text)
    lines = (" ".join(line.split()) for line in unescape(text).replace("\xa0", " ").splitlines())
    return "\n".join(line for line in lines if line)


def clean(text: str) -> str:
    """Spaces collapsed within lines, blank lines dropped."""
    lines = (" ".join(line.split()) for line in str(text).splitlines())
    return "\n".join(line for line in lines if line)


def normalised(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


def question_id(text: str) -> str:
    """A stable id from the question's words: the same question imported anywhere has the same id."""
    words = normalised(text).split()
    slug = "-".join(words[:6])[:60].strip("-") or "question"
    digest = hashlib.sha1(normalised(text).encode("utf-8")).hexdigest()[:8]
    return f"{KIND}:{slug}-{digest}"


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def decode(data: bytes, path: str) -> tuple[str | None, Problem | None]:
    """UTF-8 text (a byte-order mark allowed), or one problem naming the line of the first bad byte."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return None, Problem(
            path,
            line,
            f"not UTF-8 text (byte 0x{data[error.start]:02x}); save the file as UTF-8 and import it again",
        )
