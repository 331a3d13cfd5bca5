"""Subject words live in the knowledge overlay (knowledge/aliases.yaml `needs:` / `synonyms:`), not in
bot/: the bundled notes still read "good for debugging" and "fb" as before, another folder's overlay
adds its own, and a wrong entry is reported with file:line."""

from __future__ import annotations

import knowledge
from bot.answers import recommend
from bot.practice.grading.vocabulary import Vocabulary
from tests.conftest import Chat
from tests.knowledge.conftest import MakeFolder, mini_doc
from tests.knowledge.conftest import make_folder as make_folder


def test_bundled_overlay_carries_the_subject_words() -> None:
    kb = knowledge.load(None)
    assert "define-by-run" in kb.needs["debug"]
    assert kb.synonyms["fb"] == "facebook"
    assert "define-by-run" not in recommend.NEED_WORDS["debug"]  # not in the core any more


def test_a_need_the_overlay_defines_decides_a_recommendation(chat: Chat) -> None:
    """ "best for debugging": the notes say "define-by-run, which makes debugging easier" of one
    topic; the overlay's debug words ("eager", "define-by-run") make that the pick."""
    reply = chat.say("which framework is best for debugging?")
    assert reply.title == "Recommendation: PyTorch", reply.title
    assert "define-by-run" in " ".join(f.value for s in reply.sections for f in s.fields).lower()


def test_another_folders_overlay_adds_its_own_words(make_folder: MakeFolder) -> None:
    overlay = "needs:\n  speedy: [fast]\nsynonyms:\n  acme-corp: acme\n"
    kb = knowledge.load(make_folder({"doc.md": mini_doc(), "aliases.yaml": overlay}), cache=False)
    assert kb.problems == ()
    assert kb.needs == {"speedy": ("fast",)}
    assert Vocabulary.for_kb(kb).tokens("acme-corp")[:1] == Vocabulary.for_kb(kb).tokens("acme")[:1]
    assert kb.synonyms == {"acme-corp": "acme"}


def test_wrong_needs_and_synonyms_are_located(make_folder: MakeFolder) -> None:
    overlay = "needs:\n  speedy: {a: 1}\nsynonyms:\n  x: [a, b]\n  y: ''\n"
    kb = knowledge.load(make_folder({"doc.md": mini_doc(), "aliases.yaml": overlay}), cache=False)
    problems = sorted(p.split("aliases.yaml:")[1] for p in kb.problems)
    assert problems == [
        "2: expected a list of strings",
        "4: synonym of 'x' must be one word or phrase",
        "5: synonym of 'y' must be one word or phrase",
    ]
