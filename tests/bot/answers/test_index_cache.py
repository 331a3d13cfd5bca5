"""The passage index is stored beside the cached knowledge base and read back by the next process:
the same answers, without building it again; anything wrong with the stored copy builds afresh."""

from __future__ import annotations

from pathlib import Path

import pytest

import knowledge
from bot.answers import retrieval
from bot.answers.retrieval import PassageIndex
from tests.conftest import REPO

BUNDLED = REPO / "knowledge" / "docs"
QUERIES = (
    "what is define by run",
    "licence",
    "does it support TPUs",
    "distributed training on many GPUs",
    "who created it",
    "mobile deployment",
)


def _results(index: PassageIndex) -> list[list[tuple[str, float, tuple[str, ...]]]]:
    out = []
    for query in QUERIES:
        hits = index.search(query, limit=5) + [
            h for t in sorted(index.kb.topics)[:3] for h in index.search(query, topic=t, limit=2)
        ]
        out.append([(h.passage.text, round(h.score, 9), h.passage.topics) for h in hits])
    return out


def _stored(cache: Path) -> list[Path]:
    return sorted(cache.glob(f"*.{retrieval.EXTRA_NAME}.extra"))


def test_a_second_load_reads_the_index_instead_of_building_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    first = PassageIndex(knowledge.load(BUNDLED, cache_dir=cache))
    assert len(_stored(cache)) == 1
    built = _results(first)
    terms = dict(first.terms)

    def no_build(self: PassageIndex, kb: knowledge.KnowledgeBase) -> int:
        raise AssertionError("built again although a stored index fits")

    monkeypatch.setattr(PassageIndex, "_build", no_build)
    again = PassageIndex(knowledge.load(BUNDLED, cache_dir=cache))
    assert _results(again) == built
    assert again.terms == terms
    assert again.passages == first.passages
    assert [again.count(s) for s in ("defin", "tpus", "licens")] == [
        first.count(s) for s in ("defin", "tpus", "licens")
    ]
    assert again.term_in(("torchscript",)) == first.term_in(("torchscript",))


def test_a_damaged_or_foreign_stored_index_is_built_afresh(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    expected = _results(PassageIndex(knowledge.load(BUNDLED, cache_dir=cache)))
    (stored,) = _stored(cache)
    stored.write_bytes(b"\x93not an index")
    assert _results(PassageIndex(knowledge.load(BUNDLED, cache_dir=cache))) == expected
    assert stored.read_bytes() != b"\x93not an index"  # rewritten by the build


def test_no_cache_no_stored_index(tmp_path: Path) -> None:
    kb = knowledge.load(BUNDLED, cache=False)
    assert knowledge.cache.read_extra(kb, retrieval.EXTRA_NAME) is None
    assert not knowledge.cache.write_extra(kb, retrieval.EXTRA_NAME, b"x")
    assert PassageIndex(kb).search("licence")
