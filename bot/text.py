"""Text hygiene shared by every renderer: nothing a user typed can smuggle control or bidi
characters back out through a reply."""

from __future__ import annotations

import re
import unicodedata

# C0/C1 controls except tab and newline, bidi embeddings/overrides/isolates, zero-width marks, BOM.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\ud800-\udfff]"
)


def clean(text: str) -> str:
    """Remove control, bidi and zero-width characters and lone surrogates; keep everything else."""
    return _UNSAFE.sub("", text)


def shorten(text: str, limit: int, ellipsis: str = "…") -> str:
    """Cut `text` to at most `limit` characters, ending with a visible ellipsis when cut.

    Never splits a surrogate pair or a combining sequence (cuts before the base character).
    """
    if len(text) <= limit:
        return text
    cut = max(0, limit - len(ellipsis))
    while cut > 0 and unicodedata.combining(text[cut]):
        cut -= 1
    return text[:cut].rstrip() + ellipsis
