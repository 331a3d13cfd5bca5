"""Terms that live in one topic's passages (a sub-project, a feature, a creator) -> that topic.

A term is a name-like token a reader would look up: CamelCase or with inner capitals
("SomeBoard"), an acronym ("ABC"), or a run of capitalised words that does not open a sentence
("Jane Doe"). It points to a topic when most of the passages that use it belong to that topic.
Purely statistical over the documents; nothing here knows any subject.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping

from knowledge.model import Passage, Topic
from knowledge.names import key_of

SHARE = 0.6  # of a term's uses that must be in one topic's passages
MAX_WORDS = 4
_UPPER = "A-ZÀ-ÖØ-Þ"
_LOWER = "a-zß-öø-ÿ"
_CAMEL = re.compile(
    rf"\b[{_UPPER}]?[{_LOWER}0-9]+(?:[{_UPPER}][{_LOWER}0-9]*)+\b|\b[{_UPPER}][{_LOWER}]+[{_UPPER}]\w*\b"
)
_ACRONYM = re.compile(rf"\b[{_UPPER}][{_UPPER}0-9]{{1,9}}\b")
_CAPITALISED = re.compile(
    rf"(?<![\w.!?:]\s)(?<!^)\b[{_UPPER}][\w'’-]*(?:\s+[{_UPPER}][\w'’-]*){{0,{MAX_WORDS - 1}}}"
)
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+|[-*•(]\s*)$")


def candidates(text: str) -> set[str]:
    """Name-like terms in a text (their surface forms)."""
    found = set(_CAMEL.findall(text)) | set(_ACRONYM.findall(text))
    for match in re.finditer(rf"[{_UPPER}][\w'’-]*(?:\s+[{_UPPER}][\w'’-]*){{0,{MAX_WORDS - 1}}}", text):
        if _SENTENCE_START.search(text[: match.start()]):
            words = match.group().split()
            if len(words) > 1:  # "Jane Doe wrote" at a sentence start still names someone
                found.add(" ".join(words))
            continue
        found.add(match.group())
    return {t.strip("'’-") for t in found if 1 < len(t) <= 40}


def find_terms(passages: Iterable[Passage], topics: Mapping[str, Topic]) -> dict[str, str]:
    """casefolded term -> topic id for terms mostly used in one topic's passages."""
    taken = {key_of(n) for t in topics.values() for n in (t.name, t.id, *t.aliases)}
    uses: dict[str, Counter[str]] = defaultdict(Counter)
    for passage in passages:
        if not passage.topics:
            continue
        for term in candidates(passage.text):
            uses[term.casefold()][passage.topics[0]] += 1
    terms: dict[str, str] = {}
    for term, counts in uses.items():
        if key_of(term) in taken:
            continue
        topic, count = counts.most_common(1)[0]
        if count >= SHARE * sum(counts.values()):
            terms[term] = topic
    return terms
