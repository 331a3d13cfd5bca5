"""`prepbot grade --jsonl`: a batch of answers on standard input, one graded line out per line in."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from bot.cli import main

REPO = Path(__file__).resolve().parents[3]
GOOD = "You export it with TorchScript or to ONNX."


def _lines(output: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_each_line_in_gets_one_graded_line_out_in_order() -> None:
    batch = (
        "\n".join(
            json.dumps(item)
            for item in (
                {"question_id": "aspect:pytorch:deployment", "answer": GOOD},
                {"question_id": "aspect:pytorch:deployment", "answer": "No idea, sorry."},
                {"question_id": "definition:keras", "answer": "Keras is a high-level neural network API."},
            )
        )
        + "\n"
    )
    result = CliRunner().invoke(main, ["grade", "--jsonl"], input=batch.encode())
    assert result.exit_code == 0, result.output
    out = _lines(result.stdout)
    assert [o["question_id"] for o in out] == [
        "aspect:pytorch:deployment",
        "aspect:pytorch:deployment",
        "definition:keras",
    ]
    assert all(set(o) == {"question_id", "score", "covered", "missed"} for o in out)
    good, vague = out[0], out[1]
    assert isinstance(good["score"], int) and isinstance(vague["score"], int)
    assert good["score"] >= 80 and good["missed"] == [] and good["covered"]
    assert vague["score"] < 35 and vague["covered"] == [] and vague["missed"]
    # The same answer graded one at a time gets the same grade.
    single = CliRunner().invoke(main, ["grade", "--json", "aspect:pytorch:deployment", GOOD])
    assert json.loads(single.output)["score"] == good["score"]


def test_a_bad_line_is_reported_by_number_and_the_rest_are_graded() -> None:
    batch = (
        b"\n".join(
            (
                b'{"question_id": "aspect:pytorch:deployment", "answer": "' + GOOD.encode() + b'"}',
                b"not json at all",
                b'{"question_id": "no-such-question", "answer": "x"}',
                b"",
                b'{"question_id": "aspect:pytorch:deployment"}',
                b'["a list"]',
                b'{"question_id": "aspect:pytorch:deployment", "answer": 42}',
                b'{"question_id": "aspect:pytorch:deployment", "answer": "caf\xe9"}',
                b'{"question_id": "aspect:pytorch:deployment", "answer": "TorchScript and ONNX."}',
            )
        )
        + b"\n"
    )
    result = CliRunner().invoke(main, ["grade", "--jsonl"], input=batch)
    assert result.exit_code == 1
    out = _lines(result.stdout)
    assert len(out) == 8  # the blank line 4 is skipped; every other line gets exactly one line
    assert out[0]["question_id"] == "aspect:pytorch:deployment" and "score" in out[0]
    errors = {o["line"]: o["error"] for o in out if "error" in o}
    assert set(errors) == {2, 3, 5, 6, 7, 8}
    assert str(errors[2]).startswith("not JSON")
    assert "no question with id 'no-such-question'" in str(errors[3])
    assert errors[5] == 'missing "answer"'
    assert "expected an object" in str(errors[6])
    assert errors[7] == '"answer" must be a string, got int'
    assert "not UTF-8" in str(errors[8])
    assert out[-1]["question_id"] == "aspect:pytorch:deployment" and "score" in out[-1]
    assert "6 of 8 lines could not be graded." in result.stderr


def test_jsonl_through_a_real_process_and_pipe() -> None:
    batch = (
        json.dumps({"question_id": "aspect:pytorch:deployment", "answer": GOOD})
        + "\n"
        + json.dumps({"question_id": "missing", "answer": GOOD})
        + "\n"
    )
    done = subprocess.run(
        [sys.executable, "-m", "bot.cli", "grade", "--jsonl"],
        input=batch.encode(),
        capture_output=True,
        cwd=REPO,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1, done.stderr.decode()
    out = _lines(done.stdout.decode())
    assert (
        out[0]["score"]
        == json.loads(
            CliRunner().invoke(main, ["grade", "--json", "aspect:pytorch:deployment", GOOD]).output
        )["score"]
    )
    assert out[1] == {"line": 2, "error": "no question with id 'missing' (list them with: prepbot questions)"}


def test_jsonl_with_arguments_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["grade", "--jsonl", "aspect:pytorch:deployment", "an answer"])
    assert result.exit_code == 2 and "standard input" in result.output
