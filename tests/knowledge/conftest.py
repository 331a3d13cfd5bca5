"""Helpers for the knowledge tests: the seed folder, the other-subject fixture, a folder builder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SEEDS = (REPO / ".." / "shared" / "seeds").resolve()
DATABASES = REPO / "tests" / "fixtures" / "kb_databases"
BUNDLED_DOC = REPO / "knowledge" / "docs" / "frameworks.md"

MakeFolder = Callable[[dict[str, str | bytes]], Path]


@pytest.fixture
def seeds() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"the user's seed documents are not at {SEEDS} (shared folder not mounted)")
    return SEEDS


@pytest.fixture
def make_folder(tmp_path: Path) -> MakeFolder:
    """Write {relative path: text or bytes} under a fresh folder and return it."""

    def make(files: dict[str, str | bytes]) -> Path:
        root = tmp_path / "kb"
        for name, content in files.items():
            target = root / name
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                target.write_bytes(content)
            else:
                target.write_text(content, encoding="utf-8")
        root.mkdir(exist_ok=True)
        return root

    return make


def mini_doc(table_row: str = "| Speed | Fast | Slow |") -> str:
    """A small valid document on two made-up topics, with one table row to vary."""
    return (
        "# Tools\n\n## Alpha\n\n> Alpha is a tiny build tool made by Acme.\n\n- Developed by: Acme\n"
        "- Language: Go\n\n## Beta\n\n> Beta is a slow build tool.\n\n- Language: Java\n\n"
        "## Comparison\n\n| Aspect | Alpha | Beta |\n|---|---|---|\n" + table_row + "\n"
    )
