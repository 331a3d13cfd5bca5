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

import dataclasses
import hashlib
import logging
import os
import re
from collections.abc import Callable
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
    Source,
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


class _CachedPassages(LazyPassages):
    """The passages of a knowledge base that lives in the cache, knowing where: other layers store
    what they derive from it (an index) beside it, under the same key (`read_extra`/`write_extra`)."""

    __slots__ = ("where",)

    def __init__(
        self,
        data: bytes,
        decode: Callable[[bytes], tuple[Passage, ...]],
        where: tuple[Path, str] | None,
        items: tuple[Passage, ...] | None = None,
    ) -> None:
        super().__init__(data, decode)
        if items is not None:
            self._items, self._data = items, None
        self.where = where


def decode(data: bytes, where: tuple[Path, str] | None = None) -> KnowledgeBase:
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
        passages=_CachedPassages(stored.passages, _PASSAGES.decode, where),
        terms=stored.terms,
        needs=stored.needs,
        synonyms=stored.synonyms,
    )


KEEP = 16  # compiled knowledge bases kept; older ones are pruned on write


def default_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("prepbot", appauthor=False)) / "knowledge"


def shape(*classes: type) -> str:
    """The stored classes' names and field names, as this process imported them."""
    named = [(cls, getattr(cls, "__struct_fields__", None)) for cls in classes]
    return ";".join(
        f"{cls.__name__}:{','.join(fields or [f.name for f in dataclasses.fields(cls)])}"
        for cls, fields in named
    )


_SHAPE = shape(_Stored, Topic, Aspect, Fact, Cell, UseCase, ModelAnswer, Question, Passage, Source)


def cache_key(files: tuple[Path, ...]) -> str:
    """The inputs' paths, sizes and mtimes, the code as this process imported it (stat when the
    package was imported, not now) and the stored classes' fields, and the format version."""
    from knowledge import CODE_STAMP

    digest = hashlib.sha256(f"v{FORMAT_VERSION}\0{_SHAPE}\0{CODE_STAMP}".encode())
    for path in files:
        stat = path.stat()
        digest.update(f"\0{path}\0{stat.st_size}\0{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:32]


def placed(kb: KnowledgeBase, directory: Path, key: str) -> KnowledgeBase:
    """`kb` (just compiled and stored under `key`) knowing where it is stored."""
    passages = _CachedPassages(b"", _PASSAGES.decode, (directory, key), tuple(kb.passages))
    return dataclasses.replace(kb, passages=passages)


EXTRA = ".extra"
_EXTRA_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")


def read_extra(kb: KnowledgeBase, name: str) -> bytes | None:
    """What another layer stored beside this cached knowledge base under `name` (None: nothing, or
    the knowledge base was not loaded from the cache). The name should carry that layer's own
    code stamp: the entry is only as fresh as the knowledge it sits beside."""
    where = _where(kb)
    if where is None or not _EXTRA_NAME.match(name):
        return None
    try:
        return (where[0] / f"{where[1]}.{name}{EXTRA}").read_bytes()
    except OSError:
        return None


def write_extra(kb: KnowledgeBase, name: str, data: bytes) -> bool:
    """Store `data` beside the cached knowledge base (atomically); False when it has no cache entry
    or the write failed (only logged: the cache can only make things faster)."""
    import tempfile

    where = _where(kb)
    if where is None or not _EXTRA_NAME.match(name):
        return False
    directory, key = where
    try:
        with tempfile.NamedTemporaryFile(dir=directory, suffix=".tmp", delete=False) as handle:
            handle.write(data)
        os.replace(handle.name, directory / f"{key}.{name}{EXTRA}")
    except OSError as error:
        log.debug("knowledge cache extra %s not written (%s)", name, error)
        return False
    return True


def _where(kb: KnowledgeBase) -> tuple[Path, str] | None:
    passages = kb.passages
    return passages.where if isinstance(passages, _CachedPassages) else None


def read(directory: Path, key: str) -> KnowledgeBase | None:
    try:
        data = (directory / f"{key}{SUFFIX}").read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        log.debug("knowledge cache unreadable (%s); parsing", error)
        return None
    try:
        kb = decode(data, (directory, key))
    except Exception as error:  # corrupt or from another version: parse instead
        log.debug("knowledge cache unreadable (%s); parsing", error)
        return None
    return kb


def write(directory: Path, key: str, kb: KnowledgeBase) -> bool:
    """Atomically store `kb` (write to a temp file, then rename); failures only log (False)."""
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
        return False
    return True


def _prune(directory: Path) -> None:
    """Drop all but the KEEP most recently written entries (each edit of a folder adds one)."""
    for old in directory.glob("*.pickle"):  # format 1
        old.unlink(missing_ok=True)
    entries = sorted(directory.glob(f"*{SUFFIX}"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for stale in entries[KEEP:]:
        stale.unlink(missing_ok=True)
    kept = {p.stem for p in entries[:KEEP]}
    for extra in directory.glob(f"*{EXTRA}"):
        if extra.name.split(".", 1)[0] not in kept:
            extra.unlink(missing_ok=True)
