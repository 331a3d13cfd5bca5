"""Answer-level similarity to the model answer(s): 0-100.

Default: rapidfuzz over the answer's and the reference's meaning tokens (stems and synonym groups),
microseconds an answer. With the `[semantic]` extra installed, a static word-embedding model
(`wordllama`, whose weights ship inside its wheel) is blended in: loaded lazily, once per process,
from the installed package only (downloads disabled). Deterministic for a given install.
"""

from __future__ import annotations

import importlib.util
import threading
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

_LOCK = threading.Lock()
_MODEL: list[Any] = []  # [model] once loaded, [None] when the extra is missing or broken


def semantic_available() -> bool:
    return importlib.util.find_spec("wordllama") is not None


def _model() -> Any:
    if _MODEL:
        return _MODEL[0]
    with _LOCK:
        if not _MODEL:
            _MODEL.append(_load())
    return _MODEL[0]


def _load() -> Any:
    if not semantic_available():
        return None
    try:
        import wordllama
        from wordllama import WordLlama

        # The wheel ships weights/ and tokenizers/; pointing the cache at the package finds both.
        return WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True)
    except (OSError, ValueError, ImportError, RuntimeError):
        return None


def use_semantic(enabled: bool) -> None:
    """Turn the embedding model off (False) or back to "if installed" (True), e.g. for benchmarks."""
    with _LOCK:
        _MODEL.clear()
        _embedding.cache_clear()
        if not enabled:
            _MODEL.append(None)


def semantic_loaded() -> bool:
    return bool(_MODEL) and _MODEL[0] is not None


def lexical(answer_concepts: Sequence[str], references: Sequence[Sequence[str]]) -> float:
    """Best token-set similarity between the answer's concepts and any reference's (0-100)."""
    said = " ".join(sorted(set(answer_concepts)))
    if not said:
        return 0.0
    best = 0.0
    for reference in references:
        ref = " ".join(sorted(set(reference)))
        if ref:
            # token_sort keeps a short answer from scoring 100 just for being a subset of the reference.
            best = max(best, 0.5 * fuzz.token_set_ratio(said, ref) + 0.5 * fuzz.token_sort_ratio(said, ref))
    return best


def semantic(answer: str, references: Sequence[str]) -> float | None:
    """Best embedding cosine between the answer and any reference, as 0-100; None without the extra."""
    model = _model()
    if model is None or not answer.strip():
        return None
    mine = _embedding(answer)
    return max(
        (100.0 * max(0.0, float(mine @ _embedding(ref))) for ref in references if ref.strip()), default=0.0
    )


def phrase_similarity(a: str, b: str) -> float | None:
    """Embedding cosine of two short texts (a key point and a clause), 0-1; None without the extra."""
    if _model() is None:
        return None
    return max(0.0, float(_embedding(a) @ _embedding(b)))


@lru_cache(maxsize=8192)
def _embedding(text: str) -> Any:
    """The unit-length embedding of `text` (key points and references repeat: cached)."""
    return _model().embed([text], norm=True)[0]
