"""Issue 15, Import: question files read into questions, every problem with file and line, and hostile
files refused with one line. The .apkg files are built here: the Anki SQLite schema made with sqlite3,
zipped (and, for the newer format, zstd-compressed)."""

from __future__ import annotations

import io
import json
import sqlite3
import struct
import tracemalloc
import zipfile
from pathlib import Path

import pytest
import zstandard
from click.testing import CliRunner

import knowledge
from bot.cli import main
from bot.practice.bank import QuestionBank
from knowledge.imports import MAX_FILE_BYTES, ImportResult, read_import, read_import_file
from knowledge.model import KnowledgeBase
from tests.bot.practice.kbs import databases_kb

KB = databases_kb()
BANK = QuestionBank.build(KB)

CSV = (
    "Question,Answer,Key points,Topic,Difficulty\n"
    'What does VACUUM do?,"It reclaims storage held by dead row versions. It also updates planner statistics '
    'when run with ANALYZE.",,PostgreSQL,hard\n'
    "How does a replica set fail over?,The members elect a new primary when the primary is unreachable,"
    "members elect a new primary|a majority must vote|writes resume on the new primary,mongo,medium\n"
    'Where does an embedded engine keep data?,"In one ordinary file, next to the application.",,sqlite,\n'
)


def _read(text: str | bytes, name: str, kb: KnowledgeBase = KB) -> ImportResult:
    data = text.encode() if isinstance(text, str) else text
    return read_import(data, name, kb, BANK.questions)


def _problems(result: ImportResult) -> list[str]:
    return [str(p) for p in result.problems]


# ---------------------------------------------------------------- Anki packages, built by the tests


def anki_collection(
    notes: list[tuple[str, str, str]],
    *,
    newer: bool,
    fields: tuple[str, ...] = ("Front", "Back"),
    deck: str = "Default",
) -> bytes:
    """A minimal Anki collection as SQLite bytes: notes (fields joined by 0x1f, tags), one card each.
    `newer`: the notetypes/fields/decks tables of the 2.1.50+ schema; else the JSON in `col`."""
    db = sqlite3.connect(":memory:")
    db.executescript("""
        CREATE TABLE col (id integer primary key, crt integer, mod integer, scm integer, ver integer, dty integer,
                          usn integer, ls integer, conf text, models text, decks text, dconf text, tags text);
        CREATE TABLE notes (id integer primary key, guid text, mid integer, mod integer, usn integer, tags text,
                            flds text, sfld integer, csum integer, flags integer, data text);
        CREATE TABLE cards (id integer primary key, nid integer, did integer, ord integer, mod integer, usn integer,
                            type integer, queue integer, due integer, ivl integer, factor integer, reps integer,
                            lapses integer, left integer, odue integer, odid integer, flags integer, data text);
    """)
    model_id, deck_id = 1342697561419, 1
    if newer:
        db.executescript("""
            CREATE TABLE notetypes (id integer primary key, name text, mtime_secs integer, usn integer, config blob);
            CREATE TABLE fields (ntid integer, ord integer, name text, config blob, primary key (ntid, ord));
            CREATE TABLE decks (id integer primary key, name text, mtime_secs integer, usn integer, common blob,
                                kind blob);
        """)
        db.execute("INSERT INTO notetypes VALUES (?, 'Basic', 0, 0, x'')", (model_id,))
        db.executemany(
            "INSERT INTO fields VALUES (?, ?, ?, x'')", [(model_id, i, f) for i, f in enumerate(fields)]
        )
        db.execute("INSERT INTO decks VALUES (?, ?, 0, 0, x'', x'')", (deck_id, deck.replace("::", "\x1f")))
        models, decks = "", ""
    else:
        models = json.dumps(
            {
                str(model_id): {
                    "name": "Basic",
                    "type": 0,
                    "flds": [{"name": f, "ord": i} for i, f in enumerate(fields)],
                }
            }
        )
        decks = json.dumps({str(deck_id): {"name": deck, "id": deck_id}})
    db.execute("INSERT INTO col VALUES (1, 0, 0, 0, 11, 0, 0, 0, '{}', ?, ?, '{}', '{}')", (models, decks))
    for number, (front, back, tags) in enumerate(notes, start=1):
        db.execute(
            "INSERT INTO notes VALUES (?, ?, ?, 0, 0, ?, ?, ?, 0, 0, '')",
            (number, f"g{number}", model_id, f" {tags} " if tags else "", f"{front}\x1f{back}", front),
        )
        db.execute("INSERT INTO cards (id, nid, did, ord) VALUES (?, ?, ?, 0)", (number, number, deck_id))
    db.commit()
    data = db.serialize()
    db.close()
    return data


