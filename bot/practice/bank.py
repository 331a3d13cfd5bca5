"""The question bank: interview questions generated from the knowledge base, plus the curated ones.

Generated kinds (ids are stable: they depend only on the documents):
- ``definition:<topic>``: "What is X and what is it used for?"
- ``aspect:<topic>:<aspect>``: one per descriptive comparison-table cell, asked about the thing
  ("What should someone know about deployment before choosing X?"); a bare yes/no cell asks nothing
  on its own, and a "no" only when the notes say more about it (what the limit means)
- ``compare:<a>,<b>[,...]:<aspect>``: every pair of topics, and all topics together, per table row
  of descriptive cells; a row of yes/no cells is one ``which:<aspect>`` question instead
  ("Of X, Y and Z, which offer HTTP/2 support, and which don't?")
- ``passage:<topic>:<heading>``: a section of the notes (paragraphs, bullets) about one topic
- ``use_case:<topic>`` and ``pick:<topic>`` ("When would you pick X over Y?")
- ``model_answer:<topics>``: one per model answer in the documents
Key points come from the facts, cells, use cases and passages, without label prefixes ("Gotchas: ")
and without repeats; a point about one topic in a multi-topic question starts with "Name: ", which
is how grading knows whose fact it is. Model answers are sentences, never the raw cells.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from itertools import combinations, islice

from bot.answers.wording import aspect_label, best_for_aspect, name
from knowledge.model import KnowledgeBase, Question

MAX_POINTS = 5
_TOP_LEVEL_COMMA = re.compile(r",\s*(?![^()]*\))")
_SENTENCE = re.compile(r"(?<=[.!?])\s+|;\s*|,?\s+\b(?:while|whereas)\b\s+|,\s+(?:but|so)\s+", re.IGNORECASE)
_FIRST_PERSON = re.compile(r"\b(?:I|I['’]\w+|we|my|our)\b", re.IGNORECASE)  # personal experience
_DEFINITION_CORE = re.compile(r"\bis (?:an?|the)\s+((?:\S+\s+){2}.*?|.+?)(?:,|\.(?:\s|$)|$)", re.IGNORECASE)
_RELATED_FACTS = 2
_NAMED_ALTERNATIVES = 3  # "over X or Y" up to this many, else "over the alternatives"
_CELL_WHOLE = 4  # a table cell of up to this many words is one key point, not a list


@dataclass(frozen=True)
class QuestionBank:
    questions: tuple[Question, ...]
    _by_id: dict[str, Question] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {q.id: q for q in self.questions})

    @classmethod
    def build(cls, kb: KnowledgeBase) -> QuestionBank:
        found: dict[str, Question] = {}
        for question in (*_generated(kb), *kb.questions):
            if question.key_points and question.id not in found:
                found[question.id] = question
        return cls(questions=tuple(found.values()))

    def with_imported(self, imported: Sequence[Question]) -> QuestionBank:
        """This bank plus imported questions (bot/storage/imported.py); an id already here wins."""
        extra = tuple(q for q in imported if q.key_points and q.id not in self._by_id)
        return QuestionBank(self.questions + tuple({q.id: q for q in extra}.values())) if extra else self

    def get(self, question_id: str) -> Question | None:
        return self._by_id.get(question_id)

    def filter(
        self, topics: Sequence[str] | None = None, difficulty: str | None = None, aspect: str | None = None
    ) -> list[Question]:
        """Questions on any of `topics` (all when empty), at `difficulty`, on `aspect`."""
        wanted = set(topics or ())
        return [
            q
            for q in self.questions
            if (not wanted or wanted & set(q.topics))
            and (difficulty is None or q.difficulty == difficulty)
            and (aspect is None or q.aspect == aspect)
        ]


def _generated(kb: KnowledgeBase) -> Iterator[Question]:
    for topic_id in kb.topics:
        yield _definition(kb, topic_id)
    for aspect_id in kb.table_aspects():
        for topic_id in kb.topics:
            cell = kb.cell(aspect_id, topic_id)
            if cell:
                found = _aspect(kb, topic_id, aspect_id, cell)
                if found is not None:
                    yield found
    yield from _comparisons(kb)
    for topic_id in kb.topics:
        yield _use_case(kb, topic_id)
        yield _pick(kb, topic_id)
    yield from _passage_questions(kb)
    used: set[str] = set()
    for model in kb.model_answers:
        if _clean(model.text).endswith(":"):
            continue  # a line leading into a list the notes keep elsewhere: no answer to grade against
        question = _model_answer(kb, model.text, model.topics, model.question)
        base, number = question.id, 1
        while question.id in used:
            number += 1
            question = replace(question, id=f"{base}:{number}")
        used.add(question.id)
        yield question


def _definition(kb: KnowledgeBase, topic_id: str) -> Question:
    topic = kb.topics[topic_id]
    core = _DEFINITION_CORE.search(_unquote(topic.definition))
    best = best_for_aspect(kb)
    points = [
        core.group(1) if core else "",
        *_fact_texts(kb, topic_id, "developer")[:1],
        _descriptive(kb.cell(best, topic_id) or "") if best else "",
        *_use_case_items(kb, topic_id)[:2],
    ]
    model = " ".join(p for p in (_sentences([_unquote(topic.definition)]), _sentence(kb, topic_id)) if p)
    return _question(
        kb,
        f"definition:{topic_id}",
        f"What is {topic.name} and what is it used for?",
        (topic_id,),
        None,
        "easy",
        points,
        model,
        "definition",
    )


# Cells that only say whether a topic has the thing: the honest answer to "how does X do it" is "it doesn't".
_NO = frozenset(
    {
        "no",
        "none",
        "n/a",
        "na",
        "-",
        "—",
        "–",
        "✗",
        "✘",
        "❌",
        "×",
        "x",
        "false",
        "not supported",
        "unsupported",
    }
)
_YES = frozenset({"yes", "y", "✓", "✔", "✔️", "✅", "true", "supported"})
_UNKNOWN = frozenset({"?", "??", "tbd", "unknown", "␀", "", "n/k"})
# A letter code explained in the table's legend ("R", "R/W", "DR/W"): not an answer on its own.
_LEGEND_CODE = re.compile(r"^(?:[A-Z]|[A-Z]{1,2}(?:/[A-Z]{1,2})+)$")
_PARTLY = frozenset({"partly", "partial", "partially", "some", "limited", "~"})


def verdict(cell: str) -> str | None:
    """ "yes", "no" or "unknown" for a cell that only marks presence, None for a descriptive one."""
    text = _clean(cell).strip(" .!").casefold()
    if text in _NO:
        return "no"
    if text in _YES:
        return "yes"
    if text in _UNKNOWN:
        return "unknown"
    if text in _PARTLY:
        return "partly"
    if _LEGEND_CODE.match(_clean(cell)):
        return "code"
    return None


_ASPECT_FRAMES = (
    "What should someone know about {label} before choosing {topic}?",
    "If your team were weighing {topic}, what would you say about its {label}?",
    "Where does {topic} stand on {label}, and what does that mean in practice?",
)


def _aspect(kb: KnowledgeBase, topic_id: str, aspect_id: str, cell: str) -> Question | None:
    label = _lower(aspect_label(kb, aspect_id))
    topic = name(kb, topic_id)
    related = _related_facts(kb, topic_id, aspect_id, label)
    marked = verdict(cell)
    if marked is not None:
        # A bare mark asks nothing a person would (the "which" question covers it); a "no" is asked
        # only when the notes make it the point (they say more about the limit).
        if marked in ("unknown", "code") or not related:
            return None
        if marked == "no":
            text = f"What are {topic}'s limits when it comes to {label}, and how would you work around them?"
            opening = f"{topic} does not offer {label}."
        else:
            text = _frame(aspect_id).format(label=label, topic=topic)
            opening = f"{topic} offers {label}{' only in part' if marked == 'partly' else ''}."
        return _question(
            kb,
            f"aspect:{topic_id}:{aspect_id}",
            text,
            (topic_id,),
            aspect_id,
            "medium",
            related,
            opening + " " + _sentences(related),
            "aspect",
        )
    if aspect_id == best_for_aspect(kb):
        text = f"What is {topic} best for?"
    else:
        text = _frame(aspect_id).format(label=label, topic=topic)
    if aspect_id == best_for_aspect(kb):
        model = f"{topic} is best for {_lower_first(_clean(cell))}. " + _sentences(related)
    else:
        model = f"On {label}, {_cell_clause(topic, cell)}. " + _sentences(related)
    return _question(
        kb,
        f"aspect:{topic_id}:{aspect_id}",
        text,
        (topic_id,),
        aspect_id,
        "medium",
        [*_split(cell, _CELL_WHOLE), *related],
        model,
        "aspect",
    )


def _frame(aspect_id: str) -> str:
    return _ASPECT_FRAMES[zlib.crc32(aspect_id.encode()) % len(_ASPECT_FRAMES)]


_MAX_COMPARED = 8  # topics per aspect paired in comparison questions


def _comparisons(kb: KnowledgeBase) -> Iterator[Question]:
    best = best_for_aspect(kb)
    order = {t: i for i, t in enumerate(kb.topics)}
    having: dict[str, list[str]] = {}
    for aspect_id, topic_id in kb.cells:
        if topic_id in order:
            having.setdefault(aspect_id, []).append(topic_id)
    for aspect_id in kb.table_aspects():
        label = _lower(aspect_label(kb, aspect_id))
        present = sorted(having.get(aspect_id, []), key=order.__getitem__)
        marks = {t: verdict(kb.cell(aspect_id, t) or "") for t in present}
        if any(m is not None for m in marks.values()):
            found = _which(kb, aspect_id, label, [t for t in present if marks[t] in ("yes", "no")], marks)
            if found is not None:
                yield found
            present = [t for t in present if marks[t] is None]
        # pairs among the first topics that have this cell (bounded: a 5,000-column table is not 12M pairs)
        topic_ids = present[:_MAX_COMPARED]
        groups = [list(pair) for pair in combinations(topic_ids, 2)]
        if 2 < len(topic_ids) == len(kb.topics):
            groups.append(topic_ids)
        for group in groups:
            names = _names(kb, group)
            text = (
                f"Compare {names}: when would you pick each?"
                if aspect_id == best
                else f"How do {names} differ on {label}, and when would that decide it for you?"
            )
            cells = [(name(kb, t), _clean(kb.cell(aspect_id, t) or "")) for t in group]
            clauses = [_cell_clause(n, c) for n, c in cells]
            if aspect_id == best:
                clauses = [f"{n} for {_lower_first(c)}" for n, c in cells]
                model = "Pick " + _names_list(clauses, "and") + "."
            else:
                model = f"On {label}, " + _names_list(clauses, "while") + "."
            yield _question(
                kb,
                f"compare:{','.join(sorted(group))}:{aspect_id}",
                text,
                tuple(group),
                aspect_id,
                "medium" if len(group) == 2 else "hard",
                [f"{n}: {c}" for n, c in cells],
                model,
                "compare",
            )


def _which(
    kb: KnowledgeBase, aspect_id: str, label: str, marked: list[str], marks: dict[str, str | None]
) -> Question | None:
    """ "Of X, Y and Z, which offer L?" over a row of yes/no cells that is not all the same."""
    group = marked[:_MAX_COMPARED]
    have = [t for t in group if marks[t] == "yes"]
    lack = [t for t in group if marks[t] == "no"]
    if not have or not lack:
        return None
    text = f"Of {_names(kb, group, 'and')}, which offer “{label}”, and which don't?"
    model = (
        f"{_names(kb, have)} {'offers' if len(have) == 1 else 'offer'} {label}; "
        f"{_names(kb, lack)} {'does' if len(lack) == 1 else 'do'} not."
    )
    return _question(
        kb,
        f"which:{aspect_id}",
        text,
        tuple(group),
        aspect_id,
        "medium",
        [name(kb, t) for t in have],
        model,
        "compare",
        choice=True,
    )


def _use_case(kb: KnowledgeBase, topic_id: str) -> Question:
    items = _use_case_items(kb, topic_id)
    model = f"{name(kb, topic_id)} is typically used for {_names_list(items)}." if items else ""
    return _question(
        kb,
        f"use_case:{topic_id}",
        f"What are typical use cases for {name(kb, topic_id)}?",
        (topic_id,),
        "use_cases",
        "easy",
        items[:MAX_POINTS],
        model,
        "use_case",
    )


def _pick(kb: KnowledgeBase, topic_id: str) -> Question:
    named = len(kb.topics) <= _NAMED_ALTERNATIVES + 1  # else no need to list them (linear per topic)
    others = (
        [t for t in kb.topics if t != topic_id] if named else list(islice(kb.topics, _NAMED_ALTERNATIVES + 1))
    )
    best = best_for_aspect(kb)
    points = [
        *(_split(_descriptive(kb.cell(best, topic_id) or ""), _CELL_WHOLE) if best else []),
        *_use_case_items(kb, topic_id)[:2],
    ]
    over = _names(kb, others, "or") if 0 < len(others) <= _NAMED_ALTERNATIVES else "the alternatives"
    text = f"When would you pick {name(kb, topic_id)} over {over}?"
    return _question(
        kb, f"pick:{topic_id}", text, (topic_id,), best, "medium", points, _sentence(kb, topic_id), "pick"
    )


_PASSAGE_KINDS = ("paragraph", "bullet")
_BACK_MATTER = re.compile(
    r"^\W*(?:sources?|source\(s\)|further reading|references?|see also|links?|credits|licen[cs]e|"
    r"changelog|contents|table of contents)\b",
    re.IGNORECASE,
)
_HEADING_PAIR = re.compile(r"^([^:]{2,40}):\s+(.+)$")
_MAX_PASSAGE_QUESTIONS = 3  # per topic
_PASSAGE_WORDS = 4  # shorter lines are captions ("In plain words"), not points


def _passage_questions(kb: KnowledgeBase) -> Iterator[Question]:
    """A section of the notes about one topic (two or more paragraphs or bullets under one heading)."""
    for topic_id in kb.topics:
        sections: dict[str, list[str]] = {}
        for passage in kb.passages_for(topic_id):
            if passage.kind not in _PASSAGE_KINDS or not passage.heading_path or not passage.topics:
                continue
            if passage.topics[0] != topic_id:
                continue
            heading = _clean(passage.heading_path[-1]).rstrip(":")
            if heading and not _BACK_MATTER.search(heading) and not heading.endswith("?"):
                sections.setdefault(heading, []).append(passage.text)
        made = 0
        for heading, texts in sections.items():
            if made >= _MAX_PASSAGE_QUESTIONS:
                break
            texts = [
                t for t in texts if len(t.split()) >= _PASSAGE_WORDS and not t.rstrip().endswith((":", "?"))
            ]
            points = [
                c
                for t in texts
                for c in islice(_clauses(t), 1)
                if len(c.split()) >= _PASSAGE_WORDS and not _FIRST_PERSON.search(c)
            ]
            if len(dict.fromkeys(points)) < 2:
                continue
            made += 1
            yield _question(
                kb,
                f"passage:{topic_id}:{_slug(heading)}",
                _section_question(kb, topic_id, heading),
                (topic_id,),
                None,
                "medium",
                points,
                _sentences(texts[:4]),
                "passage",
            )


def _section_question(kb: KnowledgeBase, topic_id: str, heading: str) -> str:
    topic = name(kb, topic_id)
    pair = _HEADING_PAIR.match(heading)
    if pair:
        return f"What are the {_lower(pair.group(1))} of {pair.group(2)}?"
    if topic.casefold() in heading.casefold() or heading.casefold() in (
        a.casefold() for a in kb.topics[topic_id].aliases
    ):
        return f"Talk me through {topic}: what matters most, and why?"
    if len(heading.split()) == 1:
        return f"Talk me through the {_lower(heading)} of {topic}: what matters most?"
    return f"What does “{heading}” involve for {topic}, and why does it matter?"


def _model_answer(kb: KnowledgeBase, text: str, topics: tuple[str, ...], asked: str) -> Question:
    topic_ids = tuple(t for t in topics if t in kb.topics) or tuple(kb.topics)
    points = [c for c in _clauses(_unquote(text)) if not _FIRST_PERSON.search(c) and len(c.split()) >= 3]
    asked = _clean(asked)
    if asked and len(asked.rstrip("?").split()) <= 3:  # a heading such as "Data Classes?"
        asked = (
            f"What would you say about {asked.rstrip('?: ')}, and how does it compare with the alternatives?"
        )
    question_text = asked or f"In an interview, how would you sum up {_names(kb, list(topic_ids))}?"
    return _question(
        kb,
        f"model_answer:{','.join(sorted(topic_ids))}",
        question_text,
        topic_ids,
        None,
        "hard",
        points,
        _unquote(text),
        "model_answer",
    )


def _question(
    kb: KnowledgeBase,
    qid: str,
    text: str,
    topics: tuple[str, ...],
    aspect: str | None,
    difficulty: str,
    points: Sequence[str],
    model: str,
    kind: str,
    *,
    choice: bool = False,
) -> Question:
    """`choice`: the key points are among the options the question names (kept though it says them)."""
    return Question(
        id=qid,
        text=text,
        topics=topics,
        aspect=aspect,
        difficulty=difficulty,
        key_points=tuple(key_points(points, "" if choice else text, _topic_names(kb))[:MAX_POINTS]),
        model_answer=_clean(model),
        kind=kind,
    )


_PREFIX = re.compile(r"^\s*([A-Z][\w()/'’ -]{0,30}?)\s*:\s+(?=\S)")
_WORD = re.compile(r"\w+")


def strip_prefix(point: str, keep: frozenset[str] = frozenset()) -> str:
    """ "Gotchas: no built-in…" -> "no built-in…"; a prefix naming a topic (in `keep`) stays."""
    found = _PREFIX.match(point)
    if found is None or len(found.group(1).split()) > 3 or found.group(1).casefold() in keep:
        return point
    return point[found.end() :]


def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(text.casefold()))


def key_points(points: Sequence[str], question: str = "", keep: frozenset[str] = frozenset()) -> list[str]:
    """Cleaned key points: no label prefix, no mark-only cell, none the question already says, no
    repeat (a point whose words all appear in a longer one goes)."""
    asked = " " + " ".join(_words(question)) + " "
    cleaned: list[str] = []
    for point in points:
        text = strip_prefix(_clean(point), keep).strip()
        words = _words(text)
        if not words or verdict(text) is not None or f" {' '.join(words)} " in asked:
            continue
        cleaned.append(text)
    kept: list[str] = []
    for i, text in enumerate(cleaned):
        mine = set(_words(text))
        if any(
            mine <= set(_words(other)) and (len(_words(other)) > len(mine) or j < i)
            for j, other in enumerate(cleaned)
            if j != i
        ):
            continue
        kept.append(text)
    return kept


def _topic_names(kb: KnowledgeBase) -> frozenset[str]:
    def compute() -> frozenset[str]:
        return frozenset(
            n.casefold() for topic in kb.topics.values() for n in (topic.name, topic.id, *topic.aliases)
        )

    return kb.memo("bank:topic-names", compute)


def _related_facts(kb: KnowledgeBase, topic_id: str, aspect_id: str, label: str) -> list[str]:
    """Facts of this topic filed under the aspect, or whose words start like the aspect's label."""
    stems = {w[:5].lower() for w in re.findall(r"[A-Za-z]{4,}", label)}
    found = [f.text for f in kb.facts_for(topic_id, aspect_id)]
    for fact in kb.facts_for(topic_id):
        words = {w[:5].lower() for w in re.findall(r"[A-Za-z]{4,}", fact.text)}
        if fact.text not in found and stems & words:
            found.append(fact.text)
    return found[:_RELATED_FACTS]


