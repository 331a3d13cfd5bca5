"""Grade an answer: key points for the feedback a person can act on, blended with how close the whole
answer is to the model answer(s). Pure, deterministic for a given install, and explainable.

Key points. Each is a handful of telling words (bracketed words are optional extras, a leading
"Name: " says which topic it is about). A point is covered when the answer says enough of its
words, weighted by how telling each word is (`answer_text.Vocabulary`), compared by meaning
(`grading_words`: a Snowball stemmer, general English synonyms and paraphrases, typos; topic and
aspect aliases come from the knowledge base). Stop words that carry meaning ("only", "once") count.
Polarity must agree: a point that negates ("no children", "prevents wraparound") needs an answer
clause that negates too, and an affirmative point is contradicted by a clause that denies it
("control flow does not work"), which costs points. Each covered point keeps its evidence: the
answer's clause that covered it. A fact told of another topic earns nothing, and a name the
knowledge base ties to another topic costs points (only real names, not "style" out of "BSD-style").

Blend. The key-point score is averaged with the similarity of the whole answer to the model
answer, its alternatives and the passages that state the question's points (`grading_similarity`;
the `[semantic]` extra adds a static embedding model, which also matches key points by meaning).

Gaming. Repeating the question earns nothing; a bare list of keywords is capped (it names things
but says nothing about them); repeating a hint shown for a point earns nothing for that point.

Calibration. Score, verdict and lists agree: every point covered and no mix-up is a strong answer
(80 or more); any missed point keeps the score under 80 and the feedback names a gap.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz
from rapidfuzz import utils as fuzz_utils

from bot.practice.grading import clauses as answer_clauses
from bot.practice.grading import ratings
from bot.practice.grading import similarity as grading_similarity
from bot.practice.grading import words as grading_words
from bot.practice.grading.clauses import Clause
from bot.practice.grading.vocabulary import FRAGMENT_MARK, STOPWORDS, TOPIC_PREFIX, Vocabulary
from bot.practice.grading.words import concept, same
from knowledge.model import KnowledgeBase, Question

COVERED = 0.5  # share of a key point's weighted words an answer must say to cover it
FULL = 0.75  # ...to get full credit for it
SHORT_ANSWER_WORDS = 2  # fewer telling words than this caps the score, unless nothing is missed
SHORT_ANSWER_CAP = 20
MIXUP_PENALTY = 10
CONTRADICTION_PENALTY = 15
PENALTY_CAP = 40
KEYWORD_LIST_CAP = 45  # keywords without sentences: named, not explained
KEYWORD_LIST_WORDS = 4  # ...at least this many words and almost no function words
KEYWORD_LIST_GLUE = 0.12
SIMILARITY_WEIGHT = 0.3  # share of the score from the answer-level similarity
# A key point is also covered by a sentence of the answer that says what the model answer's sentence
# for that point says (the same sentence in other word order, or close to it): the model answer read
# back scores as the model answer, whatever words its key points use.
ANCHOR_MATCH = 60  # a reference sentence states a point when it shares this much of the point (0-100)
SENTENCE_MATCH = 82  # an answer sentence says a reference sentence at this token_sort_ratio (0-100)
_SENTENCE = re.compile(r"(?<=[.!?;])\s+")
SIMILARITY_FLOOR, SIMILARITY_TOP = 35.0, 80.0  # similarity below the floor adds nothing; top adds all
SEMANTIC_POINT_FLOOR, SEMANTIC_POINT_TOP = 0.6, 0.85  # clause-to-point cosine -> coverage
STRONG, GOOD, PARTLY = 80, 60, 35

_PREFIX = re.compile(r"^\s*([^:]{1,60}):\s+(.+)$", re.DOTALL)
_BRACKETS = re.compile(r"\(([^)]*)\)")
_WORDS = re.compile(r"[A-Za-z0-9][\w'’+#.-]*")
_NAME = re.compile(
    r"(?<=[\w,;:(] )[A-Z][\w+]*\b(?![-‐])|\b[\w+]*[a-z0-9][A-Z][\w+]*\b(?![-‐])|\b[A-Z]{2,}[\w+]*\b(?![-‐])"
)
_VOCABULARIES: dict[int, tuple[KnowledgeBase, Vocabulary, frozenset[str]]] = {}
_CACHE_SIZE = 8


@dataclass(frozen=True, slots=True)
class GradeResult:
    score: int  # 0-100
    covered: tuple[str, ...]  # key points the answer covered, as the question states them
    missed: tuple[str, ...]
    feedback: str  # one or two short sentences a person can act on
    mixups: tuple[str, ...] = ()  # "“initech” goes with Alpha, not Beta"
    evidence: tuple[str, ...] = ()  # per covered point: the words of the answer that covered it
    contradicted: tuple[str, ...] = ()  # points the answer denies
    similarity: int = 0  # 0-100: the whole answer against the model answer(s)
    keyword_list: bool = False


@dataclass(frozen=True, slots=True)
class _KeyPoint:
    text: str
    topic: str | None
    required: tuple[str, ...]  # concepts
    weights: tuple[float, ...]
    optional: tuple[str, ...]
    mentions: frozenset[str]
    level: int | None = None  # the point is only a rating ("Very High"): its level, 1-4
    negated: bool = False  # the point itself denies ("no children", "prevents wraparound")


@dataclass(frozen=True, slots=True)
class _Said:
    clause: Clause
    concepts: frozenset[str]
    negated: bool
    text: str = ""


def vocabulary(kb: KnowledgeBase) -> Vocabulary:
    """The grading vocabulary of `kb`, built once per knowledge base object."""
    return _cached(kb)[0]


def _cached(kb: KnowledgeBase) -> tuple[Vocabulary, frozenset[str]]:
    cached = _VOCABULARIES.get(id(kb))
    if cached is not None and cached[0] is kb:
        return cached[1], cached[2]
    if len(_VOCABULARIES) >= _CACHE_SIZE:
        _VOCABULARIES.pop(next(iter(_VOCABULARIES)))
    vocab = Vocabulary.for_kb(kb)
    names = _names(kb, vocab)
    _VOCABULARIES[id(kb)] = (kb, vocab, names)
    return vocab, names


def _names(kb: KnowledgeBase, vocab: Vocabulary) -> frozenset[str]:
    """Tokens the documents use as a whole proper name (not a piece of "BSD-style")."""
    texts = [t.definition for t in kb.topics.values()] + [f.text for f in kb.facts]
    texts += [c.text for c in kb.cells.values()] + [u.text for u in kb.use_cases]
    return frozenset(t for text in texts for t in vocab.tokens(" ".join(_NAME.findall(text))))


def references(question: Question, kb: KnowledgeBase) -> tuple[str, ...]:
    """Every model answer for `question`: its own, curated alternatives, and (for a generated
    question) each passage of the documents about its topic and aspect."""
    refs = [question.model_answer] if question.model_answer else []
    refs += list(question.alternatives)
    if question.kind not in ("curated", "imported") and question.topics:  # those carry their own answers
        for topic in question.topics:
            refs += [p.text for p in kb.passages_for(topic, question.aspect)][:12]
    refs.append(". ".join(question.key_points))
    return tuple(dict.fromkeys(r for r in refs if r.strip()))


@dataclass(frozen=True, slots=True)
class _Prepared:
    """What grading needs of one question, worked out once (key points, references) and reused."""

    asked: frozenset[str]
    points: tuple[_KeyPoint, ...]
    references: tuple[str, ...]
    ref_concepts: tuple[tuple[str, ...], ...]
    ref_plain: tuple[str, ...]
    anchors: tuple[tuple[str, bool] | None, ...]  # per key point: the reference sentence stating it
    expected: frozenset[str]  # words the key points and model answers use: never a mix-up


_PREPARED: dict[tuple[int, Question, tuple[str, ...]], tuple[KnowledgeBase, _Prepared]] = {}
_PREPARED_SIZE = 4096


def _prepared(
    question: Question, kb: KnowledgeBase, vocab: Vocabulary, alternatives: Sequence[str]
) -> _Prepared:
    key = (id(kb), question, tuple(alternatives))
    found = _PREPARED.get(key)
    if found is not None and found[0] is kb:
        return found[1]
    asked = frozenset(concept(t) for t in vocab.tokens(question.text))
    points = tuple(_key_point(p, question, vocab, set(asked)) for p in question.key_points)
    refs = tuple(dict.fromkeys(references(question, kb) + tuple(alternatives)))
    ref_concepts = tuple(
        tuple(c for c in (concept(t) for t in vocab.tokens(grading_words.paraphrased(r))) if c not in asked)
        for r in refs
    )
    sentences = [x for r in (question.model_answer, *alternatives) for x in _sentences(r)]
    anchors = tuple(_anchor(p, sentences) for p in question.key_points)
    expected = frozenset(
        concept(t)
        for text in (*question.key_points, question.model_answer, *alternatives)
        for t in vocab.tokens(text)
    )
    prepared = _Prepared(
        asked, points, refs, ref_concepts, tuple(_plain(r, vocab) for r in refs), anchors, expected
    )
    if len(_PREPARED) >= _PREPARED_SIZE:
        _PREPARED.pop(next(iter(_PREPARED)))
    _PREPARED[key] = (kb, prepared)
    return prepared


def grade(
    question: Question,
    answer: str,
    kb: KnowledgeBase,
    *,
    alternatives: Sequence[str] = (),
    hinted: Sequence[str] = (),
) -> GradeResult:
    """Grade `answer`; `alternatives` are extra model answers, `hinted` the key points already shown."""
    vocab, names = _cached(kb)
    prepared = _prepared(question, kb, vocab, alternatives)
    asked = set(prepared.asked)
    text = grading_words.paraphrased(answer)
    clauses = answer_clauses.split(text, question.topics, vocab)
    said = [
        _Said(
            c,
            frozenset(concept(t) for t in vocab.tokens(piece))
            | frozenset(concept(w) for w in grading_words.meaningful(piece)),
            grading_words.negated(piece),
            piece,
        )
        for c in clauses
        for piece in grading_words.scopes(c.text)
    ]
    telling = {x for s in said for x in s.concepts if not x.startswith(TOPIC_PREFIX)} - asked
    if not telling:  # nothing beyond the question's own words (or nothing at all)
        return _result(
            question,
            0,
            (),
            (),
            (),
            (),
            0,
            False,
            "You only repeated the question. Say what you know in your own words."
            if answer.strip()
            else "There's no answer to grade.",
        )
    points = prepared.points
    hint_concepts = [frozenset(concept(t) for t in vocab.tokens(h)) for h in hinted]
    if hint_concepts and telling <= frozenset().union(*hint_concepts):  # the hints read back, nothing more
        return _result(
            question,
            0,
            (),
            (),
            (),
            (),
            0,
            False,
            "You only repeated the hint. Say what you know about it in your own words.",
        )
    multi = len(question.topics) > 1
    credits: list[float] = []
    evidence: list[str] = []
    contradicted: list[str] = []
    for point in points:
        coverage, where = _coverage(point, said, vocab, multi, same_polarity=True)
        if coverage >= COVERED and any(
            where is not None and set(_core(where)) <= h | asked
            for h in hint_concepts
            if point.text in hinted
        ):
            coverage = 0.0  # the hint read back: the shown point earns nothing
        credit = _credit(coverage)
        if credit < _credit(COVERED):
            against, _ = _coverage(point, said, vocab, multi, same_polarity=False)
            if against >= FULL:
                contradicted.append(point.text)
        credits.append(credit)
        evidence.append(where.text.strip() if where is not None else "")
    _credit_restated(prepared, answer, hinted, credits, evidence, contradicted)
    covered_idx = [i for i, c in enumerate(credits) if c >= _credit(COVERED)]
    covered = tuple(points[i].text for i in covered_idx)
    missed = tuple(p.text for i, p in enumerate(points) if i not in covered_idx)
    mixups = _mixups(clauses, question, vocab, names, asked | prepared.expected)
    similarity = _similarity(prepared, text, said, vocab)
    keywords = _keyword_list(answer)
    key_score = 100 * sum(credits) / len(points) if points else similarity
    lift = 100 * min(1.0, max(0.0, (similarity - SIMILARITY_FLOOR) / (SIMILARITY_TOP - SIMILARITY_FLOOR)))
    weight = SIMILARITY_WEIGHT if sum(credits) > 0 else SIMILARITY_WEIGHT / 2
    score = (1 - weight) * key_score + weight * lift
    score -= min(PENALTY_CAP, MIXUP_PENALTY * len(mixups) + CONTRADICTION_PENALTY * len(contradicted))
    if len(telling) < SHORT_ANSWER_WORDS and missed:
        score = min(score, SHORT_ANSWER_CAP)
    if keywords:
        score = min(score, KEYWORD_LIST_CAP)
    elif not missed and not mixups and not contradicted and points:
        # Everything said in full is a strong answer; every point touched but some only in part, a good one.
        score = max(score, STRONG if min(credits) >= 1.0 else GOOD)
    if missed:
        score = min(score, STRONG - 1)
    final = max(0, min(100, round(score)))
    return _result(
        question,
        final,
        covered,
        missed,
        tuple(e for i, e in enumerate(evidence) if i in covered_idx),
        mixups,
        round(similarity),
        keywords,
        "",
        tuple(contradicted),
    )


def _result(
    question: Question,
    score: int,
    covered: tuple[str, ...],
    missed: tuple[str, ...],
    evidence: tuple[str, ...],
    mixups: tuple[str, ...],
    similarity: int,
    keywords: bool,
    note: str,
    contradicted: tuple[str, ...] = (),
) -> GradeResult:
    if not note:
        note = _feedback(score, covered, missed, mixups, contradicted, keywords, len(question.key_points))
    missed_all = missed if covered or missed else tuple(question.key_points)
    return GradeResult(score, covered, missed_all, note, mixups, evidence, contradicted, similarity, keywords)


def _credit_restated(
    prepared: _Prepared,
    answer: str,
    hinted: Sequence[str],
    credits: list[float],
    evidence: list[str],
    contradicted: list[str],
) -> None:
    """Full credit for each point whose model-answer sentence the answer says back (in place)."""
    mine = _sentences(answer)
    for i, anchor in enumerate(prepared.anchors):
        point = prepared.points[i].text
        if credits[i] >= 1.0 or anchor is None or point in hinted:
            continue
        found = _restated(anchor, mine)
        if found is not None:
            credits[i], evidence[i] = 1.0, found
            if point in contradicted:  # it says what the model answer says, so it agrees with it
                contradicted.remove(point)


def _sentences(text: str) -> list[tuple[str, str, bool]]:
    """(sentence, its words for fuzzy comparison, whether it is negated) for each sentence."""
    out = []
    for raw in _SENTENCE.split(text.strip()):
        words = fuzz_utils.default_process(raw)
        if len(words.split()) >= 4:
            out.append((raw.strip(), words, grading_words.negated(raw)))
    return out


def _anchor(point: str, sentences: list[tuple[str, str, bool]]) -> tuple[str, bool] | None:
    """The reference sentence that states `point` best, if one does."""
    words = fuzz_utils.default_process(point)
    best = max(sentences, key=lambda s: fuzz.token_set_ratio(words, s[1]), default=None)
    if best is None or fuzz.token_set_ratio(words, best[1]) < ANCHOR_MATCH:
        return None
    return best[1], best[2]


def _restated(anchor: tuple[str, bool], mine: list[tuple[str, str, bool]]) -> str | None:
    """The answer's sentence that says the anchor sentence (same polarity), if any."""
    words, negated = anchor
    for raw, processed, neg in mine:
        if neg == negated and fuzz.token_sort_ratio(words, processed) >= SENTENCE_MATCH:
            return raw
    return None


