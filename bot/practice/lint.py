"""`prepbot questions --lint`: questions a human interviewer would not ask, each with the reason.

The rules (each a short code and a sentence):
- ``row-label``: the table's row label slotted into a template ("How does X handle community?",
  "Compare X and Y for production.") or a bare heading as the question ("Data Classes?");
- ``raw-cell``: the model answer is cells, not sentences ("Lens: Moderate; Inkwell: Very High.");
- ``mark-only``: a key point that is only a table mark (yes/no/—/?); for "no" the honest answer to
  the question is "it doesn't";
- ``prefixed``: a key point that starts with a label ("Gotchas: no built-in…"); a topic's name
  in a question on several topics is not a label, it says whose point it is;
- ``duplicate``: a key point said again, or whose words all sit inside another one;
- ``no-answer``: the model answer only leads into a list ("Where X is better:");
- ``gives-away``: a key point the question already says word for word (unless the question offers
  it as one of its choices).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.practice.bank import strip_prefix, verdict
from knowledge.model import KnowledgeBase, Question

_ROW_LABEL = (
    re.compile(r"^How does .+ (?:handle|deal with|do) [^?]+\?$", re.IGNORECASE),
    re.compile(r"^Compare .+ (?:for|on) [^?.:]+\.$", re.IGNORECASE),
)
_BARE_HEADING_WORDS = 3
_LABELLED = re.compile(r"^\s*[^:;.]{1,40}:\s*[^.;\s][^.;]*$")  # "Label: cell" with no sentence around it
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Finding:
    question_id: str
    rule: str
    reason: str

    def __str__(self) -> str:
        return f"{self.question_id}: {self.rule}: {self.reason}"


def lint(questions: Iterable[Question], kb: KnowledgeBase | None = None) -> list[Finding]:
    names = _topic_names(kb)
    return [finding for question in questions for finding in lint_question(question, names)]


def lint_question(question: Question, topic_names: frozenset[str] = frozenset()) -> list[Finding]:
    found: list[Finding] = []

    def flag(rule: str, reason: str) -> None:
        found.append(Finding(question.id, rule, reason))

    text = question.text.strip()
    if any(p.match(text) for p in _ROW_LABEL):
        flag("row-label", f"asks about the table's row label, not the thing: {text!r}")
    elif text.endswith("?") and len(_words(text)) <= _BARE_HEADING_WORDS:
        flag("row-label", f"a bare heading, not a question: {text!r}")
    if question.model_answer.rstrip().endswith(":"):
        flag(
            "no-answer",
            f"the model answer only leads into a list it does not hold: {question.model_answer!r}",
        )
    elif _raw_cells(question.model_answer):
        flag("raw-cell", f"the model answer is table cells, not sentences: {question.model_answer!r}")
    multi = len(question.topics) > 1
    seen: list[tuple[str, ...]] = []
    for point in question.key_points:
        mark = verdict(_after_name(point, topic_names))
        if mark == "no":
            flag("mark-only", f"key point {point!r}: the honest answer is 'it doesn't'")
        elif mark == "code":
            flag("mark-only", f"key point {point!r} is a code from the table's legend, not an answer")
        elif mark is not None:
            flag("mark-only", f"key point {point!r} is only a table mark")
        keep = topic_names if multi else frozenset()
        if strip_prefix(point, keep) != point:
            flag("prefixed", f"key point {point!r} starts with a label")
        words = _words(point)
        if any(words == other or set(words) <= set(other) for other in seen) or any(
            set(words) < set(_words(other)) for other in question.key_points if other != point
        ):
            flag("duplicate", f"key point {point!r} repeats another one")
        seen.append(words)
        if len(words) >= 2 and _inside(words, _words(text)) and not _is_choice(point, text, topic_names):
            flag("gives-away", f"the question already says key point {point!r}")
    return found


def _raw_cells(model: str) -> bool:
    """ "A: x; B: y." or "Topic, label: cell." — every part a label and a cell."""
    parts = [p for p in re.split(r";\s*|\.\s+", model.strip().rstrip(".")) if p.strip()]
    return bool(parts) and all(_LABELLED.match(p) and len(p.split(":", 1)[0].split()) <= 5 for p in parts)


def _after_name(point: str, names: frozenset[str]) -> str:
    head, sep, rest = point.partition(":")
    return rest.strip() if sep and head.strip().casefold() in names else point


def _is_choice(point: str, text: str, names: frozenset[str]) -> bool:
    """A name the question offers as an option ("Of X, Y and Z, which…")."""
    return point.casefold() in names


def _inside(words: Sequence[str], text: Sequence[str]) -> bool:
    n = len(words)
    return any(tuple(text[i : i + n]) == tuple(words) for i in range(len(text) - n + 1))


def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(text.casefold()))


def _topic_names(kb: KnowledgeBase | None) -> frozenset[str]:
    if kb is None:
        return frozenset()
    return frozenset(n.casefold() for t in kb.topics.values() for n in (t.name, t.id, *t.aliases))


__all__ = ["Finding", "lint", "lint_question"]
