"""Names, slugs and labels: how headings, table labels and keys become ids. Pure."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_MEMO = 1 << 16  # titles, labels and keys repeat across a folder: each is worked out once

_NUMBERING = re.compile(r"^(?:\d+|[ivxIVX]+|[A-Za-z])[.)]\s+")
_PAREN = re.compile(r"^(?P<name>.+?)\s*\((?P<alias>[^()]{1,40})\)$")
_QUOTES = "\"'“”‘’«»„"


@lru_cache(maxsize=_MEMO)
def clean_title(title: str) -> str:
    """A heading without emoji, decorations and numbering: "🔷 1. PostgreSQL" -> "PostgreSQL"."""
    text = _strip_symbols(title)
    text = _NUMBERING.sub("", text)
    return _strip_symbols(text)


def split_alias(name: str) -> tuple[str, tuple[str, ...]]:
    """ "PostgreSQL (Postgres)" -> ("PostgreSQL", ("Postgres",)); names without brackets unchanged."""
    found = _PAREN.match(name)
    if not found:
        return name, ()
    return found["name"].strip(), tuple(a.strip() for a in found["alias"].split(",") if a.strip())


def name_variants(name: str, aliases: tuple[str, ...] = ()) -> list[str]:
    """Shorter ways a document may call a topic: its aliases, the name without a leading maker word
    ("Google BigQuery" -> "BigQuery") and without its last word(s) ("Jest Framework" -> "Jest")."""
    words = name.split()
    shorter = [" ".join(words[1:])] if len(words) > 1 else []
    shorter += [" ".join(words[:end]) for end in range(len(words) - 1, 0, -1)]
    return list(dict.fromkeys(v for v in (name, *aliases, *shorter) if v.strip()))


@lru_cache(maxsize=_MEMO)
def slug(name: str) -> str:
    """Topic id: "PostgreSQL" -> "postgresql", "SQL Server" -> "sql-server", "C++" -> "cplusplus"."""
    text = name.replace("+", "plus").replace("#", "sharp")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").casefold()
    text = re.sub(r"[.'’]", "", text)
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


@lru_cache(maxsize=_MEMO)
def snake(label: str) -> str:
    """Aspect id: "Ease of Use" -> "ease_of_use"."""
    return slug(label).replace("-", "_")


def unquote(text: str) -> str:
    """A definition without its surrounding quotes."""
    text = text.strip()
    while len(text) > 1 and text[0] in _QUOTES and text[-1] in _QUOTES:
        text = text[1:-1].strip()
    if text and text[0] in _QUOTES and text.count(text[0]) == 1:
        text = text[1:].strip()
    return text


def key_of(text: str) -> str:
    """Comparable form of a name or label: casefolded words only."""
    return _short_key(text) if len(text) <= _SHORT else _key(text)


_WORD = re.compile(r"\w+")
_SHORT = 120  # names, labels and titles repeat: worked out once; long texts are not kept


def _key(text: str) -> str:
    return " ".join(_WORD.findall(unicodedata.normalize("NFKC", text).casefold()))


_short_key = lru_cache(maxsize=_MEMO)(_key)


def _strip_symbols(text: str) -> str:
    """Drop leading/trailing characters that are neither letters, digits nor brackets."""
    start, end = 0, len(text)
    while start < end and not _wordish(text[start]):
        start += 1
    while end > start and not _wordish(text[end - 1]) and text[end - 1] not in ")]+#":
        end -= 1
    return text[start:end].strip()


def _wordish(char: str) -> bool:
    return char.isalnum() or char in "([."
