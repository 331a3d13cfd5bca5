"""The console adapter as a person uses it: lines in, readable replies out, over the real core."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

from adapters.console import BANNER, ConsoleChat, repl
from bot.app import Prepbot


def _run(prepbot: Prepbot, lines: list[str]) -> list[str]:
    pending = iter(lines)
    shown: list[str] = []

    def read(_prompt: str) -> str:
        try:
            return next(pending)
        except StopIteration:
            raise EOFError from None

    asyncio.run(repl(ConsoleChat(prepbot, "ana", "s1"), read, shown.append))
    return shown


def test_a_conversation_reads_like_a_chat(prepbot: Prepbot) -> None:
    shown = _run(prepbot, ["what is keras", "", "kears vs pytroch", "quit", "never read"])
    assert shown[0] == BANNER
    assert shown[1].startswith("Keras\n") and "Chollet" in shown[1]
    assert shown[2].startswith("Keras vs PyTorch") and "Ease of Use" in shown[2]
    assert shown[-1] == "Bye — keep practising!"
    assert len(shown) == 4  # the blank line got no reply, nothing after quit was read


def test_a_mock_interview_on_the_console_is_graded(prepbot: Prepbot) -> None:
    shown = _run(prepbot, ["mock keras", "Keras is a high-level API on top of TensorFlow for fast prototyping",
                           "stop"])
    assert shown[1].startswith("Question 1: Keras")
    assert "Score:" in shown[2] and "/100" in shown[2]
    assert shown[3].startswith("Session finished") and "Answered: 1" in shown[3]


def test_end_of_input_says_goodbye(prepbot: Prepbot) -> None:
    assert _run(prepbot, [])[-1] == "Bye — keep practising!"


def test_prepbot_chat_runs_as_a_program_with_piped_input(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("prepbot")
    env = {**os.environ, "HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "data"),
           "XDG_STATE_HOME": str(tmp_path / "state"), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    done = subprocess.run([str(script), "chat", "--user", "ana", "--db", f"sqlite:///{tmp_path}/c.db"],
                          input="help\nquit\n", capture_output=True, text=True, timeout=60, env=env,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert "Here's what I can do" in done.stdout and "TensorFlow, Keras and PyTorch" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr
