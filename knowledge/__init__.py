"""Knowledge base: documents in, a validated model out.

`load(path)` reads a folder of markdown documents (plus an optional `aliases.yaml` overlay and
`questions/*.yaml`), or the bundled knowledge when `path` is None. `check(path)` lists every problem.
Parsing libraries are imported only on a cache miss, so a warm `load()` costs a pickle read.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any


def _code_stamp() -> str:
    """Size and mtime of every code file of this package, read when the package is imported (before
    any of its modules): a process keys the knowledge it compiles by the code it runs, not by what
    the files on disk became since (which would store old-shaped objects under the new code's key)."""
    folder = os.path.dirname(os.path.abspath(__file__))
    parts = []
    for name in sorted(os.listdir(folder)):
        if name.endswith(".py"):
            stat = os.stat(os.path.join(folder, name))
            parts.append(f"{name}\0{stat.st_size}\0{stat.st_mtime_ns}")
    return "\0".join(parts)


CODE_STAMP = _code_stamp()  # before importing any module of the package, hence the late imports below

from knowledge.model import (  # noqa: E402
    BUILTIN_ASPECTS,
    Aspect,
    Cell,
    Fact,
    KnowledgeBase,
    ModelAnswer,
    Question,
    Source,
    Topic,
    UseCase,
)
from knowledge.problems import Problem  # noqa: E402

if TYPE_CHECKING:
    from knowledge.report import Report
    from knowledge.sources import Layout

__all__ = [
    "BUILTIN_ASPECTS",
    "Aspect",
    "Cell",
    "Fact",
    "KnowledgeBase",
    "ModelAnswer",
    "Problem",
    "Question",
    "Source",
    "Topic",
    "UseCase",
    "as_data",
    "check",
    "load",
    "reload",
    "validate",
]


def load(path: Path | None = None, *, cache: bool = True, cache_dir: Path | None = None) -> KnowledgeBase:
    """The knowledge base of folder `path` (None = bundled). Never raises on bad files: what was
    skipped is listed in `KnowledgeBase.problems`.

    Args:
        cache: reuse/store the compiled result (pickle keyed by paths, sizes, mtimes).
        cache_dir: where; default is the user cache dir (platformdirs).
    """
    from knowledge import cache as kb_cache
    from knowledge.sources import layout

    files = layout(Path(path) if path is not None else None)
    if not cache:
        return _compile(files)
    try:
        directory = cache_dir or kb_cache.default_dir()
        key = kb_cache.cache_key(files.files())
    except OSError:
        return _compile(files)
    kb = kb_cache.read(directory, key)
    if kb is None:
        kb = _compile(files)
        if kb_cache.write(directory, key, kb):
            kb = kb_cache.placed(kb, directory, key)
    return kb


def reload(path: Path | None, current: KnowledgeBase) -> tuple[KnowledgeBase, tuple[str, ...]]:
    """Load again for a running bot: (new knowledge base, ()) when the folder is clean, else
    (`current`, the problems) so the bot keeps serving the last good knowledge."""
    fresh = load(path, cache=False)
    if fresh.problems or not fresh.topics:
        return current, fresh.problems or ("no topics found",)
    return fresh, ()


def check(path: Path | None = None) -> list[Problem]:
    """Every problem in a knowledge folder (None = bundled), in file order; empty when all is well."""
    return list(validate(path).problems)


def validate(path: Path | None = None) -> Report:
    """Compile a folder from scratch (no cache): the knowledge base and every problem, repairs included."""
    from knowledge.report import validate as compile_and_report

    return compile_and_report(path)


def as_data(kb: KnowledgeBase) -> dict[str, Any]:
    """The knowledge base as plain data (dicts, lists, strings) for YAML or JSON output."""
    from knowledge.export import as_data as export

    return export(kb)


def _compile(files: Layout) -> KnowledgeBase:
    from knowledge.build import compile_layout

    return compile_layout(files).kb
