"""The matcher: one chat message in, one scored `Match` out.

Normalise (unicode, markup, case), repair typos word by word against the knowledge base's
vocabulary, find named or described topics and the asked-about aspect, then choose the intent
from the message's cues. Pure, deterministic, and it never raises.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from bot.answers.retrieval import PassageIndex, stem
from bot.intents import Command, Intent, Match
from bot.nlu import phrases as phrase_tables
from bot.nlu.aspects import AspectIndex
from bot.nlu.commands import (
    CommandHit,
    closing_command,
    grade_answer,
    is_study,
    leaderboard_args,
    leaves_leaderboard,
    optout_args,
    polite_core,
    study_args,
    whole_command,
)
from bot.nlu.context import (
    CONTINUES,
    Prior,
    about_a_name,
    asks_daily,
    asks_help,
    follow_up,
    pronoun_text,
    small_talk,
    unknown_name,
)
from bot.nlu.cues import COMPARE_JOINERS, Reading, difficulty
from bot.nlu.lexicon import (
    ASPECT_CONCEPTS,
    COMMANDS,
    COMPARE_CUES,
    DIFFICULTIES,
    IMPERATIVE_STARTS,
    LEAD_FILLER,
    MOCK_START_PHRASES,
    NEED_STOP,
    OPT_IN_WORDS,
    PERIOD_WORDS,
    QUESTION_STARTS,
    RECOMMEND_WORDS,
    REFERRING_NOUNS,
    STUDY_WORDS,
    TALK_WORDS,
)
from bot.nlu.limits import COMMAND_MAX_WORDS, CONF_COMMAND, CONF_DESCRIPTOR, CONF_SLASH, SHORT_VS
from bot.nlu.normalize import Normalized, fold, normalize, phrase
from bot.nlu.reader import Reader
from bot.nlu.references import References
from bot.nlu.rules import decide, mock_aspect
from bot.nlu.suggest import Suggester
from bot.nlu.topics import TopicIndex
from bot.nlu.typos import Vocabulary
from bot.nlu.words import COMMON
from bot.progress.words import personal_match
from knowledge.model import KnowledgeBase

log = logging.getLogger(__name__)

# `Match.why` of the honest edges (issue 13): bot/answers/unknown.py and bot/conversation.py read them.
UNKNOWN_NAME = "a name the notes do not know"
OFF_TOPIC = "off-topic: outside the notes"
VERSIONS = "versions of one topic"
DROPPED = "compare: no notes on "  # + the names left out, comma-separated
_LIST_JOINERS = phrase_tables.words("conversation", "compare_list_joiners")
_NAME_LEADS = phrase_tables.words("conversation", "name_leads")
_TOOL_CHOICE = phrase_tables.phrase_tuples("conversation", "tool_choice")
_CONCEPTS = frozenset(w for c in ASPECT_CONCEPTS for p in (*c.phrases, *c.names) for w in p.split())

_SLASH_READ = frozenset({"prep", "prepbot", "ask", "q", "bot", "question"})
_SLASH_MOCK = frozenset({"mock", "quiz", "interview", "practice", "practise", "drill"})
_SLASH_COMMANDS: dict[str, tuple[Intent, Command | None]] = {
    "hint": (Intent.MOCK, Command.HINT),
    "skip": (Intent.MOCK, Command.SKIP),
    "next": (Intent.MOCK, Command.NEXT),
    "stop": (Intent.MOCK, Command.STOP),
    "review": (Intent.MOCK, Command.REVIEW),
    "progress": (Intent.MOCK, Command.PROGRESS),
    "stats": (Intent.MOCK, Command.PROGRESS),
    "help": (Intent.HELP, None),
    "daily": (Intent.DAILY, None),
}


# Words just before a topic that say the person is moving away from it.
_AWAY_FROM = (
    ("alternative", "to"),
    ("alternatives", "to"),
    ("alternative", "for"),
    ("alternatives", "for"),
    ("instead", "of"),
    ("other", "than"),
    ("replacement", "for"),
    ("replace",),
    ("rather", "than"),
)
_AWAY_WORDS = frozenset(
    {w for cue in _AWAY_FROM for w in cue}
    | {
        "what",
        "whats",
        "which",
        "is",
        "are",
        "a",
        "an",
        "the",
        "good",
        "best",
        "any",
        "some",
        "there",
        "should",
        "i",
        "we",
        "use",
        "could",
        "can",
        "do",
        "you",
        "recommend",
        "suggest",
        "me",
        "us",
        "s",
        "for",
        "to",
        "of",
    }
)


# How a message asks about a term ("what is X", "define X", "tell me about X"); else it only uses it.
_TERM_ASKS = frozenset(
    {
        "what",
        "whats",
        "who",
        "whos",
        "whose",
        "define",
        "definition",
        "explain",
        "describe",
        "tell",
        "meaning",
        "how",
        "which",
        "where",
        "why",
        "when",
        "is",
        "are",
        "does",
        "do",
    }
)


class Matcher:
    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        lexicon = _lexicon_words()
        self.kb_words = _kb_words(kb)
        self._note_words: frozenset[str] | None = None  # built on first use (bot/nlu/matcher.py _in_notes)
        self.topics = TopicIndex(kb, lexicon)
        self.refs = References(kb, self.topics.single_words, lexicon)
        self.aspects = AspectIndex(kb, COMMON, lexicon)
        self.vocab = Vocabulary(
            names=self.topics.words | set(self.refs.descriptors),
            words=self.aspects.words | lexicon | _kb_words(kb),
            topic_words=self.topics.single_names,
            lexicon=lexicon,
            name_parts=self.topics.words,
        )
        self.suggester = Suggester(kb, {w: t.topic for w, t in self.refs.terms.items()})
        self.reader = Reader(
            self.topics,
            self.refs,
            self.aspects,
            self.vocab,
            (_kb_words(kb) | lexicon) - COMMON - self.topics.words,
        )
        # Passage retrieval and the notes' terms, built once per knowledge snapshot like the rest.
        self.passages = PassageIndex(kb)
        # An aspect's own one-word name ("production") -> its id: named, it wins in a follow-up.
        self.topic_names = {t.id: t.name for t in kb.topics.values()}
        self.aspect_names = {
            w: a.id
            for a in kb.aspects.values()
            for w in {*phrase(a.label), a.id}
            if len(phrase(a.label)) == 1 and "_" not in w
        }

    def match(self, text: str, prior: Prior | None = None) -> Match:
        """The message's reading; with `prior` (the conversation so far in that place), a follow-up
        that names only a topic, only an aspect or a pronoun is read against it (`Match.why`)."""
        try:
            return self._match(text, prior)
        except Exception:  # the matcher must answer something for any input
            log.exception("matcher failed on a message of %d characters", len(text or ""))
            return Match(Intent.UNKNOWN, confidence=0)

    def read(self, n: Normalized) -> Reading:
        """Words after typo repair, with the topics and aspect they name."""
        return self.reader.read(n)

    def _match(self, text: str, prior: Prior | None = None) -> Match:
        n = normalize(text if isinstance(text, str) else "")
        if not n.words:
            if "?" in n.text:
                return Match(Intent.HELP, confidence=CONF_COMMAND, explicit=True)
            return Match(Intent.UNKNOWN, confidence=0)
        if n.text.startswith("/"):
            return self._slash(n, prior)
        return self._free(n, prior)

    def _free(self, n: Normalized, prior: Prior | None = None) -> Match:
        answer = grade_answer(n.text)
        if answer is not None:
            return Match(Intent.GRADE, args=answer, confidence=CONF_COMMAND, explicit=True)
        talk = small_talk(n.words)
        if talk is not None:
            return Match(Intent.SMALLTALK, args=talk, confidence=CONF_COMMAND, why="small talk")
        reading = self.read(n)
        command = self._command(n, reading)
        if command is not None:
            return self._edges(reading, command)
        decided = self._alternatives(reading) or self._termed(
            reading, decide(reading, self.suggester, self.vocab)
        )
        match = self._edges(reading, decided)
        if match.intent is not decided.intent:
            # An honest edge (off-topic, a name the notes do not know) asks the bot something only
            # when the message did: in a mock, a statement listing "loss and accuracy" is an answer.
            match = replace(match, explicit=decided.explicit or _explicit(n, reading, decided.intent))
        followed = follow_up(reading, match, prior, self.aspects.words, self.aspect_names)
        if followed is not None:
            return followed
        if prior is not None and not reading.named and match.intent in CONTINUES:
            said = pronoun_text(reading.words, prior, self.topic_names)
            if said is not None:  # "is it eager by default?" about the topic in context
                again = self._free(normalize(said + ("?" if n.question else "")))
                if again.topics:
                    return replace(again, why=f"context: a pronoun read as {','.join(prior.topics[:2])}")
        if match.intent is Intent.UNKNOWN and not reading.named:
            name = unknown_name(reading.words, reading.unknown)
            if name is not None and not match.args:
                match = replace(match, args=name, why="a name the notes do not know")
            if asks_daily(reading.words):
                return Match(
                    Intent.DAILY, confidence=CONF_DESCRIPTOR, explicit=True, why="asks for the daily question"
                )
            if asks_help(reading.words):
                return Match(
                    Intent.HELP, confidence=CONF_DESCRIPTOR, explicit=True, why="asks what the bot can do"
                )
        return replace(match, explicit=match.explicit or _explicit(n, reading, match.intent))

    def _edges(self, reading: Reading, match: Match) -> Match:
        """Honest edges: a compare or a quiz that names something the notes do not know says so; a
        compare needs two topics; a recommendation needs a topic or a need the notes talk about; a
        yes/no question about a topic and an aspect's own name is answered about them."""
        if match.intent is Intent.MOCK and match.command is Command.START and not reading.named:
            names = self._foreign_after(reading, _NAME_LEADS)
            if names:
                return Match(
                    Intent.UNKNOWN, args=names[0], confidence=CONF_DESCRIPTOR, explicit=True, why=UNKNOWN_NAME
                )
        if match.intent is Intent.COMPARE:
            return self._compare_edges(reading, match)
        if match.intent is Intent.RECOMMEND and not match.topics and not match.aspect:
            need = match.args.split()
            hit = reading.aspect  # an aspect read from a question word ("what's the best ...") says nothing
            said = hit is not None and reading.words[hit.start] not in QUESTION_STARTS | RECOMMEND_WORDS
            domain = (
                said
                or any(w in REFERRING_NOUNS or w in reading.kinds for w in reading.words)
                or _contains_any(tuple(reading.words), _TOOL_CHOICE)
            )
            # Off the notes: nothing in the need is theirs, and some word is one no vocabulary knows.
            strange = any(reading.words[i] in need for i in reading.unknown)
            if need and strange and not domain and not any(self._in_notes(w) for w in need):
                return Match(Intent.UNKNOWN, confidence=CONF_DESCRIPTOR, explicit=True, why=OFF_TOPIC)
        return match

    def _compare_edges(self, reading: Reading, match: Match) -> Match:
        hits = reading.named
        if len(hits) >= 2 and len({h.topic for h in hits}) == 1:
            said = {" ".join(reading.words[h.start : h.end]) for h in hits}
            bare = {w.rstrip("0123456789.") for w in said}
            if len(said) >= 2 and len(bare) == 1:  # "tf1 vs tf2": two versions of one topic
                return Match(  # the topic in args: an unknown reading names no topic of its own
                    Intent.UNKNOWN,
                    args=hits[0].topic,
                    confidence=CONF_DESCRIPTOR,
                    explicit=True,
                    why=VERSIONS,
                )
        dropped = self._foreign_after(reading, _LIST_JOINERS | {"compare"})
        if len(set(match.topics)) >= 2:
            return replace(match, why=DROPPED + ",".join(dropped)) if dropped else match
        if dropped:
            return Match(
                Intent.UNKNOWN, args=dropped[0], confidence=CONF_DESCRIPTOR, explicit=True, why=UNKNOWN_NAME
            )
        if not match.topics and any(w in COMPARE_JOINERS for w in reading.words):
            return Match(Intent.UNKNOWN, confidence=CONF_DESCRIPTOR, explicit=True, why=OFF_TOPIC)
        return match

    def _foreign_after(self, reading: Reading, leads: frozenset[str]) -> list[str]:
        """Words right after one of `leads` that name something the notes do not cover: unknown, or
        a name they only mention (not a topic, an aspect or one of the bot's own words)."""
        words = reading.words
        spans = {i for h in reading.named for i in range(h.start, h.end)}
        out = []
        for i, word in enumerate(words):
            if i == 0 or i in spans or words[i - 1] not in leads or not word.isalpha() or len(word) < 3:
                continue
            mentioned = i in reading.domain_positions and word not in self.vocab.lexicon
            if (i in reading.unknown or mentioned) and word not in self.aspects.words and word not in out:
                out.append(word)
        return out

    def _in_notes(self, word: str) -> bool:
        """The notes talk about the word: their table rows, facts and passages use it (or its
        singular/plural, or a stem of 4+ letters: "experiments" and "experimentation", not "topping"
        and "top"), or it is one of the aspects' own words ("beginners", "deploying")."""
        if self._note_words is None:
            surface = self.passages._vocab  # the passages' own words, kept for typo repair
            self._note_words = self.kb_words | {w for found in surface.values() for w in found}
        forms = {word, word + "s", word.removesuffix("s"), word.removesuffix("es")}
        if any(f in self._note_words for f in forms) or word in self.aspects.words or word in _CONCEPTS:
            return True
        root = stem(word)
        if len(root) >= 4 and self.passages.count(root) > 0:
            return True
        head = word[:6] if len(word) >= 7 else None  # "experiments" / "experimentation"
        return head is not None and any(w.startswith(head) for w in self._note_words)

    def _alternatives(self, reading: Reading) -> Match | None:
        """ "An alternative to X", "instead of X", "other than X": a recommendation among the other
        topics (X is what the person wants to move away from, not what they ask about)."""
        said = reading.words
        for hit in reading.named:
            before = [w for w in said[max(0, hit.start - 3) : hit.start] if w not in {"the", "a", "an"}]
            if not any(tuple(before[-len(cue) :]) == cue for cue in _AWAY_FROM):
                continue
            others = tuple(t for t in self.kb.topics if t not in {h.topic for h in reading.named})
            if not others:
                return None
            spans = {i for h in reading.named for i in range(h.start, h.end)}
            need = [w for i, w in enumerate(said) if i not in spans and w not in _AWAY_WORDS]
            return Match(Intent.RECOMMEND, topics=others, args=" ".join(need), confidence=CONF_DESCRIPTOR)
        return None

    def _termed(self, reading: Reading, match: Match) -> Match:
        """A question about a term that lives in one topic's notes ("what is <a sub-project>", "who is
        <its creator>") is a question about that term, answered from that topic's passages."""
        if match.intent is not Intent.UNKNOWN or reading.topics:
            return match
        found = self.passages.term_in(reading.words)
        if found is None:
            return match
        term, topic = found
        core = reading.core
        if len(term) == 1 and about_a_name(core, term[0]):
            return Match(
                Intent.UNKNOWN, args=term[0], confidence=CONF_DESCRIPTOR, why="a name the notes only mention"
            )
        if not (reading.question or (core and core[0] in _TERM_ASKS) or len(core) <= len(term)):
            return match  # a statement that uses the term ("research and <term> mostly") asks nothing
        return Match(Intent.EXPLAIN, topics=(topic,), args=" ".join(term), confidence=CONF_DESCRIPTOR)

    def _command(self, n: Normalized, reading: Reading) -> Match | None:
        words = reading.core
        personal = personal_match(n.text, n.words)
        if personal is not None:
            return personal
        if is_study(words):
            return Match(
                Intent.DAILY,
                command=Command.STUDY,
                args=study_args(n.text),
                confidence=CONF_COMMAND,
                explicit=True,
            )
        if not reading.named and (
            "leaderboard" in words or "leaderboards" in words or ("leader" in words and "board" in words)
        ):
            if leaves_leaderboard(words):
                return _optout(words)
            return Match(
                Intent.DAILY,
                command=Command.LEADERBOARD,
                args=leaderboard_args(words),
                confidence=CONF_COMMAND,
                explicit=True,
            )
        if (words and words[0] in {"optout", "optin"}) or tuple(words[:2]) in {("opt", "out"), ("opt", "in")}:
            return _optout(words)
        hit = whole_command(reading.words, fuzzy=not reading.named and not reading.aspect)
        if hit is None and reading.clauses and reading.clauses[-1] > 0:
            hit = self._clause_command(reading)
        if hit is None or (reading.named and hit.command is not Command.START and len(words) > 1):
            return None
        return _command_match(hit, reading)

    @staticmethod
    def _clause_command(reading: Reading) -> CommandHit | None:
        """A command closing a longer message ("no clue, skip"); in a short message made of
        commands only ("pass, next") the first one says what is meant."""
        short = len(reading.words) <= COMMAND_MAX_WORDS and not reading.named
        clauses = [
            [w for w, c in zip(reading.words, reading.clauses, strict=True) if c == k]
            for k in sorted(set(reading.clauses))
        ]
        found = [closing_command(clause, short=short) for clause in clauses]
        if short and all(found):
            return found[0]
        return found[-1]

    def _slash(self, n: Normalized, prior: Prior | None = None) -> Match:
        name, _, rest = n.text[1:].partition(" ")
        name = fold(name.strip())
        rest_n = normalize(rest)
        if name in _SLASH_READ:
            inner = self._match(rest, prior) if rest_n.words else Match(Intent.HELP)
            return replace(
                inner,
                explicit=True,
                confidence=max(inner.confidence, CONF_COMMAND)
                if inner.intent is not Intent.UNKNOWN
                else inner.confidence,
            )
        if name == "answer":
            return Match(Intent.GRADE, args=rest_n.text, confidence=CONF_SLASH, explicit=True)
        if name == "study":
            return Match(
                Intent.DAILY, command=Command.STUDY, args=rest_n.text, confidence=CONF_SLASH, explicit=True
            )
        if name in {"leaderboard", "leaderboards"}:
            return Match(
                Intent.DAILY,
                command=Command.LEADERBOARD,
                args=leaderboard_args(rest_n.words),
                confidence=CONF_SLASH,
                explicit=True,
            )
        if name in {"optout", "optin"}:
            return replace(_optout((name, *rest_n.words)), confidence=CONF_SLASH)
        reading = self.read(rest_n)
        forced = self._forced(name, rest_n, reading)
        if forced is not None:
            return replace(forced, explicit=True)
        return replace(self._match(n.text[1:]), explicit=True)

    def _forced(self, name: str, rest: Normalized, reading: Reading) -> Match | None:
        topics, aspect = reading.topics, reading.aspect.aspect if reading.aspect else None
        if name in _SLASH_MOCK:
            hit = whole_command(rest.words, fuzzy=False) if rest.words else None
            if hit is not None and hit.command is not Command.START:
                return Match(hit.intent, command=hit.command, confidence=CONF_SLASH)
            return Match(
                Intent.MOCK,
                topics=topics,
                aspect=mock_aspect(reading),
                command=Command.START,
                difficulty=difficulty(rest.words),
                confidence=CONF_SLASH,
            )
        if name == "daily" and rest.words:
            inner = self._command(rest, reading)
            if inner is not None and inner.intent is Intent.DAILY:
                return inner
        if name in _SLASH_COMMANDS:
            intent, command = _SLASH_COMMANDS[name]
            return Match(intent, topics=topics, command=command, confidence=CONF_SLASH)
        if name in {"compare", "vs", "diff"}:
            return Match(Intent.COMPARE, topics=topics, aspect=aspect, confidence=CONF_SLASH)
        if name in {"explain", "what", "define", "describe"} and topics:
            return Match(Intent.EXPLAIN, topics=topics[:1], aspect=aspect, confidence=CONF_SLASH)
        if name in {"recommend", "suggest", "pick", "choose"}:
            inner = decide(reading, self.suggester, self.vocab)
            return Match(
                Intent.RECOMMEND,
                topics=topics,
                args=inner.args or " ".join(polite_core(rest.words)),
                confidence=CONF_SLASH,
            )
        return None


