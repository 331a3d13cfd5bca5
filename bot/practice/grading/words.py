"""Words compared by meaning for grading: a real stemmer, general English synonyms and paraphrases,
stop words that carry meaning, and the polarity (affirmed or negated) of each clause.

General English only: subject-specific equivalences come from the knowledge base (topic and
aspect aliases, through `answer_text.Vocabulary`).
"""

from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer
from rapidfuzz import fuzz

from bot.practice.grading.vocabulary import TOPIC_PREFIX

_STEMMER = snowballstemmer.stemmer("english")
_TYPO_RATIO = 84.0
_MEMO = 65_536

# Stop words that change what a sentence claims: kept when a key point says them.
MEANINGFUL = frozenset(
    (
        "once",
        "only",
        "more",
        "most",
        "less",
        "least",
        "same",
        "all",
        "every",
        "each",
        "first",
        "never",
        "always",
        "before",
        "after",
        "both",
        "many",
        "few",
        "one",
    )
)

# Groups of general English words that say the same thing; the first word names the group.
_GROUPS: tuple[tuple[str, ...], ...] = (
    ("memory", "space", "ram", "storage"),
    ("run", "execute", "execution", "running", "runs", "executes", "executed", "works", "work", "operate"),
    (
        "small",
        "smallest",
        "minimum",
        "minimal",
        "least",
        "tiny",
        "shrink",
        "shrinks",
        "smaller",
        "reduce",
        "reduces",
        "reduced",
        "fewer",
        "less",
        "lower",
    ),
    ("large", "big", "largest", "maximum", "huge", "bigger", "larger", "massive"),
    ("unlimited", "unbounded", "infinite", "arbitrary"),
    ("fast", "quick", "quickly", "speed", "faster", "quicker", "rapid", "speeds", "fastest", "performance"),
    ("slow", "slower", "latency", "sluggish"),
    (
        "built",
        "ship",
        "ships",
        "shipped",
        "bundle",
        "bundled",
        "include",
        "included",
        "inside",
        "integrate",
        "integrated",
        "part",
        "comes",
        "within",
    ),
    ("make", "build", "create", "construct", "creates", "builds", "made", "defined", "define"),
    ("ordinary", "plain", "normal", "regular", "standard", "usual", "native", "vanilla"),
    ("easy", "easier", "simple", "simpler", "ease", "straightforward", "handy", "convenient"),
    ("hard", "difficult", "complex", "complicated", "painful", "messy", "tricky", "awkward"),
    ("copy", "copies", "duplicate", "duplicated", "redundant", "replica", "replicas", "replicate"),
    ("prevent", "avoid", "stop", "block", "protect", "guard"),
    ("split", "partition", "divide", "spread", "distribute", "distributed", "shard"),
    ("debug", "debugger", "debugging", "pdb", "troubleshoot"),
    ("error", "errors", "bug", "bugs", "mistake"),
    ("start", "begin", "started", "began", "originally", "originated", "initially"),
    ("separate", "independent", "standalone", "own"),
    ("change", "modify", "alter", "update", "edit"),
    ("show", "display", "visualise", "visualize", "plot"),
    ("save", "store", "persist", "write", "keep", "stays"),
    ("read", "reads", "query", "lookup", "fetch"),
    ("phone", "mobile", "handset", "device", "smartphone"),
    ("offline", "local", "locally"),
    ("whole", "complete", "full", "entire", "fully"),
    ("loop", "loops", "iterate", "iteration", "cycle"),
    ("if", "branch", "branches", "branching", "conditional", "conditionals"),
    ("fail", "failure", "crash", "die", "dies", "down", "outage", "offline"),
    ("user", "users", "customer", "customers", "client", "clients", "people"),
)
# Paraphrases with no shared word: phrase -> the word it stands for (applied before tokenising).
_PARAPHRASES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(rf"\b{pattern}\b", re.IGNORECASE), word)
    for pattern, word in (
        (r"as (?:many|much)( \w+)? as (?:you|we|one) (?:want|like|need)s?", r"unlimited\1"),
        (r"no (?:upper )?limit", "unlimited"),
        (r"on the fly", "dynamic"),
        (r"all or nothing", "atomic"),
        (r"line by line", "eager"),
        (r"one after (?:another|the other)", "serial"),
        (r"at (?:the )?same time", "concurrent"),
        (r"in parallel", "concurrent"),
        (r"(?:step|walk) through", "debug"),
        (r"under the hood", "inside"),
        (r"comes with", "includes"),
        (r"out of the box", "builtin"),
        (r"go(?:es)? down", "fail"),
        (r"keeps? (?:on )?running", "continue"),
    )
)
# Verbs that negate their object the way "not" does: "prevents X" = "no X".
_NEGATING_VERBS = r"prevents?|prevented|preventing|avoids?|avoided|avoiding|stops?|stopped|free of|instead of"
NEGATION = re.compile(
    r"\b(?:not|no|never|none|nothing|cannot|can['’]?t|isn['’]?t|aren['’]?t|wasn['’]?t|doesn['’]?t|don['’]?t|"
    r"didn['’]?t|won['’]?t|shouldn['’]?t|without|neither|nor|lacks?|lacking|" + _NEGATING_VERBS + r")\b",
    re.IGNORECASE,
)

