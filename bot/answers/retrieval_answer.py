"""Answers from passages: the one thing the notes say that answers a question, quoted briefly with
where it came from. Used by the answer handlers when the structure (facts, cells) is silent or says
something else than what was asked. Nothing here names a subject."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.answers.retrieval import Hit, PassageIndex, quote, stem, tokens, with_pairs
from bot.answers.wording import aspect_label
from bot.intents import Intent
from bot.messages import Reply, Section
from knowledge.model import KnowledgeBase, Passage

CITE_CHARS = 80
MAX_QUOTES = 2
SECOND_QUOTE = 0.8
# A passage replaces the structured answer on an aspect only for a word this rare in the notes.
OVERRIDE_SHARE = 0.02
OVERRIDE_COUNT = 5
LEAD_IN_CHARS = 80  # a second passage is quoted when it scores this close to the best one
# The builtin "who made it" aspect: a passage naming a maker reads "from X", "by X", "developed at X".
_MAKER = re.compile(r"\b(?:from|by|at|developed by|created by|maintained by|made by)\s+(?:the\s+)?[A-Z]")
_ASPECT_PATTERNS = {"developer": _MAKER}


@dataclass(frozen=True, slots=True)
class Found:
    quotes: tuple[str, ...]
    citations: tuple[str, ...]


def cite(passage: Passage) -> str:
    text = passage.cite()
    return text if len(text) <= CITE_CHARS else text[: CITE_CHARS - 1].rstrip() + "…"


def found(hits: Sequence[Hit], query: str, index: PassageIndex | None = None) -> Found | None:
    # A lead-in line ("Reasons for X:") only announces what follows: the list after it answers.
    said = [h for h in hits if not _lead_in(h.passage.text)]
    if not said and hits and index is not None:
        wanted = set(tokens(query))
        lead = max(hits, key=lambda h: len(wanted & set(tokens(h.passage.text)))).passage
        listed = index.following(lead)
        if listed:
            text = lead.text.strip() + " " + "; ".join(p.text.strip().rstrip(".;") for p in listed)
            return Found((quote(text, query),), (cite(lead),))
    hits = said or list(hits)
    if not hits:
        return None
    best = hits[0]
    chosen = [best] + [
        h
        for h in hits[1:MAX_QUOTES]
        if h.score >= SECOND_QUOTE * best.score
        and h.passage.text not in best.passage.text
        and best.passage.text not in h.passage.text
    ]
    return Found(tuple(quote(h.passage.text, query) for h in chosen), tuple(cite(h.passage) for h in chosen))


def _lead_in(text: str) -> bool:
    text = text.strip()
    return text.endswith(":") and len(text) <= LEAD_IN_CHARS


def topic_names(kb: KnowledgeBase, topic_id: str) -> list[str]:
    topic = kb.topics.get(topic_id)
    return [topic_id, topic.name, *topic.aliases] if topic else [topic_id]


def focused(
    index: PassageIndex,
    kb: KnowledgeBase,
    topic_id: str,
    query: str,
    already: str = "",
    aspect: str | None = None,
) -> Found | None:
    """The passage of one topic that answers a one-fact question ("<topic> licence?"): it must
    contain the question's most telling word the structured answer (`already`) does not."""
    ignore = topic_names(kb, topic_id)
    if aspect:
        known = kb.aspects.get(aspect)
        ignore += [aspect_label(kb, aspect), *(known.aliases if known else ())]
    said = set(tokens(already))
    stems = [s for s in index.query_stems(query, ignore) if s not in said]
    telling = [s for s in stems if index.idf(s) > 0]
    if not telling:
        return None
    key = max(telling, key=index.idf)
    if already and index.count(key) > max(OVERRIDE_COUNT, OVERRIDE_SHARE * len(index)):
        return None  # an everyday word of the notes ("support") does not overrule the cell asked for
    hits = index.search_stems(with_pairs(stems), topic=topic_id, limit=4, required=(key,))
    return found(hits, query, index)


def for_aspect(
    index: PassageIndex, kb: KnowledgeBase, topic_id: str, aspect: str, query: str
) -> Found | None:
    """What the topic's passages say on an aspect the structure has nothing for: passages filed
    under it, then passages using its label or phrasings, then (builtin aspects) their usual shape."""
    filed = index.in_scope(topic_id, aspect)
    if filed:
        return Found(
            tuple(quote(p.text, query) for p in filed[:MAX_QUOTES]), tuple(cite(p) for p in filed[:1])
        )
    known = kb.aspects.get(aspect)
    words = " ".join([aspect_label(kb, aspect), *(known.aliases if known else ()), query])
    hits = index.search(words, topic=topic_id, ignore=topic_names(kb, topic_id), limit=3)
    label = {stem(w) for w in tokens(aspect_label(kb, aspect))}
    strong = [h for h in hits if h.matched & label]
    if strong:
        return found(strong, query)
    pattern = _ASPECT_PATTERNS.get(aspect)
    if pattern is not None:
        shaped = [p for p in index.in_scope(topic_id) if pattern.search(p.text)]
        shaped.sort(key=lambda p: p.kind != "definition")
        if shaped:
            return Found((_sentence_with(shaped[0].text, pattern),), (cite(shaped[0]),))
    return None


def about_term(index: PassageIndex, term: str, query: str) -> Found | None:
    """The passages that say what a term is: they must name it."""
    need = index.query_stems(term)
    hits = index.search_stems(with_pairs(index.query_stems(query + " " + term)), limit=6, required=need)
    return found(hits, term, index)


def anything(index: PassageIndex, query: str, ignore: Sequence[str] = ()) -> Found | None:
    """For a question the structure cannot place: the passages that have every telling word of it,
    side by side as the question has them ("define-by-run"). None when a word is not in the notes."""
    stems = index.query_stems(query, ignore, repair=False)
    if not stems or any(index.idf(s) <= 0 for s in stems):
        return None
    hits = index.search_stems(with_pairs(stems), limit=6, required=with_pairs(stems))
    return found(hits, query, index)


def written_as(index: PassageIndex, term: str) -> str:
    """The term as the notes write it ("TorchScript"), for a title."""
    pattern = re.compile(r"\b" + r"\W+".join(re.escape(w) for w in term.split()) + r"\b", re.IGNORECASE)
    for passage in index.passages:
        hit = pattern.search(passage.text)
        if hit:
            return hit.group(0)
    return term.title()


def _sentence_with(text: str, pattern: re.Pattern[str]) -> str:
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        if pattern.search(sentence):
            return quote(sentence)
    return quote(text)


def quoted_reply(kb: KnowledgeBase, said: Found, *, intent: Intent, title: str = "From my notes") -> Reply:
    """A reply that quotes what the notes say, with where."""
    text = "\n".join(f"“{q}”" if len(said.quotes) == 1 else f"• “{q}”" for q in said.quotes)
    return Reply(title=title, sections=(Section(text=text),), citations=said.citations, intent=intent)
