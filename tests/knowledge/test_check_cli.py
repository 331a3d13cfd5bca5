"""`prepbot kb check` on hostile and broken folders: every problem with file and line, exit 1,
nothing executed (reliability T15, B1-B3)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import knowledge
from bot.cli import main
from tests.knowledge.conftest import DATABASES, MakeFolder, mini_doc

GOOD_QUESTION = """- id: q1
  text: Which is faster?
  topics: [alpha]
  aspect: speed
  difficulty: easy
  key_points: [alpha is fast, beta is slow, pick alpha for speed]
  model_answer: Alpha, it is fast.
"""


def run_check(folder: Path) -> Result:
    return CliRunner().invoke(main, ["kb", "check", str(folder)])


def lines(result: Result) -> list[str]:
    """The problem lines (the summary on stderr left out when there are problems)."""
    out = [line for line in result.output.splitlines() if line.strip() and not _understood(line)]
    if result.exit_code == 1:
        assert out[-1].endswith(" problem(s)"), out
        return out[:-1]
    return out


_HEADERS = ("documents: ", "topics (", "tables (", "aspects (", "skipped (", "warnings (")


def _understood(line: str) -> bool:
    """A line of the "what was understood" block `kb check` prints first."""
    return line.startswith(("  ", *_HEADERS))


def test_check_says_what_it_understood(make_folder: MakeFolder) -> None:
    rows = "| Name | Hash | Licence |\n|---|---|---|\n| pCloud | SHA1 | MIT |\n| Dropbox | DBHASH | GPL |\n"
    folder = make_folder(
        {
            "tools.md": "# Storage\n\n" + rows + "\n## Zeta vs Eta\n\nZeta is quick.\n",
            "CHANGELOG.md": "# 1.0\n\n- first\n",
        }
    )
    result = run_check(folder)
    out = result.output
    assert "topics (" in out and "  pCloud: 2 passage(s)" in out, out
    assert "tables (1):" in out and "tools as rows (2); columns are aspects (Hash, Licence)" in out
    assert "aspects (2): Hash, Licence" in out
    assert "skipped (1):" in out and "CHANGELOG.md" in out
    assert "warnings (" in out and "'Zeta vs Eta' looks like 'X vs Y'" in out


def test_bundled_folder_is_ok() -> None:
    result = CliRunner().invoke(main, ["kb", "check"])
    assert result.exit_code == 0, result.output
    assert lines(result)[-1].startswith("3 topics, 7 aspects, 21 cells, ")
    assert lines(result)[-1].endswith(" questions: OK")


def test_other_subject_folder_is_ok() -> None:
    result = run_check(DATABASES)
    assert result.exit_code == 0, result.output
    assert lines(result) == ["3 topics, 3 aspects, 9 cells, 12 facts, 1 questions: OK"]


def test_python_tag_is_reported_and_never_executed(make_folder: MakeFolder, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    folder = make_folder(
        {
            "doc.md": mini_doc(),
            "aliases.yaml": f"topics:\n  alpha: !!python/object/apply:os.system ['touch {marker}']\n",
        }
    )
    result = run_check(folder)
    assert result.exit_code == 1
    assert any(line.startswith(f"{folder / 'aliases.yaml'}:2: invalid YAML") for line in lines(result)), (
        result.output
    )
    assert not marker.exists()


def test_alias_bomb_is_rejected_before_expansion(make_folder: MakeFolder) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(7)
    )
    assert len(bomb.encode()) < 400
    folder = make_folder({"doc.md": mini_doc(), "questions/bomb.yaml": bomb})
    result = run_check(folder)
    assert result.exit_code == 1
    assert f"{folder / 'questions' / 'bomb.yaml'}:2: YAML aliases (*name) are not allowed" in result.output


def test_huge_file_is_refused_unread(make_folder: MakeFolder) -> None:
    folder = make_folder({"doc.md": mini_doc()})
    with (folder / "huge.md").open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: instant to write, 50 MB to read
    with (folder / "aliases.yaml").open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    result = run_check(folder)
    assert result.exit_code == 1
    assert f"{folder / 'huge.md'}:1: file is 52,428,800 bytes, over the 1,000,000-byte limit" in lines(result)
    assert f"{folder / 'aliases.yaml'}:1: file is 52,428,800 bytes, over the 1,000,000-byte limit" in lines(
        result
    )


def test_duplicate_keys(make_folder: MakeFolder) -> None:
    question = GOOD_QUESTION.replace("  difficulty: easy\n", "  difficulty: easy\n  difficulty: hard\n")
    folder = make_folder({"doc.md": mini_doc(), "questions/q.yaml": question})
    result = run_check(folder)
    assert result.exit_code == 1
    assert (
        f"{folder / 'questions' / 'q.yaml'}:6: invalid YAML: duplicate key 'difficulty' (first at line 5)"
        in lines(result)
    )


def test_tab_indentation_and_unclosed_bracket(make_folder: MakeFolder) -> None:
    folder = make_folder(
        {
            "doc.md": mini_doc(),
            "aliases.yaml": "topics:\n\talpha:\n\t\taliases: [a]\n",
            "questions/q.yaml": "- id: q1\n  topics: [alpha, beta\n  text: x\n",
        }
    )
    result = run_check(folder)
    assert result.exit_code == 1
    out = lines(result)
    assert any(
        line.startswith(f"{folder / 'aliases.yaml'}:2: invalid YAML") and "'\\t'" in line for line in out
    )
    assert any(
        line.startswith(f"{folder / 'questions' / 'q.yaml'}:") and "flow sequence" in line for line in out
    )


def test_empty_files(make_folder: MakeFolder) -> None:
    folder = make_folder({"doc.md": mini_doc(), "empty.md": "", "questions/none.yaml": "  \n"})
    result = run_check(folder)
    assert result.exit_code == 1
    assert f"{folder / 'empty.md'}:1: empty file" in lines(result)
    assert f"{folder / 'questions' / 'none.yaml'}:1: empty file" in lines(result)


def test_missing_table_cell(make_folder: MakeFolder) -> None:
    folder = make_folder({"doc.md": mini_doc("| Speed | Fast |")})
    result = run_check(folder)
    assert result.exit_code == 1
    assert lines(result)[0] == f"{folder / 'doc.md'}:20: missing table cell: Speed for Beta"


def test_mojibake_is_reported_with_its_line(make_folder: MakeFolder) -> None:
    text = mini_doc().replace("Acme.", "Acme “inc”.")
    folder = make_folder({"doc.md": text.encode("utf-8").decode("mac_roman")})
    result = run_check(folder)
    assert result.exit_code == 1
    assert lines(result)[0].startswith(f"{folder / 'doc.md'}:5: mojibake repaired")


def test_question_without_key_points_and_other_mistakes(make_folder: MakeFolder) -> None:
    bad = (
        GOOD_QUESTION
        + GOOD_QUESTION.replace(
            "  key_points: [alpha is fast, beta is slow, pick alpha for speed]\n", ""
        ).replace("id: q1", "id: q2")
        + GOOD_QUESTION.replace("topics: [alpha]", "topics: [gamma]")
        .replace("id: q1", "id: q3")
        .replace("aspect: speed", "aspect: colour")
        .replace("difficulty: easy", "difficulty: brutal")
        + GOOD_QUESTION
    )
    folder = make_folder({"doc.md": mini_doc(), "questions/q.yaml": bad})
    result = run_check(folder)
    assert result.exit_code == 1
    where = f"{folder / 'questions' / 'q.yaml'}"
    assert lines(result) == [
        f"{where}:8: question without key points (key_points: a list of short statements)",
        f"{where}:16: unknown topic 'gamma'",
        f"{where}:17: unknown aspect 'colour'",
        f"{where}:18: difficulty must be one of easy, medium, hard, not 'brutal'",
        f"{where}:21: duplicate question id 'q1' (first at {where}:1)",
    ]


def test_duplicate_topic_and_unknown_overlay_entries(make_folder: MakeFolder) -> None:
    twice = "## Alpha\n\n> Alpha is a clone.\n\n## Alpha\n\n> Alpha again.\n"
    folder = make_folder(
        {
            "a.md": mini_doc(),
            "b.md": twice,
            "aliases.yaml": "topics:\n  alpha: [a]\n  gamma: [g]\naspects:\n  colour: [hue]\n",
        }
    )
    result = run_check(folder)
    assert result.exit_code == 1
    problems = [line for line in lines(result) if not line.startswith("warning")]
    assert problems == [
        f"{folder / 'aliases.yaml'}:3: unknown topic 'gamma' in overlay",
        f"{folder / 'aliases.yaml'}:5: unknown aspect 'colour' in overlay",
        f"{folder / 'b.md'}:5: duplicate topic 'Alpha' (first at {folder / 'b.md'}:1)",
    ]


def test_documents_on_the_same_topic_merge_into_one(make_folder: MakeFolder) -> None:
    folder = make_folder({"a.md": mini_doc(), "b.md": "## Alpha\n\n> Alpha is a clone.\n\n- Language: C\n"})
    kb = knowledge.load(folder, cache=False)
    assert kb.problems == ()
    assert [t.id for t in kb.topics.values()].count("alpha") == 1
    assert any(
        f.topic == "alpha" and "C" in f.text and f.source and f.source.path.endswith("b.md") for f in kb.facts
    )
    assert any(p.source.path.endswith("b.md") for p in kb.passages_for("alpha"))


def test_problem_paths_are_relative_to_the_working_directory(make_folder: MakeFolder) -> None:
    folder = make_folder({"doc.md": mini_doc(), "empty.md": ""})
    here = os.getcwd()
    os.chdir(folder.parent)
    try:
        result = run_check(Path("kb"))
    finally:
        os.chdir(here)
    assert "kb/empty.md:1: empty file" in lines(result)


@pytest.mark.parametrize("content", [b"\xff\xfe\x00binary\x00", b"\x00" * 64])
def test_binary_document(make_folder: MakeFolder, content: bytes) -> None:
    folder = make_folder({"doc.md": mini_doc(), "blob.md": content})
    result = run_check(folder)
    assert result.exit_code == 1
    assert any(line.startswith(f"{folder / 'blob.md'}:1: ") for line in lines(result)), result.output


def test_key_point_count_and_unknown_fields(make_folder: MakeFolder) -> None:
    many = GOOD_QUESTION.replace(
        "[alpha is fast, beta is slow, pick alpha for speed]", "[a, b, c, d, e, f, g]"
    )
    odd = GOOD_QUESTION.replace("id: q1", "id: q2").replace(
        "  aspect: speed\n", "  aspect: speed\n  colour: red\n"
    )
    folder = make_folder({"doc.md": mini_doc(), "questions/q.yaml": many + odd})
    result = run_check(folder)
    where = f"{folder / 'questions' / 'q.yaml'}"
    assert result.exit_code == 1
    assert lines(result) == [f"{where}:6: 7 key points; give 3 to 6", f"{where}:12: unknown field 'colour'"]
