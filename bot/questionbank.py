"""Question bank (being built)."""

from __future__ import annotations

from dataclasses import dataclass

from knowledge.model import KnowledgeBase, Question


@dataclass(frozen=True)
class QuestionBank:
    questions: tuple[Question, ...]

    @classmethod
    def build(cls, kb: KnowledgeBase) -> QuestionBank:
        return cls(questions=kb.questions)
