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


# A client library's README: a section named after the library plus a word, then the comparison
# table with the library as a column, footnotes under it.
CLIENT = """# Fetchy

Fetchy is a friendly client for the web.

## Fetchy plugins

- `fetchy-aws` - a wrapper for signed requests
- `fetchy-gql` - a wrapper for query languages

## Comparison

|                 | `fetchy`              | `grabber`              | `yank`  |
|-----------------|-----------------------|------------------------|---------|
| Streams         | :heavy_check_mark:¹   | :x:                    | ✅      |
| Browser support | :x:                   | :heavy_check_mark:\\*   | ✅ ²    |
| Retries         | :heavy_check_mark:    | :x:                    | :x:\\*\\* |

\\* Almost compatible with the standard API.\\
\\*\\* Needs a plugin.\\
¹ Requires runtime 9.4 or above.\\
² Only in
evergreen browsers.\\
:sparkle: A legend line, not a footnote.
"""


def test_a_heading_naming_a_column_plus_a_word_is_not_a_topic_of_its_own(make_folder: MakeFolder) -> None:
    kb = knowledge.load(make_folder({"readme.md": CLIENT}), cache=False)
    assert "fetchy" in kb.topics
    assert "fetchy-plugins" not in kb.topics
    assert kb.topics["fetchy"].name.casefold() == "fetchy"


def test_footnote_text_is_part_of_the_cell_it_marks(make_folder: MakeFolder) -> None:
    kb = knowledge.load(make_folder({"readme.md": CLIENT}), cache=False)
    assert kb.cells[("streams", "fetchy")].text == "yes (Requires runtime 9.4 or above)"
    assert kb.cells[("browser_support", "grabber")].text == "yes (Almost compatible with the standard API)"
    assert kb.cells[("retries", "yank")].text == "no (Needs a plugin)"
    assert kb.cells[("browser_support", "yank")].text == "yes (Only in evergreen browsers)"
    assert kb.cells[("retries", "fetchy")].text == "yes"  # no mark, nothing added
    cell = next(p for p in kb.passages if p.kind == "cell" and "fetchy" in p.topics and p.aspect == "streams")
    assert "9.4" in cell.text


# Pattern notes in the "real world example / in plain words / encyclopedia says" layout.
PATTERNS = """# Patterns

## Gatekeeper

Real world example
> A club has one door and one bouncer. Everyone goes through him; the bouncer here is a gatekeeper.

In plain words
> Puts one object in front of another to control who may reach it.

Encyclopedia says
> In programming, the gatekeeper pattern is a structural pattern that guards access to an object.

## Relay

Real world example
> A postman hands your letter to the next postman along the route.

Relay is a pattern that passes a request along a chain of handlers until one handles it.
"""


def test_a_definition_is_the_paragraph_that_says_what_the_thing_is_not_the_example(
    make_folder: MakeFolder,
) -> None:
    kb = knowledge.load(make_folder({"patterns.md": PATTERNS}), cache=False)
    assert kb.topics["gatekeeper"].definition.startswith("Puts one object in front of another")
    assert kb.topics["relay"].definition.startswith("Relay is a pattern that passes a request")


# One section per rival, each with the same sub-headings; one rival has a sub-heading written once.
RIVALS = """# Comparison to alternatives

## Beacon vs. Lantern

### Scope

Lantern is a passive store for readings.

### Storage

Lantern stores readings on local disk in a
round-robin format that ages out old
points.

### Summary

Beacon suits dynamic setups.

## Beacon vs. Torch

### Scope

Torch is an event store.

### Data model / storage

Torch keys readings by tags and
timestamps with nanosecond precision; its storage engine and data model are its own.

### Architecture

Torch runs as one server; the architecture has no clustering in the free edition.

### Summary

Torch suits event logging.

## Beacon vs. Flare

### Scope

Flare checks hosts.

### Storage

Flare keeps no history.

### Architecture

Flare runs plugins; its architecture is a central server.

### Summary

Flare suits static setups.
"""


def test_a_sub_heading_among_repeating_aspect_headings_is_an_aspect_not_a_topic(
    make_folder: MakeFolder,
) -> None:
    kb = knowledge.load(make_folder({"comparison.md": RIVALS}), cache=False)
    assert {"lantern", "torch", "flare"} <= set(kb.topics)
    assert "data-model-storage" not in kb.topics
    assert "architecture" not in kb.topics


def test_a_folded_sub_section_keeps_each_wrapped_paragraph_whole(make_folder: MakeFolder) -> None:
    kb = knowledge.load(make_folder({"comparison.md": RIVALS}), cache=False)
    said = [f.text for f in kb.facts if f.topic == "lantern"]
    assert any("round-robin format that ages out old points" in text for text in said), said
    assert not any(text.rstrip().endswith(" a") for text in said), said  # no line-wrap fragments


# A notes page with a plain data table (its column headers are words the prose writes in lower case)
# beside a real comparison (tool names as columns).
ENCODING = """# Sync notes

Every character has a value and a replacement; the replacement is shown instead of the value.
A file whose characters are encoded as replacements keeps its value on the far side.

| Character | Value | Replacement |
|-----------|-------|-------------|
| NUL       | 0x00  | ␀           |
| SOH       | 0x01  | ␁           |

## Features

| Feature  | Courier | Parcel |
|----------|---------|--------|
| Checksum | MD5     | SHA1   |
| Resume   | Yes     | No     |
"""


def test_a_table_whose_column_headers_are_plain_words_is_not_a_comparison(make_folder: MakeFolder) -> None:
    kb = knowledge.load(make_folder({"notes.md": ENCODING}), cache=False)
    assert {"courier", "parcel"} <= set(kb.topics)
    assert not {"value", "replacement"} & set(kb.topics)
    assert kb.cells[("checksum", "parcel")].text == "SHA1"


# Study notes whose sub-headings repeat a "Label:" lead with the topic's name after it.
LABELLED = """# Storage

### Ledger

Ledger is a log-structured store.

##### Disadvantage(s): ledger

* Compaction pauses writes.

##### Further reading: ledger

* [Ledger paper](https://example.org/ledger)

### Shelf

Shelf is an in-memory store.

##### Further reading: shelf

* [Shelf docs](https://example.org/shelf)

### Further reading: storage

* [A survey of stores](https://example.org/survey)
* [Another survey](https://example.org/survey2)
"""


def test_a_heading_repeating_a_label_lead_is_an_aspect_not_a_topic(make_folder: MakeFolder) -> None:
    kb = knowledge.load(make_folder({"storage.md": LABELLED}), cache=False)
    assert {"ledger", "shelf"} <= set(kb.topics)
    assert not [t for t in kb.topics if "reading" in t or "disadvantage" in t], list(kb.topics)


def test_the_definition_passage_is_the_plain_words_one_and_a_contents_list_says_nothing(
    make_folder: MakeFolder,
) -> None:
    contents = "# Patterns\n\n* [Gatekeeper](#gatekeeper)\n* [Relay](#relay)\n\n" + PATTERNS.split("\n", 1)[1]
    kb = knowledge.load(make_folder({"patterns.md": contents}), cache=False)
    gatekeeper = [p for p in kb.passages if p.topics[:1] == ("gatekeeper",)]
    definitions = [p.text for p in gatekeeper if p.kind == "definition"]
    assert definitions == ["Puts one object in front of another to control who may reach it."]
    assert not [p for p in kb.passages if p.text in ("Gatekeeper", "Relay")]  # names alone say nothing
    assert any("bouncer" in p.text for p in gatekeeper)  # the example is still a passage
