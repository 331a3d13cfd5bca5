"""Compiled knowledge bases pickled in the user cache dir, keyed by every input file's absolute
path, size and mtime, the knowledge code's own files, and a format version.

Any cache error (missing, corrupt, unwritable, stale) falls back to parsing: the cache can only
make loading faster, never different.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
from pathlib import Path

from knowledge.model import KnowledgeBase

log = logging.getLogger(__name__)

FORMAT_VERSION = 1
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
        with (directory / f"{key}.pickle").open("rb") as handle:
            kb = pickle.load(handle)  # our own file, in the user cache dir
    except FileNotFoundError:
        return None
    except Exception as error:  # corrupt or from another version: parse instead
        log.debug("knowledge cache unreadable (%s); parsing", error)
        return None
    return kb if isinstance(kb, KnowledgeBase) else None


def write(directory: Path, key: str, kb: KnowledgeBase) -> None:
    """Atomically store `kb` (write to a temp file, then rename); failures only log."""
    import tempfile  # only on a miss: keeps warm start-up lean

    try:
        directory.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=directory, suffix=".tmp", delete=False) as handle:
            pickle.dump(kb, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, directory / f"{key}.pickle")
        _prune(directory)
    except Exception as error:
        log.debug("knowledge cache not written (%s)", error)


def _prune(directory: Path) -> None:
    """Drop all but the KEEP most recently written pickles (each edit of a folder adds one)."""
    entries = sorted(directory.glob("*.pickle"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for stale in entries[KEEP:]:
        stale.unlink(missing_ok=True)
