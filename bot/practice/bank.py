"""The question bank: interview questions generated from the knowledge base, plus the curated ones.

Generated kinds (ids are stable: they depend only on the documents):
- ``definition:<topic>``: "What is X and what is it used for?"
- ``aspect:<topic>:<aspect>``: one per comparison-table cell ("How does X handle deployment?")
- ``compare:<a>,<b>[,...]:<aspect>``: every pair of topics, and all topics together, per table row
- ``use_case:<topic>`` and ``pick:<topic>`` ("When would you pick X over Y?")
- ``model_answer:<topics>``: one per model answer in the documents
Key points come from the facts, cells and use cases; a point about one topic in a multi-topic
question starts with "Name: ", which is how grading knows whose fact it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from itertools import combinations, islice

from bot.answers.wording import aspect_label, best_for_aspect, name
from knowledge.model import KnowledgeBase, Question

MAX_POINTS = 5
_TOP_LEVEL_COMMA = re.compile(r",\s*(?![^()]*\))")
_SENTENCE = re.compile(r"(?<=[.!?])\s+|;\s*|,?\s+\b(?:while|whereas)\b\s+|,\s+(?:but|so)\s+", re.IGNORECASE)
_FIRST_PERSON = re.compile(r"\b(?:I|I['’]\w+|we|my|our)\b", re.IGNORECASE)  # personal experience
_DEFINITION_CORE = re.compile(r"\bis (?:an?|the)\s+((?:\S+\s+){2}.*?|.+?)(?:,|\.(?:\s|$)|$)", re.IGNORECASE)
_RELATED_FACTS = 2
_NAMED_ALTERNATIVES = 3  # "over X or Y" up to this many, else "over the alternatives"
_CELL_WHOLE = 4  # a table cell of up to this many words is one key point, not a list


@dataclass(frozen=True)
class QuestionBank:
    questions: tuple[Question, ...]
    _by_id: dict[str, Question] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {q.id: q for q in self.questions})

    @classmethod
    def build(cls, kb: KnowledgeBase) -> QuestionBank:
        found: dict[str, Question] = {}
        for question in (*_generated(kb), *kb.questions):
            if question.key_points and question.id not in found:
                found[question.id] = question
        return cls(questions=tuple(found.values()))

    def with_imported(self, imported: Sequence[Question]) -> QuestionBank:
        """This bank plus imported questions (bot/storage/imported.py); an id already here wins."""
        extra = tuple(q for q in imported if q.key_points and q.id not in self._by_id)
        return QuestionBank(self.questions + tuple({q.id: q for q in extra}.values())) if extra else self

    def get(self, question_id: str) -> Question | None:
        return self._by_id.get(question_id)

    def filter(
        self, topics: Sequence[str] | None = None, difficulty: str | None = None, aspect: str | None = None
    ) -> list[Question]:
        """Questions on any of `topics` (all when empty), at `difficulty`, on `aspect`."""
        wanted = set(topics or ())
        return [
            q
            for q in self.questions
            if (not wanted or wanted & set(q.topics))
            and (difficulty is None or q.difficulty == difficulty)
            and (aspect is None or q.aspect == aspect)
        ]


def _generated(kb: KnowledgeBase) -> Iterator[Question]:
    for topic_id in kb.topics:
        yield _definition(kb, topic_id)
    for aspect_id in kb.table_aspects():
        for topic_id in kb.topics:
            if kb.cell(aspect_id, topic_id):
                yield _aspect(kb, topic_id, aspect_id)
    yield from _comparisons(kb)
    for topic_id in kb.topics:
        yield _use_case(kb, topic_id)
        yield _pick(kb, topic_id)
    used: set[str] = set()
    for model in kb.model_answers:
        question = _model_answer(kb, model.text, model.topics, model.question)
        base, number = question.id, 1
        while question.id in used:
            number += 1
            question = replace(question, id=f"{base}:{number}")
        used.add(question.id)
        yield question


def _definition(kb: KnowledgeBase, topic_id: str) -> Question:
    topic = kb.topics[topic_id]
    core = _DEFINITION_CORE.search(_unquote(topic.definition))
    best = best_for_aspect(kb)
    points = [
        core.group(1) if core else "",
        *_fact_texts(kb, topic_id, "developer")[:1],
        kb.cell(best, topic_id) or "" if best else "",
        *_use_case_items(kb, topic_id)[:2],
    ]
    model = " ".join(p for p in (_unquote(topic.definition), _sentence(kb, topic_id)) if p)
    return _question(
        f"definition:{topic_id}",
        f"What is {topic.name} and what is it used for?",
        (topic_id,),
        None,
        "easy",
        points,
        model,
        "definition",
    )


def _aspect(kb: KnowledgeBase, topic_id: str, aspect_id: str) -> Question:
    label = aspect_label(kb, aspect_id)
    cell = kb.cell(aspect_id, topic_id) or ""
    related = _related_facts(kb, topic_id, aspect_id, label)
    if aspect_id == best_for_aspect(kb):
        text = f"What is {name(kb, topic_id)} best for?"
    else:
        text = f"How does {name(kb, topic_id)} handle {_lower(label)}?"
    model = f"{name(kb, topic_id)}, {_lower(label)}: {_clean(cell)}." + "".join(f" {f}." for f in related)
    return _question(
        f"aspect:{topic_id}:{aspect_id}",
        text,
        (topic_id,),
        aspect_id,
        "medium",
        [*_split(cell, _CELL_WHOLE), *related],
        model,
        "aspect",
    )


_MAX_COMPARED = 8  # topics per aspect paired in comparison questions


def _comparisons(kb: KnowledgeBase) -> Iterator[Question]:
    best = best_for_aspect(kb)
    order = {t: i for i, t in enumerate(kb.topics)}
    having: dict[str, list[str]] = {}
    for aspect_id, topic_id in kb.cells:
        if topic_id in order:
            having.setdefault(aspect_id, []).append(topic_id)
    for aspect_id in kb.table_aspects():
        # pairs among the first topics that have this cell (bounded: a 5,000-column table is not 12M pairs)
        topic_ids = sorted(having.get(aspect_id, []), key=order.__getitem__)[:_MAX_COMPARED]
        groups = [list(pair) for pair in combinations(topic_ids, 2)]
        if 2 < len(topic_ids) == len(kb.topics):
            groups.append(topic_ids)
        for group in groups:
            have = [t for t in group if kb.cell(aspect_id, t)]
            if len(have) < len(group):
                continue
            names = _names(kb, group)
            label = _lower(aspect_label(kb, aspect_id))
            text = (
                f"Compare {names}: when would you pick each?"
                if aspect_id == best
                else f"Compare {names} for {label}."
            )
            points = [f"{name(kb, t)}: {_clean(kb.cell(aspect_id, t) or '')}" for t in group]
            yield _question(
                f"compare:{','.join(sorted(group))}:{aspect_id}",
                text,
                tuple(group),
                aspect_id,
                "medium" if len(group) == 2 else "hard",
                points,
                "; ".join(points) + ".",
                "compare",
            )


def _use_case(kb: KnowledgeBase, topic_id: str) -> Question:
    items = _use_case_items(kb, topic_id)
    model = f"{name(kb, topic_id)} is typically used for: {', '.join(items)}." if items else ""
    return _question(
        f"use_case:{topic_id}",
        f"What are typical use cases for {name(kb, topic_id)}?",
        (topic_id,),
        "use_cases",
        "easy",
        items[:MAX_POINTS],
        model,
        "use_case",
    )


def _pick(kb: KnowledgeBase, topic_id: str) -> Question:
    named = len(kb.topics) <= _NAMED_ALTERNATIVES + 1  # else no need to list them (linear per topic)
    others = (
        [t for t in kb.topics if t != topic_id] if named else list(islice(kb.topics, _NAMED_ALTERNATIVES + 1))
    )
    best = best_for_aspect(kb)
    points = [
        *(_split(kb.cell(best, topic_id) or "", _CELL_WHOLE) if best else []),
        *_use_case_items(kb, topic_id)[:2],
    ]
    over = _names(kb, others, "or") if 0 < len(others) <= _NAMED_ALTERNATIVES else "the alternatives"
    text = f"When would you pick {name(kb, topic_id)} over {over}?"
    return _question(
        f"pick:{topic_id}", text, (topic_id,), best, "medium", points, _sentence(kb, topic_id), "pick"
    )


def _model_answer(kb: KnowledgeBase, text: str, topics: tuple[str, ...], asked: str) -> Question:
    topic_ids = tuple(t for t in topics if t in kb.topics) or tuple(kb.topics)
    clauses = [c.strip(" “”\"'.") for c in _SENTENCE.split(_unquote(text))]
    points = [c for c in clauses if c and not _FIRST_PERSON.search(c) and len(c.split()) >= 3]
    question_text = asked or f"In an interview, how would you sum up {_names(kb, list(topic_ids))}?"
    return _question(
        f"model_answer:{','.join(sorted(topic_ids))}",
        question_text,
        topic_ids,
        None,
        "hard",
        points,
        _unquote(text),
        "model_answer",
    )


def _question(
    qid: str,
    text: str,
    topics: tuple[str, ...],
    aspect: str | None,
    difficulty: str,
    points: Sequence[str],
    model: str,
    kind: str,
) -> Question:
    unique = list(dict.fromkeys(_clean(p) for p in points if _clean(p)))
    return Question(
        id=qid,
        text=text,
        topics=topics,
        aspect=aspect,
        difficulty=difficulty,
        key_points=tuple(unique[:MAX_POINTS]),
        model_answer=_clean(model),
        kind=kind,
    )


def _related_facts(kb: KnowledgeBase, topic_id: str, aspect_id: str, label: str) -> list[str]:
    """Facts of this topic filed under the aspect, or whose words start like the aspect's label."""
    stems = {w[:5].lower() for w in re.findall(r"[A-Za-z]{4,}", label)}
    found = [f.text for f in kb.facts_for(topic_id, aspect_id)]
    for fact in kb.facts_for(topic_id):
        words = {w[:5].lower() for w in re.findall(r"[A-Za-z]{4,}", fact.text)}
        if fact.text not in found and stems & words:
            found.append(fact.text)
    return found[:_RELATED_FACTS]


