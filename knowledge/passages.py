"""Everything a document says as passages: each paragraph, bullet, quote, table cell and Q&A answer
with its file, line, heading path and the topics it is about.

The topics of a passage are, most relevant first: the topic of its section (or of the nearest
heading above it that is a topic, or the topics its heading names, or the document's subject),
then every other topic its text names. Name look-ups are n-gram dictionary hits, so the cost is
linear in the text, not in the number of topics.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from knowledge.facts import KEY_ASPECTS, split_key
from knowledge.model import Passage, Source
from knowledge.names import clean_title, snake
from knowledge.parse import Bullet, Section
from knowledge.subject import is_question

MAX_NAME_WORDS = 5  # longest topic name or alias looked up in running text
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Namer:
    """Finds the topics a text names: key_of(name or alias) -> topic id, looked up by n-grams."""

    names: Mapping[str, str]
    # first word of a name -> most words of a name starting with it: most words start no name, so
    # they cost one set look-up instead of MAX_NAME_WORDS joins and dict look-ups
    firsts: dict[str, int] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        for key in self.names:
            words = key.split(" ")
            if len(words) <= MAX_NAME_WORDS and len(words) > self.firsts.get(words[0], 0):
                self.firsts[words[0]] = len(words)

    def mentioned(self, text: str) -> tuple[str, ...]:
        words = _WORD.findall(unicodedata.normalize("NFKC", text).casefold())  # the words of key_of(text)
        found: dict[str, None] = {}
        firsts = self.firsts
        for start, word in enumerate(words):
            longest = firsts.get(word)
            if longest is None:
                continue
            for size in range(min(longest, len(words) - start), 0, -1):
                topic = self.names.get(" ".join(words[start : start + size]))
                if topic is not None:
                    found.setdefault(topic, None)
                    break
        return tuple(found)


@dataclass(frozen=True, slots=True)
class DocumentView:
    """One parsed document with what extraction decided about it."""

    path: str
    sections: list[Section]
    section_topics: Mapping[int, str]  # id(section) -> topic id, for topic sections and folded ones
    subject: str | None  # the document's own subject topic, if any


def passages(
    docs: Iterable[DocumentView], namer: Namer, aspects: Mapping[str, object], cells: Iterable[Passage] = ()
) -> list[Passage]:
    """All passages of all documents, in document order, then the table cells given."""
    found: list[Passage] = []
    for doc in docs:
        found += _document(doc, namer, aspects)
    found += cells
    return found


def _document(doc: DocumentView, namer: Namer, aspects: Mapping[str, object]) -> Iterator[Passage]:
    stack: list[tuple[int, str, tuple[str, ...]]] = []  # (level, title, topics) of open headings
    for section in doc.sections:
        while stack and stack[-1][0] >= section.level:
            stack.pop()
        title = clean_title(section.title)
        own = doc.section_topics.get(id(section))
        named = namer.mentioned(title) if title else ()
        inherited = next((topics for _level, _title, topics in reversed(stack) if topics), ())
        if own:
            topics: tuple[str, ...] = (own, *(t for t in named if t != own))
        elif named:
            topics = (*named, *(t for t in inherited if t not in named))
        elif inherited:
            topics = inherited
        else:
            topics = (doc.subject,) if doc.subject else ()
        if section.level > 0:
            stack.append((section.level, title, topics))
        heading_path = tuple(t for _level, t, _topics in stack if t)
        aspect = _heading_aspect(heading_path, aspects)
        yield from _section_passages(
            doc.path, section, heading_path, topics, aspect, namer, own is not None, aspects
        )


def heading_paths(sections: Iterable[Section]) -> dict[int, tuple[str, ...]]:
    """id(section) -> the cleaned titles of the headings above it and its own, outermost first."""
    stack: list[tuple[int, str]] = []
    paths: dict[int, tuple[str, ...]] = {}
    for section in sections:
        while stack and stack[-1][0] >= section.level:
            stack.pop()
        if section.level > 0:
            stack.append((section.level, clean_title(section.title)))
        paths[id(section)] = tuple(title for _level, title in stack if title)
    return paths


def _heading_aspect(heading_path: tuple[str, ...], aspects: Mapping[str, object]) -> str | None:
    for title in reversed(heading_path):
        aspect = snake(title)
        if aspect in aspects:
            return aspect
    return None


def _section_passages(
    path: str,
    section: Section,
    heading_path: tuple[str, ...],
    topics: tuple[str, ...],
    aspect: str | None,
    namer: Namer,
    is_topic: bool,
    aspects: Mapping[str, object],
) -> Iterator[Passage]:
    answer = is_question(section.title)  # the text under a question is its answer
    blocks = sorted(
        [(b.line, "answer" if answer else "quote", b.text) for b in section.quotes]
        + [
            (b.line, "answer" if answer else "paragraph", " ".join(b.text.split()))
            for b in section.paragraphs
        ]
    )
    chosen = (
        definition_block([(kind, text) for _line, kind, text in blocks]) if is_topic and not answer else None
    )
    for number, (line, kind, text) in enumerate(blocks):
        if not text:
            continue
        yield _passage(
            text, path, line, heading_path, topics, aspect, "definition" if number == chosen else kind, namer
        )
    for bullet in _flatten(section.bullets):
        if bullet.text and not _only_a_name(bullet.text, namer):
            yield _passage(
                bullet.text,
                path,
                bullet.line,
                heading_path,
                topics,
                _key_aspect(bullet.text, aspects) or aspect,
                "answer" if answer else "bullet",
                namer,
            )


# A lead-in line saying the block after it says what the thing is, in short ("In plain words").
PLAIN_LEAD = re.compile(
    r"^(?:in (?:plain|simple|other) words|in short|in a nutshell|simply put|put simply|tl;?dr|"
    r"definition|what (?:it|this) is|summary)\b",
    re.IGNORECASE,
)
# A lead-in line saying what follows is an example or an analogy, not a definition.
EXAMPLE_LEAD = re.compile(r"\b(?:example|analogy|imagine|for instance|story)\b", re.IGNORECASE)


def is_lead_in(kind: str, text: str) -> bool:
    """A short paragraph line that announces the block after it ("Real world example", "Wikipedia says")."""
    return kind == "paragraph" and len(text.split()) <= 6 and not text.rstrip().endswith((".", "!", "?"))


def definition_block(blocks: list[tuple[str, str]]) -> int | None:
    """Which of a topic section's (kind, text) blocks is its definition: the one introduced as the
    plain-words version, else the first that is neither a lead-in line nor introduced as an example."""
    first: int | None = None
    lead = ""
    for number, (kind, text) in enumerate(blocks):
        if not text:
            continue
        if is_lead_in(kind, text):
            lead = text
            continue
        if lead and PLAIN_LEAD.match(lead):
            return number
        if first is None and not (lead and EXAMPLE_LEAD.search(lead)):
            first = number
        lead = ""
    return first


def _only_a_name(text: str, namer: Namer) -> bool:
    """A bullet that is a topic's name and nothing else (a contents list) says nothing about it."""
    key = " ".join(_WORD.findall(unicodedata.normalize("NFKC", text).casefold()))
    return key in namer.names


def _passage(
    text: str,
    path: str,
    line: int,
    heading_path: tuple[str, ...],
    topics: tuple[str, ...],
    aspect: str | None,
    kind: str,
    namer: Namer,
) -> Passage:
    named = namer.mentioned(text)
    about = (*topics, *(t for t in named if t not in topics))
    return Passage(text, Source(path, line), heading_path, about, aspect, kind)


def _key_aspect(text: str, aspects: Mapping[str, object]) -> str | None:
    keyed = split_key(text)
    if not keyed:
        return None
    key = snake(keyed[0])
    return KEY_ASPECTS.get(key) or (key if key in aspects else None)


def _flatten(bullets: Iterable[Bullet]) -> Iterator[Bullet]:
    stack = list(reversed(list(bullets)))
    while stack:  # iterative: nesting depth never reaches the interpreter's recursion limit
        bullet = stack.pop()
        yield bullet
        stack.extend(reversed(bullet.children))
