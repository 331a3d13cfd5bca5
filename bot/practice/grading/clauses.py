"""An answer cut into clauses, each tagged with the topics it is about (for grading).

Who a clause is about: the question's topic, when there is one, is the subject to begin with. A
clause that opens with a topic makes it the subject; a clause naming none is about the current
subject ("It was made by Acme"); a topic named later in a clause is an object, so the clause is
about the subject too ("Beta, now part of Alpha"). "Both"/"all"/"each" make a clause about every
topic of the question. Words after a negation ("not", "can't", "no") are not affirmed: they do not
count for a key point that is itself affirmative.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.practice.grading.vocabulary import TOPIC_PREFIX, Vocabulary

_CLAUSE = re.compile(
    r"[.!?](?=\s|$)|[;,\n]|\b(?:while|whereas|but|however|unlike|although|whilst)\b", re.IGNORECASE
)
_AND = re.compile(r"\band\b", re.IGNORECASE)
NEGATION = re.compile(
    r"\b(?:not|no|never|cannot|can['’]t|isn['’]t|aren['’]t|doesn['’]t|don['’]t|won['’]t|"
    r"without|neither|nor|lacks?|lacking)\b",
    re.IGNORECASE,
)
_EVERY = re.compile(r"\b(?:both|all|each|either|neither)\b", re.IGNORECASE)
NEGATION_SCOPE = 4  # words after "not"/"without" that it negates
LEAD_WORDS = 1  # a topic as a clause's first telling word is that clause's subject


@dataclass(frozen=True, slots=True)
class Clause:
    tokens: tuple[str, ...]
    topics: frozenset[str]
    text: str = ""
    affirmed: tuple[str, ...] = ()  # the tokens before any negation


def split(answer: str, question_topics: Sequence[str], vocab: Vocabulary) -> list[Clause]:
    clauses: list[Clause] = []
    subject = frozenset(question_topics) if len(question_topics) == 1 else frozenset()
    for piece in _pieces(answer, vocab):
        tokens = tuple(vocab.tokens(piece))
        if not tokens:
            continue
        named = [t[len(TOPIC_PREFIX) :] for t in tokens if t.startswith(TOPIC_PREFIX)]
        lead = [t[len(TOPIC_PREFIX) :] for t in tokens[:LEAD_WORDS] if t.startswith(TOPIC_PREFIX)]
        if lead:
            subject = frozenset(lead[:1])
            about = frozenset(named)
        elif named:
            subject = subject or frozenset(named[:1])
            about = frozenset(named) | subject
        else:
            about = subject
        if _EVERY.search(piece):
            about |= frozenset(question_topics)
        clauses.append(Clause(tokens, about, piece, _affirmed(piece, tokens, vocab)))
    return clauses


def _affirmed(piece: str, tokens: tuple[str, ...], vocab: Vocabulary) -> tuple[str, ...]:
    """The clause's tokens without the few words each negation governs ("without the Python code")."""
    if not NEGATION.search(piece):
        return tokens
    kept: list[str] = []
    rest = piece
    while (negation := NEGATION.search(rest)) is not None:
        kept.append(rest[: negation.start()])
        rest = " ".join(rest[negation.end() :].split()[NEGATION_SCOPE:])
    kept.append(rest)
    return tuple(vocab.tokens(" ".join(kept)))


def _pieces(answer: str, vocab: Vocabulary) -> list[str]:
    """Clauses by punctuation and contrast words; "and" starts one only when a topic follows it."""
    pieces: list[str] = []
    for part in _CLAUSE.split(answer):
        chunks = _AND.split(part)
        current = chunks[0]
        for chunk in chunks[1:]:
            lead = vocab.tokens(chunk)[:LEAD_WORDS]
            if any(t.startswith(TOPIC_PREFIX) for t in lead):
                pieces.append(current)
                current = chunk
            else:
                current += " and " + chunk
        pieces.append(current)
    return pieces
