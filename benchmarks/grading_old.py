"""The grader as it was before issue 12 (key points only), kept for the side-by-side benchmark.

Each key point is a handful of telling words (words in brackets are optional extras, a leading
"Name: " says which topic it is about). A key point counts as covered when the answer says enough
of its words, weighted by how telling each word is (`answer_text.Vocabulary`); word order,
inflections and typos don't matter, and topic aliases and aspect aliases count as their topic or
aspect. An answer only gets credit for a topic's key point from sentences that are about that
topic (or about no topic in particular), so "Alpha was developed by Acme" earns nothing for
"Beta: developed by Acme". Words the question already says earn nothing, and a name that the
knowledge base ties to another topic costs points ("Beta was made by Initech", when Alpha is).
A key point that is only a rating ("Very High") is also met by the same level in other words
("extremely easy", see `ratings`); words a negation governs ("can't do low level") are not
affirmed (see `answer_clauses`). The vocabulary is cached per knowledge base object (bounded).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.practice.grading import clauses as answer_clauses
from bot.practice.grading import ratings
from bot.practice.grading.clauses import NEGATION, Clause
from bot.practice.grading.vocabulary import FRAGMENT_MARK, TOPIC_PREFIX, Vocabulary, same_word
from knowledge.model import KnowledgeBase, Question

COVERED = 0.5  # share of a key point's weighted words an answer must say to cover it
FULL = 0.75  # ...to get full credit for it
SHORT_ANSWER_WORDS = 2  # fewer telling words than this (a one-word answer) caps the score
SHORT_ANSWER_CAP = 20
MIXUP_PENALTY = 10
MIXUP_PENALTY_CAP = 30

_PREFIX = re.compile(r"^\s*([^:]{1,60}):\s+(.+)$", re.DOTALL)
_BRACKETS = re.compile(r"\(([^)]*)\)")
_VOCABULARIES: dict[int, tuple[KnowledgeBase, Vocabulary]] = {}
_CACHE_SIZE = 8


@dataclass(frozen=True, slots=True)
class GradeResult:
    score: int  # 0-100
    covered: tuple[str, ...]  # key points the answer covered, as the question states them
    missed: tuple[str, ...]
    feedback: str  # one or two short sentences a person can act on
    mixups: tuple[str, ...] = ()  # "“initech” goes with Alpha, not Beta"


@dataclass(frozen=True, slots=True)
class _KeyPoint:
    text: str
    topic: str | None
    required: tuple[str, ...]
    optional: tuple[str, ...]
    mentions: frozenset[str]
    level: int | None = None  # the point is only a rating ("Very High"): its level, 1-4
    negated: bool = False  # the point itself says "not ..." / "no ...": negated words count for it


def vocabulary(kb: KnowledgeBase) -> Vocabulary:
    """The grading vocabulary of `kb`, built once per knowledge base object."""
    cached = _VOCABULARIES.get(id(kb))
    if cached is not None and cached[0] is kb:
        return cached[1]
    if len(_VOCABULARIES) >= _CACHE_SIZE:
        _VOCABULARIES.pop(next(iter(_VOCABULARIES)))
    vocab = Vocabulary.for_kb(kb)
    _VOCABULARIES[id(kb)] = (kb, vocab)
    return vocab


def grade(question: Question, answer: str, kb: KnowledgeBase) -> GradeResult:
    vocab = vocabulary(kb)
    asked = set(vocab.tokens(question.text))
    points = [_key_point(text, question, vocab, asked) for text in question.key_points]
    clauses = answer_clauses.split(answer, question.topics, vocab)
    credits = [_credit(_coverage(point, clauses, vocab, len(question.topics) > 1)) for point in points]
    covered = tuple(p.text for p, c in zip(points, credits, strict=True) if c >= _credit(COVERED))
    missed = tuple(p.text for p in points if p.text not in covered)
    mixups = _mixups(clauses, question, vocab, asked)
    raw = 100 * sum(credits) / len(points) if points else 0.0
    score = raw - min(MIXUP_PENALTY_CAP, MIXUP_PENALTY * len(mixups))
    telling = {t for c in clauses for t in c.tokens} - asked
    if len(telling) < SHORT_ANSWER_WORDS:
        score = min(score, SHORT_ANSWER_CAP)
    final = max(0, min(100, round(score)))
    return GradeResult(final, covered, missed, _feedback(final, len(covered), len(points), mixups), mixups)


def _key_point(text: str, question: Question, vocab: Vocabulary, asked: set[str]) -> _KeyPoint:
    topic, body = _owner(text, question, vocab)
    inside = " ".join(_BRACKETS.findall(body))
    outside = _BRACKETS.sub(" ", body)
    own = {TOPIC_PREFIX + topic} if topic else set()
    required = [t for t in vocab.tokens(outside) if t not in own]
    optional = [t for t in vocab.tokens(inside) if t not in own and t not in required]
    telling = [t for t in required if t not in asked]
    if telling:
        required = telling
    if not required:  # everything was in brackets: the bracketed words are the point
        required, optional = optional, []
    return _KeyPoint(
        text,
        topic,
        tuple(dict.fromkeys(required)),
        tuple(dict.fromkeys(optional)),
        frozenset(vocab.topics_in(vocab.tokens(body))),
        ratings.point_level(body),
        bool(NEGATION.search(body)),
    )


def _owner(text: str, question: Question, vocab: Vocabulary) -> tuple[str | None, str]:
    """The topic a key point is about: its "Name: " prefix, else the question's only topic."""
    found = _PREFIX.match(text)
    if found:
        named = vocab.topics_in(vocab.tokens(found.group(1)))
        if len(named) == 1 and len(vocab.tokens(found.group(1))) == 1:
            return named.pop(), found.group(2)
    if len(question.topics) == 1:
        return question.topics[0], text
    mentioned = vocab.topics_in(vocab.tokens(text))
    return (mentioned.pop() if len(mentioned) == 1 else None), text