def _core(said: _Said) -> list[str]:
    return [x for x in said.concepts if not x.startswith(TOPIC_PREFIX)]


def _key_point(text: str, question: Question, vocab: Vocabulary, asked: set[str]) -> _KeyPoint:
    topic, body = _owner(text, question, vocab)
    inside = " ".join(_BRACKETS.findall(body))
    outside = _BRACKETS.sub(" ", body)
    own = {TOPIC_PREFIX + topic} if topic else set()
    required_tokens = [t for t in vocab.tokens(grading_words.paraphrased(outside)) if t not in own]
    required_tokens += [
        w for w in grading_words.meaningful(outside) if w not in ("all", "both", "each", "one")
    ]
    optional_tokens = [t for t in vocab.tokens(inside) if t not in own]
    pairs = {concept(t): vocab.weight(t) for t in required_tokens}
    telling = {c: w for c, w in pairs.items() if c not in asked}
    if telling:
        pairs = telling
    optional = tuple(dict.fromkeys(c for c in (concept(t) for t in optional_tokens) if c not in pairs))
    if not pairs:  # everything was in brackets: the bracketed words are the point
        pairs = {c: vocab.weight(c) for c in optional}
        optional = ()
    return _KeyPoint(
        text,
        topic,
        tuple(pairs),
        tuple(pairs.values()),
        optional,
        frozenset(vocab.topics_in(vocab.tokens(body))),
        ratings.point_level(body),
        # the point's polarity is its main clause's: "create new versions instead of overwriting"
        # affirms creating (answers are read the same way, scope by scope)
        grading_words.negated(_main_scope(grading_words.paraphrased(outside))),
    )  # "all or nothing" affirms