def _fact_texts(kb: KnowledgeBase, topic_id: str, aspect_id: str) -> list[str]:
    return [f.text for f in kb.facts_for(topic_id, aspect_id)]


def _use_case_items(kb: KnowledgeBase, topic_id: str) -> list[str]:
    return [item for case in kb.use_cases_for(topic_id) for item in _split(case.text)]


def _sentence(kb: KnowledgeBase, topic_id: str) -> str:
    best = best_for_aspect(kb)
    cell = kb.cell(best, topic_id) if best else None
    items = _use_case_items(kb, topic_id)
    parts = [
        f"Best for: {_clean(cell)}." if cell else "",
        f"Typical uses: {', '.join(items)}." if items else "",
    ]
    return " ".join(p for p in parts if p)


def _split(text: str, min_words: int = 0) -> list[str]:
    """A list-like text as its items; texts of up to `min_words` words stay whole."""
    text = _clean(text)
    if len(text.split()) <= min_words:
        return [text] if text else []
    return [
        part.strip()
        for part in _TOP_LEVEL_COMMA.split(text)
        if len(part.strip()) > 1 and part.strip().lower() not in ("etc", "etc.")
    ]


def _names(kb: KnowledgeBase, topic_ids: Sequence[str], conjunction: str = "and") -> str:
    names = [name(kb, t) for t in topic_ids]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" {conjunction} " + names[-1]


def _lower(label: str) -> str:
    """ "Ease of Use" -> "ease of use", keeping acronyms: "API Type" -> "API type"."""
    return " ".join(w if w.isupper() and len(w) > 1 else w.lower() for w in label.split())


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("`", "").replace("**", "")).strip()


def _unquote(text: str) -> str:
    return _clean(text).strip("“”\"' ")


__all__ = ["QuestionBank"]
