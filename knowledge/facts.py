"""A topic section's bullets -> facts filed under aspects; use-case bullets; description phrases."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from knowledge.model import Fact, Source, UseCase
from knowledge.names import snake
from knowledge.parse import Bullet

_KEY = re.compile(r"^(?P<key>[^:]{1,40}?):(?:\s+(?P<value>.*)|$)")
_DEVELOPER_PROSE = re.compile(
    r"\b(?:developed|created|built|made|maintained|written|designed|started|founded|backed|released)\b"
    r"[^.]*?\bby\b",
    re.IGNORECASE,
)
_NOUN_PHRASE = re.compile(
    r"\bis\s+(?:an?|the)\s+(?P<phrase>[^,.;:()]+?)(?=\s+(?:developed|from|by|for|that|which|used|known|"
    r"integrated|built|created|made|maintained|owned|run|sponsored|backed|licensed|released|based|popular|"
    r"written|designed|originally|where|with|in|on|to|and\s+is|widely)\b|[,.;:()]|$)",
    re.IGNORECASE,
)

# Keys a bullet may use for the builtin aspects ("Developed by: X" -> developer).
KEY_ASPECTS: Mapping[str, str] = {
    **dict.fromkeys(
        (
            "developed_by",
            "developer",
            "developers",
            "created_by",
            "creator",
            "author",
            "authors",
            "maintained_by",
            "maintainer",
            "made_by",
            "vendor",
            "origin",
            "originally_developed_by",
            "backed_by",
        ),
        "developer",
    ),
    **dict.fromkeys(
        ("language", "languages", "written_in", "implementation_language", "programming_language"), "language"
    ),
    **dict.fromkeys(("features", "core_features", "key_features", "main_features", "highlights"), "features"),
    **dict.fromkeys(("use_cases", "example_use_cases", "typical_use_cases", "uses", "used_for"), "use_cases"),
}


def split_key(text: str) -> tuple[str, str] | None:
    """ "Developed by: Google" -> ("Developed by", "Google"); None when the bullet has no key."""
    found = _KEY.match(text)
    if not found or not found["key"].strip():
        return None
    return found["key"].strip(), (found["value"] or "").strip()


def shared_keys(sections: Iterable[Iterable[Bullet]]) -> dict[str, str]:
    """{aspect id: label} for each "Key: value" key (other than the builtin ones) that two or more
    topic sections use: "Pricing: ..." under each product makes *pricing* an aspect to compare on."""
    labels: dict[str, str] = {}
    counts: dict[str, int] = {}
    for bullets in sections:
        seen: set[str] = set()
        for bullet in bullets:
            keyed = split_key(bullet.text)
            if keyed and keyed[1] and (aspect := snake(keyed[0])) and aspect not in KEY_ASPECTS:
                labels.setdefault(aspect, keyed[0])
                seen.add(aspect)
        for aspect in seen:
            counts[aspect] = counts.get(aspect, 0) + 1
    return {aspect: labels[aspect] for aspect, count in counts.items() if count >= 2}


def topic_facts(
    topic: str, bullets: Iterable[Bullet], path: str, table_aspects: Iterable[str]
) -> tuple[list[Fact], list[UseCase]]:
    """Facts (and use cases) from the bullets of one topic's section."""
    known = set(table_aspects)
    facts: list[Fact] = []
    cases: list[UseCase] = []
    for bullet in bullets:
        aspect, items = _items(bullet, known)
        for item, line in items:
            if aspect == "use_cases":
                cases.append(UseCase(topic, item, Source(path, line)))
            else:
                facts.append(Fact(topic, aspect, item, Source(path, line)))
    return facts, cases


def developer_names(texts: Iterable[str]) -> list[str]:
    """Proper names of makers in developer facts and definitions: "Meta (Facebook)" -> Meta, Facebook."""
    names: list[str] = []
    for text in texts:
        candidates = [*re.split(r"[(),;/]|\band\b", text), *_by_clauses(text)]
        names += [c.strip() for c in candidates if _is_name(c.strip())]
    return list(dict.fromkeys(names))


def description_phrases(definition: str, developer_facts: Iterable[str]) -> tuple[str, ...]:
    """Phrases that describe a topic without naming it: "deep learning framework", "Google's framework"."""
    phrases: list[str] = []
    head = ""
    found = _NOUN_PHRASE.search(definition)
    if found:
        words = found["phrase"].split()
        phrases.append(" ".join(words))
        if len(words) > 3:
            phrases.append(" ".join(words[-3:]))
        head = words[-1]
    makers = developer_names([*developer_facts, *_by_clauses(definition)])
    if head:
        phrases += [f"{maker}'s {head}" for maker in makers]
    return tuple(dict.fromkeys(p for p in phrases if p))


def _items(bullet: Bullet, table_aspects: set[str]) -> tuple[str, list[tuple[str, int]]]:
    """(aspect id, [(fact text, line)]) of one top-level bullet and everything nested under it."""
    children = [(c.text, c.line) for c in _flatten(bullet.children) if c.text]
    keyed = split_key(bullet.text)
    if keyed:
        key, value = keyed
        aspect = KEY_ASPECTS.get(snake(key)) or (snake(key) if snake(key) in table_aspects else None)
        if aspect:
            return aspect, [(value, bullet.line)] * bool(value) + children
        # A key we don't know ("Focus: ...", "Pros:") stays part of each statement it labels.
        labelled = [(t if split_key(t) else f"{key}: {t}", n) for t, n in children]
        return "features", [(bullet.text, bullet.line)] * bool(value) + labelled
    aspect = "developer" if _DEVELOPER_PROSE.search(bullet.text) else "features"
    return aspect, [(bullet.text, bullet.line), *children]


def _flatten(bullets: Iterable[Bullet]) -> Iterable[Bullet]:
    for bullet in bullets:
        yield bullet
        yield from _flatten(bullet.children)


def _by_clauses(definition: str) -> list[str]:
    pattern = r"\b(?:by|from)\s+([A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*)*)"
    return [m.group(1).rstrip(".") for m in re.finditer(pattern, definition)]


def _is_name(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= 4 and all(w[0].isupper() for w in words)