_CONTRAST = re.compile(r"\b(?:instead of|rather than)\b", re.IGNORECASE)


def _main_scope(text: str) -> str:
    """The point without its trailing contrast ("…instead of overwriting")."""
    return _CONTRAST.split(text, maxsplit=1)[0] or text


def _owner(text: str, question: Question, vocab: Vocabulary) -> tuple[str | None, str]:
    """The topic a key point is about: its "Name: " prefix, else the question's only topic."""
    found = _PREFIX.match(text)
    if found:
        named = vocab.topics_in(vocab.tokens(found.group(1)))
        if len(named) == 1 and len(vocab.tokens(found.group(1))) == 1:
            return named.pop(), found.group(2)
    if len(question.topics) == 1:
        return question.topics[0], text
    mentioned = vocab.topics_in(vocab.tokens(text))
    return (mentioned.pop() if len(mentioned) == 1 else None), text


def _allowed(point: _KeyPoint, clause: Clause) -> bool:
    return (
        not clause.topics
        or point.topic is None
        or point.topic in clause.topics
        or clause.topics <= point.mentions
    )


def _coverage(
    point: _KeyPoint, said: list[_Said], vocab: Vocabulary, multi: bool, *, same_polarity: bool
) -> tuple[float, _Said | None]:
    """How much of `point` the answer's clauses say (with the polarity asked), and the best clause."""
    polarity = point.negated if same_polarity else not point.negated
    allowed = [s for s in said if _allowed(point, s.clause) and s.negated == polarity]
    if not point.required or not allowed:
        return 0.0, None
    total = sum(point.weights)
    heard = frozenset().union(*(s.concepts for s in allowed))
    got = sum(w for c, w in zip(point.required, point.weights, strict=True) if _said(c, heard))
    extra = min(total, sum(vocab.weight(c) for c in point.optional if _said(c, heard)))
    if point.level is not None and same_polarity:
        level = next(
            (
                lv
                for s in allowed
                if (s.clause.topics or not multi) and (lv := ratings.said_level(s.clause.text)) is not None
            ),
            None,
        )
        if level is not None:
            got = max(got, total * ratings.closeness(point.level, level))
    coverage = min(1.0, (got + 0.5 * extra) / total)
    if same_polarity and 0.2 <= coverage < FULL:  # meaning tops up words, never replaces them
        coverage = max(coverage, _semantic_coverage(point, allowed))
    if "onli" in heard and "onli" not in point.required and got < total:
        coverage = min(coverage, COVERED - 0.05)  # "high-level only" denies the rest of "low- to high-level"
    best = max(
        allowed,
        key=lambda s: sum(
            w for c, w in zip(point.required, point.weights, strict=True) if _said(c, s.concepts)
        ),
    )
    return coverage, best


