"""explain: a topic's definition and key facts, or the one aspect asked for."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from bot.answers import compare, unknown
from bot.answers.buttons import quiz_buttons
from bot.answers.retrieval_answer import Found, about_term, focused, for_aspect, written_as
from bot.answers.wording import aspect_label, facts_text, known_topics, lower_first, name, strength
from bot.context import Context
from bot.intents import Intent
from bot.messages import Button, Field, Reply, Section
from bot.nlu.normalize import words
from knowledge.model import BUILTIN_ASPECTS, KnowledgeBase, Topic

MAX_FEATURES = 8
DEFINITION_FACTS = 4  # a definition question gets the definition and this many key facts
_DEFINITION_ASKS = frozenset({"what", "whats", "define", "definition", "who", "whos"})
MAX_RELATED = 3
RELATED = 90  # partial_ratio at which a fact counts as talking about an aspect


def handle(ctx: Context) -> Reply:
    kb, match = ctx.kb, ctx.match
    topics = known_topics(kb, match.topics)
    if not topics:
        if match.aspect:
            return compare.phrase(ctx, match.aspect) or compare.across(ctx, list(kb.topics), match.aspect)
        return unknown.handle(ctx)
    topic = kb.topics[topics[0]]
    index = ctx.matcher.passages
    term = match.args.strip()
    if term and tuple(term.split()) in index.terms:
        return _term(ctx, topic, term)
    said = facts_text(kb, topic.id, match.aspect) if match.aspect else ""
    one_fact = focused(index, kb, topic.id, ctx.message.text, said, match.aspect)
    if one_fact is not None:
        return _quoted(kb, topic, topic.name, one_fact, match.aspect)
    if match.aspect:
        return _aspect(ctx, topic, match.aspect)
    return _overview(kb, topic, brief=_asks_definition(ctx.message.text))


def _asks_definition(text: str) -> bool:
    """ "What is X?" asks for the definition and a few key facts, not the whole profile."""
    said = words(text)
    return bool(said) and said[0] in _DEFINITION_ASKS


def _quoted(kb: KnowledgeBase, topic: Topic, title: str, found: Found, aspect: str | None) -> Reply:
    """One thing the notes say, quoted with its source: the answer to a one-fact question."""
    text = "\n".join(f"“{q}”" if len(found.quotes) == 1 else f"• “{q}”" for q in found.quotes)
    return Reply(
        title=title,
        sections=(Section(text=text),),
        citations=found.citations,
        buttons=quiz_buttons(kb, [topic.id]) + _compare_button(kb, topic.id, aspect),
        intent=Intent.EXPLAIN,
        topics=(topic.id,),
        aspect=aspect,
    )


def _term(ctx: Context, topic: Topic, term: str) -> Reply:
    """A term that lives in one topic's notes: what the notes say of it, and whose notes those are."""
    index = ctx.matcher.passages
    said = about_term(index, term, ctx.message.text)
    name_ = written_as(index, term)
    if said is None:
        return Reply(
            title=name_,
            sections=(Section(text=f"My notes mention {name_} only in passing, under {topic.name}."),),
            buttons=quiz_buttons(ctx.kb, [topic.id]),
            intent=Intent.EXPLAIN,
            topics=(topic.id,),
        )
    reply = _quoted(ctx.kb, topic, name_, said, None)
    return Reply(
        title=reply.title,
        sections=reply.sections,
        citations=reply.citations,
        footer=f"From my notes on {topic.name}.",
        buttons=reply.buttons,
        intent=Intent.EXPLAIN,
        topics=(topic.id,),
    )


# A sentence that says what a thing is for ("It is used to ...", "useful when ...").
_WHAT_FOR = re.compile(
    r"\b(?:(?:is|are|be) used (?:to|for|when|in)|useful (?:for|when|to|in)|good for|"
    r"lets you|allows you to|helps (?:you )?to)\b",
    re.IGNORECASE,
)
_SENTENCES = re.compile(r"(?<=[.!?])\s+")


def _what_for(ctx: Context, topic: Topic) -> Found | None:
    """What a topic is for, from prose when no use-case fact says it: the first sentence of its own
    passages (definition first) that says what it is used for, quoted with its source."""
    from bot.answers.retrieval import quote
    from bot.answers.retrieval_answer import cite

    own = [p for p in ctx.matcher.passages.in_scope(topic.id) if p.topics[:1] == (topic.id,)]
    own.sort(key=lambda p: p.kind != "definition")
    for passage in own:
        if passage.kind == "cell":
            continue
        for sentence in _SENTENCES.split(" ".join(passage.text.split())):
            if _WHAT_FOR.search(sentence):
                return Found((quote(sentence),), (cite(passage),))
    return None


def aspect_reply(ctx: Context, topic_id: str, aspect_id: str) -> Reply:
    """One aspect of one topic (for handlers that find the question was about one)."""
    return _aspect(ctx, ctx.kb.topics[topic_id], aspect_id)


