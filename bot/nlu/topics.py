"""Where a message names topics: names, ids, aliases, acronyms, distinctive words of multi-word
names, "golang"-style spellings; a name that is also an everyday word ("go") only where it reads
as a name. (Topics referred to without their name: `bot.match_refs`.)"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.nlu import phrases as phrase_tables
from bot.nlu.limits import MAX_PHRASE_WORDS, PREFIX_SHARE
from bot.nlu.normalize import phrase
from bot.nlu.words import COMMON, STOPWORDS
from knowledge.model import KnowledgeBase

# A topic name that is also an everyday word ("go") is read as the verb next to these words.
_VERB_BEFORE = phrase_tables.words("topics", "verb_before")
_VERB_AFTER = phrase_tables.words("topics", "verb_after")
_COMPARED_TO = phrase_tables.words("topics", "compared_to")
_NAME_SUFFIXES = phrase_tables.ordered("topics", "name_suffixes")
_JOINERS = phrase_tables.words("cues", "compare_joiners") | {"and", "or"}
_NOUN_BEFORE = phrase_tables.words("topics", "noun_before")


@dataclass(frozen=True, slots=True)
class TopicHit:
    start: int
    end: int
    topic: str
    described: bool = False  # named by a description, not by a name
    partial: bool = False  # named by part of a multi-word name ("swarm" of "Docker Swarm")


class TopicIndex:
    """Precomputed look-ups from word sequences to topic ids for one knowledge base."""

    def __init__(self, kb: KnowledgeBase, lexicon_words: frozenset[str]) -> None:
        self.names = {t.id: t.name for t in kb.topics.values()}
        self.phrases, self.partial = _phrases(kb, lexicon_words)
        self.compact = {"".join(k): v for k, v in self.phrases.items() if len(k) > 1 or len(k[0]) > 3}
        self.max_words = min(MAX_PHRASE_WORDS, max((len(k) for k in self.phrases), default=1))
        self.words = frozenset(w for k in self.phrases for w in k)
        self.single_words = frozenset(k[0] for k in self.phrases if len(k) == 1)
        self.single_names = {k[0]: v for k, v in self.phrases.items() if len(k) == 1 and len(k[0]) >= 5}
        self.two_words = {k: v for k, v in self.phrases.items() if len(k) == 2 and k not in self.partial}

    def _clipped(self, key: tuple[str, ...]) -> str | None:
        """A two-word name with its last word cut short (at least four letters)."""
        clip = key[1][:-1] if key[1].endswith("s") else key[1]  # "funcs": "func" + plural
        if len(clip) < 4:
            return None
        found = {
            t for (first, last), t in self.two_words.items() if first == key[0] and last.startswith(clip)
        }
        return next(iter(found)) if len(found) == 1 else None

    def suffixed(self, word: str) -> str | None:
        """A one-word name with an adjective ending ("restful", "reactish"), as that name's word."""
        for suffix in _NAME_SUFFIXES:
            base = word.removesuffix(suffix)
            if base != word and len(base) >= 4 and (base,) in self.phrases:
                return base
        return None

    def prefixed(self, word: str) -> str | None:
        """The one single-word topic name that begins with this word and is not much longer, or
        the one two-word name whose first word it is ("gitlab" of "GitLab CI")."""
        found = {
            t
            for name, t in self.single_names.items()
            if name.startswith(word) and name != word and len(word) >= PREFIX_SHARE * len(name)
        }
        if not found:
            found = {t for (first, _last), t in self.two_words.items() if first == word}
        return next(iter(found)) if len(found) == 1 else None

    def scan(self, words: Sequence[str], cased: Sequence[bool], clauses: Sequence[int]) -> list[TopicHit]:
        """Named topics, longest phrase first, left to right; a name never spans a comma."""
        hits: list[TopicHit] = []
        i = 0
        while i < len(words):
            hit = self._longest(words, i, clauses)
            if hit and _plausible(words, cased, hit):
                hits.append(hit)
                i = hit.end
            else:
                i += 1
        return hits

    def _names_several(self, key: tuple[str, ...]) -> bool:
        """Every word is on its own the name of a topic, and not all of the same one."""
        singles = [self.phrases.get((word,)) for word in key]
        return None not in singles and len(set(singles)) > 1

    def _longest(self, words: Sequence[str], i: int, clauses: Sequence[int]) -> TopicHit | None:
        for size in range(min(self.max_words, len(words) - i), 0, -1):
            if clauses[i] != clauses[i + size - 1]:
                continue
            key = tuple(words[i : i + size])
            if size > 1 and self._names_several(key):
                continue  # "stargazer lens inkwell": each word is a name of its own, so read them apart
            topic = self.phrases.get(key)
            if topic is None and size == 1 and len(key[0]) > 3:
                topic = self.compact.get(key[0])  # "vscode" for "VS Code"
            if topic is None and 1 < size <= 3 and not any((w,) in self.phrases for w in key):
                topic = self.compact.get("".join(key))
            if topic is None and size == 2:
                topic = self._clipped(key)  # "azure funcs" for "Azure Functions"
            if topic is not None:
                return TopicHit(i, i + size, topic, partial=key in self.partial)
        return None


