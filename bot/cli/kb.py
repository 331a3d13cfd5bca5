"""`prepbot kb`: check a knowledge folder, or write its compiled form as YAML."""

from __future__ import annotations

from pathlib import Path

import click

import knowledge
from knowledge import Problem

_DIR = click.Path(exists=True, path_type=Path)


@click.group()
def kb() -> None:
    """Knowledge folders: validate them, inspect what the bot will read."""


@kb.command()
@click.argument("directory", required=False, type=_DIR)
def check(directory: Path | None) -> None:
    """Validate a knowledge folder (default: the bundled one); one `file:line: problem` per line.

    Exits 1 when anything is wrong, 0 with a one-line summary otherwise.
    """
    report = knowledge.validate(directory)
    click.echo("\n".join(report.understood()))
    for problem in report.problems:
        click.echo(_show(problem))
    if report.ok:
        click.echo(f"{report.summary()}: OK")
        return
    click.echo(f"{report.summary()}: {len(report.problems)} problem(s)", err=True)
    click.get_current_context().exit(1)


@kb.command()
@click.argument("directory", required=False, type=_DIR)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    default=None,
    help="Write the YAML here instead of standard output.",
)
def build(directory: Path | None, output: Path | None) -> None:
    """Compile a knowledge folder and write the result as readable YAML."""
    import yaml

    report = knowledge.validate(directory)
    for problem in report.problems:
        click.echo(_show(problem), err=True)
    text = yaml.safe_dump(knowledge.as_data(report.kb), sort_keys=False, allow_unicode=True, width=100)
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        click.echo(f"{report.summary()}: written to {output}", err=True)


def _show(problem: Problem) -> str:
    """The problem with its path relative to the working directory where that is shorter."""
    try:
        path = str(Path(problem.path).relative_to(Path.cwd()))
    except ValueError:
        path = problem.path
    where = f"{path}:{problem.line}" if problem.line else path
    return f"{where}: {problem.problem}"
