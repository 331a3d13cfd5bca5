"""A knowledge folder -> KnowledgeBase: read, repair, parse, extract, overlay, questions.

Never raises on bad input: every problem becomes a `Problem` and the broken part is skipped.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from knowledge.extract import Document, extract
from knowledge.model import KnowledgeBase
from knowledge.overlay import apply_overlay
from knowledge.parse import parse
from knowledge.problems import Problem
from knowledge.questions import load_questions
from knowledge.repair import first_repaired_line, repair
from knowledge.sources import Layout, read_document

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Compiled:
    kb: KnowledgeBase
    problems: list[Problem] = field(default_factory=list)  # skipped or wrong: `kb check` fails
    repairs: list[Problem] = field(default_factory=list)  # text that was repaired (mojibake)


def compile_layout(files: Layout) -> Compiled:
    problems: list[Problem] = []
    repairs: list[Problem] = []
    documents = [doc for path in files.documents if (doc := _document(path, problems, repairs))]
    found = extract(documents)
    problems += found.problems
    topics, aspects = found.topics, found.aspects
    if files.overlay:
        topics, aspects, wrong = apply_overlay(files.overlay, topics, aspects)
        problems += wrong
    questions, wrong = load_questions(files.questions, topics, aspects)
    problems += wrong
    if not topics:
        where = str(files.documents[0].parent) if files.documents else "knowledge folder"
        problems.append(Problem(where, None, "no topics found (no markdown documents with topic sections)"))
    kb = KnowledgeBase(
        topics=topics, aspects=aspects, facts=tuple(found.facts), cells=found.cells,
        use_cases=tuple(found.use_cases), model_answers=tuple(found.model_answers),
        questions=tuple(questions), documents=tuple(str(p) for p in files.documents),
        problems=tuple(str(p) for p in problems),
    )
    return Compiled(kb, problems, repairs)


def _document(path: Path, problems: list[Problem], repairs: list[Problem]) -> Document | None:
    text, wrong = read_document(path)
    problems += wrong
    if text is None:
        return None
    fixed = repair(text)
    line = first_repaired_line(text, fixed)
    if line is not None:
        repairs.append(Problem(str(path), line, "mojibake repaired (UTF-8 text that was decoded as "
                                                "Mac Roman or Latin-1); save the file as UTF-8"))
    try:
        return Document(str(path), parse(fixed))
    except Exception as error:  # a parser bug must not take the other documents down
        log.exception("could not parse %s", path)
        problems.append(Problem(str(path), None, f"could not parse markdown ({type(error).__name__})"))
        return None
