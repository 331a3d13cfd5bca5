"""Held-out style check: for every question kind, good answers beat vague and wrong ones clearly."""

from __future__ import annotations

from collections import defaultdict

import pytest

from bot.practice.bank import QuestionBank
from bot.practice.grading import grade
from tests.bot.practice.answer_sets import ANSWERS
from tests.bot.practice.kbs import DB_CURATED, SEED_CURATED, databases_kb, seed_kb

KBS = {"seed": seed_kb(SEED_CURATED), "db": databases_kb(DB_CURATED)}
BANKS = {name: QuestionBank.build(kb) for name, kb in KBS.items()}
REQUIRED_GAP = 35


def _scores(kb_name: str, qid: str, *answers: str) -> list[int]:
    question = BANKS[kb_name].get(qid)
    assert question is not None, qid
    return [grade(question, answer, KBS[kb_name]).score for answer in answers]


def test_the_sets_cover_at_least_ten_questions_of_every_kind() -> None:
    kinds: dict[str, set[str]] = defaultdict(set)
    for kb_name, qid, *_answers in ANSWERS:
        question = BANKS[kb_name].get(qid)
        assert question is not None, qid
        kinds[question.kind].add(qid)
    assert set(kinds) == {"definition", "aspect", "compare", "use_case", "pick", "model_answer", "curated"}
    assert all(len(ids) >= 10 for ids in kinds.values()), {k: len(v) for k, v in kinds.items()}


@pytest.mark.parametrize(("kb_name", "qid", "good", "vague", "wrong"), ANSWERS, ids=[a[1] for a in ANSWERS])
def test_a_good_answer_beats_the_vague_and_the_wrong_one(
    kb_name: str, qid: str, good: str, vague: str, wrong: str
) -> None:
    good_score, vague_score, wrong_score = _scores(kb_name, qid, good, vague, wrong)
    assert good_score > vague_score, (good_score, vague_score)
    assert good_score > wrong_score, (good_score, wrong_score)


def test_the_margin_is_at_least_35_points_on_average_for_every_kind() -> None:
    margins: dict[str, list[int]] = defaultdict(list)
    for kb_name, qid, good, vague, wrong in ANSWERS:
        question = BANKS[kb_name].get(qid)
        assert question is not None
        good_score, vague_score, wrong_score = _scores(kb_name, qid, good, vague, wrong)
        margins[question.kind] += [good_score - vague_score, good_score - wrong_score]
    averages = {kind: sum(v) / len(v) for kind, v in margins.items()}
    assert all(avg >= REQUIRED_GAP for avg in averages.values()), averages