def _fact_texts(kb: KnowledgeBase, topic_id: str, aspect_id: str) -> list[str]:
    return [f.text for f in kb.facts_for(topic_id, aspect_id)]


def _use_case_items(kb: KnowledgeBase, topic_id: str) -> list[str]:
    return [item for case in kb.use_cases_for(topic_id) for item in _split(case.text)]


def _sentence(kb: KnowledgeBase, topic_id: str) -> str:
    best = best_for_aspect(kb)
    cell = _descriptive(kb.cell(best, topic_id) or "") if best else ""
    items = _use_case_items(kb, topic_id)
    parts = [
        f"{name(kb, topic_id)} is best for {_lower_first(cell)}." if cell else "",
        f"Typical uses include {_names_list(items)}." if items else "",
    ]
    return " ".join(p for p in parts if p)


def _descriptive(cell: str) -> str:
    return "" if verdict(cell) is not None else _clean(cell)


def _cell_clause(topic: str, cell: str) -> str:
    """A cell as a clause: "Lens is very high", "Inkwell offers Quill and Nib"."""
    items = _split(cell, 1)
    if len(items) > 1:
        return f"{topic} offers {_names_list(items)}"
    return f"{topic} is {_lower_first(_clean(cell))}"


def _lower_first(text: str) -> str:
    """ "Very High" -> "very high"; acronyms and names with inner capitals ("QL Lite", "HTTP") stay.
    Past the first word only a short cell is lowered (a longer one may hold proper names)."""
    words = text.split(" ")
    short = len(words) <= _CELL_WHOLE
    return " ".join(
        w[:1].lower() + w[1:]
        if (i == 0 or short) and w[:1].isupper() and w[1:].islower() and w.isalpha()
        else w
        for i, w in enumerate(words)
    )


