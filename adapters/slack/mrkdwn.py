"""Slack mrkdwn text from the core's text: escaping, light markdown conversion, and cutting to
Slack's limits without breaking a surrogate pair, a combining sequence or an `&amp;` entity.

Lengths are counted in UTF-16 code units (an emoji counts 2), which is never less than what Slack
counts, so a piece that fits here fits there.
"""

from __future__ import annotations

import re
import unicodedata

from bot.text import clean

ELLIPSIS = "…"
_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_ESCAPE_RE = re.compile("[&<>]")
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_UNESCAPES = (("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&"))


def escape(text: str) -> str:
    """Escape the three characters Slack treats as markup. `<!channel>` becomes inert text."""
    return _ESCAPE_RE.sub(lambda m: _ESCAPES[m.group()], text)


def unescape(text: str) -> str:
    """What a person typed, from Slack's escaped event text."""
    for entity, char in _UNESCAPES:
        text = text.replace(entity, char)
    return text


def to_mrkdwn(text: str) -> str:
    """Core text (plain, with `**bold**` and `code` markdown) as unescaped mrkdwn source."""
    return _BOLD.sub(r"*\1*", clean(text))


def units(text: str) -> int:
    """Length in UTF-16 code units."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _cost(char: str) -> int:
    if char in _ESCAPES:
        return len(_ESCAPES[char])
    return 2 if ord(char) > 0xFFFF else 1


def fit(raw: str, limit: int) -> str:
    """`raw` escaped, cut to at most `limit` units with a visible "…" when it does not fit."""
    if len(raw) <= limit:
        escaped = escape(raw)
        if units(escaped) <= limit:
            return escaped
    if limit < units(ELLIPSIS):
        return ""
    end = _span(raw, 0, limit - units(ELLIPSIS), force=False)
    return escape(raw[:end].rstrip()) + ELLIPSIS


def chunks(raw: str, limit: int) -> list[str]:
    """`raw` escaped and split into pieces of at most `limit` units, at line or word breaks
    where possible."""
    pieces: list[str] = []
    start = 0
    while start < len(raw):
        end = _span(raw, start, limit, force=True)
        if end < len(raw):
            end = _break_at(raw, start, end)
        piece = raw[start:end].strip("\n")
        if piece.strip():
            pieces.append(escape(piece))
        start = end
    return pieces


def _span(raw: str, start: int, limit: int, *, force: bool) -> int:
    """The largest end such that escape(raw[start:end]) fits in `limit`, not splitting a
    combining sequence; with `force`, at least one character (so splitting always advances)."""
    used = 0
    end = start
    while end < len(raw):
        cost = _cost(raw[end])
        if used + cost > limit:
            break
        used += cost
        end += 1
    while start < end < len(raw) and unicodedata.combining(raw[end]):
        end -= 1
    if force and end == start and start < len(raw):  # a base char with more marks than fit
        end = start + 1
    return end


def _break_at(raw: str, start: int, end: int) -> int:
    """Prefer ending a piece after a newline, else after a space, if that keeps it at least
    half full."""
    floor = start + (end - start) // 2
    for sep in ("\n", " "):
        at = raw.rfind(sep, floor, end)
        if at > start:
            return at + 1
    return end
