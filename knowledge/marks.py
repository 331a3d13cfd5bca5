"""Table cells as a reader reads them: check marks and shortcodes as yes / no / partly, footnote
marks dropped from cells and labels. Pure."""

from __future__ import annotations

import re

_YES = (
    "✅",
    "✔️",
    "✔",
    "✓",
    "☑️",
    "☑",
    "🟢",
    ":heavy_check_mark:",
    ":white_check_mark:",
    ":ballot_box_with_check:",
    ":check:",
    ":green_circle:",
)
_NO = (
    "❌",
    "✖️",
    "✖",
    "✘",
    "✗",
    "⛔",
    "🚫",
    "🔴",
    ":x:",
    ":heavy_multiplication_x:",
    ":no_entry:",
    ":red_circle:",
    ":no_entry_sign:",
)
_PARTLY = (
    "⚠️",
    "⚠",
    "🟡",
    "🟠",
    "⁄",
    "◐",
    ":warning:",
    ":yellow_circle:",
    ":orange_circle:",
    ":large_orange_diamond:",
)
_MARKS = (
    [(mark, "yes") for mark in _YES] + [(mark, "no") for mark in _NO] + [(mark, "partly") for mark in _PARTLY]
)
_MARK_STARTS = frozenset(mark[0] for mark, _word in _MARKS)
_FOOTNOTE = re.compile(
    r"\[\^[^\]]{1,30}\]|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|[†‡§]+|(?<=\S)(?:\\?\*){1,3}(?=\s|$)|(?<=\s)(?:\\\*){1,3}(?=\s|$)"
)
_WORDS = {"yes", "no", "partly", "partial", "partially", "limited"}
_SPACES = re.compile(r"\s+")


def strip_footnotes(text: str) -> str:
    """ "Yes ¹", "R/W ¹⁰", ":x:\\*\\*", "Hash[^1]" -> without the marks."""
    return _SPACES.sub(" ", _FOOTNOTE.sub("", text)).strip()


def read_marks(text: str) -> str:
    """A cell with its check marks as words: "✓" -> "yes", ":x: (needs X)" -> "no (needs X)"."""
    cleaned = strip_footnotes(text)
    bare = cleaned.strip("*_ ")
    if bare[:1] not in _MARK_STARTS:
        return "partly" if bare == "/" else cleaned
    for mark, word in _MARKS:
        if bare.startswith(mark):
            rest = bare[len(mark) :].strip(" \ufe0f")
            if not rest:
                return word
            return rest if rest.split()[0].casefold() in _WORDS else f"{word} {rest}"
    if bare == "/":  # an ASCII stand-in for ⁄ (limited)
        return "partly"
    return cleaned
