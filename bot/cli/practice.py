"""`prepbot questions` (the question bank) and `prepbot grade` (grade one answer, or a batch as
JSON lines), for scripts."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import click

from bot.cli.common import db_option, knowledge_option, settings_from
from bot.cli.questions_import import import_command
from bot.practice.bank import QuestionBank
from bot.practice.grading import grade as grade_answer
from knowledge.model import KnowledgeBase, Question


def _bank(knowledge: Path | None) -> tuple[KnowledgeBase, QuestionBank]:
    import knowledge as knowledge_package

    settings = settings_from(None, knowledge)
    kb = knowledge_package.load(settings.knowledge)
    return kb, QuestionBank.build(kb)


@click.group(invoke_without_command=True)
@click.option(
    "--topic", "topics", multiple=True, metavar="T", help="Only questions on this topic (repeatable)."
)
@click.option("--difficulty", type=click.Choice(["easy", "medium", "hard"]), default=None)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
@click.option(
    "--lint",
    "lint",
    is_flag=True,
    help="Flag questions an interviewer would not ask (row-label wording, raw cells, prefixed or "
    "repeated key points, 'it doesn't' answers), each with the reason; exit 1 if any.",
)
@db_option
@knowledge_option
@click.pass_context
def questions(
    ctx: click.Context,
    topics: tuple[str, ...],
    difficulty: str | None,
    as_json: bool,
    lint: bool,
    db: str | None,
    knowledge: Path | None,
) -> None:
    """List the question bank: generated from the documents, the curated and the imported questions
    (`prepbot questions import FILE` brings your own)."""
    if ctx.invoked_subcommand is not None:
        return
    if lint:
        _lint(knowledge, topics, difficulty, as_json)
        return
    from bot.cli.common import database_errors
    from bot.storage.imported import bank_with_imported

    _kb, bank = _bank(knowledge)
    url = settings_from(db, knowledge).database_url
    with database_errors(url):
        bank = bank_with_imported(bank, url)
    found = bank.filter(topics or None, difficulty)
    if as_json:
        click.echo(json.dumps([_as_json(q) for q in found], ensure_ascii=False, indent=1))
        return
    for question in found:
        click.echo(f"{question.id}  [{question.difficulty}]\n  {question.text}")
        for point in question.key_points:
            click.echo(f"    • {point}")
    click.echo(f"{len(found)} question{'s' * (len(found) != 1)}.")


questions.add_command(import_command)


def _lint(knowledge: Path | None, topics: tuple[str, ...], difficulty: str | None, as_json: bool) -> None:
    """The generated and curated questions (not the database's imported ones) through the lint rules."""
    from bot.practice.lint import lint

    kb, bank = _bank(knowledge)
    found = bank.filter(topics or None, difficulty)
    findings = lint(found, kb)
    if as_json:
        click.echo(
            json.dumps(
                [{"id": f.question_id, "rule": f.rule, "reason": f.reason} for f in findings],
                ensure_ascii=False,
                indent=1,
            )
        )
    else:
        for finding in findings:
            click.echo(str(finding))
        flagged = len({f.question_id for f in findings})
        click.echo(
            f"{flagged} of {len(found)} question{'s' * (len(found) != 1)} flagged"
            + (f" ({len(findings)} finding{'s' * (len(findings) != 1)})." if findings else ".")
        )
    if findings:
        raise SystemExit(1)


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print {score, covered, missed} as JSON.")
@click.option(
    "--jsonl",
    "jsonl",
    is_flag=True,
    help='Grade many: one {"question_id", "answer"} object per line on standard input, one '
    '{"question_id", "score", "covered", "missed"} per line out.',
)
@knowledge_option
@click.argument("question_id", required=False)
@click.argument("answer", nargs=-1)
def grade(
    as_json: bool, jsonl: bool, knowledge: Path | None, question_id: str | None, answer: tuple[str, ...]
) -> None:
    """Grade ANSWER to the question QUESTION_ID (see `prepbot questions`), or with --jsonl a batch
    read from standard input (a bad line gets {"line", "error"} and the rest go on; the exit code
    is 1 if any line failed)."""
    if jsonl:
        if question_id is not None or answer:
            raise click.UsageError(
                "--jsonl reads the answers from standard input: give no QUESTION_ID or ANSWER."
            )
        failed, total = _grade_lines(*_bank(knowledge), sys.stdin.buffer)
        if failed:
            click.echo(f"{failed} of {total} lines could not be graded.", err=True)
            raise SystemExit(1)
        return
    if question_id is None or not answer:
        raise click.UsageError("Give QUESTION_ID and ANSWER (or --jsonl with the answers on standard input).")
    kb, bank = _bank(knowledge)
    question = bank.get(question_id)
    if question is None:
        raise click.ClickException(f"No question with id {question_id!r}. List them with: prepbot questions")
    result = grade_answer(question, " ".join(answer), kb, alternatives=question.alternatives)
    if as_json:
        click.echo(
            json.dumps(
                {"score": result.score, "covered": list(result.covered), "missed": list(result.missed)},
                ensure_ascii=False,
            )
        )
        return
    click.echo(f"Score: {result.score}/100\n{result.feedback}")
    for heading, points in (("Covered", result.covered), ("Missed", result.missed)):
        if points:
            click.echo(f"{heading}:\n" + "\n".join(f"  • {p}" for p in points))


def _grade_lines(kb: KnowledgeBase, bank: QuestionBank, lines: Iterable[bytes]) -> tuple[int, int]:
    """Grade each JSON line (the knowledge base and bank loaded once); returns (failed, total).
    Blank lines are skipped; every other line gets exactly one line out, in order."""
    failed = total = 0
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        total += 1
        try:
            question, text = _parse_line(raw, bank)
        except ValueError as problem:
            failed += 1
            click.echo(json.dumps({"line": number, "error": str(problem)}, ensure_ascii=False))
            continue
        result = grade_answer(question, text, kb, alternatives=question.alternatives)
        click.echo(
            json.dumps(
                {
                    "question_id": question.id,
                    "score": result.score,
                    "covered": list(result.covered),
                    "missed": list(result.missed),
                },
                ensure_ascii=False,
            )
        )
    return failed, total


def _parse_line(raw: bytes, bank: QuestionBank) -> tuple[Question, str]:
    try:
        item = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as problem:
        raise ValueError(f"not UTF-8 (byte {problem.start + 1})") from None
    except json.JSONDecodeError as problem:
        raise ValueError(f"not JSON: {problem.msg} at column {problem.colno}") from None
    if not isinstance(item, dict):
        raise ValueError(f'expected an object {{"question_id", "answer"}}, got a JSON {type(item).__name__}')
    for field in ("question_id", "answer"):
        if field not in item:
            raise ValueError(f'missing "{field}"')
        if not isinstance(item[field], str):
            raise ValueError(f'"{field}" must be a string, got {type(item[field]).__name__}')
    question = bank.get(item["question_id"])
    if question is None:
        raise ValueError(f"no question with id {item['question_id']!r} (list them with: prepbot questions)")
    return question, item["answer"]


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
@click.option("--limit", type=click.IntRange(1, 10_000), default=200, show_default=True)
@db_option
@knowledge_option
def disputes(as_json: bool, limit: int, db: str | None, knowledge: Path | None) -> None:
    """List contested grades ("I was right"), newest first, for the team to review."""
    from bot.storage import Stores
    from bot.storage.disputes import DisputeStore

    settings = settings_from(db, knowledge)
    stores = Stores.open(settings.database_url)
    try:
        found = DisputeStore(stores.db).list(limit)
    finally:
        stores.db.dispose()
    if as_json:
        click.echo(
            json.dumps(
                [
                    {
                        "user": d.user_key,
                        "channel": d.channel_key,
                        "question_id": d.question_id,
                        "score": d.score,
                        "answer": d.answer,
                        "graded_at": d.graded_at.isoformat(),
                        "disputed_at": d.disputed_at.isoformat() if d.disputed_at else None,
                    }
                    for d in found
                ],
                ensure_ascii=False,
                indent=1,
            )
        )
        return
    for d in found:
        when = f"{d.disputed_at:%Y-%m-%d %H:%M}" if d.disputed_at else ""
        click.echo(f"{when}  {d.user_key}  {d.question_id}  {d.score}/100\n  {d.answer}")
    click.echo(f"{len(found)} disputed grade{'s' * (len(found) != 1)}.")


def _as_json(question: Question) -> dict[str, Any]:
    return {
        "id": question.id,
        "text": question.text,
        "topics": list(question.topics),
        "aspect": question.aspect,
        "difficulty": question.difficulty,
        "key_points": list(question.key_points),
        "kind": question.kind,
    }
