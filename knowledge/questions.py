"""Curated interview questions from questions/*.yaml, validated item by item with file:line.

Each file is a list of items (or a mapping with a `questions:` list):
    - id: stable-slug
      text: the question
      topics: [topic ids]
      aspect: aspect id or null
      difficulty: easy | medium | hard
      key_points: [3-6 short statements a good answer covers]
      model_answer: a full answer
      alternatives: [other full answers a grader accepts] (optional)
"""

from __future__ import annotations

from collections.abc import Container, Iterable
from pathlib import Path
from typing import Any

from knowledge.model import Question, Source
from knowledge.problems import Problem
from knowledge.yamlsafe import Located, line_of, load_yaml

DIFFICULTIES = ("easy", "medium", "hard")
MIN_POINTS, MAX_POINTS = 3, 6
_FIELDS = ("id", "text", "topics", "aspect", "difficulty", "key_points", "model_answer", "alternatives")


def load_questions(
    paths: Iterable[Path], topics: Container[str], aspects: Container[str]
) -> tuple[list[Question], list[Problem]]:
    questions: list[Question] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for path in paths:
        data, found = load_yaml(path)
        problems += found
        items = data.get("questions") if isinstance(data, dict) else data
        if data is not None and not isinstance(items, list):
            problems.append(Problem(str(path), line_of(data, 1), "expected a list of questions"))
            continue
        for item in items or ():
            question, wrong = _question(str(path), item, topics, aspects)
            if question and question.id in seen:
                wrong.append(
                    Problem(
                        str(path),
                        line_of(item),
                        f"duplicate question id {question.id!r} (first at {seen[question.id]})",
                    )
                )
            elif question and not wrong:
                seen[question.id] = str(question.source)
                questions.append(question)
            problems += wrong
    return questions, problems


def _question(
    path: str, item: Any, topics: Container[str], aspects: Container[str]
) -> tuple[Question | None, list[Problem]]:
    line = line_of(item)
    if not isinstance(item, Located):
        return None, [Problem(path, line, "a question must be a mapping with id, text, key_points, ...")]
    wrong = [(k, f"unknown field {k!r}") for k in item if k not in _FIELDS]
    wrong += _text_mistakes(item) + _topic_mistakes(item, topics) + _aspect_mistakes(item, aspects)
    wrong += _point_mistakes(item) + _alternative_mistakes(item)
    if wrong:
        return None, [Problem(path, item.key_lines.get(key, line), problem) for key, problem in wrong]
    return Question(
        str(item["id"]).strip(),
        str(item["text"]).strip(),
        tuple(item["topics"]),
        item.get("aspect"),
        str(item["difficulty"]),
        tuple(p.strip() for p in item["key_points"]),
        str(item["model_answer"]).strip(),
        "curated",
        Source(path, line),
        tuple(" ".join(a.split()) for a in item.get("alternatives") or ()),
    ), []


def _text_mistakes(item: Located) -> list[tuple[str, str]]:
    return [
        (key, f"question needs a non-empty {key!r}")
        for key in ("id", "text", "model_answer")
        if not isinstance(item.get(key), str) or not item[key].strip()
    ]


def _topic_mistakes(item: Located, topics: Container[str]) -> list[tuple[str, str]]:
    topic_ids = item.get("topics")
    if not isinstance(topic_ids, list) or not topic_ids or not all(isinstance(t, str) for t in topic_ids):
        return [("topics", "question needs 'topics': a list of topic ids")]
    return [("topics", f"unknown topic {t!r}") for t in topic_ids if t not in topics]


def _aspect_mistakes(item: Located, aspects: Container[str]) -> list[tuple[str, str]]:
    wrong = []
    aspect = item.get("aspect")
    if aspect is not None and (not isinstance(aspect, str) or aspect not in aspects):
        wrong.append(("aspect", f"unknown aspect {aspect!r}"))
    difficulty = item.get("difficulty")
    if difficulty not in DIFFICULTIES:
        wrong.append(
            ("difficulty", f"difficulty must be one of {', '.join(DIFFICULTIES)}, not {difficulty!r}")
        )
    return wrong


def _point_mistakes(item: Located) -> list[tuple[str, str]]:
    points = item.get("key_points")
    if (
        not isinstance(points, list)
        or not all(isinstance(p, str) and p.strip() for p in points)
        or not points
    ):
        return [("key_points", "question without key points (key_points: a list of short statements)")]
    if not MIN_POINTS <= len(points) <= MAX_POINTS:
        return [("key_points", f"{len(points)} key points; give {MIN_POINTS} to {MAX_POINTS}")]
    return []


def _alternative_mistakes(item: Located) -> list[tuple[str, str]]:
    alternatives = item.get("alternatives")
    if alternatives is None:
        return []
    if not isinstance(alternatives, list) or not all(isinstance(a, str) and a.strip() for a in alternatives):
        return [("alternatives", "alternatives must be a list of model answers (non-empty text)")]
    return []
