"""compare: two or three topics side by side, on every aspect or the one asked for."""

from __future__ import annotations

from collections.abc import Sequence

from bot.answers.buttons import quiz_buttons
from bot.answers.retrieval import quote, stem
from bot.answers.retrieval_answer import Found, anything, cite, found, quoted_reply, topic_names
from bot.answers.wording import aspect_label, facts_text, known_topics, name, takeaway
from bot.context import Context
from bot.intents import Intent
from bot.messages import Reply, Section, Table
from bot.nlu.lexicon import COMPARE_CUES
from bot.nlu.normalize import words
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
    if len(topics) == 2 and not ctx.match.aspect:
        one_aspect = topic_as_aspect(ctx, topics)
        if one_aspect is not None:
            return one_aspect
    if len(topics) < 2:
        return Reply(
            title="Nothing to compare yet",
            sections=(Section(text="I need at least two topics in my notes to compare."),),
            intent=Intent.COMPARE,
            topics=tuple(topics),
        )
    return across(ctx, topics[:MAX_TOPICS], ctx.match.aspect)


def across(ctx: Context, topics: Sequence[str], aspect: str | None) -> Reply:
    """A comparison reply for `topics` on `aspect` (None: all aspects)."""
    kb = ctx.kb
    aspects = [aspect] if aspect else _all_aspects(kb, topics)
    rows = tuple((aspect_label(kb, a), *(facts_text(kb, t, a) or "—" for t in topics)) for a in aspects)
    names = [name(kb, t) for t in topics]
    title = " vs ".join(names) + (f": {aspect_label(kb, aspect)}" if aspect else "")
    empty = all(cell == "—" for row in rows for cell in row[1:])
    each_has = all(any(row[i] != "—" for row in rows) for i in range(1, len(topics) + 1))
    if not aspect and each_has and not any(all(cell != "—" for cell in row[1:]) for row in rows):
        return _separately(ctx, topics, title)  # each has cells, in tables that share no aspect
    if empty or not any(all(cell != "—" for cell in row[1:]) for row in rows):
        prose = _from_passages(ctx, topics, title)
        if prose is not None:
            return prose
    sections: tuple[Section, ...] = ()
    if not aspect:
        shared = tuple(row for row in rows if all(cell != "—" for cell in row[1:]))
        if shared:  # topics from different tables: only the aspects both have, not a grid of "—"
            if len(shared) < len([r for r in rows if any(c != "—" for c in r[1:])]):
                sections = (Section(text="Only the aspects my notes give for each of them:"),)
            rows = shared
        else:  # rows where no topic has anything are noise
            rows = tuple(row for row in rows if any(cell != "—" for cell in row[1:])) or rows
    elif empty:
        sections = (
            Section(text=f"My notes say nothing about {aspect_label(kb, aspect).lower()} for these."),
        )
    cited = [
        cite(filed[0])
        for a in aspects
        for t in topics
        if facts_text(kb, t, a) and (filed := ctx.matcher.passages.in_scope(t, a))
    ]
    return Reply(
        title=title,
        sections=sections,
        citations=tuple(dict.fromkeys(cited))[:3],
        table=Table(columns=("Aspect", *names), rows=rows),
        footer=takeaway(kb, topics),
        buttons=quiz_buttons(kb, topics),
        intent=Intent.COMPARE,
        topics=tuple(topics),
        aspect=aspect,
    )


def phrase(ctx: Context, aspect: str) -> Reply | None:
    """A question about a phrase the notes use ("what does <a term> mean"), which the matcher read as
    an aspect across every topic: the passage that says it answers it, with its source."""
    known = ctx.kb.aspects.get(aspect)
    said = anything(
        ctx.matcher.passages,
        ctx.message.text,
        [aspect_label(ctx.kb, aspect), *(known.aliases if known else ())],
    )
    if said is None:
        return None
    return quoted_reply(ctx.kb, said, intent=Intent.EXPLAIN)