def _semantic_coverage(point: _KeyPoint, allowed: list[_Said]) -> float:
    """Cover the rest of a point by meaning, from a clause that says more than the point's words it
    matched: the extra words are the paraphrase. A clause that only says part of the point
    ("enterprise systems" for "enterprise production systems") is close in embedding space but
    paraphrases nothing, so it tops up nothing."""
    best = 0.0
    wanted = point.required + point.optional
    for s in allowed:
        if all(any(_said(w, frozenset((c,))) for w in wanted) for c in _core(s)):
            continue
        sim = grading_similarity.phrase_similarity(point.text, s.text)
        if sim is None:
            return 0.0
        best = max(best, sim)
    return min(1.0, max(0.0, (best - SEMANTIC_POINT_FLOOR) / (SEMANTIC_POINT_TOP - SEMANTIC_POINT_FLOOR)))


@lru_cache(maxsize=65_536)
def _said(wanted: str, heard: frozenset[str]) -> bool:
    return wanted in heard or any(same(wanted, other) for other in heard)


def _credit(coverage: float) -> float:
    if coverage >= FULL:
        return 1.0
    return max(0.0, (coverage - 0.2) / (FULL - 0.2))


def _similarity(prepared: _Prepared, text: str, said: list[_Said], vocab: Vocabulary) -> float:
    mine = [c for s in said if not s.negated for c in s.concepts if c not in prepared.asked]
    lexical = grading_similarity.lexical(mine, prepared.ref_concepts)
    semantic = grading_similarity.semantic(_plain(text, vocab), prepared.ref_plain)
    if semantic is None:
        return lexical
    return 0.5 * lexical + 0.5 * min(100.0, max(0.0, (semantic - 30.0) / 0.6))


