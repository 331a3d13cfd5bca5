"""Reading the knowledge base for people: display names, aspect labels, a topic's strength,
the one-line takeaway. Shared by the answer handlers, the question bank and practice replies."""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz import fuzz

from knowledge.model import KnowledgeBase

# Generic English labels a "best for" row goes by in a comparison table.
_BEST_FOR_LABELS = ("best for", "ideal for", "good for", "use it for", "recommended for", "when to use")


def name(kb: KnowledgeBase, topic_id: str) -> str:
    topic = kb.topics.get(topic_id)
    return topic.name if topic else topic_id


def aspect_label(kb: KnowledgeBase, aspect_id: str) -> str:
    aspect = kb.aspects.get(aspect_id)
    return aspect.label if aspect else aspect_id.replace("_", " ").capitalize()


def known_topics(kb: KnowledgeBase, topic_ids: Sequence[str]) -> list[str]:
    seen: list[str] = []
    for topic_id in topic_ids:
        if topic_id in kb.topics and topic_id not in seen:
            seen.append(topic_id)
    return seen


def best_for_aspect(kb: KnowledgeBase) -> str | None:
    """The table row that says what each topic is best for, found by its label, if any."""
    return kb.memo("best_for_aspect", lambda: _best_for_aspect(kb))  # once per knowledge base


def _best_for_aspect(kb: KnowledgeBase) -> str | None:
    best: tuple[float, str | None] = (0.0, None)
    for aspect_id in kb.table_aspects():
        label = aspect_label(kb, aspect_id).lower()
        score = max(fuzz.ratio(label, wanted) for wanted in _BEST_FOR_LABELS)
        if score > best[0]:
            best = (score, aspect_id)
    return best[1] if best[0] >= 80 else None


def strength(kb: KnowledgeBase, topic_id: str) -> str:
    """One short phrase of what a topic is best at: the best-for cell, else its first use case."""
    aspect = best_for_aspect(kb)
    cell = kb.cell(aspect, topic_id) if aspect else None
    if cell:
        return cell
    cases = kb.use_cases_for(topic_id)
    return cases[0].text if cases else ""


def takeaway(kb: KnowledgeBase, topic_ids: Sequence[str]) -> str:
    parts = [f"{name(kb, t)} for {lower_first(s)}" for t in topic_ids if (s := strength(kb, t))]
    return ("Takeaway: pick " + "; ".join(parts) + ".") if parts else ""


def facts_text(kb: KnowledgeBase, topic_id: str, aspect_id: str) -> str:
    """What the knowledge base says of one topic on one aspect: the table cell, then the facts."""
    pieces: list[str] = []
    cell = kb.cell(aspect_id, topic_id)
    if cell:
        pieces.append(cell)
    if aspect_id == "use_cases":
        pieces += [u.text for u in kb.use_cases_for(topic_id)]
    pieces += [f.text for f in kb.facts_for(topic_id, aspect_id) if f.text not in pieces]
    return "; ".join(pieces)


def lower_first(text: str) -> str:
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text
