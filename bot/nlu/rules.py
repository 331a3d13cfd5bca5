"""Choosing the intent of a free-text message from what it contains (a `Reading`)."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from bot.intents import Command, Intent, Match
from bot.nlu.cues import (
    Reading,
    any_compare,
    asks_advice,
    asks_advice_outright,
    compares_topic,
    content_words,
    daily_cue,
    difficulty,
    explicit_compare,
    lead_core,
    mock_cue,
    need_for,
    recommend_cue,
    topic_for,
)
from bot.nlu.lexicon import DIFFICULTIES, IMPERATIVE_STARTS, QUESTION_STARTS, RECOMMEND_WORDS, REFERRING_NOUNS
from bot.nlu.limits import (
    CONF_DESCRIPTOR,
    CONF_EXACT,
    CONF_FUZZY_PENALTY,
    CONF_NO_TOPIC,
    CONF_UNKNOWN,
    SMALL_TALK_WORDS,
    TOPICLESS_ASPECT,
    UNKNOWN_WORD_MIN_LEN,
)
from bot.nlu.suggest import Suggester
from bot.nlu.topics import TopicHit
from bot.nlu.typos import Vocabulary
from bot.nlu.words import COMMON, STOPWORDS

_AFTER_A_VERB = frozenset(
    {
        "to",
        "with",
        "for",
        "on",
        "in",
        "into",
        "from",
        "than",
        "about",
        "the",
        "a",
        "an",
        "it",
        "its",
        "my",
        "your",
        "their",
        "this",
        "that",
        "these",
        "those",
        "up",
        "out",
        "me",
        "us",
        "them",
        "him",
        "her",
        "so",
        "well",
        "better",
        "differently",
    }
)
_ALL_OF_THEM = REFERRING_NOUNS | {
    "all",
    "them",
    "everything",
    "three",
    "each",
    "both",
    "everyone",
    "frameworks",
    "options",
    "topics",
}
_ASKING = frozenset(
    {
        "what",
        "whats",
        "how",
        "why",
        "which",
        "who",
        "explain",
        "describe",
        "tell",
        "compare",
        "define",
        "recommend",
        "know",
    }
)
_NOT_A_NAME_SUFFIXES = ("ing", "ed", "s", "es")
_DIFFICULTY_NOUNS = frozenset({"mode", "level", "difficulty", "setting", "settings"})


def decide(reading: Reading, suggester: Suggester, vocab: Vocabulary) -> Match:
    words, topics = reading.words, reading.topics
    aspect = reading.aspect.aspect if reading.aspect else None
    confidence = _confidence(reading)
    if mock_cue(words):
        return Match(
            Intent.MOCK,
            topics=topics,
            aspect=mock_aspect(reading),
            command=Command.START,
            difficulty=difficulty(words),
            confidence=confidence,
            explicit=True,
        )
    if daily_cue(words):
        return Match(Intent.DAILY, confidence=confidence, explicit=True)
    other = _other_thing(reading, vocab)
    if other is None and _small_talk(reading):
        other = ""
    if other is not None:
        return Match(
            Intent.UNKNOWN,
            confidence=CONF_UNKNOWN,
            suggestions=suggester.suggest(reading, topics),
            args=other,
        )
    skip = reading.topic_positions
    weak, strong = _recommend_cues(reading)
    need = need_for(words, skip, asking=weak)
    if len(topics) >= 2:
        return _several(reading, need, weak, strong, aspect, confidence)
    if len(topics) == 1:
        if need and (weak or _fit_question(words) or topic_for(reading)):
            return Match(Intent.RECOMMEND, topics=topics, args=" ".join(need), confidence=confidence)
        if compares_topic(words, reading.topic_positions):
            return Match(Intent.COMPARE, topics=topics, aspect=aspect, confidence=confidence)
        if asks_advice_outright(reading.core) and aspect is None:
            return Match(Intent.RECOMMEND, topics=topics, confidence=confidence)
        return Match(Intent.EXPLAIN, topics=topics, aspect=aspect, confidence=confidence)
    return _no_topic(reading, suggester, need, weak, strong, aspect, vocab)


def mock_aspect(reading: Reading) -> str | None:
    """The aspect of a practice request, unless the only aspect word was its difficulty ("hard")."""
    hit = reading.aspect
    words = reading.words
    if hit is None or words[hit.start] in DIFFICULTIES:
        return None
    if hit.start and words[hit.start - 1] in DIFFICULTIES and words[hit.start] in _DIFFICULTY_NOUNS:
        return None  # "hard mode", "easy level": the setting of the difficulty, not an aspect
    return hit.aspect


def _several(
    reading: Reading, need: tuple[str, ...], weak: bool, strong: bool, aspect: str | None, confidence: int
) -> Match:
    topics = reading.topics[:3]
    words = reading.words
    if _subject_of_a_statement(reading):
        return Match(Intent.EXPLAIN, topics=topics[:1], aspect=aspect, confidence=confidence)
    asked = _what_about(reading)
    if asked is not None:
        return Match(Intent.EXPLAIN, topics=(asked,), aspect=aspect, confidence=confidence)
    if explicit_compare(reading.cue_words) and not ((weak or strong) and need):
        return Match(Intent.COMPARE, topics=topics, aspect=aspect, confidence=confidence)
    if need and (weak or strong or "or" in words):
        return Match(Intent.RECOMMEND, topics=topics, args=" ".join(need), confidence=confidence)
    if aspect is not None and not asks_advice(reading.core):
        return Match(Intent.COMPARE, topics=topics, aspect=aspect, confidence=confidence)
    context = _context_need(reading)
    if context and "or" in reading.cue_words and not any_compare(set(reading.cue_words) - {"or", "and"}):
        return Match(Intent.RECOMMEND, topics=topics, args=" ".join(context), confidence=confidence)
    if strong:
        args = " ".join(content_words(words, reading.topic_positions | _outside_cue_sentence(reading)))
        return Match(Intent.RECOMMEND, topics=topics, args=args, confidence=confidence)
    if aspect is None and weak and not any_compare(reading.cue_words):
        return Match(Intent.RECOMMEND, topics=topics, confidence=confidence)
    return Match(Intent.COMPARE, topics=topics, aspect=aspect, confidence=confidence)


def _what_about(reading: Reading) -> str | None:
    """ "lens is high level but what about inkwell": the topic asked about after what was said."""
    if len(reading.named) != 2 or reading.described:
        return None
    last = max(reading.named, key=lambda h: h.start)
    words = reading.words
    if last.start < 2 or tuple(words[last.start - 2 : last.start]) not in {
        ("what", "about"),
        ("how", "about"),
    }:
        return None
    if last.end < len(words) - 1 or explicit_compare(reading.cue_words):
        return None
    return last.topic


_BETWEEN_TWO = frozenset(
    {
        "and",
        "or",
        "vs",
        "versus",
        "v",
        "to",
        "from",
        "than",
        "with",
        "like",
        "nor",
        "over",
        "against",
        "into",
        "instead",
        "plus",
        "both",
        "either",
        "neither",
        "beats",
        "beat",
        "outperforms",
        "outperform",
        "trumps",
        "crushes",
        "destroys",
        "rivals",
        "replaces",
        "replaced",
        "replace",
        "competes",
        "matches",
        "better",
        "worse",
        "faster",
        "slower",
        "easier",
        "harder",
        "bigger",
        "smaller",
        "same",
        "similar",
        "different",
        "differs",
    }
)


def _subject_of_a_statement(reading: Reading) -> bool:
    """ "Lens wraps Stargazer and ...": a statement whose subject is the first topic and whose
    verb takes the second as its object talks about the first (in a quiz, it is an answer)."""
    core, hits = reading.core, sorted(reading.named, key=lambda h: h.start)
    if reading.question or not core or core[0] in QUESTION_STARTS | IMPERATIVE_STARTS or len(hits) < 2:
        return False
    start = len(reading.words) - len(core)
    first, second = hits[0], hits[1]
    between = reading.words[first.end : second.start]
    return (
        first.start == start
        and 1 <= len(between) <= 2
        and not any_compare(reading.cue_words)
        and not any(w in _BETWEEN_TWO for w in between)
        and all(w not in STOPWORDS for w in between)
    )


def _no_topic(
    reading: Reading,
    suggester: Suggester,
    need: tuple[str, ...],
    weak: bool,
    strong: bool,
    aspect: str | None,
    vocab: Vocabulary,
) -> Match:
    words = reading.words
    rest = content_words(words, _outside_cue_sentence(reading))
    domain = any(w in REFERRING_NOUNS or w in reading.kinds for w in words)
    if strong or (weak and (need or domain or aspect)):
        args = " ".join(need or tuple(w for w in rest if w not in REFERRING_NOUNS and w not in reading.kinds))
        return Match(Intent.RECOMMEND, args=args, confidence=CONF_NO_TOPIC + 20)
    if explicit_compare(reading.cue_words) and (aspect is not None or any(w in _ALL_OF_THEM for w in words)):
        return Match(Intent.COMPARE, aspect=aspect, confidence=CONF_NO_TOPIC)
    if (
        aspect is not None
        and reading.aspect is not None
        and reading.aspect.score >= TOPICLESS_ASPECT
        and not _other_subject(reading, vocab)
    ):
        return Match(Intent.EXPLAIN, aspect=aspect, confidence=CONF_NO_TOPIC)
    return Match(Intent.UNKNOWN, confidence=CONF_UNKNOWN, suggestions=suggester.suggest(reading))


def _other_subject(reading: Reading, vocab: Vocabulary) -> bool:
    """ "is python hard to learn": the question is about something that is not a topic (a word
    the notes only mention), not about an aspect in general ("is it hard to learn")."""
    words = reading.core
    i = 1 if words[:1] and words[0] in {"is", "does", "can", "was", "are", "do"} else 0
    if words[:2] in (("how", "is"), ("how", "does"), ("how", "hard"), ("how", "easy")):
        i = 2 if words[1] in {"is", "does"} else 0
    if i == 0 or i >= len(words):
        return False
    position = len(reading.words) - len(words) + i
    word = words[i]
    foreign = position in reading.domain_positions or (position in reading.unknown and len(word) >= 3)
    return foreign and word not in vocab.lexicon and word not in reading.kinds


def _outside_cue_sentence(reading: Reading) -> set[int]:
    """Positions outside the sentence that asks for advice (the last one holding a cue word)."""
    if not reading.sentences or reading.sentences[-1] == 0:
        return set()
    asking = [s for w, s in zip(reading.words, reading.sentences, strict=True) if w in RECOMMEND_WORDS]
    sentence = asking[-1] if asking else reading.sentences[-1]
    return {i for i, s in enumerate(reading.sentences) if s != sentence}


def _context_need(reading: Reading) -> tuple[str, ...]:
    """Subject words said in another sentence than the "a or b?" one
    ("mostly NLP work. stargazer or inkwell?")."""
    if not reading.sentences or reading.sentences[-1] == 0:
        return ()
    asking = {reading.sentences[h.start] for h in reading.named}
    return tuple(
        w
        for i, (w, s) in enumerate(zip(reading.words, reading.sentences, strict=True))
        if s not in asking and i in reading.domain_positions
    )


def _recommend_cues(reading: Reading) -> tuple[bool, bool]:
    """Advice cues at the start of the message or of any clause ("lens vs inkwell: which is easier")."""
    weak, strong = recommend_cue(reading.core, reading.kinds)
    for clause in sorted(set(reading.clauses))[1:]:
        words = lead_core([w for w, c in zip(reading.words, reading.clauses, strict=True) if c == clause])
        clause_weak, clause_strong = recommend_cue(words, reading.kinds)
        weak, strong = weak or clause_weak, strong or clause_strong
    return weak, strong


def _fit_question(words: tuple[str, ...]) -> bool:
    return any(
        w in {"good", "best", "better", "ideal", "suited", "suitable", "great", "enough", "worth"}
        for w in words
    )


def _other_thing(reading: Reading, vocab: Vocabulary) -> str | None:
    """A word right after a topic name that names something else ("inkwell lightning")."""
    if reading.aspect is not None or reading.described:
        return None
    for hit in reading.named:
        found = _after_name(reading, hit, vocab)
        if found is not None:
            return found
    return _set_against_unknown(reading, vocab) if len(reading.topics) == 1 else None


def _set_against_unknown(reading: Reading, vocab: Vocabulary) -> str | None:
    """ "turbopack vs webpack", "jax vs inkwell": the other side of a "vs" is no topic of the
    notes (unknown, or a product they only mention) and no aspect word."""
    words = reading.words
    for hit in reading.named:
        for joiner, other in ((hit.start - 1, hit.start - 2), (hit.end, hit.end + 1)):
            if not (0 <= other < len(words) and 0 <= joiner < len(words)) or words[joiner] not in _VS:
                continue
            word = words[other]
            foreign = other in reading.unknown or (
                other in reading.domain_positions and word not in vocab.lexicon
            )
            if foreign and len(word) >= 3 and word.isalpha():
                return word
    return None


_VS = frozenset({"vs", "versus", "v"})


def _after_name(reading: Reading, hit: TopicHit, vocab: Vocabulary) -> str | None:
    if hit.end >= len(reading.words) or (hit.end not in reading.unknown and not hit.partial):
        return None
    word = reading.words[hit.end]
    if hit.end + 1 < len(reading.words) and reading.words[hit.end + 1] in _AFTER_A_VERB:
        return None  # "lens relate to stargazer": a verb, not a name
    if hit.partial and word not in vocab.lexicon and word not in COMMON and word not in vocab.name_parts:
        return word  # "docker compose" is not "Docker Swarm"
    if len(word) < UNKNOWN_WORD_MIN_LEN or vocab.is_known(word) or _inflected(word, vocab):
        return None
    return word


def _small_talk(reading: Reading) -> bool:
    """A statement that only happens to contain a topic's name as an everyday word ("I had a bun
    for breakfast"): lower-case name, nothing else from the subject, no question, no command."""
    core = reading.core
    if reading.question or reading.cased_names or reading.described or reading.aspect is not None:
        return False
    size = len(core) - sum(h.end - h.start - 1 for h in reading.named)  # a name of two words counts once
    if reading.domain_words or size < SMALL_TALK_WORDS or core[0] in QUESTION_STARTS | IMPERATIVE_STARTS:
        return False
    if any(w in _ASKING for w in core) or _asks_midway(core):
        return False
    if len({h.topic for h in reading.named}) >= 2 and any(
        any(w not in COMMON for w in reading.words[h.start : h.end]) for h in reading.named
    ):
        return False  # two topics, one by a name that is no everyday word: about the subject
    return not (any_compare(reading.cue_words) or recommend_cue(core, reading.kinds)[0])


def _asks_midway(core: Sequence[str]) -> bool:
    """ "sorry if dumb question but is lens ...": a question after a conjunction."""
    return any(
        a in {"but", "so", "and", "also", "anyway", "btw"} and b in QUESTION_STARTS for a, b in pairwise(core)
    )


def _inflected(word: str, vocab: Vocabulary) -> bool:
    """An adverb, or a known word with -ing/-ed/-s ("training", "trained"): not a name."""
    if word.endswith("ly"):
        return True
    for suffix in _NOT_A_NAME_SUFFIXES:
        base = word[: -len(suffix)]
        if word.endswith(suffix) and (vocab.is_known(base) or vocab.is_known(base + "e")):
            return True
    return False


def _confidence(reading: Reading) -> int:
    base = CONF_EXACT if reading.named else (CONF_DESCRIPTOR if reading.described else CONF_NO_TOPIC)
    return max(0, min(100, base - CONF_FUZZY_PENALTY * reading.corrections))
