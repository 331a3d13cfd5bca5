"""A line that is only bold text (maybe numbered, maybe with emoji) is a heading written the loose way."""

from __future__ import annotations

import knowledge
from knowledge.parse import parse
from tests.knowledge.conftest import MakeFolder

RUNNERS = """# JavaScript test runners

Notes for the frontend interview loop.

🧪 **1. Jest**

Jest is a JavaScript testing framework from Meta with mocking built in.

* Developed by: Meta
* Snapshot testing out of the box

**2. Mocha** ☕

Mocha is a flexible test runner for Node.js.

- Language: JavaScript
- Bring your own assertion library

**Use cases**

- Jest: React apps, snapshot tests
- Mocha: Node.js back ends
"""


def test_bullets_under_bold_only_lines_belong_to_their_topic(make_folder: MakeFolder) -> None:
    kb = knowledge.load(make_folder({"runners.md": RUNNERS}), cache=False)

    assert list(kb.topics) == ["jest", "mocha"]
    assert kb.topic("jest").definition.startswith("Jest is a JavaScript testing framework")
    assert [f.text for f in kb.facts_for("jest", "developer")] == ["Meta"]
    assert [f.text for f in kb.facts_for("jest", "features")] == ["Snapshot testing out of the box"]
    assert [f.text for f in kb.facts_for("mocha", "language")] == ["JavaScript"]
    assert [f.text for f in kb.facts_for("mocha", "features")] == ["Bring your own assertion library"]
    assert [u.text for u in kb.use_cases_for("mocha")] == ["Node.js back ends"]
    assert kb.problems == ()


def test_bold_heading_sits_one_level_below_the_last_real_heading() -> None:
    sections = parse(RUNNERS)

    assert [(s.title, s.level, s.line) for s in sections[1:]] == [
        ("JavaScript test runners", 1, 1),
        ("🧪 1. Jest", 2, 5),
        ("2. Mocha ☕", 2, 12),
        ("Use cases", 2, 19),
    ]


def test_bold_sentences_and_key_value_lines_stay_paragraphs() -> None:
    text = "## Jest\n\n**Jest is fast.**\n\n**Pricing: free**\n\nSee **this** link.\n"

    (section,) = parse(text)[1:]

    assert [p.text for p in section.paragraphs] == ["Jest is fast.", "Pricing: free", "See this link."]