def _plain(text: str, vocab: Vocabulary) -> str:
    """`text` as the knowledge base reads it, for the embedding model: aliases said as the topic's or
    aspect's name ("ship to prod" also says "production"), stop words dropped."""
    return " ".join(
        vocab.names.get(t[len(TOPIC_PREFIX) :], t[len(TOPIC_PREFIX) :])
        if t.startswith(TOPIC_PREFIX)
        else t.replace(FRAGMENT_MARK, " ")
        for t in vocab.tokens(text)
    )


def _keyword_list(answer: str) -> bool:
    """Words with (almost) no glue between them: "dynamic graph, loops, debugger, research"."""
    words = [w.lower().strip(".") for w in _WORDS.findall(answer)]
    if len(words) < KEYWORD_LIST_WORDS:
        return False
    glue = sum(1 for w in words if w in STOPWORDS)
    return glue / len(words) < KEYWORD_LIST_GLUE


def _mixups(
    clauses: list[Clause], question: Question, vocab: Vocabulary, names: frozenset[str], asked: set[str]
) -> tuple[str, ...]:
    """Names the knowledge base ties to a topic other than the one the clause is about."""
    found: dict[str, str] = {}
    for clause in clauses:
        about = clause.topics or (frozenset(question.topics) if len(question.topics) == 1 else frozenset())
        if not about or grading_words.negated(clause.text):
            continue
        for token in clause.tokens:
            if token in found or token not in names or concept(token) in asked:
                continue
            owner = vocab.belongs_elsewhere(token, about)
            if owner is not None:
                subject = " and ".join(vocab.names.get(t, t) for t in sorted(about))
                found[token] = (
                    f"“{token.replace(FRAGMENT_MARK, ' ')}” goes with {vocab.names.get(owner, owner)}, not "
                    f"{subject}"
                )
    return tuple(found.values())


