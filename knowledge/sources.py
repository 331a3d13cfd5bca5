"""Which files make up a knowledge folder, and reading a document safely."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from knowledge.problems import Problem

BUNDLED = Path(__file__).resolve().parent
MAX_BYTES = 1_000_000  # per knowledge file; larger ones are reported, never read
DOC_SUFFIXES = (".md", ".markdown", ".txt")
OVERLAY = "aliases.yaml"
QUESTIONS = "questions"
# A folder's own housekeeping, not notes (README.md IS read: teams keep notes in READMEs).
_NOT_KNOWLEDGE = {
    "changelog": "a change log",
    "changes": "a change log",
    "history": "a change log",
    "license": "a licence",
    "licence": "a licence",
    "copying": "a licence",
    "contributing": "contribution guidelines",
    "code_of_conduct": "a code of conduct",
    "security": "a security policy",
}
MAX_FILES = 2_000  # documents per folder; more are reported, not read


@dataclass(frozen=True, slots=True)
class Layout:
    documents: tuple[Path, ...]
    overlay: Path | None
    questions: tuple[Path, ...]
    skipped: tuple[tuple[str, str], ...] = ()  # (path, why) for files in the folder not read

    def files(self) -> tuple[Path, ...]:
        return (*self.documents, *((self.overlay,) if self.overlay else ()), *self.questions)


def layout(root: Path | None) -> Layout:
    """The documents, overlay and question files of a folder (None = the bundled knowledge).

    Documents are the markdown files of `root/docs` if it exists, else of `root` and its sub-folders
    (except `questions/`, hidden files and README/CHANGELOG/LICENSE); a single file is a folder of
    one document.
    """
    root = (root or BUNDLED).expanduser().resolve()
    if root.is_file():
        return Layout((root,), None, ())
    docs_dir = root / "docs" if (root / "docs").is_dir() else root
    documents: list[Path] = []
    skipped: list[tuple[str, str]] = []
    for path in _walk(docs_dir):
        relative = path.relative_to(docs_dir)
        if (
            path.suffix.lower() not in DOC_SUFFIXES
            or _hidden(path, docs_dir)
            or QUESTIONS in relative.parts[:-1]
        ):
            continue
        why = _NOT_KNOWLEDGE.get(path.stem.casefold().replace("-", "_"))
        if why is None and not _inside(path, root):
            why = "a link to a file outside the knowledge folder (never followed)"
        elif why is None and not path.is_file():
            why = "not a regular file"
        if why:
            skipped.append((str(path), why))
        elif len(documents) >= MAX_FILES:
            skipped.append((str(path), f"over {MAX_FILES:,} documents in one folder"))
        else:
            documents.append(path)
    overlay = root / OVERLAY
    questions = sorted(q for q in (root / QUESTIONS).glob("*.y*ml") if q.is_file() and _inside(q, root))
    return Layout(
        tuple(documents),
        overlay if overlay.is_file() and _inside(overlay, root) else None,
        tuple(questions),
        tuple(skipped),
    )


def _walk(top: Path) -> list[Path]:
    """Files under `top`, sorted; links to directories are not descended into."""
    found: list[Path] = []
    for directory, subdirs, names in os.walk(top, followlinks=False):
        subdirs[:] = sorted(d for d in subdirs if not d.startswith("."))
        found += (Path(directory) / name for name in names)
        if len(found) > 20 * MAX_FILES:
            break
    return sorted(found)


def _inside(path: Path, root: Path) -> bool:
    """True when `path`, every link resolved, is still inside `root`."""
    try:
        return path.resolve().is_relative_to(root)
    except (OSError, RuntimeError):  # a link loop
        return False


def oversize(path: Path) -> Problem | None:
    """A problem when the file holds more than MAX_BYTES, by its size or, when the file system
    under-reports it (/proc), by reading."""
    size = path.stat().st_size
    if size <= MAX_BYTES and read_capped(path) is not None:
        return None
    said = (
        f"{size:,} bytes"
        if size > MAX_BYTES
        else f"over {MAX_BYTES:,} bytes (read; the file system says {size:,})"
    )
    return Problem(str(path), 1, f"file is {said}, over the {MAX_BYTES:,}-byte limit")


def read_capped(path: Path, limit: int = MAX_BYTES) -> bytes | None:
    """At most `limit` bytes of `path`, or None when it holds more. Reads, never trusts st_size
    (files under /proc report 0)."""
    with path.open("rb") as handle:
        data = handle.read(limit + 1)
    return None if len(data) > limit else data


def read_document(path: Path) -> tuple[str | None, list[Problem]]:
    """The document's text, or None and why not (too large, not UTF-8, unreadable)."""
    name = str(path)
    try:
        too_big = oversize(path)
        if too_big:
            return None, [too_big]
        data = read_capped(path) or b""
    except OSError as error:
        return None, [Problem(name, None, f"unreadable: {error.strerror or error}")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return None, [Problem(name, line, "not UTF-8 text")]
    if "\x00" in text:
        return None, [Problem(name, text[: text.index("\x00")].count("\n") + 1, "binary data (NUL bytes)")]
    if not text.strip():
        return None, [Problem(name, 1, "empty file")]
    return text, []


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)
