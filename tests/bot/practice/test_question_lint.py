"""`prepbot questions --lint` (issue 14): each rule flags the robotic wording it names, with the reason;
the bundled notes have none."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bot.practice.bank import QuestionBank
from bot.practice.lint import lint, lint_question
from knowledge.model import KnowledgeBase, Question
from tests.bot.practice.kbs import seed_kb

ROOT = Path(__file__).resolve().parents[3]
NAMES = frozenset({"alpha", "beta"})


def _q(
    text: str, points: tuple[str, ...], model: str = "Alpha keeps every block twice.", **kw: object
) -> Question:
    topics = kw.pop("topics", ("alpha",))
    assert isinstance(topics, tuple)
    return Question("q1", text, topics, None, "medium", points, model, "aspect")


def _rules(question: Question) -> list[str]:
    return [f.rule for f in lint_question(question, NAMES)]


def test_a_natural_question_passes() -> None:
    good = _q("What should someone know about storage before choosing Alpha?", ("keeps every block twice",))
    assert _rules(good) == []


def test_row_label_questions_are_flagged() -> None:
    assert _rules(_q("How does Alpha handle community?", ("huge in research",))) == ["row-label"]
    assert _rules(_q("Compare Alpha and Beta for production.", ("fast to ship",))) == ["row-label"]
    assert _rules(_q("Data Classes?", ("fewer lines to write",))) == ["row-label"]


def test_raw_cell_model_answers_are_flagged() -> None:
    assert "raw-cell" in _rules(
        _q("Where does Alpha stand?", ("moderate speed",), "Alpha: Moderate; Beta: Very High.")
    )
    assert "raw-cell" in _rules(
        _q("Where does Alpha stand?", ("moderate speed",), "Alpha, ease of use: Moderate.")
    )
    assert "no-answer" in _rules(_q("Where is Alpha better?", ("moderate speed",), "Where Alpha is better:"))


def test_it_does_not_and_mark_only_key_points_are_flagged() -> None:
    findings = lint_question(_q("Where does Alpha stand on replication?", ("no",)), NAMES)
    assert [f.rule for f in findings] == ["mark-only"] and "it doesn't" in findings[0].reason
    assert _rules(_q("Where does Alpha stand on replication?", ("—",))) == ["mark-only"]
    assert _rules(_q("Where does Alpha stand on replication?", ("yes",))) == ["mark-only"]
    legend = lint_question(_q("Where does Alpha stand on modification time?", ("R/W",)), NAMES)
    assert [f.rule for f in legend] == ["mark-only"] and "legend" in legend[0].reason


def test_prefixed_duplicate_and_given_away_key_points_are_flagged() -> None:
    assert _rules(_q("What are Alpha's limits?", ("Gotchas: no built-in network access",))) == ["prefixed"]
    both = _q("Compare them", ("Alpha: fast start", "Beta: slow start"), topics=("alpha", "beta"))
    assert _rules(both) == []  # a topic's name says whose point it is
    assert _rules(_q("What is Alpha for?", ("research", "research and teaching"))) == ["duplicate"]
    assert _rules(_q("What is Alpha for?", ("research", "Research"))) == ["duplicate"]
    assert _rules(_q("Why does Alpha keep every block twice?", ("keep every block twice",))) == ["gives-away"]


def test_the_reason_names_the_question_and_the_point() -> None:
    (finding,) = lint_question(_q("What are Alpha's limits?", ("Note: three copies",)), NAMES)
    assert str(finding) == "q1: prefixed: key point 'Note: three copies' starts with a label"


def test_the_bank_built_from_hand_made_notes_has_no_robotic_question() -> None:
    kb: KnowledgeBase = seed_kb()
    assert lint(QuestionBank.build(kb).questions, kb) == []


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", "questions", "--lint", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )


def test_prepbot_questions_lint_reports_none_on_the_bundled_notes() -> None:
    done = _cli()
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip().endswith("questions flagged.") and done.stdout.startswith("0 of ")


def test_prepbot_questions_lint_flags_a_robotic_curated_question_and_exits_1(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text(
        "# Alpha\n\nAlpha is a file store for teams.\n\n## Features\n\n- Keeps every block twice\n",
        encoding="utf-8",
    )
    (tmp_path / "questions").mkdir()
    (tmp_path / "questions" / "alpha.yaml").write_text(
        "- id: alpha-community\n  text: How does Alpha handle community?\n  topics: [alpha]\n"
        "  aspect: null\n  difficulty: easy\n  key_points:\n    - 'Gotchas: small community'\n"
        "    - mostly one company\n    - few plugins\n"
        "  model_answer: 'Alpha: small.'\n",
        encoding="utf-8",
    )
    done = _cli("--knowledge", str(tmp_path))
    assert done.returncode == 1, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert any(line.startswith("alpha-community: row-label: ") for line in lines), done.stdout
    assert any("prefixed: key point 'Gotchas: small community'" in line for line in lines)
    assert any("raw-cell" in line for line in lines)
    assert lines[-1].startswith("1 of ")
