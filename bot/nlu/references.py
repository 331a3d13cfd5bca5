"""Topics a message refers to without naming them: by a description ("the document database",
"Google's framework"), by their maker ("the one by Meta"), or by a product word only one topic's
notes use, set against another topic ("stargazer lite vs inkscript")."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence, Set
from dataclasses import dataclass

from bot.nlu import phrases as phrase_tables
from bot.nlu.aspects import AspectHit
from bot.nlu.lexicon import DESCRIPTOR_BEFORE, MADE_VERBS, REFERRING_NOUNS
from bot.nlu.limits import MAX_PHRASE_WORDS
from bot.nlu.normalize import phrase
from bot.nlu.topics import TopicHit, acronyms, maker_words
from bot.nlu.words import COMMON, STOPWORDS
from knowledge.model import KnowledgeBase

_SET_AGAINST = phrase_tables.words("cues", "compare_joiners") | {"or"}
_ASKING_VERBS = phrase_tables.words("references", "asking_verbs")
_HOW_IS = frozenset({("how", "is"), ("how", "does"), ("why", "is"), ("why", "does")})


@dataclass(frozen=True, slots=True)
class _Term:
    topic: str
    table_aspects: frozenset[str]  # table rows the word appears in
    aspects: frozenset[str]  # every aspect it is filed under


class References:
    """Precomputed descriptions, maker words and product words of one knowledge base."""

    def __init__(self, kb: KnowledgeBase, name_words: frozenset[str], lexicon_words: frozenset[str]) -> None:
        self.descriptors = _descriptors(kb, name_words, lexicon_words)
        self.descriptions = _description_phrases(kb)
        self.makers = {w: t for w, t in self.descriptors.items() if w in maker_words(kb, t)}
        self.terms = _terms(kb, name_words | set(self.descriptors), lexicon_words)
        self._lexicon = lexicon_words
        self.kinds = kind_nouns(kb) - name_words
        self.cell_words = frozenset(w for c in kb.cells.values() for w in phrase(c.text))
        self.nouns = REFERRING_NOUNS | self.kinds

    def described(self, words: Sequence[str], taken: Iterable[int]) -> list[TopicHit]:
        """Topics referred to by a description ("the document database") or by their maker with a
        pointer word ("Google's framework", "the one by Meta")."""
        busy = set(taken)
        hits: list[TopicHit] = []
        i = 0
        while i < len(words):
            hit = None if i in busy else (self._description(words, i) or self._maker(words, i))
            if hit is not None and not busy & set(range(hit.start, hit.end)):
                hits.append(hit)
                i = hit.end
            else:
                i += 1
        return hits

    def maker_aspect(self, words: Sequence[str], named: Sequence[TopicHit]) -> AspectHit | None:
        """A named topic's maker mentioned beside it asks who made it ("did google make stargazer")."""
        topics = {h.topic for h in named}
        inside = {i for h in named for i in range(h.start, h.end)}
        for i, word in enumerate(words):
            if i not in inside and self.makers.get(word) in topics:
                return AspectHit("developer", 1.0, i)
        return None

    def termed(self, words: Sequence[str], taken: Iterable[int]) -> list[TopicHit]:
        """Product words only one topic's notes use ("torchscript"), when set against another
        topic with "vs" / "or" ("stargazer lite vs inkscript"), or asked about ("is hcl hard to learn")."""
        busy = set(taken)
        hits = []
        for i, word in enumerate(words):
            subject = (i == 1 and words[0] in _ASKING_VERBS) or (i == 2 and tuple(words[:2]) in _HOW_IS)
            if i in busy:
                continue
            if word not in self.terms:
                topic = self.descriptors.get(word) if subject and word not in self.makers else None
                if topic is not None and word in self.cell_words:  # "is hcl hard to learn": a cell's word
                    hits.append(TopicHit(i, i + 1, topic, described=True))
                continue
            before = words[i - 1] if i else ""
            after = words[i + 1] if i + 1 < len(words) else ""
            if (
                before in _SET_AGAINST
                or after in _SET_AGAINST
                or (subject and self.terms[word].table_aspects)
            ):
                hits.append(TopicHit(i, i + 1, self.terms[word].topic, described=True))
        return hits

    def own_terms(self, words: Sequence[str], named: Sequence[TopicHit]) -> list[TopicHit]:
        """Product words of a topic right after its name ("stargazer lite", "stargazer serving")."""
        return [
            TopicHit(h.end, h.end + 1, h.topic, described=True)
            for h in named
            if h.end < len(words)
            and (term := self.terms.get(words[h.end])) is not None
            and term.topic == h.topic
            and term.table_aspects
        ]  # a table cell's word, not any mention

    def term_aspect(self, words: Sequence[str], termed: Sequence[TopicHit]) -> AspectHit | None:
        """The aspect all the product words come from, when they agree ("lite", "torchscript": deployment)."""
        if not termed:
            return None
        terms = [self.terms[words[h.start]] for h in termed]
        for shared in (
            frozenset.intersection(*(t.table_aspects for t in terms)),
            frozenset.intersection(*(t.aspects for t in terms)),
        ):
            if len(shared) == 1:
                return AspectHit(next(iter(shared)), 1.0, termed[0].start)
        return None

    def _description(self, words: Sequence[str], i: int) -> TopicHit | None:
        """A description phrase; one made only of everyday or aspect words ("high-level API")
        refers to a topic only after "the" ("the high-level one", "the document database")."""
        for size in range(min(MAX_PHRASE_WORDS, len(words) - i), 1, -1):
            key = tuple(words[i : i + size])
            topic = self.descriptions.get(key)
            if topic is None:
                continue
            if (i and words[i - 1] == "the") or not all(
                w in COMMON or w in self._lexicon or w == "s" for w in key
            ):
                return TopicHit(i, i + size, topic, described=True)
        return None

    def _maker(self, words: Sequence[str], i: int) -> TopicHit | None:
        topic = self.descriptors.get(words[i])
        if topic is None:
            return None
        after = list(words[i + 1 : i + 4])
        if after[:1] == ["s"]:  # "google's framework", "google's data warehouse"
            noun = next((k for k, w in enumerate(after[1:3], start=1) if w in self.nouns), 0)
            return TopicHit(i, i + 2 + noun, topic, described=True)
        for offset, word in enumerate(after[:2], start=1):
            if word in self.nouns:
                return TopicHit(i, i + offset + 1, topic, described=True)
            if word in STOPWORDS:
                break  # "aws, what warehouse": the noun belongs to the question
        before = words[max(0, i - 2) : i]
        if before[-1:] and (before[-1] in DESCRIPTOR_BEFORE or before[-1] in self.nouns):
            return TopicHit(
                i, i + 1, topic, described=True
            )  # "the one by Meta", "the framework Google makes"
        return None


