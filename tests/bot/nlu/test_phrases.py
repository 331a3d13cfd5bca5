"""The matcher's phrase tables (bot/nlu/phrases/*.yaml): every shipped file loads, the word classes
are what the matcher reads, a wrong file is reported with file:line, and the parsed cache is used."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.nlu import context, phrases, words
from bot.nlu.matcher import Matcher
from knowledge import load


def test_every_phrase_file_the_matcher_reads_loads() -> None:
    for path in sorted(phrases.FOLDER.glob("*.yaml")):
        assert phrases.parse(path), path.name


def test_the_conversation_reads_its_phrasings_from_the_tables() -> None:
    """ "on" and "yes" are words, not YAML booleans; small talk kinds are the small_talk_<kind> classes."""
    p = context.phrases()
    assert "on" in p.filler and "true" not in p.filler and "on" in p.name_leads
    assert "yes" in p.small_talk_filler
    assert p.small_talk[("thank", "you")] == "thanks" and p.small_talk[("see", "ya")] == "bye"
    assert set(p.small_talk.values()) == {"thanks", "ok", "bye"}


def test_the_matcher_reads_its_english_from_the_tables() -> None:
    assert phrases.words("english", "stopwords") == words.STOPWORDS
    assert {"yes", "no", "on", "off"} <= words.STOPWORDS  # quoted in YAML, not read as booleans
    assert "years" in words.COMMON and "vs" in words.CLAUSE_BREAKS


def test_an_everyday_word_is_not_corrected_into_a_topic() -> None:
    """ "years" is one edit from nothing the bundled notes name, but the everyday list is what keeps
    plain words out of the typo fixer: the message stays small talk-free and topic-free."""
    match = Matcher(load(None)).match("how many years")
    assert match.topics == ()


def test_wrong_phrase_files_are_located(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("joiners: [vs, yes, Versus]\n2words: [a]\nstops: nope\njoiners: [x]\n")
    with pytest.raises(phrases.PhraseError) as caught:
        phrases.parse(path)
    assert f"{path}:4" in str(caught.value) and "duplicate key" in str(caught.value)
    path.write_text("joiners:\n  - vs\n  - yes\n  - Versus\n2words: [a]\nstops: nope\n")
    with pytest.raises(phrases.PhraseError) as caught:
        phrases.parse(path)
    assert [str(p).removeprefix(f"{path}:") for p in caught.value.problems] == [
        "3: joiners: True is not a word (quote it)",
        "4: joiners: 'Versus' must be lower case, trimmed",
        "5: class name '2words' must be a plain identifier",
        "6: stops: expected a list of words",
    ]


def test_the_parsed_tables_are_cached_on_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(phrases.CACHE_ENV, str(tmp_path))
    phrases.table.cache_clear()
    try:
        first = phrases.table("english")
        assert (tmp_path / "english.json").is_file()
        phrases.table.cache_clear()
        assert phrases.table("english") == first
    finally:
        phrases.table.cache_clear()


def test_a_word_listed_twice_in_a_class_is_located(tmp_path: Path) -> None:
    path = tmp_path / "twice.yaml"
    path.write_text("joiners:\n  - vs\n  - versus\n  - vs\n")
    with pytest.raises(phrases.PhraseError) as caught:
        phrases.parse(path)
    assert str(caught.value) == f"{path}:4: joiners: 'vs' is listed twice"
