"""The hint ladder: guidance that does not give the answer away.

Level 1 is the angle (what to think about: the aspect, the kind of question, where in the notes the
point lives); levels 2, 3, … are partial cues, one per key point in order (how many words, the first
letters, whose point it is). No hint ever holds two content words of a key point in a row, nor a
one-word key point's word: reading a hint back is not an answer.

Pure functions of the question (and, for the angle, the knowledge base when there is one).
"""

from __future__ import annotations

import re
from itertools import pairwise

from knowledge.model import KnowledgeBase, Question

MAX_CUES = 3  # partial cues after the angle: more would spell the answer out
_WORD = re.compile(r"[^\W_]+(?:['’.+#-][^\W_]+)*")
_NAME_PREFIX = re.compile(r"^([^:]{1,40}):\s+(?=\S)")
_STOP = frozenset(
    (
        *("a", "an", "the", "and", "or", "of", "to", "in", "on", "for", "with", "by", "at", "as", "from"),
        *("is", "are", "be", "it", "its", "this", "that", "these", "those", "via", "into", "than", "then"),
        *("so", "but", "not", "no", "only", "also", "more", "most", "very", "can", "will"),
    )
)
_LAST_RESORT = "Take it one step at a time: what would you say first?"
_CUE_INITIALS = 4  # first letters of at most this many words


def levels(question: Question) -> int:
    """How many hints this question has: the angle, then a cue per key point (at most MAX_CUES)."""
    return 1 + min(len(question.key_points), MAX_CUES)


def hint(question: Question, level: int, kb: KnowledgeBase | None = None) -> str:
    """Hint number `level` (1 = the angle, 2.. = a partial cue per key point); "" past the last."""
    if level < 1 or level > levels(question):
        return ""
    if level == 1:
        return _angle(question, kb)
    return _cue(question, question.key_points[level - 2], kb)


def cued(question: Question, used: int) -> tuple[str, ...]:
    """The key points the first `used` hints gave a cue for (the angle gives none)."""
    return question.key_points[: max(0, min(used, levels(question)) - 1)]


def reveals(text: str, point: str) -> bool:
    """Whether `text` says `point`: two of its content words in a row, or its only content word."""
    said = _content(text)
    words = _content(point)
    if not words:
        return False
    if len(words) == 1:
        return words[0] in said
    pairs = set(pairwise(said))
    return any(pair in pairs for pair in pairwise(words))


def _content(text: str) -> list[str]:
    return [w.casefold() for w in _shown(text)]


def _shown(text: str) -> list[str]:
    """The content words of `text` as written."""
    return [w for w in _WORD.findall(text) if w.casefold() not in _STOP]


def _name(kb: KnowledgeBase | None, topic_id: str) -> str:
    if kb is not None and topic_id in kb.topics:
        return kb.topics[topic_id].name
    return topic_id.replace("-", " ")


def _label(kb: KnowledgeBase | None, aspect_id: str) -> str:
    found = kb.aspects.get(aspect_id) if kb is not None else None
    label = found.label if found is not None else aspect_id.replace("_", " ")
    return " ".join(w if w.isupper() and len(w) > 1 else w.lower() for w in label.split())


def _angle(question: Question, kb: KnowledgeBase | None) -> str:
    """The first candidate that names none of the key points."""
    names = [_name(kb, t) for t in question.topics]
    who = names[0] if len(names) == 1 else " and ".join((", ".join(names[:-1]), names[-1]))
    label = _label(kb, question.aspect) if question.aspect else ""
    candidates: list[str] = []
    if question.kind == "definition":
        candidates.append(
            f"Think about the problem {who} was made to solve, who is behind it and who uses it."
        )
    if question.kind in ("pick", "use_case"):
        candidates.append(f"Think about the kind of project where {who} fits better than anything else.")
    if question.kind == "compare" and len(names) > 1:
        about = f" on {label}" if label else ""
        candidates.append(f"Take {who} one at a time: how does each one fare{about}?")
    if label:
        candidates.append(f"Think about {label}: what a team using {who} would notice first.")
    section = _section(question, kb)
    if section:
        candidates.append(f"Think about what the notes on {who} say under “{section}”.")
    candidates.append(f"Think about what makes {who} different from the alternatives here.")
    candidates.append("Think about what the question is really testing, then the facts that prove it.")
    points = question.key_points
    return next((c for c in candidates if not any(reveals(c, p) for p in points)), _LAST_RESORT)


def _section(question: Question, kb: KnowledgeBase | None) -> str:
    """The heading in the notes where the first key point is discussed (its words, not the point's)."""
    if kb is None or not question.key_points or not question.topics:
        return ""
    wanted = set(_content(_NAME_PREFIX.sub("", question.key_points[0])))
    best, score = "", 0
    own = {_name(kb, t).casefold() for t in question.topics}
    for passage in kb.passages_for(question.topics[0])[:500]:
        heading = passage.heading_path[-1] if passage.heading_path else ""
        if (
            passage.kind == "cell"
            or not heading
            or heading.casefold() in own
            or heading.rstrip("?").casefold() in question.text.casefold()
        ):
            continue
        shared = len(wanted & set(_content(passage.text)))
        if shared > score:
            best, score = passage.heading_path[-1], shared
    return best if score >= min(2, len(wanted)) else ""


def _cue(question: Question, point: str, kb: KnowledgeBase | None) -> str:
    owner = ""
    prefix = _NAME_PREFIX.match(point)
    topic_names = {_name(kb, t).casefold(): _name(kb, t) for t in question.topics}
    if prefix and prefix.group(1).casefold() in topic_names:
        owner = topic_names[prefix.group(1).casefold()]
        point = point[prefix.end() :]
    words = _shown(point)
    initials = " ".join(f"{w[:1]}…" for w in words[:_CUE_INITIALS]) + (
        " …" if len(words) > _CUE_INITIALS else ""
    )
    whose = f" about {owner}" if owner else ""
    on = f" on {_label(kb, question.aspect)}" if question.aspect and not owner else ""
    size = f"{len(words)} key word{'s' * (len(words) != 1)}"
    for cue in (
        f"One point{whose}{on} has {size}, starting {initials}.",
        f"One point{whose} has {size}, starting {initials}.",
        f"One point{whose} has {size}.",
        f"One point has {size}.",
    ):
        if not any(reveals(cue, p) for p in question.key_points):
            return cue
    return _LAST_RESORT


__all__ = ["MAX_CUES", "cued", "hint", "levels", "reveals"]
