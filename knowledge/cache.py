"""Compiled knowledge bases stored in the user cache dir, keyed by every input file's absolute
path, size and mtime, the knowledge code's own files, and a format version.

The format is MessagePack (msgspec) straight into the model's dataclasses, which decodes about 3x
faster than unpickling the same object graph. Passages (most of the knowledge) are stored as one
blob inside it and decoded on first use (`LazyPassages`), so a cached load hands back a usable
knowledge base without building tens of thousands of passage objects first.

Any cache error (missing, corrupt, unwritable, stale) falls back to parsing: the cache can only
make loading faster, never different.
"""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path

import msgspec

from knowledge.model import (
    Aspect,
    Cell,
    Fact,
    KnowledgeBase,
    LazyPassages,
    ModelAnswer,
    Passage,
    Question,
    Topic,
    UseCase,
)

log = logging.getLogger(__name__)

FORMAT_VERSION = 3  # 3: the overlay's needs and synonyms
SUFFIX = ".kb"


class _Stored(msgspec.Struct, array_like=True):
    topics: list[tuple[str, Topic]]
    aspects: list[tuple[str, Aspect]]
    facts: tuple[Fact, ...]
    cells: list[tuple[str, str, Cell]]
    use_cases: tuple[UseCase, ...]
    model_answers: tuple[ModelAnswer, ...]
    questions: tuple[Question, ...]
    documents: tuple[str, ...]
    problems: tuple[str, ...]
    passages: bytes  # list[Passage] as MessagePack, decoded on first use
    terms: dict[str, str]
    needs: dict[str, tuple[str, ...]]
    synonyms: dict[str, str]


_DECODER = msgspec.msgpack.Decoder(_Stored)
_PASSAGES = msgspec.msgpack.Decoder(tuple[Passage, ...])


def encode(kb: KnowledgeBase) -> bytes:
    encoder = msgspec.msgpack.Encoder()
    stored = _Stored(
        list(kb.topics.items()),
        list(kb.aspects.items()),
        kb.facts,
        [(aspect, topic, cell) for (aspect, topic), cell in kb.cells.items()],
        kb.use_cases,
        kb.model_answers,
        kb.questions,
        kb.documents,
        kb.problems,
        encoder.encode(tuple(kb.passages)),
        dict(kb.terms),
        dict(kb.needs),
        dict(kb.synonyms),
    )
    return encoder.encode(stored)


def decode(data: bytes) -> KnowledgeBase:
    stored = _DECODER.decode(data)
    return KnowledgeBase(
        topics=dict(stored.topics),
        aspects=dict(stored.aspects),
        facts=stored.facts,
        cells={(aspect, topic): cell for aspect, topic, cell in stored.cells},
        use_cases=stored.use_cases,
        model_answers=stored.model_answers,
        questions=stored.questions,
        documents=stored.documents,
        problems=stored.problems,
        passages=LazyPassages(stored.passages, _PASSAGES.decode),
        terms=stored.terms,
        needs=stored.needs,
        synonyms=stored.synonyms,
    )


KEEP = 16  # compiled knowledge bases kept; older ones are pruned on write
_CODE = Path(__file__).resolve().parent


def default_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("prepbot", appauthor=False)) / "knowledge"


def cache_key(files: tuple[Path, ...]) -> str:
    digest = hashlib.sha256(f"v{FORMAT_VERSION}".encode())
    for path in (*files, *sorted(_CODE.glob("*.py"))):
        stat = path.stat()
        digest.update(f"\0{path}\0{stat.st_size}\0{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:32]


def read(directory: Path, key: str) -> KnowledgeBase | None:
    try:
        data = (directory / f"{key}{SUFFIX}").read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        log.debug("knowledge cache unreadable (%s); parsing", error)
        return None
    try:
        kb = decode(data)
    except Exception as error:  # corrupt or from another version: parse instead
        log.debug("knowledge cache unreadable (%s); parsing", error)
        return None
    return kb


def write(directory: Path, key: str, kb: KnowledgeBase) -> None:
    """Atomically store `kb` (write to a temp file, then rename); failures only log."""
    import tempfile  # only on a miss: keeps warm start-up lean

    try:
        directory.mkdir(parents=True, exist_ok=True)
        data = encode(kb)
        with tempfile.NamedTemporaryFile(dir=directory, suffix=".tmp", delete=False) as handle:
            handle.write(data)
        os.replace(handle.name, directory / f"{key}{SUFFIX}")
        _prune(directory)
    except Exception as error:
        log.debug("knowledge cache not written (%s)", error)


def _prune(directory: Path) -> None:
    """Drop all but the KEEP most recently written entries (each edit of a folder adds one)."""
    for old in directory.glob("*.pickle"):  # format 1
        old.unlink(missing_ok=True)
    entries = sorted(directory.glob(f"*{SUFFIX}"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for stale in entries[KEEP:]:
        stale.unlink(missing_ok=True)
