"""explain: a topic's definition and key facts, or the one aspect asked for."""

from __future__ import annotations

from rapidfuzz import fuzz

from bot.handlers import Context, compare, unknown
from bot.handlers._shared import quiz_buttons
from bot.intents import Intent
from bot.kbtext import aspect_label, facts_text, known_topics, lower_first, name, strength
from bot.messages import Button, Field, Reply, Section
from knowledge.model import BUILTIN_ASPECTS, KnowledgeBase, Topic

MAX_FEATURES = 8
MAX_RELATED = 3
RELATED = 90  # partial_ratio at which a fact counts as talking about an aspect


def handle(ctx: Context) -> Reply:
    kb, match = ctx.kb, ctx.match
    topics = known_topics(kb, match.topics)
    if not topics:
        if match.aspect:
            return compare.across(ctx, list(kb.topics), match.aspect)
        return unknown.handle(ctx)
    topic = kb.topics[topics[0]]
    if match.aspect:
        return _aspect(kb, topic, match.aspect)
    return _overview(kb, topic)


def _aspect(kb: KnowledgeBase, topic: Topic, aspect_id: str) -> Reply:
    label = aspect_label(kb, aspect_id)
    said = facts_text(kb, topic.id, aspect_id)
    if said:
        related = _related(kb, topic.id, aspect_id, said)
        sections = (Section(text=said),) + (
            (Section(heading="Related", text="\n".join(f"• {r}" for r in related)),) if related else ()
        )
    else:
        have = ", ".join(aspect_label(kb, a) for a in _aspects_of(kb, topic.id)) or "nothing yet"
        sections = (Section(text=f"My notes say nothing about {label.lower()} for {topic.name}. "
                                 f"I do know: {have}."),)
    return Reply(
        title=f"{topic.name}: {label}",
        sections=sections,
        buttons=quiz_buttons(kb, [topic.id]) + _compare_button(kb, topic.id, aspect_id),
        intent=Intent.EXPLAIN, topics=(topic.id,), aspect=aspect_id,
    )


def _overview(kb: KnowledgeBase, topic: Topic) -> Reply:
    sections: list[Section] = []
    if topic.definition:
        sections.append(Section(text=topic.definition))
    fields = tuple(
        Field(aspect_label(kb, a), text)
        for a in _aspects_of(kb, topic.id)
        if a not in ("features", "use_cases") and (text := facts_text(kb, topic.id, a))
    )
    if fields:
        sections.append(Section(heading="Key facts", fields=fields))
    features = [f.text for f in kb.facts_for(topic.id, "features")][:MAX_FEATURES]
    if features:
        sections.append(Section(heading="Core features", text="\n".join(f"• {f}" for f in features)))
    cases = [u.text for u in kb.use_cases_for(topic.id)]
    if cases:
        sections.append(Section(heading="Use cases", text=", ".join(cases)))
    best = strength(kb, topic.id)
    return Reply(
        title=topic.name,
        sections=tuple(sections) or (Section(text=f"{topic.name} is in my notes, without details yet."),),
        footer=f"In one line: best for {lower_first(best)}." if best else "",
        buttons=quiz_buttons(kb, [topic.id]) + _compare_button(kb, topic.id, None),
        intent=Intent.EXPLAIN, topics=(topic.id,),
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