def topic_as_aspect(ctx: Context, topics: Sequence[str]) -> Reply | None:
    """ "X vs Y" where Y is also a table aspect X has a cell for ("what hash does <tool> use" read as
    the tool against the concept topic): the one aspect of X, not a grid of dashes."""
    from bot.answers import explain

    kb = ctx.kb
    for tool, concept in (topics, tuple(reversed(topics))):
        for key in (concept, "_".join(words(name(kb, concept)))):
            if key in kb.aspects and kb.cell(key, tool) and not kb.cell(key, concept):
                return explain.aspect_reply(ctx, tool, key)
    return None


def _from_passages(ctx: Context, topics: Sequence[str], title: str) -> Reply | None:
    """Topics the tables do not line up (prose per rival): what each topic's passages say about
    the question's words, quoted with their sources."""
    index, kb = ctx.matcher.passages, ctx.kb
    ignore = [n for t in topics for n in topic_names(kb, t)]
    cues = {stem(w) for cue in COMPARE_CUES for w in cue.split()} - {
        stem(w) for w in ("faster", "slower", "easier", "harder")
    }
    stems = [s for s in index.query_stems(ctx.message.text, ignore) if s not in cues]
    sections: list[Section] = []
    citations: list[str] = []
    shown: set[str] = set()
    if not stems:  # "X vs Y" alone: a section that compares them says it, said once
        both = [p for p in index.in_scope(topics[0]) if all(t in p.topics for t in topics[1:])]
        if both:
            quotes = "\n".join(f"• “{quote(p.text)}”" for p in both[:2])
            return Reply(
                title=title,
                sections=(Section(text=quotes),),
                citations=(cite(both[0]),),
                footer=takeaway(kb, topics),
                buttons=quiz_buttons(kb, topics),
                intent=Intent.COMPARE,
                topics=tuple(topics),
            )
    for topic in topics:
        hits = (
            [h for h in index.search_stems(stems, topic=topic, limit=3) if h.passage.text not in shown]
            if stems
            else []
        )
        said: Found | None = found(hits, ctx.message.text)
        if said is None:
            own = [p for p in index.in_scope(topic) if p.topics[:1] == (topic,) and p.text not in shown]
            if not own:
                continue
            said = Found((quote(own[0].text),), (cite(own[0]),))
        shown.update(h.passage.text for h in hits[:2])
        shown.update(said.quotes)
        sections.append(Section(heading=name(kb, topic), text="\n".join(f"• “{q}”" for q in said.quotes)))
        citations.extend(said.citations)
    if len(sections) < 2:
        return None
    return Reply(
        title=title,
        sections=tuple(sections),
        citations=tuple(dict.fromkeys(citations)),
        footer=takeaway(kb, topics),
        buttons=quiz_buttons(kb, topics),
        intent=Intent.COMPARE,
        topics=tuple(topics),
    )


def _separately(ctx: Context, topics: Sequence[str], title: str) -> Reply:
    """Topics whose facts live in different tables share no aspect: say so, and give each one's own
    facts with where they are written, instead of a grid of "—"."""
    kb = ctx.kb
    sections = [Section(text="My notes compare these in different tables; they share no aspect.")]
    citations: list[str] = []
    for topic in topics:
        own = [a for a in _all_aspects(kb, [topic]) if facts_text(kb, topic, a)][:MAX_SEPARATE]
        if own:
            sections.append(
                Section(
                    heading=name(kb, topic),
                    text="\n".join(f"• {aspect_label(kb, a)}: {facts_text(kb, topic, a)}" for a in own),
                )
            )
            filed = ctx.matcher.passages.in_scope(topic, own[0])
            citations.extend(cite(filed[0]) for _ in (1,) if filed)
    return Reply(
        title=title,
        sections=tuple(sections),
        citations=tuple(dict.fromkeys(citations)),
        footer=takeaway(kb, topics),
        buttons=quiz_buttons(kb, topics),
        intent=Intent.COMPARE,
        topics=tuple(topics),
    )


MAX_SEPARATE = 6  # facts per topic when they share no aspect


def _all_aspects(kb: KnowledgeBase, topics: Sequence[str]) -> list[str]:
    extra = [a for a in _EXTRA_ROWS if any(kb.facts_for(t, a) for t in topics)]
    return extra + [a for a in kb.table_aspects() if a not in extra]
