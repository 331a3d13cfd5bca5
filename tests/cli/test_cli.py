"""The observable contract of `prepbot ask --json`, and the bad-input corpus (reliability.md T10)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from bot.cli import main
from bot.intents import Intent

FIELDS = {"intent", "topics", "aspect", "confidence", "text", "score", "suggestions"}
UNSAFE = {
    "\u202a",
    "\u202b",
    "\u202c",
    "\u202d",
    "\u202e",
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
    "\u200b",
    "\u200c",
    "\u200d",
    "\u2060",
    "\ufeff",
    "\u061c",
}


def ask(db_url: str, *args: str, stdin: str | None = None) -> dict[str, Any]:
    result = CliRunner().invoke(main, ["ask", "--json", "--db", db_url, *args], input=stdin)
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1, "exactly one JSON object on one line"
    reply: dict[str, Any] = json.loads(lines[0])
    return reply


def assert_contract(reply: dict[str, Any]) -> None:
    assert set(reply) == FIELDS
    assert reply["intent"] in {i.value for i in Intent}
    assert isinstance(reply["confidence"], int) and 0 <= reply["confidence"] <= 100
    assert isinstance(reply["topics"], list) and isinstance(reply["suggestions"], list)
    assert reply["score"] is None or 0 <= reply["score"] <= 100
    text = reply["text"]
    assert not (set(text) & UNSAFE)
    assert not any(unicodedata.category(ch) == "Cc" and ch not in "\n\t" for ch in text)
    assert not any(0xD800 <= ord(ch) <= 0xDFFF for ch in text)


def test_compare_json_has_exactly_the_contract_fields(db_url: str) -> None:
    reply = ask(db_url, "pytorch vs keras")
    assert_contract(reply)
    assert reply["intent"] == "compare" and reply["topics"] == ["pytorch", "keras"]
    assert reply["aspect"] is None and reply["score"] is None and reply["confidence"] >= 80
    assert reply["text"].startswith("PyTorch vs Keras") and "Very High" in reply["text"]


def test_explain_aspect_json(db_url: str) -> None:
    reply = ask(db_url, "what", "language", "is", "tensorflow", "written", "in?")
    assert (reply["intent"], reply["topics"], reply["aspect"]) == ("explain", ["tensorflow"], "language")
    assert "C++" in reply["text"]


BAD_INPUTS = {
    "empty": "",
    "blank": "   \t  ",
    "long": "pytorch " * 5000,
    "nul and controls": "py\x00torch\x01\x02\x1b[2J vs keras\x7f",
    "bidi override": "\u202ekeras vs pytorch\u202c",
    "zero width inside a word": "py\u200btorch",
    "fullwidth": "ｐｙｔｏｒｃｈ",
    "combining marks": "pýtórch̃ vs kéras",
    "emoji only": "🔥🔥🚀🤖",
    "arabic": "ما هو أفضل إطار عمل للتعلم العميق؟",
    "hebrew": "מה ההבדל בין המסגרות",
    "sql": "'; DROP TABLE seen_messages; --",
    "template": "{{ 7*7 }} ${jndi:ldap://x} %s %d {0}",
}


@pytest.mark.parametrize("name", list(BAD_INPUTS))
def test_bad_input_always_gets_one_valid_json_reply(db_url: str, name: str) -> None:
    reply = ask(db_url, BAD_INPUTS[name])
    assert_contract(reply)
    if name in ("empty", "blank", "emoji only"):
        assert reply["intent"] in ("help", "unknown") and reply["topics"] == []
    if name in ("zero width inside a word", "fullwidth"):
        assert reply["topics"] == ["pytorch"]
    if name == "bidi override":
        assert reply["topics"] == ["keras", "pytorch"]


def test_one_megabyte_message_on_standard_input(db_url: str) -> None:
    reply = ask(db_url, "-", stdin="compare keras and pytorch " + "x" * 1_000_000)
    assert_contract(reply)
    assert len(reply["text"]) < 20_000


def test_the_database_survives_sql_in_messages(db_url: str) -> None:
    ask(db_url, "'; DROP TABLE seen_messages; --")
    assert ask(db_url, "keras")["topics"] == ["keras"]


def test_a_real_process_with_lone_surrogates_in_argv(tmp_path: Path) -> None:
    """Invalid UTF-8 bytes in argv arrive as lone surrogates; the reply is still clean JSON."""
    script = Path(sys.executable).with_name("prepbot")
    argv = [
        os.fsencode(str(script)),
        b"ask",
        b"--json",
        b"--db",
        f"sqlite:///{tmp_path}/p.db".encode(),
        b"keras \xed\xa0\x80 \xff vs tf",
    ]
    done = subprocess.run(argv, capture_output=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    reply = json.loads(done.stdout.decode("utf-8"))
    assert_contract(reply)
    assert reply["topics"] == ["keras", "tensorflow"]
