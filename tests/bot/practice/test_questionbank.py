from __future__ import annotations

from collections import Counter

from bot.practice.bank import QuestionBank
from knowledge.model import KnowledgeBase
from tests.bot.practice.kbs import DB_CURATED, databases_kb, seed_kb

KINDS = {"definition", "aspect", "compare", "use_case", "pick", "model_answer", "curated"}


def test_every_kind_of_question_is_generated_with_readable_stable_ids(bank: QuestionBank) -> None:
    assert {q.kind for q in bank.questions} == KINDS
    deployment = bank.get("aspect:pytorch:deployment")
    assert deployment is not None
    assert deployment.text == "What should someone know about deployment before choosing PyTorch?"
    assert "TorchScript, ONNX" in deployment.key_points
    assert deployment.model_answer.startswith("On deployment, PyTorch offers TorchScript and ONNX.")
    production = bank.get("compare:keras,pytorch:production")
    assert production is not None
    assert (
        production.text
        == "How do Keras and PyTorch differ on production, and when would that decide it for you?"
    )
    assert production.key_points == ("Keras: Medium (via TF backend)", "PyTorch: Growing (TorchServe, ONNX)")
    assert production.difficulty == "medium"
    everything = bank.get("compare:keras,pytorch,tensorflow:production")
    assert everything is not None and everything.difficulty == "hard"
    definition = bank.get("definition:keras")
    assert definition is not None and definition.text == "What is Keras and what is it used for?"
    assert "Rapid prototyping" in definition.key_points
    assert bank.get("model_answer:keras,pytorch,tensorflow") is not None
    assert bank.get("curated:onnx-export") is not None


def test_every_question_has_key_points_and_a_model_answer(bank: QuestionBank) -> None:
    for question in bank.questions:
        assert question.key_points, question.id
        assert question.model_answer, question.id
        assert question.difficulty in ("easy", "medium", "hard")
        assert all(t in ("tensorflow", "keras", "pytorch") for t in question.topics)


def test_ids_are_unique_and_the_same_on_every_build(kb: KnowledgeBase) -> None:
    first, second = QuestionBank.build(kb), QuestionBank.build(seed_kb(kb.questions))
    ids = [q.id for q in first.questions]
    assert len(ids) == len(set(ids))
    assert ids == [q.id for q in second.questions]
    assert [q.key_points for q in first.questions] == [q.key_points for q in second.questions]


def test_model_answer_key_points_leave_out_first_person_experience(bank: QuestionBank) -> None:
    question = bank.get("model_answer:keras,pytorch,tensorflow")
    assert question is not None
    assert "PyTorch is more intuitive and flexible for research" in question.key_points
    assert not any(point.startswith("I") for point in question.key_points)


def test_a_document_on_other_topics_needs_no_code_change() -> None:
    bank = QuestionBank.build(databases_kb(DB_CURATED))
    kinds = Counter(q.kind for q in bank.questions)
    assert kinds["definition"] == 7 and kinds["use_case"] == 7 and kinds["pick"] == 7
    assert kinds["model_answer"] == 9 and kinds["curated"] == 5
    assert kinds["compare"] == (21 + 1) * 5  # every pair and all seven, per table row
    redis = bank.get("aspect:redis:data_model")
    assert redis is not None and "Key-value data structures" in redis.key_points
    pick = bank.get("pick:redis")
    assert pick is not None and pick.text == "When would you pick Redis over the alternatives?"
    assert "Caching and real-time counters" in pick.key_points


def test_filter_by_topic_difficulty_and_aspect(bank: QuestionBank) -> None:
    on_keras = bank.filter(["keras"])
    assert on_keras and all("keras" in q.topics for q in on_keras)
    assert all(q.difficulty == "hard" for q in bank.filter(difficulty="hard"))
    deployment = bank.filter(["pytorch"], aspect="deployment")
    assert {q.id for q in deployment} >= {"aspect:pytorch:deployment", "compare:keras,pytorch:deployment"}
    assert bank.filter() == list(bank.questions)
    assert bank.get("no-such-question") is None


def test_curated_questions_without_key_points_are_left_out(kb: KnowledgeBase) -> None:
    from tests.bot.practice.kbs import curated

    empty = curated("curated:empty", "Say anything", ("keras",), (), "")
    bank = QuestionBank.build(seed_kb((*kb.questions, empty)))
    assert bank.get("curated:empty") is None


# Issue 14: questions a human interviewer would ask.


