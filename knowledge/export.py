"""A compiled KnowledgeBase as plain data (for `kb build`'s readable YAML)."""

from __future__ import annotations

from typing import Any

from knowledge.model import KnowledgeBase, Source


def as_data(kb: KnowledgeBase) -> dict[str, Any]:
    return {
        "topics": {
            t.id: {
                "name": t.name,
                "aliases": list(t.aliases),
                "definition": t.definition,
                "description": list(t.description),
                "source": _src(t.source),
            }
            for t in kb.topics.values()
        },
        "aspects": {a.id: {"label": a.label, "aliases": list(a.aliases)} for a in kb.aspects.values()},
        "table": {
            aspect: {topic: kb.cell(aspect, topic) for topic in kb.topics if kb.cell(aspect, topic)}
            for aspect in kb.table_aspects()
        },
        "facts": [
            {"topic": f.topic, "aspect": f.aspect, "text": f.text, "source": _src(f.source)} for f in kb.facts
        ],
        "use_cases": [{"topic": u.topic, "text": u.text, "source": _src(u.source)} for u in kb.use_cases],
        "model_answers": [
            {"question": m.question, "topics": list(m.topics), "text": m.text, "source": _src(m.source)}
            for m in kb.model_answers
        ],
        "questions": [
            {
                "id": q.id,
                "text": q.text,
                "topics": list(q.topics),
                "aspect": q.aspect,
                "difficulty": q.difficulty,
                "key_points": list(q.key_points),
                "model_answer": q.model_answer,
                "source": _src(q.source),
            }
            for q in kb.questions
        ],
        "documents": list(kb.documents),
        "problems": list(kb.problems),
    }


def _src(source: Source | None) -> str | None:
    return str(source) if source else None
