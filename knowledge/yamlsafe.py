"""Safe YAML for knowledge files: size cap, no aliases (billion-laughs), no duplicate keys, only
plain tags, and every problem located by file and line. Never constructs arbitrary objects."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from knowledge.problems import Problem
from knowledge.sources import oversize, read_capped

MAX_DEPTH = 50  # nesting of YAML collections; knowledge files need three or four


class Located(dict[Any, Any]):
    """A mapping that remembers the 1-based line of itself and of each key."""

    line: int
    key_lines: dict[Any, int]


class LocatedList(list[Any]):
    line: int
    item_lines: list[int]


class _DuplicateKey(yaml.MarkedYAMLError):
    pass


class _Loader(yaml.SafeLoader):
    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> Located:
        result = Located()
        result.line = node.start_mark.line + 1
        result.key_lines = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if key in result:
                raise _DuplicateKey(
                    problem=f"duplicate key {key!r} (first at line {result.key_lines[key]})",
                    problem_mark=key_node.start_mark,
                )
            result[key] = self.construct_object(value_node, deep=True)
            result.key_lines[key] = key_node.start_mark.line + 1
        return result

    def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> LocatedList:
        result = LocatedList(self.construct_object(child, deep=True) for child in node.value)
        result.line = node.start_mark.line + 1
        result.item_lines = [child.start_mark.line + 1 for child in node.value]
        return result


_Loader.add_constructor("tag:yaml.org,2002:map", _Loader.construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:seq", _Loader.construct_sequence)


def load_yaml(path: Path) -> tuple[Any, list[Problem]]:
    """(data, problems). On any problem the data is None: a broken file is skipped whole."""
    name = str(path)
    try:
        too_big = oversize(path)
        if too_big:
            return None, [too_big]
        data = read_capped(path) or b""
    except OSError as error:
        return None, [Problem(name, None, f"unreadable: {error.strerror or error}")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return None, [Problem(name, line, f"not UTF-8 text (byte 0x{data[error.start]:02x})")]
    depth, line = _nesting(text)
    if depth > MAX_DEPTH:
        return None, [Problem(name, line, f"YAML nested {depth} levels deep; at most {MAX_DEPTH} allowed")]
    if not text.strip():
        return None, [Problem(name, 1, "empty file")]
    try:
        alias = next(
            (e for e in yaml.parse(text, Loader=yaml.SafeLoader) if isinstance(e, yaml.AliasEvent)), None
        )
        if alias is not None:
            at = alias.start_mark.line + 1 if alias.start_mark else None
            return None, [Problem(name, at, "YAML aliases (*name) are not allowed in knowledge files")]
        return yaml.load(text, Loader=_Loader), []  # _Loader is a SafeLoader subclass
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        at = mark.line + 1 if mark else None
        return None, [Problem(name, at, f"invalid YAML: {_describe(error)}")]
    except yaml.YAMLError as error:
        return None, [Problem(name, None, f"invalid YAML: {error}")]
    except RecursionError:
        return None, [Problem(name, line, "YAML nested too deeply to read")]


def _nesting(text: str) -> tuple[int, int]:
    """(deepest collection nesting, its 1-based line), from the token stream: no recursion."""
    depth = deepest = 0
    line = 1
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if isinstance(
                token,
                (
                    yaml.BlockMappingStartToken,
                    yaml.BlockSequenceStartToken,
                    yaml.FlowMappingStartToken,
                    yaml.FlowSequenceStartToken,
                ),
            ):
                depth += 1
                if depth > deepest:
                    deepest, line = depth, token.start_mark.line + 1
                if depth > MAX_DEPTH:
                    break
            elif isinstance(token, (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)):
                depth -= 1
    except yaml.YAMLError:
        pass  # the parser reports it, with its line
    return deepest, line


def line_of(value: Any, default: int | None = None) -> int | None:
    return getattr(value, "line", default)


def _describe(error: yaml.MarkedYAMLError) -> str:
    parts = [p for p in (error.context, error.problem) if p]
    text = "; ".join(parts) or type(error).__name__
    start, end = error.context_mark, error.problem_mark
    if start and end and start.line != end.line:
        text += f" (started at line {start.line + 1})"
    return text
