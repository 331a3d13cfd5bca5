"""CSV and TSV question sets: a header row naming the columns (question, answer, key points, topic,
difficulty; any order, only question and answer required), then one question a row. Key points in
one cell are separated by ";" or "|". See docs/questions-import.md for the template."""

from __future__ import annotations

import csv
import io

from knowledge.imports.common import Checker, Entry, column_of, decode, split_points
from knowledge.problems import Problem

MAX_FIELD = 100_000  # characters in one cell


def read_tabular(data: bytes, checker: Checker, delimiter: str) -> None:
    text, bad = decode(data, checker.path)
    if text is None:
        checker.problems.append(bad or Problem(checker.path, None, "unreadable"))
        return
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        checker.problem(line, "a NUL byte: this is not a text file")
        return
    old_limit = csv.field_size_limit()
    csv.field_size_limit(MAX_FIELD)
    try:
        _read_rows(text, checker, delimiter)
    finally:
        csv.field_size_limit(old_limit)


def _read_rows(text: str, checker: Checker, delimiter: str) -> None:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    columns: list[str | None] | None = None
    start = 1
    try:
        for row in reader:
            line, start = start, reader.line_num + 1
            if not any(cell.strip() for cell in row):
                continue
            if columns is None:
                columns = [column_of(cell) for cell in row]
                if "question" not in columns or "answer" not in columns:
                    shown = delimiter.join(row)[:80]
                    checker.problem(
                        line,
                        "expected a header row naming the columns question, answer (and "
                        f"optionally key points, topic, difficulty); found {shown!r}",
                    )
                    return
                continue
            if len(row) > len(columns):
                checker.problem(
                    line,
                    f"{len(row)} cells but the header names {len(columns)} columns "
                    f"(is a {_name(delimiter)} inside a cell? put the cell in double quotes)",
                )
                continue
            if checker.full():
                return
            checker.add(_entry(line, row, columns))
    except csv.Error as error:
        checker.problem(reader.line_num or start, f"cannot read this row: {error}")
        return
    if columns is None:
        checker.problem(1, "empty file: expected a header row and questions")


def _entry(line: int, row: list[str], columns: list[str | None]) -> Entry:
    cells = {column: cell for column, cell in zip(columns, row, strict=False) if column}
    return Entry(
        f"line {line}",
        line,
        cells.get("question", ""),
        cells.get("answer", ""),
        split_points(cells.get("key_points", "")),
        [t for t in cells.get("topic", "").replace(";", ",").split(",")],
        cells.get("difficulty", ""),
    )


def _name(delimiter: str) -> str:
    return "tab" if delimiter == "\t" else repr(delimiter)
