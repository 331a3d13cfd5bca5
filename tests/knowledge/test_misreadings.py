"""Misreadings found on outside documents, fixed by rules that generalise (issue 11), shown on small
folders written here."""

from __future__ import annotations

import knowledge
from tests.knowledge.conftest import MakeFolder

# A comparison page whose subject (Anvil) has no section of its own, while the platform it builds on
# (Forge) is named mid-sentence about as widely: the subject is the name the sentences are about.
RUNNERS = """# Comparisons with other runners

**Anvil is young and still changing.** Try it in new projects first.

## Alpha

Alpha took over the space with a friendly API and many features. It is possible to use Alpha in
Forge setups, and a plugin brings Forge support to Alpha. When your app is built on Forge, two
pipelines are hard to justify. Anvil shares one pipeline with your build. Anvil offers most of the
Alpha API, so it can replace Alpha in most projects.

## Beta

Beta is a fine option for end-to-end tests in a real browser. Beta has been using Forge in its own
app, driving code processing with Forge too. Using Beta for browser tests and Anvil for unit tests
covers most needs.

## Gamma

Gamma runs tests in a headless browser. Its watch mode is not as clever as the one in anvil. To use
Gamma with a forge project there is a plugin.
"""


def test_subject_is_the_name_sentences_are_about_not_the_platform_named_as_often(
    make_folder: MakeFolder,
) -> None:
    kb = knowledge.load(make_folder({"comparisons.md": RUNNERS}), cache=False)
    assert "anvil" in kb.topics
    assert "forge" not in kb.topics
    assert {"alpha", "beta", "gamma"} <= set(kb.topics)
