"""The matcher's English as data: word classes in bot/nlu/phrases/*.yaml, one definition each.

A file is a mapping of class name -> list of words or phrases (lower case). It is read with the
knowledge loader's safe YAML (knowledge/yamlsafe.py: duplicate keys, size and nesting caps) and
checked here; anything wrong is a `PhraseError` naming file:line, raised on first use, because the
files ship with the code and a broken one is a bug, not bad input.

Parsed tables are cached per process, and on disk as JSON keyed by each file's size and mtime, so a
cold start pays for the YAML parse only once per edit (benchmarks/cold_start.py).
"""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from knowledge.problems import Problem

FOLDER = Path(__file__).with_name("phrases")
CACHE_ENV = "PREPBOT_PHRASE_CACHE"  # a folder for the parsed tables; "off" disables the disk cache


class PhraseError(ValueError):
    """A phrase file is wrong: the problems, each with file:line."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def parse(path: Path) -> dict[str, tuple[str, ...]]:
    """Every word class of one file, validated; raises PhraseError with file:line."""
    # YAML only when a file changed: the cached path stays free of the parser (cold start).
    from knowledge.problems import Problem
    from knowledge.yamlsafe import Located, LocatedList, load_yaml

    data, problems = load_yaml(path)
    name = str(path)
    tables: dict[str, tuple[str, ...]] = {}
    if data is not None and not isinstance(data, Located):
        problems.append(Problem(name, 1, "a phrase file is a mapping of class name -> list of words"))
    elif data is not None:
        for key, value in data.items():
            line = data.key_lines[key]
            if not isinstance(key, str) or not key.isidentifier():
                problems.append(Problem(name, line, f"class name {key!r} must be a plain identifier"))
                continue
            if not isinstance(value, LocatedList):
                problems.append(Problem(name, line, f"{key}: expected a list of words"))
                continue
            words: list[str] = []
            for item, item_line in zip(value, value.item_lines, strict=True):
                if not isinstance(item, str):
                    hint = " (quote it)" if isinstance(item, bool | int | float) else ""
                    problems.append(Problem(name, item_line, f"{key}: {item!r} is not a word{hint}"))
                elif item != item.strip().lower() or not item:
                    problems.append(Problem(name, item_line, f"{key}: {item!r} must be lower case, trimmed"))
                elif item in words:
                    problems.append(Problem(name, item_line, f"{key}: {item!r} is listed twice"))
                else:
                    words.append(item)
            tables[key] = tuple(words)
    if problems:
        raise PhraseError(problems)
    return tables


@cache
def table(file: str) -> dict[str, tuple[str, ...]]:
    """The word classes of bot/nlu/phrases/<file>.yaml (parsed once per process)."""
    path = FOLDER / f"{file}.yaml"
    stat = path.stat()
    stamp = f"{stat.st_size}-{stat.st_mtime_ns}"
    cached = _cache_path(file)
    if cached is not None:
        try:
            stored = json.loads(cached.read_text(encoding="utf-8"))
            if stored.get("stamp") == stamp:
                return {k: tuple(v) for k, v in stored["tables"].items()}
        except (OSError, ValueError, KeyError, AttributeError):
            pass
    tables = parse(path)
    if cached is not None:
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            temp = cached.with_suffix(f".{os.getpid()}.tmp")
            temp.write_text(json.dumps({"stamp": stamp, "tables": tables}), encoding="utf-8")
            temp.replace(cached)
        except OSError:
            pass
    return tables


@cache
def words(file: str, name: str) -> frozenset[str]:
    """One word class as a set ("english", "stopwords")."""
    return frozenset(table(file)[name])


def _cache_path(file: str) -> Path | None:
    folder = _cache_folder(os.environ.get(CACHE_ENV, ""))
    return None if folder is None else folder / f"{file}.json"


@cache
def _cache_folder(setting: str) -> Path | None:
    if setting == "off":
        return None
    if setting:
        return Path(setting)
    try:
        import platformdirs

        return Path(platformdirs.user_cache_dir("prepbot", appauthor=False)) / "phrases"
    except Exception:  # no cache folder on this machine: parse every time
        return None


@cache
def ordered(file: str, name: str) -> tuple[str, ...]:
    """One word class in file order (when the order matters: longest first, first match wins)."""
    return table(file)[name]


@cache
def phrase_tuples(file: str, name: str) -> tuple[tuple[str, ...], ...]:
    """One class of phrases, each as its words ("help me choose" -> ("help", "me", "choose"))."""
    return tuple(tuple(p.split()) for p in table(file)[name])
