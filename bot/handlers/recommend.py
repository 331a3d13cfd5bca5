"""recommend: which topic fits a stated need, and why, from the best-for row and the use cases."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from bot.handlers import Context
from bot.handlers._shared import quiz_buttons
from bot.intents import Intent
from bot.kbtext import aspect_label, best_for_aspect, known_topics, name, takeaway
from bot.messages import Field, Reply, Section
from knowledge.model import KnowledgeBase

# Generic English: a need word and the words documents use for it.
NEED_WORDS: dict[str, tuple[str, ...]] = {
    "beginner": ("beginner", "ease of use", "simplicity", "simple", "easy", "intuitive", "prototyping",
                 "minimal boilerplate", "very high"),
    "mobile": ("mobile", "edge", "lite", "on-device", "embedded", "cross-platform"),
    "production": ("production", "enterprise", "deployment", "serving", "scalable", "strong"),
    "research": ("research", "experimentation", "academia", "flexible", "dynamic"),
    "prototype": ("prototyping", "rapid", "fast", "quick", "minimal boilerplate"),
    "scale": ("scalable", "scale", "distributed", "enterprise", "large"),
    "debug": ("debugging", "dynamic", "eager", "define-by-run", "pythonic"),
    "nlp": ("nlp", "language", "transformers", "text"),
}
_ALIASES = {"beginners": "beginner", "newbie": "beginner", "learning": "beginner", "easiest": "beginner",
            "phone": "mobile", "android": "mobile", "ios": "mobile", "prod": "production",
            "deploy": "production", "deployment": "production", "academic": "research",
            "experiment": "research", "experiments": "research", "prototyping": "prototype",
            "scalable": "scale", "scaling": "scale", "debugging": "debug"}
HIT = 88  # partial_ratio at or above which a need word counts as said in a text


@dataclass(frozen=True, slots=True)
class _Evidence:
    topic: str
    score: float
    reasons: tuple[str, ...]


def handle(ctx: Context) -> Reply:
    kb = ctx.kb
    candidates = known_topics(kb, ctx.match.topics) or list(kb.topics)
    words = _need_words(ctx.match.args)
    ranked = sorted((_evidence(kb, t, words) for t in candidates), key=lambda e: -e.score)
    need = f"“{ctx.match.args.strip()}”" if ctx.match.args.strip() else "your goal"
    if not ranked or ranked[0].score == 0 or not words:
        return Reply(
            title=f"What fits {need}?",
            sections=(Section(text="My notes don't point to one choice for that. Here is what each is best at."),),
            footer=takeaway(kb, candidates), buttons=quiz_buttons(kb, candidates),
            intent=Intent.RECOMMEND, topics=tuple(candidates),
        )
    best = ranked[0]
    tie = [e for e in ranked[1:] if e.score == best.score]
    lead = (f"For {need}, {name(kb, best.topic)} is the best fit."
            if not tie else f"For {need}, {name(kb, best.topic)} and {name(kb, tie[0].topic)} fit equally well.")
    fields = tuple(Field(name(kb, e.topic), "; ".join(e.reasons) or "no direct match in my notes")
                   for e in ranked)
    return Reply(
        title=f"Recommendation: {name(kb, best.topic)}",
        sections=(Section(text=lead), Section(heading="Why", fields=fields)),
        footer=takeaway(kb, [e.topic for e in ranked]),
        buttons=quiz_buttons(kb, [best.topic]),
        intent=Intent.RECOMMEND, topics=(best.topic,),
    )


def _need_words(args: str) -> tuple[str, ...]:
    words: list[str] = []
    for raw in args.lower().replace("-", " ").split():
        word = raw.strip(".,!?;:'\"()")
        key = _ALIASES.get(word, word)
        if key in NEED_WORDS:
            words += NEED_WORDS[key]
        elif len(word) > 3:
            words.append(word)
    return tuple(dict.fromkeys(words))


def _evidence(kb: KnowledgeBase, topic: str, words: Sequence[str]) -> _Evidence:
    texts = _texts(kb, topic)
    score, reasons = 0.0, []
    for weight, label, text in texts:
        lowered = text.lower()
        hits = sum(1 for w in words if fuzz.partial_ratio(w, lowered) >= HIT and len(w) <= len(lowered))
        if hits:
            score += weight * hits
            reasons.append(f"{label}: {text}")
    return _Evidence(topic, score, tuple(dict.fromkeys(reasons))[:3])


def _texts(kb: KnowledgeBase, topic: str) -> list[tuple[float, str, str]]:
    """(weight, label, text) of everything the notes say of a topic, best-for and use cases first."""
    best = best_for_aspect(kb)
    out: list[tuple[float, str, str]] = []
    if best and (cell := kb.cell(best, topic)):
        out.append((3.0, aspect_label(kb, best), cell))
    out += [(3.0, "Use case", part.strip()) for u in kb.use_cases_for(topic) for part in u.text.split(",")]
    out += [(1.0, aspect_label(kb, a), kb.cell(a, topic) or "") for a in kb.table_aspects() if a != best]
    out += [(1.0, aspect_label(kb, f.aspect), f.text) for f in kb.facts_for(topic)]
    return [item for item in out if item[2]]
