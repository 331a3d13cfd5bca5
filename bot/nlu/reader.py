"""From normalised words to a `Reading`: split dotted words, join split names ("tensor flow"),
repair typos, then find the topics and the aspect."""

from __future__ import annotations

from dataclasses import dataclass

from bot.nlu import phrases as phrase_tables
from bot.nlu.aspects import AspectHit, AspectIndex
from bot.nlu.cues import Reading, lead_core
from bot.nlu.lexicon import DESCRIPTOR_BEFORE, MADE_FILLER, MADE_VERBS, SLANG
from bot.nlu.limits import MAX_REPAIRS
from bot.nlu.normalize import Normalized
from bot.nlu.references import References
from bot.nlu.topics import TopicHit, TopicIndex
from bot.nlu.typos import Vocabulary


@dataclass(frozen=True, slots=True)
class _Word:
    text: str
    cased: bool
    clause: int
    sentence: int


class Reader:
    def __init__(
        self,
        topics: TopicIndex,
        refs: References,
        aspects: AspectIndex,
        vocab: Vocabulary,
        domain: frozenset[str],
    ) -> None:
        """`domain`: the subject's own words (the knowledge base's and the lexicon's, not everyday ones)."""
        self.topics = topics
        self.refs = refs
        self.aspects = aspects
        self.vocab = vocab
        self.domain = domain

    def read(self, n: Normalized) -> Reading:
        tokens = self._join_names(self._spell_out(self._undot(n)))
        words: list[str] = []
        unknown: set[int] = set()
        corrections = 0
        attempts = 0
        for i, token in enumerate(tokens):
            known = token.text in self.vocab.known or not (token.text.isalpha() or _digit_tail(token.text))
            attempts += not known
            fixed = token.text if known else (self._repair(token.text) if attempts <= MAX_REPAIRS else None)
            corrections += fixed is not None and fixed != token.text
            words.append(fixed or token.text)
            if fixed is None:
                unknown.add(i)
        cased = [t.cased for t in tokens]
        named = self.topics.scan(words, cased, [t.clause for t in tokens])
        named = self._set_against(words, named)
        taken = {i for h in named for i in range(h.start, h.end)}
        named_ids = {h.topic for h in named}
        described = [h for h in self.refs.described(words, taken) if h.topic not in named_ids]
        asked_maker = [h for h in described if _made_by(words, h, named)]
        described = [h for h in described if h not in asked_maker]
        taken |= {i for h in described for i in range(h.start, h.end)} | _made_by_words(words, described)
        termed = self.refs.termed(words, taken)
        taken |= {i for h in termed for i in range(h.start, h.end)}
        aspect = (
            self.aspects.find(words, taken)
            or self.refs.term_aspect(words, termed)
            or self.refs.term_aspect(words, self.refs.own_terms(words, named))
            or self.aspects.cell_echo(words, taken, [h.topic for h in named])
            or self.aspects.hint(words, taken)
            or self._maker(words, named)
            or self._asked_maker(asked_maker)
        )
        domain = frozenset(i for i, w in enumerate(words) if i not in taken and w in self.domain)
        return Reading(
            tuple(words),
            lead_core(words),
            tuple(named),
            (*described, *termed),
            aspect,
            corrections,
            frozenset(unknown),
            tuple(t.clause for t in tokens),
            tuple(t.sentence for t in tokens),
            n.question,
            domain,
            any(cased[h.start] for h in named),
            self.refs.kinds,
        )

    def _maker(self, words: list[str], named: list[TopicHit]) -> AspectHit | None:
        found = self.refs.maker_aspect(words, named)
        return found if found is not None and found.aspect in self.aspects.ids else None

    def _set_against(self, words: list[str], named: list[TopicHit]) -> list[TopicHit]:
        """An everyday word set against a named topic that begins a one-word topic name stands
        for it ("kafka vs rabbit" -> RabbitMQ); alone ("my rabbit") it stays a word."""
        starts = {h.start for h in named} | {h.end - 1 for h in named}
        inside = {i for h in named for i in range(h.start, h.end)}
        extra = []
        for i, word in enumerate(words):
            if i in inside or len(word) < 4 or not word.isalpha():
                continue
            against = (i >= 2 and words[i - 1] in _SET_AGAINST and i - 2 in starts) or (
                i + 2 < len(words) and words[i + 1] in _SET_AGAINST and i + 2 in starts
            )
            topic = self.topics.prefixed(word) if against else None
            if topic is not None and topic not in {h.topic for h in named}:
                extra.append(TopicHit(i, i + 1, topic, partial=True))
        return sorted([*named, *extra], key=lambda h: h.start) if extra else named

    def _asked_maker(self, asked: list[TopicHit]) -> AspectHit | None:
        if not asked or "developer" not in self.aspects.ids:
            return None
        return AspectHit("developer", 1.0, asked[0].start)

    def _repair(self, word: str) -> str | None:
        """The word itself when known, its repair when it is a typo ("python3" is Python), None
        when unknown."""
        bare = word.rstrip("0123456789")
        if bare != word and (bare,) in self.topics.phrases and (word,) not in self.topics.phrases:
            return bare
        if (
            bare != word
            and len(bare) >= 3
            and bare in self.vocab.known
            and (word,) not in self.topics.phrases
        ):
            return bare  # "http2", "web3"
        if word in self.vocab.known or not word.isalpha():
            return word
        base = self.topics.suffixed(word)
        if base is not None:
            return base  # "restful" is REST
        single = self.vocab.singular(word)
        if single is not None and ((single,) in self.topics.phrases or single in self.refs.descriptors):
            return single  # "googles framework", "postgress"
        if self.vocab.is_known(word) or single is not None or (word + "s") in self.vocab.known:
            fixed = self.vocab.correct(word)
            return fixed if fixed is not None and fixed in self.topics.words else word
        return self.vocab.correct(word)

    def _undot(self, n: Normalized) -> list[_Word]:
        """Dotted words stay whole when they name a topic ("stargazer.lens"), else split ("inkwell.nib")."""
        size = len(n.words)
        cased = n.cased if len(n.cased) == size else (False,) * size
        clauses = n.clauses if len(n.clauses) == size else (0,) * size
        sentences = n.sentences if len(n.sentences) == size else (0,) * size
        out: list[_Word] = []
        for word, flag, clause, sentence in zip(n.words, cased, clauses, sentences, strict=True):
            parts = [word] if "." not in word or (word,) in self.topics.phrases else word.split(".")
            out += [_Word(p, flag, clause, sentence) for p in parts if p]
        return out

    def _spell_out(self, tokens: list[_Word]) -> list[_Word]:
        """Chat shorthand in full ("gimme" -> "give me"), unless it is a topic's name."""
        out: list[_Word] = []
        for token in tokens:
            full = SLANG.get(token.text)
            if full is None or (token.text,) in self.topics.phrases:
                out.append(token)
            else:
                out += [_Word(w, token.cased, token.clause, token.sentence) for w in full]
        return out

    def _join_names(self, tokens: list[_Word]) -> list[_Word]:
        """Two or three words that spell a topic name when joined ("star gazer", "ink well")."""
        out: list[_Word] = []
        i = 0
        while i < len(tokens):
            for size in (3, 2):
                part = tokens[i : i + size]
                joined = "".join(t.text for t in part)
                if (
                    len(part) == size
                    and (joined,) in self.topics.phrases
                    and not any((t.text,) in self.topics.phrases for t in part)
                ):
                    out.append(_Word(joined, part[0].cased, part[0].clause, part[0].sentence))
                    i += size
                    break
            else:
                out.append(tokens[i])
                i += 1
        return out


_SET_AGAINST = phrase_tables.words("cues", "compare_joiners") | {"or"}


def _made_by(words: list[str], hit: TopicHit, named: list[TopicHit]) -> bool:
    """ "is lens made by google": a maker right after "<named topic> (is) made by" asks who made
    that topic; it does not bring in the maker's own topic."""
    i = hit.start - 1
    if i < 1 or words[i] not in DESCRIPTOR_BEFORE or words[i - 1] not in MADE_VERBS:
        return False
    i -= 2
    while i >= 0 and words[i] in MADE_FILLER:
        i -= 1
    return any(h.end == i + 1 for h in named)


def _made_by_words(words: list[str], described: list[TopicHit]) -> set[int]:
    """ "the one made by meta": the words before a maker belong to the reference, not to an aspect."""
    out: set[int] = set()
    for hit in described:
        i = hit.start - 1
        if i >= 0 and words[i] in DESCRIPTOR_BEFORE:
            out.add(i)
            if i >= 1 and words[i - 1] in MADE_VERBS:
                out.add(i - 1)
    return out


def _digit_tail(word: str) -> bool:
    """Letters then digits ("http2", "python3"): the letters may be a known word."""
    bare = word.rstrip("0123456789")
    return bare != word and bare.isalpha()