def verdict(score: int, missed: Sequence[str], problems: bool, keywords: bool) -> str:
    if keywords:
        return "Only keywords."
    if score >= STRONG and not missed and not problems:
        return "Strong answer."
    if score >= GOOD:
        return (
            "Good answer, with gaps."
            if missed
            else "Good answer, but check the mix-up."
            if problems
            else "Good answer: make each point in full."
        )
    if score >= PARTLY:
        return "Partly there."
    return "Not there yet."


def _feedback(
    score: int,
    covered: tuple[str, ...],
    missed: tuple[str, ...],
    mixups: tuple[str, ...],
    contradicted: tuple[str, ...],
    keywords: bool,
    total: int,
) -> str:
    said = verdict(score, missed, bool(mixups or contradicted), keywords)
    text = f"{said} You covered {len(covered)} of {total} key points."
    if keywords:
        text += " Say how they fit together, in sentences."
    if contradicted:
        text += " You said the opposite of: " + "; ".join(contradicted) + "."
    elif missed:
        text += f" Missing: {missed[0]}" + (f" (and {len(missed) - 1} more)." if len(missed) > 1 else ".")
    if mixups:
        text += " Watch the mix-up: " + "; ".join(mixups) + "."
    return text


__all__ = ["GradeResult", "grade", "references", "verdict", "vocabulary"]