def _allowed(point: _KeyPoint, clause: Clause) -> bool:
    return (
        not clause.topics
        or point.topic is None
        or point.topic in clause.topics
        or clause.topics <= point.mentions
    )


def _coverage(point: _KeyPoint, clauses: list[Clause], vocab: Vocabulary, multi: bool) -> float:
    allowed = [c for c in clauses if _allowed(point, c)]
    said = {t for c in allowed for t in (c.tokens if point.negated else c.affirmed)}
    if not point.required or not said:
        return 0.0
    total = sum(vocab.weight(t) for t in point.required)
    got = sum(vocab.weight(t) for t in point.required if _said(t, said))
    extra = min(total, sum(vocab.weight(t) for t in point.optional if _said(t, said)))
    if point.level is not None:  # "extremely easy" says "Very High"; in a comparison, of a named topic
        heard = next(
            (
                level
                for c in allowed
                if (c.topics or not multi) and (level := ratings.said_level(c.text)) is not None
            ),
            None,
        )
        if heard is not None:
            got = max(got, total * ratings.closeness(point.level, heard))
    return min(1.0, (got + 0.5 * extra) / total)


def _said(token: str, said: set[str]) -> bool:
    return token in said or any(same_word(token, other) for other in said)


def _credit(coverage: float) -> float:
    if coverage >= FULL:
        return 1.0
    return max(0.0, (coverage - 0.2) / (FULL - 0.2))


def _mixups(clauses: list[Clause], question: Question, vocab: Vocabulary, asked: set[str]) -> tuple[str, ...]:
    """Telling words the knowledge base ties to a topic other than the one the clause is about."""
    found: dict[str, str] = {}
    for clause in clauses:
        about = clause.topics or (frozenset(question.topics) if len(question.topics) == 1 else frozenset())
        if not about:
            continue
        for token in clause.tokens:
            if token in asked or token in found:
                continue
            owner = vocab.belongs_elsewhere(token, about)
            if owner is not None:
                subject = " and ".join(vocab.names.get(t, t) for t in sorted(about))
                found[token] = (
                    f"“{token.replace(FRAGMENT_MARK, ' ')}” goes with {vocab.names.get(owner, owner)}, not "
                    f"{subject}"
                )
    return tuple(found.values())


def _feedback(score: int, covered: int, total: int, mixups: tuple[str, ...]) -> str:
    if score >= 80:
        verdict = "Strong answer."
    elif score >= 60:
        verdict = "Good answer, with gaps."
    elif score >= 35:
        verdict = "Partly there."
    else:
        verdict = "Not there yet."
    text = f"{verdict} You covered {covered} of {total} key points."
    if mixups:
        text += " Watch the mix-up: " + "; ".join(mixups) + "."
    return text


__all__ = ["GradeResult", "grade", "vocabulary"]
