"""`prepbot questions`, `prepbot grade` and the two-process mock contract of `prepbot ask`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import main

REPO = Path(__file__).resolve().parents[3]


def test_questions_json_lists_the_bank_with_key_points() -> None:
    result = CliRunner().invoke(main, ["questions", "--json"])
    assert result.exit_code == 0, result.output
    listed = json.loads(result.output)
    assert listed and {"id", "text", "topics", "aspect", "difficulty", "key_points"} <= set(listed[0])
    ids = {q["id"] for q in listed}
    assert "aspect:pytorch:deployment" in ids and "compare:keras,pytorch:production" in ids
    assert all(q["key_points"] for q in listed)


def test_questions_filters_by_topic_and_reads_as_a_list() -> None:
    result = CliRunner().invoke(main, ["questions", "--topic", "keras", "--difficulty", "easy"])
    assert result.exit_code == 0, result.output
    assert "definition:keras  [easy]" in result.output
    assert "What is Keras and what is it used for?" in result.output
    assert "pytorch:" not in result.output.replace("keras,pytorch", "")


def test_grade_json_prints_score_covered_and_missed() -> None:
    good = CliRunner().invoke(
        main, ["grade", "--json", "aspect:pytorch:deployment", "You export it with TorchScript or to ONNX."]
    )
    assert good.exit_code == 0, good.output
    graded = json.loads(good.output)
    assert set(graded) == {"score", "covered", "missed"}
    assert graded["score"] >= 80 and graded["covered"] == ["TorchScript, ONNX"]
    vague = json.loads(
        CliRunner().invoke(main, ["grade", "--json", "aspect:pytorch:deployment", "it", "depends"]).output
    )
    assert vague["score"] < 30 and vague["missed"] == ["TorchScript, ONNX"]


def test_grade_with_an_unknown_question_says_how_to_find_one() -> None:
    result = CliRunner().invoke(main, ["grade", "nope:nope", "an answer"])
    assert result.exit_code != 0
    assert "prepbot questions" in result.output


def _ask(db: str, text: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-m", "bot.cli", "ask", "--json", "--db", db, "--user", "U", text],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    reply: dict[str, object] = json.loads(done.stdout)
    return reply


@pytest.mark.slow
def test_a_mock_question_then_an_answer_in_two_processes_is_graded(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'contract.db'}"
    asked = _ask(db, "mock pytorch")
    assert asked["intent"] == "mock" and asked["topics"] and "pytorch" in asked["topics"]
    graded = _ask(
        db,
        "PyTorch is a flexible framework from Meta with dynamic graphs, used in research, "
        "exported with TorchScript or ONNX and served with TorchServe.",
    )
    assert graded["intent"] == "grade"
    assert isinstance(graded["score"], int) and 0 <= graded["score"] <= 100
    assert f"Score: {graded['score']}/100" in str(graded["text"])
