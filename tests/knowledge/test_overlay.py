"""The aliases.yaml overlay merges onto document-derived topics and aspects."""

from __future__ import annotations

import knowledge
from tests.knowledge.conftest import MakeFolder, mini_doc


def test_aliases_descriptions_and_aspect_phrasings_merge(make_folder: MakeFolder) -> None:
    overlay = (
        "topics:\n  alpha:\n    aliases: [al, ALPHA, al]\n    description: [the acme one]\n"
        "  beta: [b2]\naspects:\n  speed: [fast, quick]\n  developer:\n    aliases: [maker]\n"
    )
    kb = knowledge.load(make_folder({"doc.md": mini_doc(), "aliases.yaml": overlay}), cache=False)
    assert kb.problems == ()
    assert kb.topic("alpha").aliases == ("al", "ALPHA")  # duplicates dropped, order kept
    assert kb.topic("alpha").description[-1] == "the acme one"
    assert "tiny build tool" in kb.topic("alpha").description  # from the document, kept
    assert kb.topic("beta").aliases == ("b2",)
    assert kb.aspects["speed"].aliases == ("fast", "quick")
    assert kb.aspects["developer"].aliases == ("maker",)


def test_document_aliases_come_first_and_are_not_repeated(make_folder: MakeFolder) -> None:
    doc = "## Gamma (Gam)\n\n> Gamma is a tool.\n\n- Language: Rust\n"
    kb = knowledge.load(
        make_folder({"doc.md": doc, "aliases.yaml": "topics:\n  gamma: [gam, g]\n"}), cache=False
    )
    assert kb.topic("gamma").aliases == ("Gam", "g")


def test_overlay_shape_mistakes_are_located(make_folder: MakeFolder) -> None:
    overlay = "topics:\n  alpha:\n    aliases: {a: 1}\nextras: 1\naspects: [speed]\n"
    kb = knowledge.load(make_folder({"doc.md": mini_doc(), "aliases.yaml": overlay}), cache=False)
    problems = sorted(p.split("aliases.yaml:")[1] for p in kb.problems)
    assert problems == [
        "3: expected a list of strings",
        "4: unknown section 'extras' (topics, aspects, needs, synonyms)",
        "5: 'aspects' must be a mapping of ids",
    ]
    assert kb.topic("alpha").aliases == ()
