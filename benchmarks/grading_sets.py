"""The labelled answer sets, loaded with their questions and knowledge bases (benchmarks and tests)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

import knowledge
from bot.practice.bank import QuestionBank
from knowledge.model import KnowledgeBase, Question

ROOT = Path(__file__).resolve().parent.parent
REALDOCS = ROOT.parent / "shared" / "realdocs"
DOC_QUESTIONS = ROOT / "tests" / "bot" / "practice" / "data" / "grading_docs.yaml"
_DOC_KB = {"sdp": "system-design-primer-database", "attrs": "attrs-why-not"}


@dataclass(frozen=True, slots=True)
class Case:
    kb_name: str
    question: Question
    answer: str
    label: int  # 0-5, a fair human's grade
    alternatives: tuple[str, ...] = ()


@cache
def knowledge_base(name: str) -> KnowledgeBase:
    if name == "bundled":
        return knowledge.load(None)
    return knowledge.load(REALDOCS / _DOC_KB[name])


@cache
def _questions(name: str) -> dict[str, tuple[Question, tuple[str, ...]]]:
    if name == "bundled":
        return {q.id: (q, ()) for q in QuestionBank.build(knowledge_base(name)).questions}
    kb = knowledge_base(name)
    data = yaml.safe_load(DOC_QUESTIONS.read_text(encoding="utf-8"))[_DOC_KB[name]]
    found: dict[str, tuple[Question, tuple[str, ...]]] = {}
    for item in data:
        topics = tuple(
            t for t in kb.topics if t in item["id"] or kb.topics[t].name.lower() in item["text"].lower()
        )
        question = Question(
            item["id"],
            item["text"],
            topics[:1],
            None,
            "medium",
            tuple(item["key_points"]),
            " ".join(item["model_answer"].split()),
        )
        found[item["id"]] = (question, tuple(" ".join(a.split()) for a in item.get("alternatives", ())))
    return found


def cases() -> list[Case]:
    from tests.bot.practice.answer_sets_labelled import LABELLED

    out = []
    for kb_name, qid, answer, label in LABELLED:
        question, alternatives = _questions(kb_name)[qid]
        out.append(Case(kb_name, question, answer, label, alternatives))
    return out
