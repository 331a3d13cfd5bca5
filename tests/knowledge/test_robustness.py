"""A malformed document never crashes loading: it is reported and skipped, the good ones serve."""

from __future__ import annotations

from pathlib import Path

import pytest

import knowledge
from tests.knowledge.conftest import MakeFolder, mini_doc

BROKEN: dict[str, str | bytes] = {
    "empty.md": "",
    "binary.md": b"\x00\x01\x02",
    "latin1.md": "## Caf\xe9\n".encode("latin-1"),
    "only-table.md": "| a |\n|---|\n| b |\n",
    "ragged.md": "## Gamma\n\n- Key:\n  - \n- : no key\n\n| | | |\n|-|-|-|\n|||||\n",
    "deep.md": "".join("  " * i + "- level\n" for i in range(60)),
    "quotes.md": '> "unterminated\n\n## ...\n\n> \n',
    "use-cases.md": "## Use cases\n\n- Nobody: nothing\n",
    "huge-table.md": "| x | " + " | ".join(f"T{i}" for i in range(300)) + " |\n|" + "-|" * 301 + "\n",
}


def test_good_documents_still_serve_beside_broken_ones(make_folder: MakeFolder) -> None:
    folder = make_folder({"doc.md": mini_doc(), **BROKEN})
    kb = knowledge.load(folder, cache=False)
    assert {"alpha", "beta"} <= set(kb.topics)
    assert kb.cell("speed", "alpha") == "Fast"
    problems = "\n".join(kb.problems)
    for name in (
        "empty.md:1: empty file",
        "binary.md:1: ",
        "latin1.md:1: not UTF-8 text",
        "use-cases.md:3: use case for unknown topic 'Nobody'",
    ):
        assert name in problems


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_each_broken_document_alone_loads_without_raising(make_folder: MakeFolder, name: str) -> None:
    kb = knowledge.load(make_folder({name: BROKEN[name]}), cache=False)
    assert kb.problems  # something is said about it (at least "no topics found")


def test_a_missing_folder_is_an_empty_knowledge_base(tmp_path: Path) -> None:
    kb = knowledge.load(tmp_path / "nowhere", cache=False)
    assert kb.topics == {} and kb.problems


def test_broken_overlay_and_questions_keep_the_documents(make_folder: MakeFolder) -> None:
    folder = make_folder(
        {"doc.md": mini_doc(), "aliases.yaml": "topics: [unclosed\n", "questions/q.yaml": "just a string\n"}
    )
    kb = knowledge.load(folder, cache=False)
    assert set(kb.topics) == {"alpha", "beta"} and kb.questions == ()
    assert any("aliases.yaml:2: invalid YAML" in p for p in kb.problems)
    assert any("q.yaml:1: expected a list of questions" in p for p in kb.problems)


def test_reload_keeps_the_last_good_knowledge_when_the_folder_breaks(make_folder: MakeFolder) -> None:
    folder = make_folder({"doc.md": mini_doc()})
    good = knowledge.load(folder, cache=False)
    (folder / "doc.md").write_text(mini_doc("| Speed | Fast |"), encoding="utf-8")
    kept, problems = knowledge.reload(folder, good)
    assert kept is good and any("missing table cell: Speed for Beta" in p for p in problems)
    (folder / "doc.md").write_text(mini_doc("| Speed | Quick | Slow |"), encoding="utf-8")
    fresh, problems = knowledge.reload(folder, good)
    assert problems == () and fresh.cell("speed", "alpha") == "Quick"
