"""Reply -> the canonical plain text: console output, the `text` of `prepbot ask --json`, and the
fallback text adapters send beside their rich rendering."""

from __future__ import annotations

import textwrap

from bot.messages import Button, Reply, Section, Table
from bot.text import clean

CELL_WIDTH = 28
WIDTH = 100


def render(reply: Reply) -> str:
    parts: list[str] = [clean(reply.title)] if reply.title else []
    parts += [_section(section) for section in reply.sections]
    if reply.table is not None:
        parts.append(render_table(reply.table))
    if reply.citations:
        parts.append(clean(reply.source_line))
    if reply.footer:
        parts.append(clean(reply.footer))
    if reply.buttons:
        parts.append("Next: " + " · ".join(f"`{command_for(button)}`" for button in reply.buttons))
    return "\n\n".join(part for part in parts if part.strip())


def command_for(button: Button) -> str:
    """What a console user types to do what the button does."""
    name, _, arg = button.action.partition(":")
    if name == "model_answer":
        return "show model answer"
    if name == "compare":
        return "compare " + " ".join(arg.split(","))
    return f"{name} {arg}".strip()


def _section(section: Section) -> str:
    lines: list[str] = []
    if section.heading:
        lines.append(clean(section.heading))
    if section.text:
        lines.append(clean(section.text))
    lines += [f"• {clean(field.name)}: {clean(field.value)}" for field in section.fields]
    return "\n".join(lines)


def render_table(table: Table) -> str:
    """An aligned text grid; long cells wrap inside their column."""
    columns = len(table.columns)
    rows = [tuple(clean(c) for c in table.columns), *(_pad(row, columns) for row in table.rows)]
    widths = [min(CELL_WIDTH, max(len(row[i]) for row in rows)) for i in range(columns)]
    lines: list[str] = []
    for index, row in enumerate(rows):
        wrapped = [_wrap(cell, widths[i]) for i, cell in enumerate(row)]
        height = max(len(w) for w in wrapped)
        for line in range(height):
            cells = [(w[line] if line < len(w) else "").ljust(widths[i]) for i, w in enumerate(wrapped)]
            lines.append(" | ".join(cells).rstrip())
        if index == 0:
            lines.append("-+-".join("-" * w for w in widths))
    return "\n".join(lines)


def _wrap(cell: str, width: int) -> list[str]:
    if len(cell) <= width and "\n" not in cell:  # the common case, without textwrap's cost
        return [cell]
    return textwrap.wrap(cell, width) or [""]


def _pad(row: tuple[str, ...], columns: int) -> tuple[str, ...]:
    cells = tuple(clean(c) for c in row[:columns])
    return cells + ("",) * (columns - len(cells))
