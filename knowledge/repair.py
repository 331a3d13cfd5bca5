"""Text repair: undo UTF-8 that was decoded as Mac Roman (or as Latin-1/cp1252) without touching
clean text. Pure: str -> str."""

from __future__ import annotations

import re

# A UTF-8 lead byte read as Latin-1/cp1252 ("Ã", "â") followed by a continuation byte read the same
# way ("©", "€", "œ"): the shape of Latin-1/cp1252 mojibake. Only such lines are worth ftfy.
_LATIN_MOJIBAKE = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e"
    "\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]"
)


def repair(text: str) -> str:
    """The text with mojibake undone; clean text comes back unchanged."""
    whole = _mac_roman(text)
    if whole is not None:
        return whole
    return "".join(_repair_line(line) for line in text.splitlines(keepends=True))


def first_repaired_line(before: str, after: str) -> int | None:
    """1-based number of the first line `repair` changed, or None if nothing changed."""
    if before == after:
        return None
    for number, (old, new) in enumerate(zip(before.splitlines(), after.splitlines(), strict=False), 1):
        if old != new:
            return number
    return 1


def _repair_line(line: str) -> str:
    fixed = _mac_roman(line)
    if fixed is not None:
        return fixed
    if line.isascii() or not _LATIN_MOJIBAKE.search(line):
        return line
    import ftfy  # imported only for suspicious lines: it costs ~20 ms
    from ftfy.badness import is_bad

    if not is_bad(line):
        return line
    candidate = ftfy.fix_text(line, normalization="NFC")
    return candidate if _non_ascii(candidate) < _non_ascii(line) else line


def _mac_roman(text: str) -> str | None:
    """The Mac Roman round trip, if it is possible and leaves fewer non-ASCII characters.

    Every UTF-8 character of two to four bytes reads as two to four Mac Roman characters, so real
    mojibake always shrinks under the round trip; clean text either fails it or does not shrink.
    """
    if text.isascii():
        return None
    try:
        candidate = text.encode("mac_roman").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None
    return candidate if _non_ascii(candidate) < _non_ascii(text) else None


def _non_ascii(text: str) -> int:
    return sum(1 for char in text if ord(char) > 127)