_HYPHENATED = re.compile(r"\S+-\S+")


def kind_nouns(kb: KnowledgeBase) -> frozenset[str]:
    """What the topics are, from their definitions ("X is a cloud data warehouse that ..." ->
    warehouse), singular and plural: such a word refers to a topic as "framework" does."""
    counts: dict[str, int] = {}
    for topic in kb.topics.values():
        opening = re.split(r"[:;()—–]|\.\s", topic.definition.replace("’", "'"), maxsplit=1)[0]
        words = phrase(_HYPHENATED.sub(" ", opening))  # "secure-by-default", "open-source": modifiers
        for i in range(len(words) - 1):
            if words[i] in {"is", "are"}:
                head = _head_noun(words[i + 1 :])
                if head:
                    counts[head] = counts.get(head, 0) + 1
                break
    heads = [w for w, n in counts.items() if n >= 2]  # shared by two topics: what they all are
    return frozenset(w for h in heads for w in (h, h[:-1] + "ies" if h.endswith("y") else h + "s"))


def _head_noun(words: Sequence[str]) -> str:
    """The last word of the noun phrase a definition opens with."""
    head = ""
    for word in words[:8]:
        if word in STOPWORDS or word in MADE_VERBS or not word.isalpha():
            if word in phrase_tables.words("references", "articles_or_s"):
                continue
            break
        if word.endswith("ed") or word in phrase_tables.words("references", "known_as_words"):
            continue  # "statically typed", "integrated into", "best known for"
        head = word
    return head if len(head) >= 4 else ""


