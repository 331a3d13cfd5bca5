"""What a free-text message contains before any intent is chosen: its words after typo repair,
the topics it names or describes, the aspect it asks about, and the cues for each intent."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from bot.nlu import phrases as phrase_tables
from bot.nlu.aspects import AspectHit
from bot.nlu.lexicon import (
    DIFFICULTIES,
    LEAD_FILLER,
    NEED_STOP,
    RECOMMEND_STARTS,
    REFERRING_NOUNS,
    STRONG_COMPARE,
)
from bot.nlu.topics import TopicHit
from bot.nlu.words import CLAUSE_BREAKS

# "X vs Y": the words that join two names being compared (the one definition; other modules import it).
COMPARE_JOINERS = phrase_tables.words("cues", "compare_joiners")
_EXPLICIT_COMPARE = phrase_tables.words("cues", "explicit_compare") | COMPARE_JOINERS
_STRONG_RECOMMEND = phrase_tables.words("cues", "strong_recommend")
_RECOMMEND_PAIRS = phrase_tables.phrase_tuples("cues", "recommend_pairs")
_QUESTION_NOUNS = phrase_tables.words("cues", "question_nouns")
_ASKS = phrase_tables.words("cues", "asks")
# A need stated mid-message ("... and need something quick, lens or inkwell?"): a weak advice cue.
_NEED_PAIRS = (("need", "something"), ("looking", "for"), ("i", "need"), ("we", "need"))
_NEED_INTRO = phrase_tables.words("cues", "need_intro")
_MOCK_WORDS = phrase_tables.words("cues", "mock_words")
_QUIZ_OBJECTS = phrase_tables.words("cues", "quiz_objects")
_INTERVIEW_WITH = phrase_tables.words("cues", "interview_with")
_PRACTICE_BEFORE = phrase_tables.words("cues", "practice_before")
_PRACTICE_AFTER = phrase_tables.words("cues", "practice_after")
_DAILY_PHRASES = phrase_tables.phrase_tuples("cues", "daily_phrases")
_ADVICE_VERBS = phrase_tables.ordered("cues", "advice_verbs")
_GOOD_FOR = phrase_tables.ordered("cues", "good_for")
_HOW_TO_STARTS = phrase_tables.words("cues", "how_to_starts")
_HOW_TO_SUBJECTS = phrase_tables.words("cues", "how_to_subjects")


@dataclass(frozen=True, slots=True)
class Reading:
    words: tuple[str, ...]
    core: tuple[str, ...]  # words without greetings and filler at the start
    named: tuple[TopicHit, ...]
    described: tuple[TopicHit, ...]
    aspect: AspectHit | None
    corrections: int
    unknown: frozenset[int]  # positions of words neither known nor correctable
    clauses: tuple[int, ...] = ()  # per word: its clause number
    sentences: tuple[int, ...] = ()  # per word: its sentence number
    question: bool = False  # ended with a question mark
    domain_positions: frozenset[int] = frozenset()  # words of the subject's vocabulary besides topic names
    cased_names: bool = False  # a topic name was written with a capital
    kinds: frozenset[str] = frozenset()  # what this knowledge base's topics are ("warehouse")

    @property
    def topics(self) -> tuple[str, ...]:
        hits = sorted((*self.named, *self.described), key=lambda h: h.start)
        return tuple(dict.fromkeys(h.topic for h in hits))

    @property
    def domain_words(self) -> int:
        return len(self.domain_positions)

    @property
    def cue_words(self) -> tuple[str, ...]:
        """The words outside topic names ("vs" in "VS Code" is no compare cue)."""
        taken = self.topic_positions
        return tuple(w for i, w in enumerate(self.words) if i not in taken)

    @property
    def topic_positions(self) -> set[int]:
        return {i for h in (*self.named, *self.described) for i in range(h.start, h.end)}


def lead_core(words: Sequence[str]) -> tuple[str, ...]:
    core = list(words)
    while len(core) > 1 and core[0] in LEAD_FILLER:
        core.pop(0)
    return tuple(core)


def explicit_compare(words: Sequence[str]) -> bool:
    return any(w in _EXPLICIT_COMPARE for w in words) or _has(words, ("different", "from"))


def any_compare(words: Collection[str]) -> bool:
    return any(w in STRONG_COMPARE for w in words)


def asks_advice(core: Sequence[str]) -> bool:
    """Asks what to pick outright ("should I", "recommend"), not just "which is easier"."""
    return any(w in _STRONG_RECOMMEND for w in core) or any(_has(core, p) for p in _RECOMMEND_PAIRS)


def asks_advice_outright(core: Sequence[str]) -> bool:
    """ "any advice on inkwell", "should I use lens": asks what to do, with or without a need."""
    return any(w in _STRONG_RECOMMEND for w in core) or any(
        _has(core, ("should", who, verb)) for who in ("i", "we") for verb in _ADVICE_VERBS
    )


def compares_topic(words: Sequence[str], topic_positions: set[int]) -> bool:
    """A compare word about the one topic named ("compare lens", "lens vs the rest"), not
    about two of its properties ("static vs dynamic graphs in stargazer")."""
    for i, word in enumerate(words):
        if i in topic_positions:
            continue
        if word in COMPARE_JOINERS:
            if i - 1 in topic_positions or i + 1 in topic_positions:
                return True
        elif word in _EXPLICIT_COMPARE or (word == "different" and _has(words[i:], ("different", "from"))):
            return True
    return False


def recommend_cue(core: Sequence[str], kinds: frozenset[str] = frozenset()) -> tuple[bool, bool]:
    """(any cue, strong cue): strong cues ask for advice outright ("what warehouse makes sense")."""
    strong = any(w in _STRONG_RECOMMEND for w in core) or any(_has(core, p) for p in _RECOMMEND_PAIRS)
    strong = strong or (
        bool(core)
        and core[0] in {"which", "what"}
        and len(core) > 1
        and (core[1] in REFERRING_NOUNS or core[1] in kinds or core[1] == "one")
    )
    weak = (
        strong
        or any(tuple(core[: len(s)]) == s for s in RECOMMEND_STARTS)
        or any(_has(core, p) for p in _NEED_PAIRS)
        or any(_has(core, (w, "for")) for w in _GOOD_FOR)
    )
    return weak, strong


def topic_for(reading: Reading) -> bool:
    """ "lens for beginners?": the message opens with a topic, then "for" and a need."""
    start = len(reading.words) - len(reading.core)
    return any(
        h.start == start and h.end < len(reading.words) - 1 and reading.words[h.end] == "for"
        for h in reading.named
    )


def need_for(words: Sequence[str], skip: set[int], asking: bool = False) -> tuple[str, ...]:
    """The stated need after "for" ("best for beginners" -> beginners), without filler words.
    Unless the message asks for advice (`asking`), "for" must follow a word that introduces a
    need ("best", "use", a topic...): "community support for stargazer" states none."""
    for i in range(len(words) - 1, -1, -1):
        if words[i] != "for" or i + 1 >= len(words):
            continue
        before = i - 2 if i >= 2 and words[i - 1] == "it" else i - 1  # "worth it for", "use it for"
        if (
            i
            and not asking
            and not (words[before] in _NEED_INTRO or before in skip or words[before].endswith(("er", "est")))
        ):
            continue
        need = []
        for j in range(i + 1, len(words)):
            if words[j] in CLAUSE_BREAKS:
                break
            if j not in skip and words[j] not in NEED_STOP:
                need.append(words[j])
        if need:
            return tuple(need)
    return ()


def content_words(words: Sequence[str], skip: set[int]) -> tuple[str, ...]:
    return tuple(w for i, w in enumerate(words) if i not in skip and w not in NEED_STOP and w.isalnum())


def mock_cue(words: Sequence[str]) -> bool:
    """A request to be quizzed. Words like "practice" and "interview" also turn up in answers
    ("in practice, ...", "in my last interview ..."), so they count only where they ask."""
    if any(w in _MOCK_WORDS and not _verb_of_a_how_to(words, i) for i, w in enumerate(words)):
        return True
    for i, word in enumerate(words):
        before = tuple(words[max(0, i - 2) : i])
        after = words[i + 1] if i + 1 < len(words) else ""
        if word in {"practice", "practise"} and _asks_to_practice(i, before, after):
            return True
        if word == "interview" and (after in _INTERVIEW_WITH or any(w in _INTERVIEW_WITH for w in before)):
            return True
    if any(_has(words, p) for p in (("test", "me"), ("question", "me"), ("prep", "me"), ("quiz", "me"))):
        return True
    if any(_has(words, p) for p in (("ask", "me"), ("test", "my"), ("check", "my"), ("quiz", "my"))):
        return not daily_cue(words)
    if words and words[0] in DIFFICULTIES and _QUESTION_NOUNS & set(words) and not _ASKS & set(words):
        return not daily_cue(words)  # "hard lens questions pls": a practice request by its difficulty
    asks = _has(words, ("give", "me")) or _has(words, ("send", "me"))
    return asks and any(w in {"question", "questions"} for w in words) and not daily_cue(words)


def _verb_of_a_how_to(words: Sequence[str], i: int) -> bool:
    """ "how do you mock stuff in pytest": the verb of a question about the subject, not a request
    to be quizzed ("can you quiz me", "mock interview" still are)."""
    before = words[i - 1] if i else ""
    after = words[i + 1] if i + 1 < len(words) else ""
    return (
        bool(words)
        and words[0] in _HOW_TO_STARTS
        and before in _HOW_TO_SUBJECTS
        and after not in _QUIZ_OBJECTS
    )


def _asks_to_practice(i: int, before: tuple[str, ...], after: str) -> bool:
    if before[-1:] == ("in",):
        return False
    return i == 0 or bool(set(before) & _PRACTICE_BEFORE) or after in _PRACTICE_AFTER


def daily_cue(words: Sequence[str]) -> bool:
    return any(_has(words, p) for p in _DAILY_PHRASES)


def difficulty(words: Sequence[str]) -> str | None:
    for word in words:
        if word in DIFFICULTIES:
            return DIFFICULTIES[word]
    return None


def _has(words: Sequence[str], phrase: Sequence[str]) -> bool:
    if not phrase or phrase[0] not in words:
        return not phrase
    size = len(phrase)
    target = tuple(phrase)
    return any(tuple(words[i : i + size]) == target for i in range(len(words) - size + 1))
