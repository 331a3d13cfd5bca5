"""What a document is about when no section says so, and what its question headings ask about.

- Front matter (`---` / `title: …` / `---`) is stripped, keeping its title and the line count.
- The subject: the constant side of "X vs. Y" headings written two or more times, a short name-like
  title (H1 or front matter), or the name the prose keeps using (emphasised, code-formatted or
  capitalised mid-sentence, far more often than any other).
- Question headings ("What is X?", "What does a X do?", "Describe the difference between `a`, `b`
  and `c`.") name the topics they ask about.

English phrasing only: nothing here knows a subject.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from knowledge.names import clean_title, key_of
from knowledge.parse import Section

_FRONT = re.compile(r"\A---[ \t]*\n(?P<body>.*?\n)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_TITLE = re.compile(r"^title\s*:\s*(?P<title>.+?)\s*$", re.MULTILINE)
MAX_FRONT = 200  # lines: a longer "front matter" is a document that opens with a rule


def strip_front_matter(text: str) -> tuple[str, str]:
    """(text with front matter blanked to empty lines so line numbers hold, its `title:`)."""
    found = _FRONT.match(text)
    if not found or found.group().count("\n") > MAX_FRONT or ":" not in found["body"]:
        return text, ""
    title = _TITLE.search(found["body"])
    blank = "\n" * found.group().count("\n")
    return blank + text[found.end() :], (title["title"].strip("'\" ") if title else "")


# --- questions -------------------------------------------------------------------------------------

_ASKS = re.compile(
    r"^(?:what|why|how|when|where|which|who|whom|whose|is|are|can|could|do|does|did|should|"
    r"would|will|have|has|explain|describe|name|list|compare|consider|tell|define)\b",
    re.IGNORECASE,
)
_WHAT = re.compile(
    r"^(?:what|who)\s+(?:is|are|was|were)\s+(?:a\s+|an\s+|the\s+)?(?P<x>.+?)"
    r"(?:\s+good for|\s+used for|\s+for)?$",
    re.IGNORECASE,
)
_DOES = re.compile(
    r"^what\s+(?:does|do)\s+(?:a\s+|an\s+|the\s+)?(?P<x>.+?)\s+(?:do|mean|stand for)$", re.IGNORECASE
)
_BETWEEN = re.compile(r"\bdifference(?:s)?\s+between\s+(?P<x>.+)$", re.IGNORECASE)
_OF = re.compile(
    r"^(?:the\s+)?(?:building blocks|parts|components|features|benefits|advantages|"
    r"disadvantages|types|kinds|uses|purpose|role|goal|main idea)\s+of\s+(?:a\s+|an\s+|the\s+)?",
    re.IGNORECASE,
)
_IN = re.compile(r"\s+(?:in|of|for|with|within)\s+[A-Z][\w.+#-]*$")


def is_question(title: str) -> bool:
    """A heading that asks: ends with "?" or opens like a question or an interview prompt."""
    text = clean_title(title)
    return title.rstrip(" *_").endswith("?") or (
        bool(_ASKS.match(text)) and len(text.split()) > 3 and text.endswith(".")
    )


def question_topics(title: str, codes: Iterable[str] = ()) -> list[str]:
    """The names a question heading asks about: "What is X?" -> [X], "difference between `a`, `b`
    and `c`" -> [a, b, c], one code span in another question -> [it]; [] when it names none."""
    text = clean_title(title)
    last = re.split(r"(?<=[.?!])\s+", text.rstrip("?.!").strip())[-1].rstrip("?.!").strip()
    spans = [c.strip("<>/ ") for c in codes if c.strip("<>/ ")]
    between = _BETWEEN.search(last)
    if between:
        if spans:
            return list(dict.fromkeys(spans))
        return [
            p
            for p in (_article(x) for x in re.split(r",\s*|\s+and\s+|\s+or\s+|\s+vs\.?\s+", between["x"]))
            if p
        ]
    for pattern in (_DOES, _WHAT):
        found = pattern.match(last)
        if found:
            name = _IN.sub("", _OF.sub("", found["x"])).strip()
            if (
                name
                and len(name.split()) <= 4
                and not re.match(r"^(?:the\s+)?(?:difference|best|way)\b", name, re.IGNORECASE)
            ):
                return [name]
            return []
    if len(spans) == 1:
        return spans
    return []


def _article(text: str) -> str:
    return re.sub(r"^(?:a|an|the)\s+", "", text.strip(), flags=re.IGNORECASE).strip()


# --- subject ---------------------------------------------------------------------------------------

_VERSUS = re.compile(r"^(?P<x>.+?)\s+(?:vs\.?|versus|compared (?:to|with))\s+(?P<y>.+)$", re.IGNORECASE)
_RIVAL = re.compile(r"^(?:…|\.\.\.|why not)\s*(?P<y>.+?)\s*\??$", re.IGNORECASE)
MIN_USES = 6  # the subject's name is used at least this often in the prose
MIN_MARKED = 4  # written as a name (emphasised, code, capitalised mid-sentence) at least this often
MARKED_SHARE = 0.25  # of its uses (a common word is rarely written as a name)
DOMINANCE = 1.5  # and that many times as often as the next name


