"""A knowledge folder -> KnowledgeBase: read, repair, parse, extract, overlay, questions.

Never raises on bad input: every problem becomes a `Problem` and the broken part is skipped.
"""

from __future__ import annotations

import gc
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from knowledge.extract import Document, extract
from knowledge.model import KnowledgeBase, Topic
from knowledge.overlay import OverlayWords, apply_overlay
from knowledge.parse import parse
from knowledge.passages import DocumentView, Namer, passages
from knowledge.problems import Problem
from knowledge.questions import load_questions
from knowledge.repair import first_repaired_line, repair
from knowledge.sources import Layout, read_document
from knowledge.subject import strip_front_matter
from knowledge.terms import find_terms

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Compiled:
    kb: KnowledgeBase
    problems: list[Problem] = field(default_factory=list)  # skipped or wrong: `kb check` fails
    repairs: list[Problem] = field(default_factory=list)  # text that was repaired (mojibake)
    skipped: tuple[tuple[str, str], ...] = ()  # (file, why) not read as notes, for `kb check`
    tables: tuple[str, ...] = ()  # how each table was read, for `kb check`
    warnings: tuple[Problem, ...] = ()  # looks wrong but was read, for `kb check` (does not fail it)


def compile_layout(files: Layout) -> Compiled:
    """Compile with the cyclic garbage collector paused: the build makes hundreds of thousands of
    acyclic objects, and full collections over them made the build grow faster than the folder."""
    paused = gc.isenabled()
    gc.disable()
    try:
        return _compile_layout(files)
    finally:
        if paused:
            gc.enable()


def _compile_layout(files: Layout) -> Compiled:
    problems: list[Problem] = []
    repairs: list[Problem] = []
    problems += [Problem(path, None, f"skipped: {why}") for path, why in files.skipped if "outside" in why]
    documents = [doc for path in files.documents if (doc := _document(path, problems, repairs))]
    found = extract(documents)
    problems += found.problems
    topics, aspects = found.topics, found.aspects
    words = OverlayWords()
    if files.overlay:
        topics, aspects, wrong = apply_overlay(files.overlay, topics, aspects, words)
        problems += wrong
    questions, wrong = load_questions(files.questions, topics, aspects)
    problems += wrong
    namer = Namer(_names(found.names, topics))
    views = [
        DocumentView(d.path, d.sections, found.section_topics, found.subjects.get(d.path)) for d in documents
    ]
    said = passages(views, namer, aspects, found.cell_passages)
    if not topics:
        where = str(files.documents[0].parent) if files.documents else "knowledge folder"
        problems.append(Problem(where, None, "no topics found (no markdown documents with topic sections)"))
    kb = KnowledgeBase(
        topics=topics,
        aspects=aspects,
        facts=tuple(found.facts),
        cells=found.cells,
        use_cases=tuple(found.use_cases),
        model_answers=tuple(found.model_answers),
        questions=tuple(questions),
        documents=tuple(str(p) for p in files.documents),
        problems=tuple(str(p) for p in problems),
        passages=tuple(said),
        terms=find_terms(said, topics),
        needs=words.needs,
        synonyms=words.synonyms,
    )
    with_passages = {topic for passage in said for topic in passage.topics}
    warnings = [
        *found.warnings,
        *(
            Problem(
                t.source.path if t.source else "",
                t.source.line if t.source else None,
                f"topic {t.name!r} has no passages: nothing the documents say is filed under it",
            )
            for t in topics.values()
            if t.id not in with_passages
        ),
    ]
    return Compiled(kb, problems, repairs, files.skipped, tuple(found.table_notes), tuple(warnings))


def _document(path: Path, problems: list[Problem], repairs: list[Problem]) -> Document | None:
    text, wrong = read_document(path)
    problems += wrong
    if text is None:
        return None
    fixed = repair(text)
    line = first_repaired_line(text, fixed)
    if line is not None:
        repairs.append(
            Problem(
                str(path),
                line,
                "mojibake repaired (UTF-8 text that was decoded as "
                "Mac Roman or Latin-1); save the file as UTF-8",
            )
        )
    fixed, cut = _bounded(fixed)
    if cut:
        problems.append(Problem(str(path), cut[0], cut[1]))
    fixed, title = strip_front_matter(fixed)
    try:
        return Document(str(path), parse(fixed), title, fixed)
    except RecursionError:  # bad input (nesting thousands deep), not a parser bug: reported, no traceback
        log.warning("%s: nesting too deep to read", path)
        problems.append(Problem(str(path), None, "nesting too deep to read (lists or quotes thousands deep)"))
        return None
    except Exception as error:  # a parser bug must not take the other documents down
        log.exception("could not parse %s", path)
        problems.append(Problem(str(path), None, f"could not parse markdown ({type(error).__name__})"))
        return None


def _names(found: dict[str, str], topics: Mapping[str, Topic]) -> dict[str, str]:
    """key_of(name or alias) -> topic id, overlay aliases included (the first topic keeps a shared name)."""
    from knowledge.names import key_of

    names = {key: topic for key, topic in found.items() if topic in topics}
    for topic in topics.values():
        for name in (topic.name, *topic.aliases):
            if key := key_of(name):
                names.setdefault(key, topic.id)
    return names


MAX_HEADINGS = 5_000  # per document; the rest of a longer one is reported, not read
MAX_LINES = 60_000
_HEADING_LINE = re.compile(r"^ {0,3}(?:#{1,6}(?:\s|$)|(?:=+|-+)\s*$)", re.MULTILINE)


def _bounded(text: str) -> tuple[str, tuple[int, str] | None]:
    """The text up to MAX_HEADINGS headings and MAX_LINES lines (parsing time grows with both),
    and where it was cut with why."""
    for count, found in enumerate(_HEADING_LINE.finditer(text), 1):
        if count > MAX_HEADINGS:
            line = text.count("\n", 0, found.start()) + 1
            return text[: found.start()], (line, f"over {MAX_HEADINGS:,} headings: read up to this line only")
    if text.count("\n") > MAX_LINES:
        end = -1
        for _ in range(MAX_LINES):
            end = text.index("\n", end + 1)
        return text[: end + 1], (MAX_LINES + 1, f"over {MAX_LINES:,} lines: read up to this line only")
    return text, None