def _terms(kb: KnowledgeBase, names: Set[str], lexicon_words: frozenset[str]) -> dict[str, _Term]:
    """Words of the notes that belong to one topic only, with the aspects they are filed under."""
    seen: dict[str, list[tuple[str, str, bool]]] = {}
    texts = [(topic, aspect, c.text, True) for (aspect, topic), c in kb.cells.items()]
    texts += [(f.topic, f.aspect, f.text, False) for f in kb.facts]
    texts += [(u.topic, "use_cases", u.text, False) for u in kb.use_cases]
    for topic, aspect, text, in_table in texts:
        for word in phrase(text):
            if (
                len(word) >= 4
                and word.isalpha()
                and word not in COMMON
                and word not in lexicon_words
                and word not in names
            ):
                seen.setdefault(word, []).append((topic, aspect, in_table))
    out: dict[str, _Term] = {}
    for word, places in seen.items():
        topics = {t for t, _a, _c in places}
        if len(topics) == 1:
            out[word] = _Term(
                next(iter(topics)),
                frozenset(a for _t, a, c in places if c),
                frozenset(a for _t, a, _c in places),
            )
    return out


def _description_phrases(kb: KnowledgeBase) -> dict[tuple[str, ...], str]:
    """Each topic's description phrases ("the document database"), without a leading article, and
    with or without a possessive ("Google's framework" / "Google framework")."""
    owners: dict[tuple[str, ...], set[str]] = {}
    for topic in kb.topics.values():
        for text in topic.description:
            key = phrase(text)
            while key and key[0] in phrase_tables.words("references", "leading_articles"):
                key = key[1:]
            for variant in {key, tuple(w for w in key if w != "s")}:
                if len(variant) >= 2:
                    owners.setdefault(variant, set()).add(topic.id)
    return {k: next(iter(v)) for k, v in owners.items() if len(v) == 1}


def _descriptors(kb: KnowledgeBase, named: frozenset[str], lexicon_words: frozenset[str]) -> dict[str, str]:
    """Words that single out one topic in what describes it: its makers, its description phrases."""
    owners: dict[str, set[str]] = {}
    for topic in kb.topics.values():
        for word in _describing_words(kb, topic.id):
            if len(word) >= 3 and word not in COMMON and word not in named and word not in lexicon_words:
                owners.setdefault(word, set()).add(topic.id)
    return {w: next(iter(t)) for w, t in owners.items() if len(t) == 1}


def _describing_words(kb: KnowledgeBase, topic_id: str) -> set[str]:
    topic = kb.topics[topic_id]
    texts = [*topic.description, *(f.text for f in kb.facts_for(topic_id, "developer"))]
    cell = kb.cell("developer", topic_id)
    if cell:
        texts.append(cell)
    words = {w for text in texts for w in phrase(text)} | {a for text in texts for a in acronyms(text)}
    words |= {w.casefold() for w in _capitalised(topic.definition)}
    return words


def _capitalised(text: str) -> list[str]:
    """Proper nouns in a definition: capitalised words that are not the first of a sentence."""
    out: list[str] = []
    previous = "."
    for raw in text.replace("“", " ").replace("”", " ").split():
        word = raw.strip(".,;:!?()\"'`*")
        if word[:1].isupper() and not previous.endswith((".", "!", "?")) and word.isalpha():
            out.append(word)
        previous = raw
    return out
