"""Table cells as a reader reads them: check marks and shortcodes as yes / no / partly, footnote
marks dropped from cells and labels. Pure."""

from __future__ import annotations

import re
from functools import lru_cache

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


@lru_cache(maxsize=1 << 15)
def strip_footnotes(text: str) -> str:
    """ "Yes ¹", "R/W ¹⁰", ":x:\\*\\*", "Hash[^1]" -> without the marks."""
    return _SPACES.sub(" ", _FOOTNOTE.sub("", text)).strip()


@lru_cache(maxsize=1 << 15)
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


_SUPERSCRIPT = str.maketrans("¹²³⁴⁵⁶⁷⁸⁹⁰", "1234567890")
_MARK_RUN = re.compile(
    r"\[\^(?P<ref>[^\]]{1,30})\]|(?P<sup>[¹²³⁴⁵⁶⁷⁸⁹⁰]+)|(?P<dag>[†‡§]+)|(?P<star>(?:\\?\*){1,3})"
)
_NOTE_START = re.compile(
    r"^\s*(?:\[\^(?P<ref>[^\]]{1,30})\]:?|(?P<sup>[¹²³⁴⁵⁶⁷⁸⁹⁰]+)|(?P<dag>[†‡§]+)|(?P<star>(?:\\?\*){1,3}))\s+(?P<text>\S.*)$"
)


def _mark_key(found: re.Match[str]) -> str:
    if found["ref"]:
        return "^" + found["ref"].strip().casefold()
    if found["sup"]:
        return found["sup"].translate(_SUPERSCRIPT)
    if found["dag"]:
        return found["dag"]
    return "*" * found["star"].count("*")


def cell_marks(text: str) -> list[str]:
    """The footnote marks a cell carries, as keys matching `footnotes`: "Yes ⁴" -> ["4"],
    ":x:\\*\\*" -> ["**"], "Hash[^a]" -> ["^a"]."""
    found = (_MARK_RUN.fullmatch(m.group()) for m in _FOOTNOTE.finditer(text))
    return [_mark_key(m) for m in found if m]


_LEGEND = re.compile(r"^\s*(?::[\w+-]+:|[^\w\s(\[`'\"])")


def footnotes(paragraphs: list[str]) -> dict[str, str]:
    """Footnote texts written under a table, one per line opening with its mark ("⁴ Use the ...",
    "\\*\\* Need to ...", "[^1]: ..."); a line without a mark continues the note above it."""
    notes: dict[str, str] = {}
    for paragraph in paragraphs:
        key = ""
        for line in paragraph.split("\n"):
            found = _NOTE_START.match(line)
            if found:
                key = _mark_key(found)
                notes[key] = found["text"].strip()
            elif key and line.strip() and not _LEGEND.match(line):
                notes[key] += " " + line.strip()
            else:
                key = ""  # a legend line (":sparkle: Almost stable") ends the note
    return {k: _SPACES.sub(" ", v).strip().rstrip("\\").strip() for k, v in notes.items()}