def _names_list(items: Sequence[str], conjunction: str = "and") -> str:
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    if conjunction == "while":
        return ", ".join(items[:-1]) + ", while " + items[-1]
    return ", ".join(items[:-1]) + f" {conjunction} " + items[-1]


def _clauses(text: str) -> list[str]:
    return [c.strip(" “”\"'.") for c in _SENTENCE.split(text) if c.strip(" “”\"'.")]


def _sentences(texts: Sequence[str]) -> str:
    """Texts as sentences: a capital first letter and a full stop each."""
    out = []
    for text in texts:
        text = _labelled_sentence(_clean(text).rstrip(":;, "))
        if text:
            out.append(text[:1].upper() + text[1:] + ("" if text[-1] in ".!?" else "."))
    return " ".join(out)


_LINKING = frozenset({"by", "in", "for", "with", "on", "at", "from", "of", "to", "via", "as"})


def _labelled_sentence(text: str) -> str:
    """ "Governance: the X Foundation" -> "Governance is the X Foundation"; "Developed by: Meta" ->
    "Developed by Meta"; "Gotchas: no network" -> "Gotchas include no network"."""
    found = _PREFIX.match(text)
    if found is None or len(found.group(1).split()) > 3:
        return text
    label, rest = found.group(1).strip(), text[found.end() :]
    last = label.split()[-1].casefold()
    if last in _LINKING:
        return f"{label} {rest}"
    if last.endswith("s") and not last.endswith("ss") and len(last) > 3:
        return f"{label} include {rest}"
    return f"{label} is {rest}"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")[:60] or "section"


def _split(text: str, min_words: int = 0) -> list[str]:
    """A list-like text as its items; texts of up to `min_words` words stay whole."""
    text = _clean(text)
    if len(text.split()) <= min_words:
        return [text] if text else []
    return [
        part.strip()
        for part in _TOP_LEVEL_COMMA.split(text)
        if len(part.strip()) > 1 and part.strip().lower() not in ("etc", "etc.")
    ]


def _names(kb: KnowledgeBase, topic_ids: Sequence[str], conjunction: str = "and") -> str:
    names = [name(kb, t) for t in topic_ids]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" {conjunction} " + names[-1]


def _lower(label: str) -> str:
    """ "Ease of Use" -> "ease of use", keeping acronyms: "API Type" -> "API type"."""
    return " ".join(w if w.isupper() and len(w) > 1 else w.lower() for w in label.split())


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("`", "").replace("**", "")).strip()


def _unquote(text: str) -> str:
    return _clean(text).strip("“”\"' ")


__all__ = ["QuestionBank", "key_points", "strip_prefix", "verdict"]
