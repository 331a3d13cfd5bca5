"""`prepbot questions` (the question bank) and `prepbot grade` (grade one answer), for scripts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from bot.commands.common import db_option, knowledge_option, settings_from
from bot.grading import grade as grade_answer
from bot.questionbank import QuestionBank
from knowledge.model import Question


def _bank(knowledge: Path | None) -> tuple[Any, QuestionBank]:
    import knowledge as knowledge_package

    settings = settings_from(None, knowledge)
    kb = knowledge_package.load(settings.knowledge)
    return kb, QuestionBank.build(kb)


@click.command()
@click.option("--topic", "topics", multiple=True, metavar="T", help="Only questions on this topic (repeatable).")
@click.option("--difficulty", type=click.Choice(["easy", "medium", "hard"]), default=None)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
@db_option
@knowledge_option
def questions(topics: tuple[str, ...], difficulty: str | None, as_json: bool, db: str | None,
              knowledge: Path | None) -> None:
    """List the question bank: generated from the documents, plus the curated questions."""
    _kb, bank = _bank(knowledge)
    found = bank.filter(topics or None, difficulty)
    if as_json:
        click.echo(json.dumps([_as_json(q) for q in found], ensure_ascii=False, indent=1))
        return
    for question in found:
        click.echo(f"{question.id}  [{question.difficulty}]\n  {question.text}")
        for point in question.key_points:
            click.echo(f"    • {point}")
    click.echo(f"{len(found)} question{'s' * (len(found) != 1)}.")


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print {score, covered, missed} as JSON.")
@knowledge_option
@click.argument("question_id")
@click.argument("answer", nargs=-1, required=True)
def grade(as_json: bool, knowledge: Path | None, question_id: str, answer: tuple[str, ...]) -> None:
    """Grade ANSWER to the question QUESTION_ID (see `prepbot questions`)."""
    kb, bank = _bank(knowledge)
    question = bank.get(question_id)
    if question is None:
        raise click.ClickException(f"No question with id {question_id!r}. List them with: prepbot questions")
    result = grade_answer(question, " ".join(answer), kb)
    if as_json:
        click.echo(json.dumps({"score": result.score, "covered": list(result.covered),
                               "missed": list(result.missed)}, ensure_ascii=False))
        return
    click.echo(f"Score: {result.score}/100\n{result.feedback}")
    for heading, points in (("Covered", result.covered), ("Missed", result.missed)):
        if points:
            click.echo(f"{heading}:\n" + "\n".join(f"  • {p}" for p in points))


def _as_json(question: Question) -> dict[str, Any]:
    return {"id": question.id, "text": question.text, "topics": list(question.topics),
            "aspect": question.aspect, "difficulty": question.difficulty,
            "key_points": list(question.key_points), "kind": question.kind}