def _command_match(hit: CommandHit, reading: Reading) -> Match:
    confidence = CONF_COMMAND if hit.exact else CONF_COMMAND - 15
    if hit.intent is Intent.DAILY and hit.command is Command.LEADERBOARD:
        return Match(
            hit.intent,
            command=hit.command,
            args=leaderboard_args(reading.words),
            confidence=confidence,
            explicit=True,
        )
    if hit.intent is Intent.DAILY and hit.command is Command.OPTOUT:
        return replace(_optout(reading.words), confidence=confidence)
    if hit.command is Command.START:
        return Match(
            hit.intent,
            topics=reading.topics,
            aspect=mock_aspect(reading),
            command=hit.command,
            confidence=confidence,
            explicit=True,
            difficulty=difficulty(reading.words),
        )
    return Match(hit.intent, command=hit.command, confidence=confidence, explicit=True)


def _optout(words: tuple[str, ...] | list[str]) -> Match:
    return Match(
        Intent.DAILY, command=Command.OPTOUT, args=optout_args(words), confidence=CONF_COMMAND, explicit=True
    )


def _explicit(n: Normalized, reading: Reading, intent: Intent) -> bool:
    """A question or a command, as opposed to a statement (which, in a mock interview, is the
    person's answer): a question mark, a question or command word first, or a command intent."""
    if n.question or intent in {Intent.MOCK, Intent.DAILY, Intent.HELP, Intent.GRADE}:
        return True
    core = reading.core
    if (
        intent is Intent.COMPARE
        and len(core) <= SHORT_VS
        and any(w in {"vs", "versus", "v"} for w in reading.cue_words)
    ):
        return True  # "stargazer vs inkwell" is a request, however short
    return bool(core) and (core[0] in QUESTION_STARTS or core[0] in IMPERATIVE_STARTS)