def apkg(collection: bytes, *, newer: bool, extra: dict[str, bytes] | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        if newer:
            archive.writestr("collection.anki21b", zstandard.ZstdCompressor().compress(collection))
            archive.writestr(
                "collection.anki2",
                anki_collection([("Please update to the latest Anki version", "", "")], newer=False),
            )
            archive.writestr("meta", b"\x08\x03")
        else:
            archive.writestr("collection.anki2", collection)
        archive.writestr("media", b"{}")
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return out.getvalue()


NOTES = [
    (
        "What does a <b>write-ahead log</b> give you?",
        "Durability after a crash.<br>Point-in-time recovery<br>Replication to standbys",
        "postgresql hard",
    ),
    (
        "Why put a cache in front of a database?",
        "<div>Reads are served from memory&nbsp;so they are fast.</div>"
        "<div>The database gets less load.</div>[sound:x.mp3]",
        "caching",
    ),
]


# ---------------------------------------------------------------- the formats


def test_a_csv_becomes_questions_with_topics_difficulty_and_key_points() -> None:
    result = _read(CSV, "team.csv")
    assert result.problems == () and result.format == "CSV"
    vacuum, failover, embedded = result.questions
    assert vacuum.topics == ("postgresql",) and vacuum.difficulty == "hard" and vacuum.kind == "imported"
    # no key points given: the answer's sentences are the key points, so grading has something to check
    assert vacuum.key_points == (
        "It reclaims storage held by dead row versions",
        "It also updates planner statistics when run with ANALYZE",
    )
    assert vacuum.model_answer.startswith("It reclaims storage")
    assert failover.topics == ("mongodb",)  # an alias resolves to the topic id
    assert failover.key_points == (
        "members elect a new primary",
        "a majority must vote",
        "writes resume on the new primary",
    )
    assert embedded.difficulty == "medium" and str(embedded.source) == "team.csv:4"
    assert result.per_topic() == [("mongodb", 1), ("postgresql", 1), ("sqlite", 1)]


def test_a_tsv_with_columns_in_another_order_and_semicolon_points() -> None:
    text = (
        "topic\tdifficulty\tfront\tback\tkey_points\n"
        "redis\teasy\tWhat is a cache eviction policy?\tThe rule for what to drop when memory is full\t"
        "drops keys when memory is full; LRU drops the least recently used\n"
    )
    (question,) = _read(text, "deck.tsv").questions
    assert question.topics == ("redis",) and question.difficulty == "easy"
    assert question.key_points == ("drops keys when memory is full", "LRU drops the least recently used")


def test_every_problem_is_named_with_file_and_line_and_nothing_passes_silently() -> None:
    text = CSV + (
        "question,answer,,,\n"  # line 5: the header again
        "Why index a foreign key?,,,postgresql,\n"  # 6: empty answer
        "What is sharding?,Splitting data across servers,,Postgress,\n"  # 7: unknown topic
        "What does VACUUM do?,Cleans up,,,\n"  # 8: duplicate of line 2
        "What is a WAL?,A log,,,extreme\n"  # 9: bad difficulty
        "Too,many,cells,here,easy,oops\n"
    )  # 10
    problems = _problems(_read(text, "team.csv"))
    assert problems == [
        "team.csv:5: this row repeats the header (question, answer, ...), it is not a question",
        "team.csv:6: empty answer to 'Why index a foreign key?'",
        "team.csv:7: unknown topic 'Postgress' (did you mean 'postgresql'?)",
        "team.csv:8: duplicate question 'What does VACUUM do?' (first at line 2)",
        "team.csv:9: difficulty must be one of easy, medium, hard, not 'extreme'",
        "team.csv:10: 6 cells but the header names 5 columns (is a ',' inside a cell? put the cell in double quotes)",
    ]


def test_a_file_without_a_header_row_is_refused_at_line_one() -> None:
    problems = _problems(_read("What is a WAL?,A log of changes\n", "nohead.csv"))
    assert len(problems) == 1 and problems[0].startswith(
        "nohead.csv:1: expected a header row naming the columns"
    )


def test_a_question_already_in_the_bank_is_a_duplicate() -> None:
    generated = BANK.questions[0]
    problems = _problems(_read(f"question,answer\n{generated.text},Something\n", "again.csv"))
    assert problems == [
        f"again.csv:2: {generated.text!r} is already in the question bank (as {generated.id})"
    ]


@pytest.mark.parametrize("newer", [False, True], ids=["anki2", "anki21b"])
def test_both_kinds_of_anki_package_are_read_with_html_stripped_and_tags_as_topics(newer: bool) -> None:
    data = apkg(anki_collection(NOTES, newer=newer, deck="Interview::Redis"), newer=newer)
    result = _read(data, "deck.apkg")
    assert result.problems == () and result.format == "Anki"
    wal, cache = result.questions
    assert wal.text == "What does a write-ahead log give you?"
    assert wal.topics == ("postgresql",) and wal.difficulty == "hard"  # from the tags
    assert wal.key_points == ("Durability after a crash", "Point-in-time recovery", "Replication to standbys")
    assert cache.topics == ("redis",)  # no topic tag: the deck's name matches a topic
    assert (
        cache.model_answer == "Reads are served from memory so they are fast.\nThe database gets less load."
    )
    assert "sound" not in cache.model_answer and "<" not in cache.model_answer


def test_anki_fields_named_like_the_template_columns_are_used() -> None:
    notes = [("Key: what is an LSM tree?", "Writes go to memory, then to sorted files", "")]
    collection = anki_collection(notes, newer=True, fields=("Answer", "Question"))
    (question,) = _read(apkg(collection, newer=True), "named.apkg").questions
    assert question.text == "Writes go to memory, then to sorted files"  # the field called Question


def test_anki_problems_name_the_note() -> None:
    notes = [("What is a B-tree?", "", ""), ("What is a B-tree?", "A balanced tree", "")]
    problems = _problems(_read(apkg(anki_collection(notes, newer=False), newer=False), "bad.apkg"))
    assert problems == [
        "bad.apkg: note 1: empty answer to 'What is a B-tree?'",
        "bad.apkg: note 2: duplicate question 'What is a B-tree?' (first at note 1)",
    ]


def test_the_projects_own_questions_yaml_is_read_with_its_checks() -> None:
    good = (
        "- id: pg-mvcc\n  text: How does MVCC avoid read locks?\n  topics: [postgresql]\n  aspect: null\n"
        "  difficulty: hard\n  key_points: [readers see a snapshot, writers make new row versions, "
        "old versions are vacuumed]\n  model_answer: Readers see a snapshot while writers add new versions.\n"
    )
    (question,) = _read(good, "mine.yaml").questions
    assert question.id == "pg-mvcc" and question.kind == "imported" and str(question.source) == "mine.yaml:1"
    bad = good.replace("[postgresql]", "[nosuch]")
    assert _problems(_read(bad, "mine.yaml")) == ["mine.yaml:3: unknown topic 'nosuch'"]


# ---------------------------------------------------------------- hostile files


def _one_line(result: ImportResult) -> str:
    assert result.questions == () and len(result.problems) == 1, result.problems
    return str(result.problems[0])


def test_bad_encoding_is_one_line_with_the_line_number() -> None:
    data = b"question,answer\nWhat is a WAL?,A log\n" + "Qu'est-ce qu'un index?,Une clé\n".encode("latin-1")
    assert _one_line(_read(data, "latin.csv")) == (
        "latin.csv:3: not UTF-8 text (byte 0xe9); save the file as UTF-8 and import it again"
    )
    bom = b"\xef\xbb\xbfquestion,answer\nA?,B c\n\xff\n"
    assert _one_line(_read(bom, "bom.csv")).startswith("bom.csv:3: not UTF-8 text (byte 0xff)")


def test_a_100_mb_file_is_refused_by_its_size_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    with path.open("wb") as handle:  # sparse: 100 MB on paper, nothing to read in bounded time
        handle.truncate(100_000_000)
    tracemalloc.start()
    result = read_import_file(path, KB, BANK.questions)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert _one_line(result) == (
        "huge.csv: refused: the file is 100,000,000 bytes, over the "
        f"{MAX_FILE_BYTES:,}-byte limit for an import"
    )
    assert peak < 5_000_000  # refused unread: nothing close to the file's size was held


def _bomb(name: str, size: int, *, lie: bool = False) -> bytes:
    """A zip holding `size` zero bytes under `name` (a few KB compressed); `lie`: the header says 10 bytes."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open(name, "w", force_zip64=True) as f,
    ):
        block = bytes(1 << 20)
        for _ in range(size >> 20):
            f.write(block)
    data = out.getvalue()
    if lie:  # rewrite the uncompressed size in the central directory (and zip64 extra) to look small
        data = data.replace(struct.pack("<Q", size), struct.pack("<Q", 10)).replace(
            struct.pack("<I", size), struct.pack("<I", 10)
        )
    return data


def test_a_zip_bomb_is_refused_by_its_declared_size() -> None:
    data = _bomb("collection.anki2", 200 << 20)
    assert len(data) < 1_000_000
    assert _one_line(_read(data, "bomb.apkg")) == (
        "bomb.apkg: refused: collection.anki2 says it unpacks to "
        "209,715,200 bytes, over the 50,000,000-byte limit"
    )


def test_a_zip_bomb_that_lies_about_its_size_stops_at_the_cap() -> None:
    data = _bomb("collection.anki2", 200 << 20, lie=True)
    tracemalloc.start()
    line = _one_line(_read(data, "liar.apkg"))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert line.startswith("liar.apkg: ") and ("over 50,000,000 bytes" in line or "cannot unpack" in line), (
        line
    )
    assert peak < 120_000_000  # stopped near the cap, never the 200 MB it would unpack to


def test_a_zstd_bomb_is_refused_by_the_size_its_frame_declares() -> None:
    compressed = zstandard.ZstdCompressor().compress(bytes(60_000_000))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("collection.anki21b", compressed)
    assert _one_line(_read(out.getvalue(), "z.apkg")) == (
        "z.apkg: refused: collection.anki21b says it unpacks to "
        "60,000,000 bytes, over the 50,000,000-byte limit"
    )


def test_a_zstd_stream_without_a_declared_size_stops_at_the_cap() -> None:
    source = io.BytesIO(bytes(60_000_000))
    compressed = io.BytesIO()
    zstandard.ZstdCompressor().copy_stream(source, compressed)  # streamed: no content size in the frame
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("collection.anki21b", compressed.getvalue())
    assert _one_line(_read(out.getvalue(), "z.apkg")) == (
        "z.apkg: refused: collection.anki21b unpacks to over 50,000,000 bytes (a zip bomb?)"
    )


def test_a_path_that_escapes_the_package_is_refused_and_nothing_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    data = apkg(anki_collection(NOTES, newer=False), newer=False, extra={"../../escaped.txt": b"gotcha"})
    assert _one_line(_read(data, "evil.apkg")) == (
        "evil.apkg: refused: the package holds a path that leaves it ('../../escaped.txt')"
    )
    assert list(tmp_path.rglob("*")) == [] and not (tmp_path.parent / "escaped.txt").exists()


def test_a_zip_listing_a_million_files_is_refused_before_they_are_read() -> None:
    data = apkg(anki_collection(NOTES, newer=False), newer=False)
    end = data.rfind(b"PK\x05\x06")
    forged = data[: end + 8] + struct.pack("<HH", 60_000, 60_000) + data[end + 12 :]
    assert _one_line(_read(forged, "many.apkg")) == (
        "many.apkg: refused: the package lists 60,000 files, over the 10,000 a deck may hold"
    )


def test_not_a_zip_or_not_a_collection_is_one_line() -> None:
    assert _one_line(_read(b"just text", "x.apkg")).startswith(
        "x.apkg: not an Anki package (.apkg is a zip file)"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("collection.anki2", b"not sqlite at all" * 100)
    assert _one_line(_read(out.getvalue(), "y.apkg")).startswith("y.apkg: not an Anki collection:")


# ---------------------------------------------------------------- the command, read as a user would

BUNDLED = knowledge.load(None)
TOPIC = next(iter(BUNDLED.topics.values()))


def _csv_for_bundled() -> str:
    return (
        "question,answer,key points,topic,difficulty\n"
        f'What would you check first when {TOPIC.name} training is slow?,"Profile the input pipeline first. '
        f'Then check the device utilisation.",,{TOPIC.name},hard\n'
        "How do you explain a bias-variance trade-off?,Simple models underfit and complex ones overfit,"
        f"simple models underfit|complex models overfit|validation error shows the balance,{TOPIC.id},medium\n"
    )


def test_dry_run_reports_what_would_be_added_and_stores_nothing(tmp_path: Path) -> None:
    path = tmp_path / "mine.csv"
    path.write_text(_csv_for_bundled(), encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'p.db'}"
    runner = CliRunner()
    result = runner.invoke(main, ["questions", "import", str(path), "--dry-run", "--db", db])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "mine.csv (CSV): 2 questions would be added.",
        f"  {TOPIC.id}: 2",
        "First questions:",
        f"  2: [hard] What would you check first when {TOPIC.name} training is slow?  (2 key points)",
        "  3: [medium] How do you explain a bias-variance trade-off?  (3 key points)",
    ]
    listed = json.loads(runner.invoke(main, ["questions", "--json", "--db", db]).output)
    assert not any(q["kind"] == "imported" for q in listed)

    stored = runner.invoke(main, ["questions", "import", str(path), "--db", db])
    assert stored.exit_code == 0 and stored.output == f"Imported 2 questions from mine.csv: {TOPIC.id} 2.\n"
    listed = json.loads(runner.invoke(main, ["questions", "--json", "--db", db, "--topic", TOPIC.id]).output)
    imported = [q for q in listed if q["kind"] == "imported"]
    assert [q["difficulty"] for q in imported] == ["hard", "medium"]
    assert imported[1]["key_points"] == [
        "simple models underfit",
        "complex models overfit",
        "validation error shows the balance",
    ]

    again = runner.invoke(main, ["questions", "import", str(path), "--db", db])
    assert again.exit_code == 1
    assert "2 problems; nothing was imported:" in again.output and "mine.csv:2: " in again.output
    assert "is already in the question bank" in again.output


def test_a_file_with_problems_exits_1_and_imports_nothing(tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    path.write_text(_csv_for_bundled() + "Why normalise inputs?,,,,\n", encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'p.db'}"
    runner = CliRunner()
    result = runner.invoke(main, ["questions", "import", str(path), "--db", db])
    assert result.exit_code == 1
    assert result.output.splitlines()[-2:] == [
        "1 problem; nothing was imported:",
        "mixed.csv:4: empty answer to 'Why normalise inputs?'",
    ]
    listed = json.loads(runner.invoke(main, ["questions", "--json", "--db", db]).output)
    assert not any(q["kind"] == "imported" for q in listed)  # the two good rows were not half-imported