def _matrix_kb() -> KnowledgeBase:
    """A feature matrix of yes/no cells (as comparison pages have), a descriptive row, prefixed and
    repeated notes, and a section of paragraphs."""
    from knowledge.model import Aspect, Cell, Fact, Passage, Source, Topic

    order = ("alpha", "beta", "gamma")
    topics = {t: Topic(t, t.title(), (), f"{t.title()} is a file store for teams.") for t in order}
    rows = {
        "replication": ("Replication", ("yes", "no", "—")),
        "web_ui": ("Web UI", ("Yes", "Yes", "Yes")),
        "mod_time": ("Mod time", ("R/W", "R", "DR/W")),
        "storage": ("Storage", ("Local disk, object store", "Local disk only", "Object store")),
    }
    cells = {(a, t): Cell(v) for a, (_l, vs) in rows.items() for t, v in zip(order, vs, strict=True)}
    facts = (
        Fact("beta", "replication", "Gotchas: no built-in replication, copy the files with a cron job"),
        Fact("alpha", "storage", "Note: keeps three copies of every block"),
        Fact("alpha", "storage", "keeps three copies of every block"),
    )
    where = Source("notes/alpha.md", 3)
    passages = tuple(
        Passage(text, where, ("Alpha", "Backups"), ("alpha",), None, "bullet")
        for text in (
            "Snapshots are taken every hour and kept for a week.",
            "Restores run from the web console or the command line.",
        )
    )
    return KnowledgeBase(
        topics=topics,
        aspects={a: Aspect(a, label) for a, (label, _v) in rows.items()},
        facts=facts,
        cells=cells,
        passages=passages,
    )


def test_no_question_whose_honest_answer_is_it_does_not() -> None:
    bank = QuestionBank.build(_matrix_kb())
    # "—" and a bare "no" ask nothing; a "no" the notes explain is asked about its limit
    assert bank.get("aspect:gamma:replication") is None
    limit = bank.get("aspect:beta:replication")
    assert limit is not None and "limits" in limit.text
    assert limit.key_points == ("no built-in replication, copy the files with a cron job",)
    assert bank.get("aspect:alpha:replication") is None  # a bare "yes": nothing to say beyond it
    assert not any(q.aspect == "web_ui" for q in bank.questions)  # every cell the same: nothing to ask
    assert not any(q.aspect == "mod_time" for q in bank.questions)  # letters from the table's legend
    which = bank.get("which:replication")
    assert which is not None
    assert which.text == "Of Alpha, Beta and Gamma, which offer “replication”, and which don't?"
    assert which.key_points == ("Alpha",)
    assert which.model_answer == "Alpha offers replication; Beta and Gamma do not."
    for question in bank.questions:
        assert "handle" not in question.text and not question.text.startswith("Compare"), question.text
        assert all(p.casefold() not in ("yes", "no", "—") for p in question.key_points), question.id


def test_model_answers_are_sentences_and_key_points_have_no_prefix_or_repeat() -> None:
    bank = QuestionBank.build(_matrix_kb())
    storage = bank.get("aspect:alpha:storage")
    assert storage is not None
    assert storage.key_points == ("Local disk, object store", "keeps three copies of every block")
    assert storage.model_answer.startswith("On storage, Alpha offers Local disk and object store.")
    pair = bank.get("compare:alpha,beta:storage")
    assert pair is not None
    assert (
        pair.model_answer
        == "On storage, Alpha offers Local disk and object store, while Beta is local disk only."
    )
    assert pair.key_points == ("Alpha: Local disk, object store", "Beta: Local disk only")  # whose fact it is


def test_a_section_of_notes_becomes_a_question_about_it() -> None:
    bank = QuestionBank.build(_matrix_kb())
    section = bank.get("passage:alpha:backups")
    assert section is not None and section.kind == "passage"
    assert section.text == "Talk me through the backups of Alpha: what matters most?"
    assert section.key_points == (
        "Snapshots are taken every hour and kept for a week",
        "Restores run from the web console or the command line",
    )


def test_bundled_model_answers_read_as_sentences(bank: QuestionBank) -> None:
    best = bank.get("aspect:keras:best_for")
    assert best is not None and best.model_answer == "Keras is best for rapid prototyping."
    trio = bank.get("compare:keras,pytorch,tensorflow:ease_of_use")
    assert trio is not None
    assert (
        trio.model_answer
        == "On ease of use, TensorFlow is moderate, Keras is very high, while PyTorch is high."
    )
    definition = bank.get("definition:pytorch")
    assert (
        definition is not None and "Research" not in definition.key_points
    )  # inside "Research + experimentation"
    assert "Research + experimentation" in definition.key_points
