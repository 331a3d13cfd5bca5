"""recommend: which topic fits a stated need, and why.

Evidence, from the documents only: the table row the need names ("community", "production";
a row rated in words like "Very High" / "Strong" / "Huge" ranks by that rating), the best-for row
and the use cases, then any other cell or fact that says the need's words. With one topic named
("is X good for production?") the answer says whether X is the best fit of what the notes know,
and which topic they favour otherwise.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from bot.answers.buttons import quiz_buttons
from bot.answers.retrieval import Hit, stem, with_pairs
from bot.answers.retrieval_answer import cite, topic_names
from bot.answers.wording import aspect_label, best_for_aspect, known_topics, name, takeaway
from bot.context import Context
from bot.intents import Intent
from bot.messages import Field, Reply, Section
from bot.nlu.lexicon import COMPARE_CUES, RECOMMEND_WORDS
from bot.practice.grading.ratings import said_level
from knowledge.model import KnowledgeBase

# Generic English: a need word and the words documents use for it (the knowledge overlay's
# `needs:` adds the words one subject's notes use, KnowledgeBase.needs).
NEED_WORDS: dict[str, tuple[str, ...]] = {
    "beginner": (
        "beginner",
        "ease of use",
        "simplicity",
        "simple",
        "easy",
        "intuitive",
        "prototyping",
        "minimal boilerplate",
        "very high",
    ),
    "mobile": ("mobile", "edge", "lite", "on-device", "embedded", "cross-platform"),
    "production": ("production", "enterprise", "deployment", "serving", "scalable"),
    "research": ("research", "experimentation", "academia", "flexible", "dynamic"),
    "prototype": ("prototyping", "rapid", "fast", "quick", "minimal boilerplate"),
    "scale": ("scalable", "scale", "distributed", "enterprise", "large"),
    "debug": ("debugging", "dynamic"),
    "nlp": ("nlp", "language", "text"),
    "community": ("community", "ecosystem", "support", "huge", "large"),
}
_ALIASES = {
    "beginners": "beginner",
    "newbie": "beginner",
    "learning": "beginner",
    "easiest": "beginner",
    "learn": "beginner",
    "first": "beginner",
    "start": "beginner",
    "starting": "beginner",
    "easier": "beginner",
    "phone": "mobile",
    "android": "mobile",
    "ios": "mobile",
    "prod": "production",
    "deploy": "production",
    "deployment": "production",
    "academic": "research",
    "experiment": "research",
    "experiments": "research",
    "prototyping": "prototype",
    "scalable": "scale",
    "scaling": "scale",
    "debugging": "debug",
    "ecosystem": "community",
    "support": "community",
    "popular": "community",
}
# Words that ask for a pick rather than say the need ("a good alternative to X" states none).
_PICKING = frozenset(
    stem(w)
    for w in (
        *RECOMMEND_WORDS,
        *(w for cue in COMPARE_CUES for w in cue.split()),
        "good",
        "great",
        "alternative",
        "alternatives",
        "instead",
        "use",
        "using",
        "used",
        "over",
        "rather",
        "than",
        "other",
        "replace",
        "replacement",
        "one",
        "option",
        "options",
        "tool",
        "tools",
        "need",
        "want",
        "looking",
        "like",
        "work",
    )
)
MAX_PROSE = 3
MAX_LISTED = (
    5  # topics described when the notes point to none  # topics shown when passages decide a recommendation
)
HIT = 88  # partial_ratio at or above which a need word counts as said in a text
ROW = 90  # ratio at or above which a need word names a table row (its label or an alias)
RATING_WEIGHT = 2.0  # per rating level of the named row's cell ("Very High" = 4)


@dataclass(frozen=True, slots=True)
class _Evidence:
    topic: str
    score: float
    reasons: tuple[str, ...]


def handle(ctx: Context) -> Reply:
    kb = ctx.kb
    named = known_topics(kb, ctx.match.topics)
    if len(named) == 2:  # "which <column> does <tool> use": one aspect of the tool, not a pick
        from bot.answers.compare import topic_as_aspect

        one_aspect = topic_as_aspect(ctx, named)
        if one_aspect is not None:
            return one_aspect
    # The matcher's stated need, else the known need words of the whole message ("should I learn
    # X or Y first?" states no need the matcher kept, but "learn ... first" is one).
    words = _need_words(kb, ctx.match.args) or _need_words(kb, ctx.message.text, known_only=True)
    row = _row_for(kb, words)
    pool = list(kb.topics) if len(named) == 1 else (named or list(kb.topics))
    ranked = sorted((_evidence(kb, t, words, row) for t in pool), key=lambda e: -e.score)
    need = f"“{ctx.match.args.strip()}”" if ctx.match.args.strip() else "your goal"
    if not ranked or ranked[0].score == 0:
        prose = _by_passages(ctx, need, pool, named[0] if len(named) == 1 else None)
        return prose or _no_pick(kb, need, named or list(kb.topics))
    if len(named) == 1:
        return _verdict(kb, need, named[0], ranked)
    best = ranked[0]
    tie = [e for e in ranked[1:] if e.score == best.score]
    lead = (
        f"For {need}, {name(kb, best.topic)} is the best fit."
        if not tie
        else f"For {need}, {name(kb, best.topic)} and {name(kb, tie[0].topic)} fit equally well."
    )
    return Reply(
        title=f"Recommendation: {name(kb, best.topic)}",
        sections=(Section(text=lead), Section(heading="Why", fields=_why(kb, ranked))),
        footer=takeaway(kb, [e.topic for e in ranked]),
        buttons=quiz_buttons(kb, [best.topic]),
        intent=Intent.RECOMMEND,
        topics=(best.topic,),
    )


def _verdict(kb: KnowledgeBase, need: str, asked: str, ranked: list[_Evidence]) -> Reply:
    """ "Is X good for Y?": yes if X leads, else what the notes favour instead, with both sides."""
    best = ranked[0]
    mine = next(e for e in ranked if e.topic == asked)
    if mine.score >= best.score:
        lead = f"Yes: for {need}, {name(kb, asked)} is the best fit of what I know."
        shown = [mine, *[e for e in ranked if e.topic != asked][:1]]
    else:
        lead = (
            f"{name(kb, asked)} can do it, but for {need} my notes favour {name(kb, best.topic)}."
            if mine.score > 0
            else f"Not really: for {need} my notes favour {name(kb, best.topic)}."
        )
        shown = [mine, best]
    return Reply(
        title=f"{name(kb, asked)} for {need}?",
        sections=(Section(text=lead), Section(heading="Why", fields=_why(kb, shown))),
        footer=takeaway(kb, [e.topic for e in shown]),
        buttons=quiz_buttons(kb, [asked]),
        intent=Intent.RECOMMEND,
        topics=(asked,),
    )


def _by_passages(ctx: Context, need: str, pool: Sequence[str], asked: str | None) -> Reply | None:
    """When no row, bullet or use case settles the need, the topics whose passages say most about
    it (BM25 over the need's words within each topic's passages), each with what it says and where."""
    kb, index = ctx.kb, ctx.matcher.passages
    text = ctx.match.args.strip() or ctx.message.text
    stems = with_pairs(
        [
            s
            for s in index.query_stems(text, [n for t in kb.topics for n in topic_names(kb, t)])
            if s not in _PICKING
        ]
    )
    if not stems:
        return None
    scored: list[tuple[float, str, Hit]] = []
    for topic in pool:
        hits = index.search_stems(stems, topic=topic, limit=1)
        if hits:
            scored.append((hits[0].score, topic, hits[0]))
    scored.sort(key=lambda x: -x[0])
    if not scored:
        return None
    best = scored[0][1]
    shown = scored[:MAX_PROSE]
    if asked is not None and all(t != asked for _s, t, _h in shown):
        shown = shown[:1]
    fields = tuple(Field(name(kb, t), f"“{h.quote(text)}”") for _s, t, h in shown)
    citations = tuple(dict.fromkeys(cite(h.passage) for _s, _t, h in shown))
    if asked is None:
        title, lead = f"Recommendation: {name(kb, best)}", f"For {need}, my notes point to {name(kb, best)}."
    elif asked == best:
        title, lead = (
            f"{name(kb, asked)} for {need}?",
            f"Yes: for {need}, my notes point to {name(kb, asked)}.",
        )
    else:
        title = f"{name(kb, asked)} for {need}?"
        lead = (
            f"For {need}, my notes say more about {name(kb, best)}."
            if any(t == asked for _s, t, _h in scored)
            else f"My notes say nothing of {name(kb, asked)} for {need}; they point to {name(kb, best)}."
        )
    return Reply(
        title=title,
        sections=(Section(text=lead), Section(heading="What my notes say", fields=fields)),
        citations=citations,
        footer=takeaway(kb, [t for _s, t, _h in shown]),
        buttons=quiz_buttons(kb, [best]),
        intent=Intent.RECOMMEND,
        topics=(asked or best,),
    )


def _no_pick(kb: KnowledgeBase, need: str, topics: Sequence[str]) -> Reply:
    lines = tuple(
        Field(name(kb, t), _first_sentence(kb.topics[t].definition))
        for t in topics[:MAX_LISTED]
        if t in kb.topics and kb.topics[t].definition
    )
    return Reply(
        title=f"What fits {need}?",
        sections=(Section(text="My notes don't point to one choice for that. Here is what each is best at."),)
        + ((Section(heading="In my notes", fields=lines),) if lines else ()),
        footer=takeaway(kb, topics),
        buttons=quiz_buttons(kb, topics),
        intent=Intent.RECOMMEND,
        topics=tuple(topics),
    )


def _first_sentence(text: str) -> str:
    head = text.split(". ", 1)[0].strip()
    return head if len(head) <= 200 else head[:199].rsplit(" ", 1)[0] + "…"


def _why(kb: KnowledgeBase, ranked: Sequence[_Evidence]) -> tuple[Field, ...]:
    return tuple(
        Field(name(kb, e.topic), "; ".join(e.reasons) or "no direct match in my notes") for e in ranked
    )


def _need_words(kb: KnowledgeBase, args: str, *, known_only: bool = False) -> tuple[str, ...]:
    words: list[str] = []
    for raw in args.lower().replace("-", " ").split():
        word = raw.strip(".,!?;:'\"()")
        key = _ALIASES.get(word, word)
        if key in NEED_WORDS or key in kb.needs:
            words += (*NEED_WORDS.get(key, ()), *kb.needs.get(key, ()))
        elif len(word) > 3 and not known_only:
            words.append(word)
    return tuple(dict.fromkeys(words))


def _row_for(kb: KnowledgeBase, words: Sequence[str]) -> str | None:
    """The table row a need names by its label or an alias ("community", "ease of use")."""
    for aspect_id in kb.table_aspects():
        aspect = kb.aspects.get(aspect_id)
        names = [
            aspect_label(kb, aspect_id).lower(),
            *(a.lower() for a in (aspect.aliases if aspect else ())),
        ]
        if any(fuzz.ratio(word, label) >= ROW for word in words for label in names):
            return aspect_id
    return None


def _evidence(kb: KnowledgeBase, topic: str, words: Sequence[str], row: str | None) -> _Evidence:
    score, reasons = 0.0, []
    if row and (cell := kb.cell(row, topic)):
        level = said_level(cell)
        if level:
            score += RATING_WEIGHT * level
            reasons.append(f"{aspect_label(kb, row)}: {cell}")
    for weight, label, text in _texts(kb, topic, row):
        lowered = text.lower()
        hits = sum(1 for w in words if fuzz.partial_ratio(w, lowered) >= HIT and len(w) <= len(lowered))
        if hits:
            score += weight * hits
            reasons.append(f"{label}: {text}")
    return _Evidence(topic, score, tuple(dict.fromkeys(reasons))[:3])


def _texts(kb: KnowledgeBase, topic: str, row: str | None) -> list[tuple[float, str, str]]:
    """(weight, label, text) of everything the notes say of a topic, best-for and use cases first."""
    best = best_for_aspect(kb)
    out: list[tuple[float, str, str]] = []
    if best and (cell := kb.cell(best, topic)):
        out.append((3.0, aspect_label(kb, best), cell))
    out += [(3.0, "Use case", part.strip()) for u in kb.use_cases_for(topic) for part in u.text.split(",")]
    out += [
        (1.0, aspect_label(kb, a), kb.cell(a, topic) or "")
        for a in kb.table_aspects()
        if a not in (best, row)
    ]
    out += [(1.0, aspect_label(kb, f.aspect), f.text) for f in kb.facts_for(topic)]
    return [item for item in out if item[2]]
