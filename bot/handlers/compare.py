"""compare: two or three topics side by side, on every aspect or the one asked for."""

from __future__ import annotations

from collections.abc import Sequence

from bot.handlers import Context
from bot.handlers._shared import quiz_buttons
from bot.intents import Intent
from bot.kbtext import aspect_label, facts_text, known_topics, name, takeaway
from bot.messages import Reply, Section, Table
from bot.retrieval_answer import anything, quoted_reply
from knowledge.model import KnowledgeBase

MAX_TOPICS = 3
# Builtin aspects shown in a full comparison besides the table's own rows.
_EXTRA_ROWS = ("developer", "language")


def handle(ctx: Context) -> Reply:
    kb = ctx.kb
    topics = known_topics(kb, ctx.match.topics)
    if not topics and ctx.match.aspect:
        quoted = phrase(ctx, ctx.match.aspect)
        if quoted is not None:
            return quoted
    if len(topics) < 2:
        others = [t for t in kb.topics if t not in topics]
        topics = (topics + others)[:MAX_TOPICS]
    if len(topics) < 2:
        return Reply(
            title="Nothing to compare yet",
            sections=(Section(text="I need at least two topics in my notes to compare."),),
            intent=Intent.COMPARE, topics=tuple(topics),
        )
    return across(ctx, topics[:MAX_TOPICS], ctx.match.aspect)


def across(ctx: Context, topics: Sequence[str], aspect: str | None) -> Reply:
    """A comparison reply for `topics` on `aspect` (None: all aspects)."""
    kb = ctx.kb
    aspects = [aspect] if aspect else _all_aspects(kb, topics)
    rows = tuple(
        (aspect_label(kb, a), *(facts_text(kb, t, a) or "—" for t in topics)) for a in aspects
    )
    names = [name(kb, t) for t in topics]
    title = " vs ".join(names) + (f": {aspect_label(kb, aspect)}" if aspect else "")
    empty = all(cell == "—" for row in rows for cell in row[1:])
    sections = (
        (Section(text=f"My notes say nothing about {aspect_label(kb, aspect).lower()} for these."),)
        if empty and aspect else ()
    )
    return Reply(
        title=title,
        sections=sections,
        table=Table(columns=("Aspect", *names), rows=rows),
        footer=takeaway(kb, topics),
        buttons=quiz_buttons(kb, topics),
        intent=Intent.COMPARE, topics=tuple(topics), aspect=aspect,
    )


def phrase(ctx: Context, aspect: str) -> Reply | None:
    """A question about a phrase the notes use ("what does <a term> mean"), which the matcher read as
    an aspect across every topic: the passage that says it answers it, with its source."""
    known = ctx.kb.aspects.get(aspect)
    said = anything(ctx.matcher.passages, ctx.message.text,
                    [aspect_label(ctx.kb, aspect), *(known.aliases if known else ())])
    if said is None:
        return None
    return quoted_reply(ctx.kb, said, intent=Intent.EXPLAIN)


def _all_aspects(kb: KnowledgeBase, topics: Sequence[str]) -> list[str]:
    extra = [a for a in _EXTRA_ROWS if any(kb.facts_for(t, a) for t in topics)]
    return extra + [a for a in kb.table_aspects() if a not in extra]