_GROUP_OF: dict[str, str] = {}
for _group in _GROUPS:
    for _word in _group:
        _GROUP_OF.setdefault(_word, _group[0])
_GROUP_STEMS: dict[str, str] = {}
for _group in _GROUPS:
    for _word in _group:
        _GROUP_STEMS.setdefault(_STEMMER.stemWord(_word), _group[0])


def paraphrased(text: str) -> str:
    """`text` with the known paraphrases replaced by the word they stand for."""
    for pattern, word in _PARAPHRASES:
        text = pattern.sub(word, text)
    return text


@lru_cache(maxsize=_MEMO)
def concept(token: str) -> str:
    """What a token means, for comparison: its synonym group, else its Snowball stem."""
    if token.startswith(TOPIC_PREFIX):
        return token
    grouped = _GROUP_OF.get(token)
    if grouped is not None:
        return grouped
    stem = _STEMMER.stemWord(token)
    return str(_GROUP_STEMS.get(stem, stem))


@lru_cache(maxsize=_MEMO)
def same(a: str, b: str) -> bool:
    """Two concepts are the same: equal, or a typo apart (long enough words only)."""
    if a == b:
        return True
    if a.startswith(TOPIC_PREFIX) or b.startswith(TOPIC_PREFIX):
        return False
    shorter, longer = sorted((len(a), len(b)))
    return shorter >= 5 and 4 * shorter >= 3 * longer and fuzz.ratio(a, b) >= _TYPO_RATIO


def meaningful(text: str) -> list[str]:
    """The stop words of `text` that carry meaning ("only", "once", "more")."""
    return [w for w in re.findall(r"[a-z]+", text.lower()) if w in MEANINGFUL]


_ANSWER_PARTICLE = re.compile(r"^\W*(?:no|nope|yes|yeah|not really)\b\W*(?=\w|$)", re.IGNORECASE)
# Where a negation's scope ends inside a clause: "X isn't Y: it's Z", "no A, so B works".
SCOPE_END = re.compile(r"[:;(]|\b(?:so|because|since|which|and|then|instead|rather)\b", re.IGNORECASE)


def negated(text: str) -> bool:
    """Whether a clause denies what it says (an odd number of negations: "not without" affirms).
    A leading "No," answering a yes/no question is not a negation of what follows."""
    return len(NEGATION.findall(_ANSWER_PARTICLE.sub("", text))) % 2 == 1


def scopes(text: str) -> list[str]:
    """`text` cut where a negation's scope ends, so each piece has one polarity. "and" ends a scope
    only after a negation ("not built and control flow works"); before one it joins what is denied
    ("loops and if statements do not work")."""
    pieces: list[str] = []
    joined = False  # the previous cut was an "and" with no negation before it
    for piece, cut in zip(
        SCOPE_END.split(text), [*(m.group(0) for m in SCOPE_END.finditer(text)), ""], strict=True
    ):
        if joined:
            pieces[-1] += " and " + piece
        else:
            pieces.append(piece)
        joined = cut.lower() == "and" and not NEGATION.search(pieces[-1])
    return [piece for piece in pieces if piece.strip()]
