"""Every paragraph, bullet, quote and table cell is a passage with file, line, heading path and topics;
terms that live in one topic's passages point to it."""

from __future__ import annotations

import knowledge
from tests.knowledge.conftest import MakeFolder, mini_doc


def test_every_block_is_a_passage_with_provenance(make_folder: MakeFolder) -> None:
    doc = mini_doc() + "\nA closing paragraph that names Beta.\n"
    kb = knowledge.load(make_folder({"doc.md": doc}), cache=False)
    by_text = {p.text: p for p in kb.passages}
    definition = by_text["Alpha is a tiny build tool made by Acme."]
    assert definition.kind == "definition" and definition.topics[0] == "alpha"
    assert definition.source.line == 5 and definition.heading_path == ("Tools", "Alpha")
    assert definition.cite() == "doc.md § Alpha"
    language = by_text["Language: Java"]
    assert language.topics == ("beta",) and language.aspect == "language" and language.kind == "bullet"
    cell = by_text["Speed: Slow"]
    assert cell.topics == ("beta",) and cell.aspect == "speed" and cell.kind == "cell"
    assert cell.heading_path == ("Tools", "Comparison")
    closing = by_text["A closing paragraph that names Beta."]
    assert "beta" in closing.topics and closing.source.line == doc.splitlines().index(closing.text) + 1


def test_passages_for_filters_by_topic_and_aspect(make_folder: MakeFolder) -> None:
    kb = knowledge.load(make_folder({"doc.md": mini_doc()}), cache=False)
    assert [p.text for p in kb.passages_for("alpha", "developer")] == ["Developed by: Acme"]


def test_terms_living_in_one_topics_passages_point_to_it(make_folder: MakeFolder) -> None:
    doc = (
        "## Alpha\n\n> Alpha is a build tool.\n\n- Ships the `QuickCache` daemon\n- Written by Jane Doe\n"
        "- Uses the ZRP protocol\n\n## Beta\n\n> Beta is a build tool.\n\n- Also speaks Common Proto\n"
        "- Has a plugin API\n\n## Gamma\n\n> Gamma is a build tool.\n\n- Has an API too\n"
    )
    kb = knowledge.load(make_folder({"doc.md": doc}), cache=False)
    assert kb.terms["quickcache"] == "alpha"
    assert kb.terms["jane doe"] == "alpha"
    assert kb.terms["zrp"] == "alpha"
    assert kb.terms["common proto"] == "beta"
    assert "api" not in kb.terms  # used by two topics alike


def test_bundled_terms_resolve_to_their_topics() -> None:
    kb = knowledge.load(None, cache=False)
    # the bundled notes name sub-projects and a creator inside one topic's section each
    for term in ("torchscript", "tensorboard", "xla", "onnx", "françois chollet"):
        assert kb.terms.get(term) in kb.topics, term
    assert len({kb.terms[t] for t in ("torchscript", "tensorboard", "françois chollet")}) == 3