def _aspect(ctx: Context, topic: Topic, aspect_id: str) -> Reply:
    kb = ctx.kb
    label = aspect_label(kb, aspect_id)
    said = facts_text(kb, topic.id, aspect_id)
    if not said:
        prose = for_aspect(ctx.matcher.passages, kb, topic.id, aspect_id, ctx.message.text)
        if prose is None and aspect_id == "use_cases":
            prose = _what_for(ctx, topic)
        if prose is not None:
            return _quoted(kb, topic, f"{topic.name}: {label}", prose, aspect_id)
    citations: tuple[str, ...] = ()
    if said:
        citations = _cited(ctx, topic.id, aspect_id)
        related = _related(kb, topic.id, aspect_id, said)
        sections = (Section(text=said),) + (
            (Section(heading="Related", text="\n".join(f"• {r}" for r in related)),) if related else ()
        )
    else:
        have = ", ".join(aspect_label(kb, a) for a in _aspects_of(kb, topic.id)) or "nothing yet"
        sections = (
            Section(text=f"My notes say nothing about {label.lower()} for {topic.name}. I do know: {have}."),
        )
    return Reply(
        title=f"{topic.name}: {label}",
        sections=sections,
        citations=citations,
        buttons=quiz_buttons(kb, [topic.id]) + _compare_button(kb, topic.id, aspect_id),
        intent=Intent.EXPLAIN,
        topics=(topic.id,),
        aspect=aspect_id,
    )


def _cited(ctx: Context, topic_id: str, aspect_id: str) -> tuple[str, ...]:
    """Where the structured answer on one aspect was written: the passage filed under it."""
    from bot.answers.retrieval_answer import cite

    filed = ctx.matcher.passages.in_scope(topic_id, aspect_id)
    return (cite(filed[0]),) if filed else ()


def _overview(kb: KnowledgeBase, topic: Topic, *, brief: bool = False) -> Reply:
    sections: list[Section] = []
    if topic.definition:
        sections.append(Section(text=topic.definition))
    fields = tuple(
        Field(aspect_label(kb, a), text)
        for a in _aspects_of(kb, topic.id)
        if a not in ("features", "use_cases") and (text := facts_text(kb, topic.id, a))
    )
    if brief and topic.definition:
        fields = fields[:DEFINITION_FACTS]
    if fields:
        sections.append(Section(heading="Key facts", fields=fields))
    features = (
        []
        if brief and topic.definition
        else [f.text for f in kb.facts_for(topic.id, "features")][:MAX_FEATURES]
    )
    if features:
        sections.append(Section(heading="Core features", text="\n".join(f"• {f}" for f in features)))
    cases = [] if brief and topic.definition else [u.text for u in kb.use_cases_for(topic.id)]
    if cases:
        sections.append(Section(heading="Use cases", text=", ".join(cases)))
    best = strength(kb, topic.id)
    return Reply(
        title=topic.name,
        sections=tuple(sections) or (Section(text=f"{topic.name} is in my notes, without details yet."),),
        footer=f"In one line: best for {lower_first(best)}." if best else "",
        citations=(f"{topic.source.path.rsplit('/', 1)[-1]} § {topic.name}",) if topic.source else (),
        buttons=quiz_buttons(kb, [topic.id]) + _compare_button(kb, topic.id, None),
        intent=Intent.EXPLAIN,
        topics=(topic.id,),
    )


def _related(kb: KnowledgeBase, topic_id: str, aspect_id: str, said: str) -> list[str]:
    """Other facts of the topic that talk about this aspect (by its label and aliases)."""
    aspect = kb.aspects.get(aspect_id)
    words = [aspect_label(kb, aspect_id).lower(), *(aspect.aliases if aspect else ())]
    words = [w for w in words if len(w) >= 4]
    found = []
    for fact in kb.facts_for(topic_id):
        if fact.aspect == aspect_id or fact.text in said:
            continue
        text = fact.text.lower()
        if any(fuzz.partial_ratio(w, text) >= RELATED for w in words if len(w) <= len(text)):
            found.append(fact.text)
    return found[:MAX_RELATED]


def _aspects_of(kb: KnowledgeBase, topic_id: str) -> list[str]:
    """Aspect ids with something said about this topic: builtin ones first, then table rows."""
    found = [a for a in BUILTIN_ASPECTS if facts_text(kb, topic_id, a)]
    found += [a for a in kb.table_aspects() if a not in found and kb.cell(a, topic_id)]
    found += [f.aspect for f in kb.facts_for(topic_id) if f.aspect not in found]
    return list(dict.fromkeys(found))


def _compare_button(kb: KnowledgeBase, topic_id: str, aspect_id: str | None) -> tuple[Button, ...]:
    others = [t for t in kb.topics if t != topic_id]
    if not others:
        return ()
    other = others[0]
    return (Button(f"compare:{topic_id},{other}", f"Compare with {name(kb, other)}"),)
