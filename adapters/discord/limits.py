"""Discord's message and embed size limits, and text trimming that shows it trimmed."""

from __future__ import annotations

CONTENT = 2000
EMBED_TITLE = 256
EMBED_DESCRIPTION = 4096
EMBED_FIELDS = 25
FIELD_NAME = 256
FIELD_VALUE = 1024
FOOTER = 2048
EMBED_TOTAL = 6000  # per embed, and across all embeds of one message
EMBEDS_PER_MESSAGE = 10
BUTTONS_PER_ROW = 5
ROWS = 5
CUSTOM_ID = 100
BUTTON_LABEL = 80
NONCE = 25

ELLIPSIS = "…"


def trim(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters, ending in a visible "…" when cut."""
    if len(text) <= limit:
        return text
    return text[: max(0, limit - 1)].rstrip() + ELLIPSIS


def split(text: str, limit: int) -> list[str]:
    """`text` in chunks of at most `limit` characters, cut at paragraph, line or word ends."""
    chunks: list[str] = []
    rest = text.strip()
    while len(rest) > limit:
        cut = _cut_point(rest, limit)
        chunks.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        chunks.append(rest)
    return chunks


def _cut_point(text: str, limit: int) -> int:
    window = text[:limit]
    for separator in ("\n\n", "\n", " "):
        at = window.rfind(separator)
        if at > limit // 2:
            return at
    return limit
