"""`prepbot questions import FILE [--dry-run] [--db URL] [--knowledge DIR] [--topic T]`: bring your
own questions (CSV, TSV, Anki .apkg, questions YAML; see docs/questions-import.md).

Every problem is printed with file and line and the exit status is 1; an import with any problem adds
nothing. The dry run prints what would be added (a count per topic, the first few questions).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from bot.cli.common import database_errors, db_option, knowledge_option, settings_from
from bot.errors import UserError
from knowledge.imports import ImportResult

SHOWN = 5  # questions listed by a dry run


@click.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check the file and show what would be added; store nothing.")
@click.option(
    "--topic", "topics", multiple=True, metavar="T", help="Topic for questions that name none (repeatable)."
)
@db_option
@knowledge_option
def import_command(
    file: Path, dry_run: bool, topics: tuple[str, ...], db: str | None, knowledge: Path | None
) -> None:
    """Import questions from FILE (.csv, .tsv, .apkg, .yaml) into the question bank."""
    import knowledge as knowledge_package
    from bot.clock import SystemClock
    from bot.practice.bank import QuestionBank
    from bot.storage.imported import bank_with_imported
    from knowledge.imports import read_import_file, resolve_topic

    settings = settings_from(db, knowledge)
    kb = knowledge_package.load(settings.knowledge)
    default_topics = []
    for name in topics:
        topic = resolve_topic(kb, name)
        if topic is None:
            known = ", ".join(list(kb.topics)[:20])
            raise click.UsageError(f"--topic {name!r}: no such topic (known: {known})")
        default_topics.append(topic)
    with database_errors(settings.database_url):
        bank = bank_with_imported(QuestionBank.build(kb), settings.database_url)
    result = read_import_file(file, kb, bank.questions, default_topics)
    if dry_run or result.problems:
        click.echo(report(result))
        if result.problems:
            raise SystemExit(1)
        return
    with database_errors(settings.database_url):
        _store(result, settings.database_url, SystemClock().now())
    click.echo(f"Imported {_count(len(result.questions))} from {result.path}: {_per_topic(result)}.")


def _store(result: ImportResult, url: str | None, now: datetime) -> None:
    from bot.storage.db import Database
    from bot.storage.imported import ImportedStore

    db = Database(url)
    try:
        db.create_schema()
        ImportedStore(db).add(result.questions, now)
    except UserError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        db.dispose()


def report(result: ImportResult) -> str:
    """What a person reads: what would be added, then every problem with file:line."""
    lines: list[str] = []
    if result.questions and not result.problems:
        lines.append(f"{result.path} ({result.format}): {_count(len(result.questions))} would be added.")
    elif result.questions:
        lines.append(
            f"{result.path} ({result.format}): {_count(len(result.questions))} read fine, "
            f"but nothing is imported while the file has problems."
        )
    if result.questions:
        for topic, count in result.per_topic():
            lines.append(f"  {topic or '(no topic)'}: {count}")
        lines.append("First questions:")
        for question in result.questions[:SHOWN]:
            where = f"{question.source.line}: " if question.source and question.source.line else ""
            lines.append(
                f"  {where}[{question.difficulty}] {question.text}  "
                f"({len(question.key_points)} key point{'s' * (len(question.key_points) != 1)})"
            )
        if len(result.questions) > SHOWN:
            lines.append(f"  ... and {len(result.questions) - SHOWN} more")
    if result.problems:
        lines.append(
            f"{len(result.problems)} problem{'s' * (len(result.problems) != 1)}; nothing was imported:"
        )
        lines += [str(p) for p in result.problems]
    return "\n".join(lines)


def _per_topic(result: ImportResult) -> str:
    return ", ".join(f"{topic or '(no topic)'} {count}" for topic, count in result.per_topic())


def _count(n: int) -> str:
    return f"{n} question{'s' * (n != 1)}"
