"""Hostile knowledge folders (issue 11 "Bad input", issue 16): each problem reported with file and
line, in bounded time and memory, never following a link out of the folder; good documents serve."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import knowledge
from knowledge.sources import MAX_BYTES
from tests.knowledge.conftest import MakeFolder, mini_doc


def test_a_link_out_of_the_folder_is_never_followed(make_folder: MakeFolder, tmp_path: Path) -> None:
    secret = tmp_path / "private.md"
    secret.write_text("## Gamma\n\n> Gamma is a private note nobody should see.\n", encoding="utf-8")
    folder = make_folder({"doc.md": mini_doc()})
    (folder / "leak.md").symlink_to(secret)
    outside_dir = tmp_path / "elsewhere"
    outside_dir.mkdir()
    (outside_dir / "more.md").write_text("## Delta\n\n> Delta is private too.\n", encoding="utf-8")
    (folder / "sub").symlink_to(outside_dir, target_is_directory=True)
    kb = knowledge.load(folder, cache=False)
    assert set(kb.topics) == {"alpha", "beta"}
    assert not any("private" in p.text for p in kb.passages)
    assert any("leak.md: skipped: a link to a file outside the knowledge folder" in p for p in kb.problems)


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc")
def test_a_file_that_reports_size_zero_is_capped_by_what_is_read(make_folder: MakeFolder) -> None:
    from knowledge.sources import read_capped

    assert read_capped(Path("/proc/self/status"), limit=10) is None  # st_size is 0, content is not
    big = make_folder({"doc.md": mini_doc()}) / "big.md"
    big.write_bytes(b"a" * (MAX_BYTES + 1))
    kb = knowledge.load(big.parent, cache=False)
    assert any(p.startswith(f"{big}:1: file is") and "limit" in p for p in kb.problems)


def test_an_unreadable_file_is_reported_and_the_rest_serves(make_folder: MakeFolder) -> None:
    folder = make_folder({"doc.md": mini_doc(), "locked.md": "## Gamma\n"})
    (folder / "locked.md").chmod(0)
    try:
        if os.access(folder / "locked.md", os.R_OK):
            pytest.skip("running as root: permissions do not stop reading")
        kb = knowledge.load(folder, cache=False)
    finally:
        (folder / "locked.md").chmod(0o644)
    assert {"alpha", "beta"} <= set(kb.topics)
    assert any("locked.md: unreadable" in p for p in kb.problems)


def test_invalid_utf8_is_reported_with_its_line(make_folder: MakeFolder) -> None:
    folder = make_folder(
        {
            "doc.md": mini_doc(),
            "bad.md": b"## Gamma\n\nfine\n\xff\xfe broken\n",
            "questions/q.yaml": b"- id: q1\n  text: caf\xe9\n",
        }
    )
    kb = knowledge.load(folder, cache=False)
    assert any(p.endswith("bad.md:4: not UTF-8 text") for p in kb.problems)
    assert any("q.yaml:2: not UTF-8 text" in p for p in kb.problems)


@pytest.mark.parametrize("depth", [500, 10_000])
def test_deeply_nested_yaml_is_a_problem_with_a_line(make_folder: MakeFolder, depth: int) -> None:
    levels = min(depth, 900)  # indentation makes deeper block YAML exceed the size cap first
    block = "".join("  " * i + f"k{i}:\n" for i in range(levels)) + "  " * levels + "v\n"
    flow = "- " + "[" * depth + "]" * depth + "\n"
    folder = make_folder({"doc.md": mini_doc(), "questions/block.yaml": block, "questions/flow.yaml": flow})
    kb = knowledge.load(folder, cache=False)
    assert {"alpha", "beta"} <= set(kb.topics)
    assert any("block.yaml:51: YAML nested" in p for p in kb.problems), kb.problems
    assert any("flow.yaml:1: YAML nested" in p for p in kb.problems), kb.problems


def test_hostile_markdown_is_bounded(make_folder: MakeFolder) -> None:
    columns = 5_000
    wide = "| x | " + " | ".join(f"T{i}" for i in range(columns)) + " |\n|" + "-|" * (columns + 1) + "\n"
    wide += "| Speed | " + " | ".join("fast" for _ in range(columns)) + " |\n"
    folder = make_folder(
        {
            "doc.md": mini_doc(),
            "headings.md": "".join(f"## H{i}\n" for i in range(100_000)),
            "nested.md": ">" * 10_000 + " deep\n\n" + "".join("  " * i + "- x\n" for i in range(600)),
            "bomb.md": "<div>" * 50_000 + "x" + "</div>" * 50_000,
            "wide.md": wide,
            "binary.md": bytes(range(256)) * 10,
        }
    )
    kb = knowledge.load(folder, cache=False)
    assert kb.cell("speed", "alpha") == "Fast"
    assert any("binary.md" in p for p in kb.problems)
    assert any("headings.md:5001: over 5,000 headings" in p for p in kb.problems)
