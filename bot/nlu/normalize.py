"""From raw chat text to what the matcher compares: platform markup removed, unicode folded,
words split. Pure functions; nothing here knows about intents or topics."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from bot.nlu.limits import MAX_CHARS

# Platform markup (<@U123>, <#C1|general>, <:emoji:123>...) is stripped by each adapter's inbound
# module; what stays here is what people type on any platform: @names and :shortcodes:.
_AT_NAME = re.compile(r"(?<![\w.])@[\w.-]+")
_SHORTCODE = re.compile(r"(?<!\w):[a-z0-9_+-]{2,40}:(?!\w)")
_WS = re.compile(r"[^\S\n]+")
_LINES = re.compile(r"\s*\n\s*")
_SENTENCE_END = re.compile(r"[.!?？！。\n]")
_CLAUSE_END = re.compile(r"[,;:()—–+/&|]|\s-+\s|\s-+$|^-+\s")
_CONTRACTION = re.compile(r"(?<=\w)['’](s|m|re|ll|ve|d|t)\b", re.IGNORECASE)
_N_T = re.compile(r"n['’]t\b", re.IGNORECASE)
_TOKEN = re.compile(r"[^\W_]+(?:\.[^\W_]+)*(?:[+#]+(?![^\W_]))?")
_DROP_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "So", "Sk", "Me"})
_SUFFIXES = (
    "ational",
    "ability",
    "ibility",
    "ization",
    "isation",
    "ations",
    "ation",
    "ments",
    "ment",
    "ness",
    "ional",
    "ions",
    "ion",
    "ances",
    "ences",
    "ance",
    "ence",
    "ancy",
    "ency",
    "ant",
    "ent",
    "ings",
    "ing",
    "able",
    "ible",
    "ities",
    "ity",
    "ies",
    "ied",
    "ers",
    "er",
    "est",
    "ed",
    "ly",
    "es",
    "s",
    "e",
)


@dataclass(frozen=True, slots=True)
class Normalized:
    """One message, cleaned. `text` keeps the user's case (for arguments such as a time zone);
    `words` are folded tokens; `question` says it was phrased as a question mark question."""

    text: str
    words: tuple[str, ...]
    question: bool
    cased: tuple[bool, ...] = ()  # per word: written with a capital first letter
    clauses: tuple[int, ...] = ()  # per word: which clause (split at , ; : dashes and sentence ends)
    sentences: tuple[int, ...] = ()  # per word: which sentence (split at . ! ? and line breaks)


def normalize(raw: str) -> Normalized:
    text = clean(raw)
    tokens, clauses, sentences = _split(_expand(text))
    return Normalized(
        text=text,
        words=tuple(fold(t) for t in tokens),
        question=text.endswith(("?", "？")),
        cased=tuple(t[:1].isupper() for t in tokens),
        clauses=clauses,
        sentences=sentences,
    )


def _split(text: str) -> tuple[list[str], tuple[int, ...], tuple[int, ...]]:
    tokens: list[str] = []
    clauses: list[int] = []
    sentences: list[int] = []
    clause = sentence = 0
    end = 0
    for found in _TOKEN.finditer(text):
        if not fold(found.group()):
            continue
        gap = text[end : found.start()]
        if tokens and _SENTENCE_END.search(gap):
            sentence += 1
            clause += 1
        elif tokens and _CLAUSE_END.search(gap):
            clause += 1
        tokens.append(found.group())
        clauses.append(clause)
        sentences.append(sentence)
        end = found.end()
    return tokens, tuple(clauses), tuple(sentences)


def clean(raw: str) -> str:
    """Cap the length, drop @names and :shortcodes:, drop control/format/emoji code points, NFKC."""
    text = raw[:MAX_CHARS] if isinstance(raw, str) else ""
    text = _AT_NAME.sub(" ", text)
    text = _SHORTCODE.sub(" ", text)
    text = unicodedata.normalize("NFKC", text)
    text = "".join("\n" if ch in "\n\r\v\f" else ch for ch in text if _keep(ch))
    return _LINES.sub("\n", _WS.sub(" ", text)).strip()


def words(text: str) -> tuple[str, ...]:
    """Folded tokens: casefold, accents stripped, contractions split, punctuation dropped."""
    return tuple(fold(t) for t in _tokens(text))


def _tokens(text: str) -> list[str]:
    return [t for t in _TOKEN.findall(_expand(text)) if fold(t)]


def _expand(text: str) -> str:
    """Contractions apart: "don't" -> "do not", "what's" -> "what s", "I'm" -> "I am"."""
    return _CONTRACTION.sub(_contraction, _N_T.sub(" not", text))


def fold(text: str) -> str:
    if text.isascii():  # nothing to decompose: the common case, several times faster
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=32768)
def phrase(text: str) -> tuple[str, ...]:
    """The folded tokens of a phrase from a knowledge base or a table (same rules as messages).
    Cached: building a matcher reads the same cells and facts several times."""
    return words(unicodedata.normalize("NFKC", text))


@lru_cache(maxsize=8192)
def stem(word: str) -> str:
    """A light suffix stripper so 'scaling', 'scalable' and 'scalability' meet; keeps >= 3 letters."""
    if len(word) <= 3 or not word.isalpha():
        return word
    for _pass in range(2):  # "rendering" -> "render" -> "rend", as "render" itself
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                word = word[: -len(suffix)]
                break
    if len(word) > 4 and word.endswith("e") and word[-2] not in "aeiou":
        word = word[:-1]  # "management" -> "manage" -> "manag", as "manage" itself
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiousl":
        word = word[:-1]
    return word[:-1] + "i" if len(word) > 3 and word.endswith("y") else word


def _keep(ch: str) -> bool:
    if ch in "\t\n\r\v\f":
        return True
    return unicodedata.category(ch) not in _DROP_CATEGORIES


def _contraction(found: re.Match[str]) -> str:
    suffix = found.group(1).casefold()
    return " s" if suffix == "s" else (" am" if suffix == "m" else " ")