def _phrases(
    kb: KnowledgeBase, lexicon_words: frozenset[str]
) -> tuple[dict[tuple[str, ...], str], set[tuple[str, ...]]]:
    """Word sequences that name a topic: name, id, aliases first; then derived forms if
    unambiguous (returned as well: they are only part of a name)."""
    exact: dict[tuple[str, ...], str] = {}
    partial: set[tuple[str, ...]] = set()
    for topic in kb.topics.values():
        for text in (topic.name, topic.id, *topic.aliases):
            for key in _spellings(phrase(text)):
                exact.setdefault(key, topic.id)
    derived: dict[tuple[str, ...], set[str]] = {}
    defined: dict[str, set[str]] = {}  # word -> topics whose definition uses it
    for topic in kb.topics.values():
        for word in set(phrase(topic.definition)):
            defined.setdefault(word, set()).add(topic.id)
    for topic in kb.topics.values():
        keys = [
            k
            for k in _derived(topic.name)
            if k[0] not in lexicon_words and not (len(k) == 1 and defined.get(k[0], set()) - {topic.id})
        ]  # "orm" when all are ORMs
        makers = maker_words(kb, topic.id)
        if any(k[0] not in makers for k in keys):  # "docker" of "Docker Swarm" is its maker, "swarm" the name
            keys = [k for k in keys if len(k) > 1 or k[0] not in makers]
        for key in keys:
            derived.setdefault(key, set()).add(topic.id)
    for key, owners in derived.items():
        if len(owners) == 1 and key not in exact:
            exact[key] = next(iter(owners))
            partial.add(key)
    return exact, partial


def maker_words(kb: KnowledgeBase, topic_id: str) -> set[str]:
    """The words of what the notes say about who made a topic."""
    texts = [f.text for f in kb.facts_for(topic_id, "developer")]
    cell = kb.cell("developer", topic_id)
    texts += [cell] if cell else []
    return {w for text in texts for w in phrase(text)} | {a for text in texts for a in acronyms(text)}


def acronyms(text: str) -> set[str]:
    """Initials of runs of capitalised words ("Amazon Web Services" -> "aws")."""
    out: set[str] = set()
    run: list[str] = []
    for word in [*text.replace(",", " , ").split(), ","]:
        if word[:1].isupper() and word.isalpha():
            run.append(word)
            continue
        if len(run) >= 3:
            out.add("".join(w[0] for w in run).casefold())
        run = []
    return out


def _spellings(key: tuple[str, ...]) -> list[tuple[str, ...]]:
    """A name as written, and with its dots dropped ("node.js", "nodejs"; "node js" joins up)."""
    if not key or not any("." in w for w in key):
        return [key] if key else []
    return [key, tuple(w.replace(".", "") for w in key)]


def _derived(name: str) -> list[tuple[str, ...]]:
    """Other spellings people use: "golang" for Go; for a multi-word name, its acronym and its
    distinctive words."""
    words = [w for w in phrase(name) if w not in STOPWORDS]
    if len(words) == 1 and words[0].isalpha():
        return [(words[0] + "lang",)]
    if len(words) < 2:
        return []
    out: list[tuple[str, ...]] = [(w,) for w in words if len(w) >= 3 and w not in COMMON]
    if len(words) >= 3:
        out.append(tuple(words[:2]))  # "google cloud" for "Google Cloud Platform"
    acronym = "".join(w[0] for w in words)
    if len(acronym) >= 3 and acronym not in COMMON:
        out.append((acronym,))
    return out


def _plausible(words: Sequence[str], cased: Sequence[bool], hit: TopicHit) -> bool:
    """An everyday word that is also a topic name ("go") must not read as that word where it stands."""
    if hit.end - hit.start > 1 or words[hit.start] not in COMMON:
        return True
    i = hit.start
    if len(words) == 1 or (cased[i] and i > 0):
        return True
    before = words[i - 1] if i else ""
    after = words[i + 1] if i + 1 < len(words) else ""
    if before == "to":
        return i >= 2 and words[i - 2] in _COMPARED_TO
    if before in _JOINERS or after in _JOINERS or before in _NOUN_BEFORE:
        return True
    return before not in _VERB_BEFORE and after not in _VERB_AFTER