def versus_subject(sections: Iterable[Section]) -> str | None:
    """The constant side of "X vs. Y" headings written two or more times: X."""
    counts = Counter(clean_title(m["x"]) for s in sections if (m := _VERSUS.match(clean_title(s.title))))
    best = counts.most_common(1)
    return best[0][0] if best and best[0][1] >= 2 else None


def rival_sections(sections: list[Section]) -> set[int]:
    """id() of sections that are each about one rival: "X vs. Y" with a constant X, and sibling
    "… Y?" / "Why not Y?" headings written two or more times."""
    subject = versus_subject(sections)
    found = {
        id(s)
        for s in sections
        if subject and (m := _VERSUS.match(clean_title(s.title))) and clean_title(m["x"]) == subject
    }
    rivals = [
        s
        for s in sections
        if s.title.strip().startswith(("…", "..."))
        or re.match(r"^why not\s+\S", s.title.strip(), re.IGNORECASE)
    ]
    if len(rivals) >= 2:
        found |= {id(s) for s in rivals if _RIVAL.match(s.title.strip())}
    return found


_EMPHASIS = re.compile(r"(?<![\w*_])[*_]{1,2}(?P<w>[^\W_][\w.+-]*)[*_]{1,2}(?![\w*_])")
_CODE_WORD = re.compile(r"`(?P<w>[A-Za-z][\w.+-]*)(?:`|\s)")
_MID_CAPITAL = re.compile(r"\b[a-z][\w'-]*,?[ \t]+(?P<w>[A-Z][\w+-]*[a-z0-9][\w+-]*)")
_LINK_OR_URL = re.compile(r"\]\([^)]*\)|https?://\S+|<[^>]+>")
_FENCE = re.compile(r"^ {0,3}(```|~~~)(?:.*?^ {0,3}\1[^\n]*$|.*\Z)", re.MULTILINE | re.DOTALL)
_NOT_PROSE = re.compile(r"^\s*\|.*$|^ {0,3}#.*$|^ {0,3}\[[^\]]+\]:.*$", re.MULTILINE)


# A capitalised name opening a sentence as the one doing something ("Foo offers …", "Foo is …").
_DOER = re.compile(
    r"(?:\A|[.!?:]\s+|\*\*)(?P<w>[A-Z][\w+-]*[a-z0-9][\w+-]*)\s+(?:is|isn't|are|was|has|have|"
    r"offers|provides|supports|gives|uses|lets|runs|comes|makes|aims|does|doesn't|can|can't|"
    r"will|[a-z]{2,}[^s\W]s)\b",
    re.MULTILINE,
)


def prose_subject(raw: str, sections: Iterable[Section]) -> str | None:
    """The name the document's prose keeps using: written as a name (emphasised, the first word of
    code, or capitalised mid-sentence; outside code blocks, tables and headings) MIN_MARKED+ times,
    used in DOMINANCE times as many sections as any other such name, MIN_USES+ times in all. Returns
    its most common spelling."""
    text = _LINK_OR_URL.sub(" ", _NOT_PROSE.sub(" ", _FENCE.sub(" ", raw)))
    marked: Counter[str] = Counter()
    spelling: dict[str, Counter[str]] = {}
    doer: Counter[str] = Counter()  # opens sentences as the one doing something
    for pattern in (_EMPHASIS, _CODE_WORD, _MID_CAPITAL):
        for found in pattern.finditer(text):
            word = found["w"].rstrip(".-")
            if len(word) > 2:
                marked[word.casefold()] += 1
                spelling.setdefault(word.casefold(), Counter())[word] += 1
    for found in _DOER.finditer(text):
        word = found["w"].rstrip(".-")
        if word.casefold() in marked:  # a name seen written as one elsewhere (not "This", "It")
            marked[word.casefold()] += 1
            doer[word.casefold()] += 1
    if not marked:
        return None
    words: Counter[str] = Counter()
    spread: Counter[str] = Counter()  # sections using the word
    for section in sections:
        said = key_of(
            " ".join([*(b.text for b in (*section.paragraphs, *section.quotes)), *_bullet_texts([section])])
        ).split()
        words.update(said)
        spread.update(set(said))
    ranked = sorted(
        (
            (spread[w], w)
            for w, count in marked.items()
            if count >= MIN_MARKED and count >= MARKED_SHARE * words[w]
        ),
        reverse=True,
    )[:2]
    if not ranked:
        return None
    reach, word = ranked[0]
    if len(ranked) > 1 and reach < DOMINANCE * ranked[1][0]:
        # Two names used about as widely ("Foo" and the "Bar" it builds on): the subject is the one
        # the sentences are about, clearly more often.
        first, second = (doer[w] for _reach, w in ranked)
        if second >= 2 and second >= 2 * first:
            reach, word = ranked[1]
        elif not (first >= 2 and first >= 2 * second):
            return None
    if words[word] < MIN_USES and doer[word] < MIN_MARKED - 1:  # or the sentences keep being about it
        return None
    return spelling[word].most_common(1)[0][0]


def _bullet_texts(sections: Iterable[Section]) -> Iterable[str]:
    for section in sections:
        stack = list(section.bullets)
        while stack:
            bullet = stack.pop()
            yield bullet.text
            stack.extend(bullet.children)
