"""`prepbot kb build` writes the compiled knowledge base as readable YAML."""

from __future__ import annotations

from pathlib import Path

import yaml
from click.testing import CliRunner

from bot.cli import main
from tests.knowledge.conftest import DATABASES


def test_build_writes_readable_yaml(tmp_path: Path) -> None:
    target = tmp_path / "kb.yaml"
    result = CliRunner().invoke(main, ["kb", "build", "-o", str(target)])
    assert result.exit_code == 0, result.output
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert list(data["topics"]) == ["tensorflow", "keras", "pytorch"]
    assert data["table"]["ease_of_use"] == {"tensorflow": "Moderate", "keras": "Very High", "pytorch": "High"}
    assert "tf" in data["topics"]["tensorflow"]["aliases"]
    assert len(data["questions"]) >= 40 and data["problems"] == []
    assert "François Chollet" in target.read_text(encoding="utf-8")  # unicode kept readable


def test_build_of_a_folder_to_stdout() -> None:
    result = CliRunner().invoke(main, ["kb", "build", str(DATABASES)])
    assert result.exit_code == 0
    data = yaml.safe_load(result.stdout)
    assert data["table"]["concurrency"]["sqlite"] == "One writer at a time"


def test_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["kb", "check", str(tmp_path / "nope")])
    assert result.exit_code == 2 and "does not exist" in result.output
