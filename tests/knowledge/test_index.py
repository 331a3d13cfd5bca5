"""The look-up index: the same answers as a scan, built once, never written into the cache."""

from __future__ import annotations

import pickle

import knowledge
from knowledge.model import KnowledgeBase


def _kb() -> KnowledgeBase:
    return knowledge.load(None, cache=False)


def test_indexed_lookups_equal_a_scan() -> None:
    kb = _kb()
    for topic in kb.topics:
        assert kb.facts_for(topic) == tuple(f for f in kb.facts if f.topic == topic)
        for aspect in kb.aspects:
            assert kb.facts_for(topic, aspect) == tuple(
                f for f in kb.facts if f.topic == topic and f.aspect == aspect
            )
        assert kb.passages_for(topic) == tuple(p for p in kb.passages if topic in p.topics)
        assert kb.use_cases_for(topic) == tuple(u for u in kb.use_cases if u.topic == topic)
    assert kb.table_aspects() == tuple(dict.fromkeys(a for a, _t in kb.cells))


def test_index_is_built_once_and_not_pickled() -> None:
    kb = _kb()
    first = kb.index()
    assert kb.index() is first
    assert kb.memo("x", lambda: [1]) is kb.memo("x", lambda: [2])
    again = pickle.loads(pickle.dumps(kb))
    assert again == kb and again._index is None
    assert again.facts_for("pytorch") == kb.facts_for("pytorch")
