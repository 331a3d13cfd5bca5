"""The layering DESIGN.md promises, checked on the source: the core never imports a platform."""

from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PLATFORM_MODULES = ("slack_bolt", "slack_sdk", "slack", "discord", "adapters", "aiohttp.web_app")


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
    return found


# The command line is the composition root: it may pick an adapter to run (lazily), never a
# platform library directly.
COMPOSITION_ROOT = ("bot/cli/",)


def _offenders(package: str, banned: tuple[str, ...]) -> list[str]:
    bad = []
    for path in sorted((REPO / package).rglob("*.py")):
        relative = path.relative_to(REPO).as_posix()
        allowed = ("adapters",) if relative.startswith(COMPOSITION_ROOT) else ()
        for name in _imports(path):
            if any(name == a or name.startswith(a + ".") for a in allowed):
                continue
            if any(name == b or name.startswith(b + ".") for b in banned):
                bad.append(f"{path.relative_to(REPO)} imports {name}")
    return bad


def test_the_core_never_imports_a_platform_library_or_an_adapter() -> None:
    assert _offenders("bot", PLATFORM_MODULES) == []


def test_knowledge_stands_alone() -> None:
    assert _offenders("knowledge", (*PLATFORM_MODULES, "bot")) == []


def test_the_checker_sees_a_violation(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("import discord\nfrom slack_bolt.async_app import AsyncApp\n")
    assert _imports(bad) == ["discord", "slack_bolt.async_app"]