def _lexicon_words() -> frozenset[str]:
    texts = [
        *COMMANDS,
        *COMPARE_CUES,
        *MOCK_START_PHRASES,
        *RECOMMEND_WORDS,
        *DIFFICULTIES,
        *NEED_STOP,
        *STUDY_WORDS,
        *PERIOD_WORDS,
        *OPT_IN_WORDS,
        *REFERRING_NOUNS,
        *LEAD_FILLER,
        *QUESTION_STARTS,
        *IMPERATIVE_STARTS,
        *TALK_WORDS,
        *(p for c in ASPECT_CONCEPTS for p in (*c.phrases, *c.names)),
    ]
    return frozenset(w for t in texts for w in phrase(t))


def _kb_words(kb: KnowledgeBase) -> frozenset[str]:
    """Every word the knowledge base uses: such words are real, never typos."""
    texts: list[str] = [a.label for a in kb.aspects.values()]
    for topic in kb.topics.values():
        texts += [topic.name, topic.definition, *topic.aliases, *topic.description]
    texts += [f.text for f in kb.facts] + [c.text for c in kb.cells.values()] + [u.text for u in kb.use_cases]
    texts += [m.text for m in kb.model_answers]
    return frozenset(w for t in texts for w in phrase(t))


def _contains_any(words: tuple[str, ...], phrases: tuple[tuple[str, ...], ...]) -> bool:
    """Does `words` hold one of `phrases` as consecutive words?"""
    return any(words[i : i + len(p)] == p for p in phrases for i in range(len(words) - len(p) + 1) if p)
