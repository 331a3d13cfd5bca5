"""The aliases.yaml overlay: aliases and descriptive phrases a document cannot carry.

topics:
  <topic id>: {aliases: [..], description: [..]}
aspects:
  <aspect id>: [alias, ..]          # or {aliases: [..]}
needs:
  <need word>: [word the notes use, ..]   # "debug": words that say a topic suits debugging
synonyms:
  <word>: <the word the notes use>        # read in answers as the notes' word
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from knowledge.model import Aspect, Topic
from knowledge.problems import Problem
from knowledge.yamlsafe import Located, line_of, load_yaml

SECTIONS = ("topics", "aspects", "needs", "synonyms")


@dataclass(slots=True)
class OverlayWords:
    """The overlay's subject words that are not names of topics or aspects (filled by apply_overlay)."""

    needs: dict[str, tuple[str, ...]] = field(default_factory=dict)
    synonyms: dict[str, str] = field(default_factory=dict)


def apply_overlay(
    path: Path,
    topics: Mapping[str, Topic],
    aspects: Mapping[str, Aspect],
    words: OverlayWords | None = None,
) -> tuple[dict[str, Topic], dict[str, Aspect], list[Problem]]:
    """Topics and aspects with the overlay's aliases merged in, plus what was wrong with it; its
    `needs` and `synonyms` go into `words`."""
    new_topics, new_aspects = dict(topics), dict(aspects)
    data, problems = load_yaml(path)
    if data is None:
        return new_topics, new_aspects, problems
    name = str(path)
    if not isinstance(data, Located):
        return new_topics, new_aspects, [Problem(name, line_of(data, 1), "overlay must be a mapping")]
    for key in data:
        if key not in SECTIONS:
            problems.append(
                Problem(name, data.key_lines[key], f"unknown section {key!r} ({', '.join(SECTIONS)})")
            )
    for topic_id, entry, line in _entries(data, "topics", name, problems):
        if topic_id not in new_topics:
            problems.append(Problem(name, line, f"unknown topic {topic_id!r} in overlay"))
            continue
        aliases = _strings(entry.get("aliases") if isinstance(entry, dict) else entry, name, line, problems)
        described = _strings(
            entry.get("description") if isinstance(entry, dict) else None, name, line, problems
        )
        topic = new_topics[topic_id]
        new_topics[topic_id] = replace(
            topic, aliases=_merge(topic.aliases, aliases), description=_merge(topic.description, described)
        )
    for aspect_id, entry, line in _entries(data, "aspects", name, problems):
        if aspect_id not in new_aspects:
            problems.append(Problem(name, line, f"unknown aspect {aspect_id!r} in overlay"))
            continue
        aliases = _strings(entry.get("aliases") if isinstance(entry, dict) else entry, name, line, problems)
        aspect = new_aspects[aspect_id]
        new_aspects[aspect_id] = replace(aspect, aliases=_merge(aspect.aliases, aliases))
    if words is not None:
        _words(data, name, problems, words)
    return new_topics, new_aspects, problems


def _words(data: Located, name: str, problems: list[Problem], words: OverlayWords) -> None:
    for need, entry, line in _entries(data, "needs", name, problems):
        said = tuple(w.casefold() for w in _strings(entry, name, line, problems))
        if said:
            words.needs[need.casefold()] = _merge(words.needs.get(need.casefold(), ()), said)
    for word, entry, line in _entries(data, "synonyms", name, problems):
        if not isinstance(entry, str | int | float) or not str(entry).strip():
            problems.append(Problem(name, line, f"synonym of {word!r} must be one word or phrase"))
            continue
        words.synonyms[word.casefold()] = str(entry).strip().casefold()


def _entries(data: Located, section: str, name: str, problems: list[Problem]) -> list[tuple[str, Any, int]]:
    block = data.get(section)
    if block is None:
        return []
    if not isinstance(block, Located):
        problems.append(Problem(name, data.key_lines[section], f"{section!r} must be a mapping of ids"))
        return []
    return [(str(key), value, block.key_lines[key]) for key, value in block.items()]


def _strings(value: Any, name: str, line: int, problems: list[Problem]) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str | int | float) for v in value):
        problems.append(Problem(name, line_of(value, line), "expected a list of strings"))
        return ()
    return tuple(str(v).strip() for v in value if str(v).strip())


def _merge(old: tuple[str, ...], new: tuple[str, ...]) -> tuple[str, ...]:
    seen = {o.casefold() for o in old}
    return old + tuple(n for n in dict.fromkeys(new) if n.casefold() not in seen)
