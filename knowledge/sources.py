"""Which files make up a knowledge folder, and reading a document safely."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from knowledge.problems import Problem

BUNDLED = Path(__file__).resolve().parent
MAX_BYTES = 1_000_000  # per knowledge file; larger ones are reported, never read
DOC_SUFFIXES = (".md", ".markdown", ".txt")
OVERLAY = "aliases.yaml"
QUESTIONS = "questions"
_NOT_KNOWLEDGE = {"readme", "changelog", "license", "contributing"}  # a folder's own housekeeping


@dataclass(frozen=True, slots=True)
class Layout:
    documents: tuple[Path, ...]
    overlay: Path | None
    questions: tuple[Path, ...]

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
    documents = sorted(p for p in docs_dir.rglob("*")
                       if p.suffix.lower() in DOC_SUFFIXES and p.is_file() and not _hidden(p, docs_dir)
                       and QUESTIONS not in p.relative_to(docs_dir).parts[:-1]
                       and p.stem.casefold() not in _NOT_KNOWLEDGE)
    overlay = root / OVERLAY
    questions = sorted(q for q in (root / QUESTIONS).glob("*.y*ml") if q.is_file())
    return Layout(tuple(documents), overlay if overlay.is_file() else None, tuple(questions))


def read_document(path: Path) -> tuple[str | None, list[Problem]]:
    """The document's text, or None and why not (too large, not UTF-8, unreadable)."""
    name = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return None, [Problem(name, 1, f"file is {size:,} bytes, over the {MAX_BYTES:,}-byte limit")]
        data = path.read_bytes()
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
