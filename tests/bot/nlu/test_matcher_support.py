"""Test helpers for the matcher: knowledge bases built by hand from small YAML specs, and the
message corpus. (Also checks that the specs themselves are sound.)"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

import knowledge
from knowledge.model import BUILTIN_ASPECTS, Aspect, Cell, Fact, KnowledgeBase, Topic, UseCase

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "matcher"


def snake(label: str) -> str:
    return "_".join("".join(c if c.isalnum() else " " for c in label.casefold()).split())


def spec_kb(name: str) -> KnowledgeBase:
    """A KnowledgeBase from tests/fixtures/matcher/kb_<name>.yaml; "bundled" is the real one, and
    "md:<subject>" is knowledge.load() over the markdown documents in kbs/<subject>/."""
    if name == "bundled":
        return knowledge.load(None)
    if name.startswith("md:"):
        return knowledge.load(FIXTURES / "kbs" / name.removeprefix("md:"), cache=False)
    spec: dict[str, Any] = yaml.safe_load((FIXTURES / f"kb_{name}.yaml").read_text(encoding="utf-8"))
    topics = {
        t["id"]: Topic(
            t["id"],
            t["name"],
            tuple(t.get("aliases", ())),
            t.get("definition", ""),
            tuple(t.get("description", ())),
        )
        for t in spec["topics"]
    }
    facts = tuple(Fact(t["id"], "developer", t["developer"]) for t in spec["topics"] if t.get("developer"))
    aspects = {snake(label): Aspect(snake(label), label) for label in spec.get("aspects", {})}
    for builtin in BUILTIN_ASPECTS:
        aspects.setdefault(builtin, Aspect(builtin, builtin.replace("_", " ").capitalize()))
    cells = {
        (snake(label), topic): Cell(str(text))
        for label, row in spec.get("aspects", {}).items()
        for topic, text in row.items()
    }
    uses = tuple(UseCase(topic, text) for topic, items in spec.get("use_cases", {}).items() for text in items)
    return KnowledgeBase(topics=topics, aspects=aspects, facts=facts, cells=cells, use_cases=uses)


def test_spec_kbs_are_consistent() -> None:
    for path in sorted(FIXTURES.glob("kb_*.yaml")):
        kb = spec_kb(path.stem.removeprefix("kb_"))
        assert len(kb.topics) >= 3, path
        assert all(topic in kb.topics for _aspect, topic in kb.cells), path
