"""Reading a message against the conversation so far, and the phrasings that need no knowledge.

A follow-up that names only a topic ("and X?"), only an aspect ("what about deployment?", "just the
community part") or points back with a pronoun ("is it good for production?") is read against the
person's last topics, aspect and intent in that place (`bot.storage.context.Snapshot`). A message
that says anything else is read on its own and, if it names a subject, becomes the new context.
The phrasings live in bot/nlu/phrases/conversation.yaml.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from bot.intents import Intent, Match
from bot.nlu import phrases as tables
from bot.nlu.cues import Reading
from bot.nlu.normalize import normalize

SMALL_TALK = "small_talk_"  # small_talk_<kind>: the phrases of one kind of small talk
CONF_FOLLOW_UP = 80

# Intents a follow-up can continue, and the intents whose reading becomes the new context.
CONTINUES = frozenset({Intent.EXPLAIN, Intent.COMPARE, Intent.RECOMMEND, Intent.UNKNOWN})
SETS_CONTEXT = frozenset({Intent.EXPLAIN, Intent.COMPARE, Intent.RECOMMEND, Intent.MOCK})


@dataclass(frozen=True, slots=True)
class Phrases:
    filler: frozenset[str]
    topic_leads: tuple[tuple[str, ...], ...]
    pronouns: frozenset[str]
    asks: frozenset[str]
    asks_choice: frozenset[str]
    asks_daily: tuple[tuple[str, ...], ...]
    asks_help: tuple[tuple[str, ...], ...]
    name_leads: frozenset[str]
    small_talk: dict[tuple[str, ...], str]  # phrase -> kind ("thanks", "ok", "bye")
    small_talk_filler: frozenset[str]
    answer_leads: tuple[tuple[str, ...], ...]
    to_answer: frozenset[tuple[str, ...]]
    to_question: frozenset[tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class Prior:
    """What the conversation was about (read from storage by the caller)."""

    topics: tuple[str, ...]
    aspect: str | None
    intent: str


@cache
def phrases() -> Phrases:
    data = tables.table("conversation")

    def words(key: str) -> frozenset[str]:
        return frozenset(w for item in data[key] for w in normalize(item).words)

    def phrase_list(key: str) -> tuple[tuple[str, ...], ...]:
        found = [normalize(item).words for item in data[key]]
        return tuple(sorted((p for p in found if p), key=len, reverse=True))

    talk = {
        normalize(p).words: key.removeprefix(SMALL_TALK)
        for key, items in data.items()
        if key.startswith(SMALL_TALK) and key != "small_talk_filler"
        for p in items
    }
    return Phrases(
        filler=words("follow_up_filler"),
        topic_leads=phrase_list("topic_follow_up_leads"),
        pronouns=words("pronouns"),
        asks=words("follow_up_asks"),
        asks_choice=words("asks_choice"),
        asks_daily=phrase_list("asks_daily"),
        asks_help=phrase_list("asks_help"),
        name_leads=words("name_leads"),
        small_talk={p: k for p, k in talk.items() if p},
        small_talk_filler=words("small_talk_filler"),
        answer_leads=phrase_list("answer_leads"),
        to_answer=frozenset(phrase_list("switch_to_answer")),
        to_question=frozenset(phrase_list("switch_to_question")),
    )


def follow_up(
    reading: Reading,
    match: Match,
    prior: Prior | None,
    aspect_words: frozenset[str],
    aspect_names: dict[str, str],
) -> Match | None:
    """The message read against `prior`, or None when it is no follow-up (or there is no context)."""
    if prior is None or match.intent not in CONTINUES or match.command is not None:
        return None
    p = phrases()
    words = reading.words
    named = reading.topics
    spans = {i for h in reading.named for i in range(h.start, h.end)}
    rest = [w for i, w in enumerate(words) if i not in spans]
    if any(w not in p.filler and w not in aspect_words for w in rest) or len(set(named)) > 1:
        return None  # says something of its own: read on its own
    if not named and words[:1] and words[0] in p.asks_choice:
        return None  # "which is easiest": a choice among all topics, not about the last one
    if (
        not named
        and match.intent is Intent.RECOMMEND
        and prior.intent != Intent.RECOMMEND.value
        and not any(w in p.pronouns for w in words)
    ):
        return None  # "best for mobile?": advice among all, unless it points back ("is it good for ...")
    aspect = _aspect(reading, rest, aspect_names)
    last = Intent(prior.intent) if prior.intent in Intent._value2member_map_ else Intent.EXPLAIN
    asks = reading.question or bool(words and words[0] in p.asks)
    if named and aspect is None:
        if not (_leads(words, p.topic_leads) or not rest):
            return None  # "what is X" is a new question, not "and X?"
        if prior.aspect is None and last is not Intent.COMPARE:
            return None
        return Match(
            Intent.EXPLAIN,
            topics=named[:1],
            aspect=prior.aspect,
            confidence=CONF_FOLLOW_UP,
            explicit=asks,
            why=f"context: a follow-up naming only a topic keeps the aspect {prior.aspect or '-'}",
        )
    if not named and aspect is not None:
        if last is Intent.RECOMMEND:
            return Match(
                Intent.RECOMMEND,
                topics=prior.topics,
                aspect=aspect,
                args=" ".join(w for w in rest if w in aspect_words),
                confidence=CONF_FOLLOW_UP,
                explicit=asks,
                why=f"context: an aspect follow-up to advice on {','.join(prior.topics) or 'all topics'}",
            )
        if not prior.topics:
            return None
        several = last is Intent.COMPARE and len(prior.topics) >= 2
        return Match(
            Intent.COMPARE if several else Intent.EXPLAIN,
            topics=prior.topics if several else prior.topics[:1],
            aspect=aspect,
            confidence=CONF_FOLLOW_UP,
            explicit=asks,
            why=f"context: an aspect follow-up about {','.join(prior.topics)}",
        )
    return None


def pronoun_text(words: tuple[str, ...], prior: Prior | None, names: dict[str, str]) -> str | None:
    """ "is it eager by default?" with one topic in context -> "is <Topic> eager by default" (two
    topics: "<A> and <B>"); None when there is no pronoun or no context to put in its place."""
    if prior is None or not prior.topics or not any(w in phrases().pronouns for w in words):
        return None
    said = " and ".join(names[t] for t in prior.topics[:2] if t in names)
    if not said:
        return None
    out, done = [], False
    for w in words:
        if w in phrases().pronouns and not done:
            out.append(said + ("s" if w in {"its", "their"} else ""))
            done = True
        else:
            out.append(w)
    return " ".join(out)


def _found(words: tuple[str, ...], wanted: tuple[tuple[str, ...], ...]) -> bool:
    return any(tuple(words[i : i + len(p)]) == p for p in wanted for i in range(len(words) - len(p) + 1))


def asks_daily(words: tuple[str, ...]) -> bool:
    return _found(words, phrases().asks_daily)


def asks_help(words: tuple[str, ...]) -> bool:
    return _found(words, phrases().asks_help)


def small_talk(words: tuple[str, ...]) -> str | None:
    """ "thanks!", "ok cool thx", "bye": the kind of small talk, or None."""
    if not words:
        return None
    p = phrases()
    kinds: list[str] = []
    i = 0
    while i < len(words):
        for size in (3, 2, 1):
            kind = p.small_talk.get(tuple(words[i : i + size]))
            if kind is not None:
                kinds.append(kind)
                i += size
                break
        else:
            if words[i] not in p.small_talk_filler:
                return None
            i += 1
    return kinds[-1] if kinds else None


def answer_lead(words: tuple[str, ...]) -> bool:
    """Starts like an answer ("When you need ...", "What I'd say is: ...")."""
    return _leads(words, phrases().answer_leads)


def switch(words: tuple[str, ...]) -> str | None:
    """ "that was my answer" -> "answer"; "that was a question" -> "question"; else None."""
    p = phrases()
    core = tuple(w for w in words if w not in {"no", "nope", "sorry", "actually", "oh", "wait"})
    if core in p.to_answer:
        return "answer"
    if core in p.to_question:
        return "question"
    return None


def _leads(words: tuple[str, ...], leads: tuple[tuple[str, ...], ...]) -> bool:
    return any(tuple(words[: len(lead)]) == lead for lead in leads)


def _aspect(reading: Reading, rest: list[str], aspect_names: dict[str, str]) -> str | None:
    """The aspect the follow-up names: a word that is an aspect's own name wins ("good for
    production" asks about production, not about what it is best for)."""
    for word in reversed(rest):
        if word in aspect_names:
            return aspect_names[word]
    return reading.aspect.aspect if reading.aspect else None


def unknown_name(words: tuple[str, ...], unknown: frozenset[int]) -> str | None:
    """ "tell me about mxnet", "explain caffe": the one word the notes do not know, right after a
    word that puts a name in the subject position; None when there is no such word."""
    leads = phrases().name_leads
    found = [words[i] for i in sorted(unknown) if i > 0 and words[i - 1] in leads and words[i].isalpha()]
    return found[0] if len(found) == 1 and len(found[0]) >= 3 else None


def about_a_name(core: tuple[str, ...], term: str) -> bool:
    """ "what about X?" / "how about X": asks about X itself, a name the notes only mention."""
    return len(core) == 3 and core[2] == term and core[1] == "about" and core[0] in phrases().asks
