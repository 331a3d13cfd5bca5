"""Parsed documents -> topics, aspects, facts, table cells, use cases and model answers.

Works over all documents of a folder at once, since the comparison table may live in a different
document from the topic sections. Every problem is collected with file and line; nothing raises.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from knowledge.facts import KEY_ASPECTS, description_phrases, shared_keys, split_key, topic_facts
from knowledge.marks import cell_marks, footnotes, read_marks, strip_footnotes
from knowledge.model import BUILTIN_ASPECTS, Aspect, Cell, Fact, ModelAnswer, Passage, Source, Topic, UseCase
from knowledge.names import clean_title, key_of, name_variants, slug, snake, split_alias, unquote
from knowledge.parse import Block, Bullet, Section, Table
from knowledge.passages import EXAMPLE_LEAD, PLAIN_LEAD, heading_paths, is_lead_in
from knowledge.problems import Problem
from knowledge.subject import is_question, prose_subject, question_topics, rival_sections, versus_subject

_USE_CASES = re.compile(r"\buse[\s_-]*cases?\b|\bapplications\b|\bwhen to use\b", re.IGNORECASE)
_ANSWER = re.compile(r"\b(?:answer|interview|summary)\b", re.IGNORECASE)
_QUESTION = re.compile(r"^(?:question|q)\s*[:.]\s*", re.IGNORECASE)
BUILTIN_LABELS = {
    "developer": "Developer",
    "language": "Language",
    "features": "Features",
    "use_cases": "Use cases",
}


@dataclass(slots=True)
class Document:
    path: str
    sections: list[Section]
    title: str = ""  # front matter `title:`
    raw: str = ""  # the markdown, for the name its prose keeps using


@dataclass(slots=True)
class Extracted:
    topics: dict[str, Topic] = field(default_factory=dict)
    aspects: dict[str, Aspect] = field(default_factory=dict)
    facts: list[Fact] = field(default_factory=list)
    cells: dict[tuple[str, str], Cell] = field(default_factory=dict)
    use_cases: list[UseCase] = field(default_factory=list)
    model_answers: list[ModelAnswer] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)  # key_of(name or alias) -> topic id
    section_topics: dict[int, str] = field(default_factory=dict)  # id(section) -> its topic id
    cell_passages: list[Passage] = field(default_factory=list)  # table cells with row/column topic
    subjects: dict[str, str] = field(default_factory=dict)  # document path -> its subject topic id
    table_notes: list[str] = field(default_factory=list)  # how each table was read, for `kb check`
    row_topics: set[str] = field(default_factory=set)  # topics that are rows of a tools-as-rows table
    sections_at: dict[tuple[str, str], int] = field(
        default_factory=dict
    )  # (path, topic id) -> its section's line
    warnings: list[Problem] = field(
        default_factory=list
    )  # looks wrong but was read: `kb check` shows, does not fail

    def find(self, name: str) -> str | None:
        return self.names.get(key_of(clean_title(name)))


def extract(documents: list[Document]) -> Extracted:
    out = Extracted(aspects={a: Aspect(a, BUILTIN_LABELS[a]) for a in BUILTIN_ASPECTS})
    heads = {key: path for doc in documents for key, path in heading_paths(doc.sections).items()}
    plain = {id(t) for doc in documents for t in _data_tables(doc)}
    tables = [
        (doc.path, t, heads[id(s)])
        for doc in documents
        for s in doc.sections
        for t in s.tables
        if _is_comparison(t) and id(t) not in plain
    ]
    notes = {id(t): _table_notes(s, t) for doc in documents for s in doc.sections for t in s.tables}
    columns = {key_of(name) for _path, table, _head in tables for name in _tool_names(table)}
    rows = {snake(label) for _path, t, _head in tables for label in _aspect_labels(t)}
    folded: dict[int, int] = {}  # sub-section id -> the topic section it is read as part of
    found = [
        (doc.path, section, bullets, name)
        for doc in documents
        for section, bullets, name in _topic_sections(
            doc.sections, columns, bool(tables), folded, _forced(doc, plain)
        )
    ]
    keys = {} if tables else shared_keys(bullets for _path, _section, bullets, _name in found)
    for aspect_id, label in keys.items():
        out.aspects.setdefault(aspect_id, Aspect(aspect_id, label))
    for path, section, bullets, name in found:
        topic_id = _add_topic(out, path, section, bullets, rows | set(keys), columns, name)
        if topic_id:
            out.section_topics[id(section)] = topic_id
    for child, parent in folded.items():
        if parent in out.section_topics:
            out.section_topics[child] = out.section_topics[parent]
    for path, table, head in tables:
        _add_table(out, path, table, head, notes[id(table)])
    for doc in documents:
        _add_defined_terms(out, doc)
        _add_question_topics(out, doc)
        _add_subject(out, doc)
        for section in doc.sections:
            if id(section) not in folded:
                _add_other(out, doc.path, section)
    _warn_empty(out)
    for doc in documents:
        _warn_layout(out, doc)
    return out


def _warn_layout(out: Extracted, doc: Document) -> None:
    """Warnings where the result looks wrong: a "X vs Y" heading read as a plain section, a table
    whose row labels look like names but were read as aspects."""
    rivals = rival_sections(doc.sections)
    for section in doc.sections:
        title = clean_title(section.title)
        if _VERSUS.match(title) and id(section) not in rivals:
            out.warnings.append(
                Problem(
                    doc.path,
                    section.line,
                    (
                        f"heading {title!r} looks like 'X vs Y': read as a section about "
                        f"{topic_title(title)!r}; write two or more 'Subject vs. Rival' headings to make the "
                        "subject a topic"
                    ),
                )
            )
        for table in section.tables:
            if not _is_comparison(table) or _tools_as_rows(table):
                continue
            labels = [clean_title(r.cells[0]) for r in table.rows if r.cells]
            named = [label for label in labels if _looks_like_name(label)]
            if len(labels) >= 3 and len(named) >= 0.8 * len(labels):
                out.warnings.append(
                    Problem(
                        doc.path,
                        table.line,
                        (
                            f"the table's row labels look like names ({', '.join(named[:3])}, ...) but were "
                            "read as aspects; if each row is a tool, write 'Name' (or 'Tool') in the first "
                            "header cell"
                        ),
                    )
                )


def _looks_like_name(label: str) -> bool:
    """One or two words shaped like product names: inner capitals, digits or caps ("pCloud", "B2", "AWS")."""
    words = label.split()
    return 0 < len(words) <= 2 and all(_NAME_SHAPE.fullmatch(w) for w in words)


_NAME_SHAPE = re.compile(r"[A-Za-z]*[a-z][A-Z][\w.-]*|[\w.-]*\d[\w.-]*|[A-Z]{2,}[\w.-]*")


def _forced(doc: Document, plain: set[int] | None = None) -> dict[int, str | None]:
    """id(section) -> the topic name of sections that are topics whatever their first sentence says
    (None: the heading's own name): one per rival ("Prometheus vs. X", "… X?"), a heading naming a
    column or row label of the document's own comparison table ("ModTime" explaining the column),
    and a question heading that asks about one thing ("What is X?")."""
    forced: dict[int, str | None] = dict.fromkeys(rival_sections(doc.sections))
    plain = {id(t) for t in _data_tables(doc)} if plain is None else plain
    labels = {
        key_of(label)
        for s in doc.sections
        for t in s.tables
        if _is_comparison(t) and id(t) not in plain
        for label in _aspect_labels(t)
    }
    recurring = _recurring_titles(doc.sections)
    for section in doc.sections:
        key = key_of(clean_title(section.title))
        if (
            key in labels
            and key not in recurring
            and section.paragraphs
            and not any(_is_comparison(t) for t in section.tables)
        ):
            forced.setdefault(id(section), None)
        elif is_question(section.title):
            names = question_topics(section.title, section.codes)
            if len(names) == 1:
                forced[id(section)] = names[0]
    return forced


def _add_defined_terms(out: Extracted, doc: Document) -> None:
    """A paragraph opening with a bold term it defines ("**X** is ...") makes X a topic."""
    for section in doc.sections:
        for block in section.paragraphs:
            term = clean_title(block.term)
            if term and len(term.split()) <= 4 and not out.find(term) and slug(term):
                topic_id = slug(term)
                definition = unquote(" ".join(block.text.split()))
                out.topics[topic_id] = Topic(topic_id, term, (), definition, (), Source(doc.path, block.line))
                out.names.setdefault(key_of(term), topic_id)


def _add_question_topics(out: Extracted, doc: Document) -> None:
    """A question comparing several things ("the difference between `a`, `b` and `c`") makes each a topic."""
    for section in doc.sections:
        if not is_question(section.title):
            continue
        names = question_topics(section.title, section.codes)
        for name in names if len(names) > 1 else ():
            _table_topic(out, doc.path, name, section.line)


def _add_subject(out: Extracted, doc: Document) -> None:
    """The document's own subject is a topic even without a section: the constant side of its
    "X vs. Y" headings, a short name-like title, or the name its prose keeps using."""
    title = doc.title or next((clean_title(s.title) for s in doc.sections if s.level == 1), "")
    own = {out.section_topics[id(s)] for s in doc.sections if id(s) in out.section_topics}
    name = versus_subject(doc.sections) or (
        title
        if title
        and len(title.split()) <= 2
        and _name_like(title)
        and not is_question(title + "?")
        and not re.match(r"^(?:why|what|how|when)\b", title, re.IGNORECASE)
        else None
    )
    if not name:
        name = prose_subject(doc.raw, doc.sections)
        if name and out.find(name) in own:  # it has a section here: one topic among others
            return
    if not name:
        return
    topic_id = out.find(name)
    if topic_id is None:
        topic_id = slug(name)
        if not topic_id or topic_id in out.topics:
            return
        needle = f" {key_of(name)} "
        definition = next(
            (
                unquote(" ".join(b.text.split()))
                for s in doc.sections
                for b in (*s.quotes, *s.paragraphs)
                if needle in f" {key_of(b.text)} "
            ),
            "",
        )
        first = _first_sentence(definition, name)
        out.topics[topic_id] = Topic(topic_id, name, (), first, (), Source(doc.path, None))
        out.names.setdefault(key_of(name), topic_id)
    out.subjects[doc.path] = topic_id


def _first_sentence(text: str, name: str) -> str:
    """The sentence of `text` that names `name`, as a definition."""
    needle = f" {key_of(name)} "
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        if needle in f" {key_of(sentence)} ":
            return sentence
    return text


def _warn_empty(out: Extracted) -> None:
    """A topic with no definition, facts or table cells usually means its section was not recognised
    (a warning: it was read, and may still have passages)."""
    with_facts = {fact.topic for fact in out.facts} | out.row_topics
    for topic in out.topics.values():
        if not topic.definition and topic.id not in with_facts:
            where = topic.source or Source("", None)
            out.warnings.append(
                Problem(
                    where.path,
                    where.line,
                    (
                        f"topic {topic.name!r} has no definition and no facts: give it a heading whose first "
                        f'paragraph or quote starts with its name or an alias ("{topic.name} is ...")'
                    ),
                )
            )


def _topic_sections(
    sections: list[Section],
    columns: set[str],
    have_table: bool,
    folded: dict[int, int],
    forced: dict[int, str | None],
) -> list[tuple[Section, list[Bullet], str | None]]:
    """Topic sections with their bullets, "Key: value" paragraph lines, and deeper sub-sections
    ("### Features" under "## X") folded in as keyed bullets; with the topic name where the heading
    is a question about it."""
    found: list[tuple[Section, list[Bullet], str | None]] = []
    current: tuple[Section, list[Bullet], str | None] | None = None
    recurring = _recurring_titles(sections)
    templated = _templated_children(sections, recurring)
    title = next(
        (s for s in sections if s.title), None
    )  # a document's title names its subject, not a section topic
    for section in sections:
        if section is title and section.level == 1 and not _is_named_topic(section, columns):
            current = None
            continue
        kind = _kind(section)
        deeper = current is not None and section.level > current[0].level
        if id(section) in forced and kind in ("topic", "table", "answer"):
            current = (section, [*section.bullets, *_key_lines(section)], forced[id(section)])
            found.append(current)
            if is_question(section.title):
                current = None  # its sub-headings ("References") are not facts about the topic
        elif is_question(section.title):
            current = None
        elif (
            kind == "topic"
            and not (deeper and id(section) in templated)
            and (
                _is_named_topic(section, columns)
                or (
                    _is_mentioned_topic(section, recurring)
                    and (not deeper or _name_like(section.title) or bool(section.paragraphs))
                )
                or (
                    not deeper
                    and not have_table
                    and key_of(clean_title(section.title)) not in recurring
                    and (section.bullets or _key_lines(section))
                )
            )
        ):
            current = (section, [*section.bullets, *_key_lines(section)], None)
            found.append(current)
        elif current and deeper:
            if kind in ("topic", "use_cases"):
                current[1].append(_as_bullet(section))
                folded[id(section)] = id(current[0])
        else:
            current = None
    return found


_VERSUS = re.compile(r"^(?P<x>.+?)\s+(?:vs\.?|versus|compared (?:to|with))\s+(?P<y>.+)$", re.IGNORECASE)
_WHY_NOT = re.compile(r"^(?:why not|what about|how about)\s+", re.IGNORECASE)
_MAX_NAME_WORDS = 5


def topic_title(title: str) -> str:
    """The name a heading gives its section: "Prometheus vs. Graphite" -> "Graphite" (the section is
    about the second, compared with the subject), "… Data Classes?" -> "Data Classes"."""
    text = clean_title(title).rstrip("?").strip()
    text = _WHY_NOT.sub("", text)
    found = _VERSUS.match(text)
    return clean_title(found["y"]) if found else clean_title(text)


def _recurring_titles(sections: list[Section]) -> set[str]:
    """Headings written two or more times in a document ("Summary", "Storage"): aspects, not topics;
    so is a heading whose "Label:" lead repeats ("Source(s) and further reading: NoSQL" beside
    "Source(s) and further reading: sharding")."""
    seen: dict[str, int] = {}
    leads: dict[str, list[str]] = {}
    for section in sections:
        title = clean_title(section.title)
        key = key_of(title)
        seen[key] = seen.get(key, 0) + 1
        lead, colon, rest = title.partition(":")
        if colon and rest.strip() and key_of(lead):
            leads.setdefault(key_of(lead), []).append(key)
    repeated = {key for keys in leads.values() if len(keys) > 1 for key in keys}
    return {key for key, count in seen.items() if count > 1} | repeated


def _templated_children(sections: list[Section], recurring: set[str]) -> set[int]:
    """id() of sub-sections under a parent whose sub-headings mostly repeat across the document
    ("Scope", "Storage", "Summary" under each rival): there a heading written once ("Data model /
    storage") is one more aspect of the parent, not a topic."""
    found: set[int] = set()
    stack: list[tuple[Section, list[Section]]] = []
    groups: list[list[Section]] = []
    for section in sections:
        while stack and stack[-1][0].level >= section.level:
            stack.pop()
        if stack:
            stack[-1][1].append(section)
        children: list[Section] = []
        groups.append(children)
        stack.append((section, children))
    for children in groups:
        repeated = sum(key_of(clean_title(c.title)) in recurring for c in children)
        if len(children) >= 3 and repeated >= 2 and repeated * 2 >= len(children):
            found.update(id(c) for c in children)
    return found


def _name_like(title: str) -> bool:
    """Every word of the heading's name capitalised or code-like ("Factory Method", "DirMove")."""
    words = [w for w in re.findall(r"[^\W_][\w'-]*", topic_title(title)) if len(w) > 3 or w[0].isupper()]
    return bool(words) and all(w[0].isupper() or any(c.isupper() or c.isdigit() for c in w) for w in words)


def _is_mentioned_topic(section: Section, recurring: set[str]) -> bool:
    """A name-like heading (a few words, not a sentence or an aspect label) whose section's text
    names it, or a word of it: "Lucene" over "Apache Lucene is ...", "Bleve & Tantivy"."""
    if key_of(clean_title(section.title)) in recurring or snake(section.title) in KEY_ASPECTS:
        return False
    name, aliases = split_alias(topic_title(section.title))
    words = key_of(name).split()
    if not words or len(words) > _MAX_NAME_WORDS or name.endswith((".", ":")):
        return False
    said = " ".join(
        [
            *(b.text for b in section.quotes),
            *(b.text for b in section.paragraphs),
            *(b.text for b in section.bullets[:5]),
        ]
    )[:4000]
    body = " " + key_of(re.sub(r"\S+://\S+", " ", said)) + " "  # a link's words do not name it
    if not body.strip():
        return False
    variants = [key_of(v) for v in (name, *aliases)] + [w for w in words if len(w) > 3]
    return any(
        f" {v} " in body or f" {v}s " in body or (v.endswith("s") and f" {v[:-1]} " in body)
        for v in variants
        if v
    )


def _key_lines(section: Section) -> list[Bullet]:
    """Paragraph lines written as "Key: value" read like bullets (the definition is not one)."""
    return [
        Bullet(text, block.line + offset)
        for block in section.paragraphs
        for offset, text in enumerate(block.text.split("\n"))
        if split_key(text)
    ]


def _as_bullet(section: Section) -> Bullet:
    """A sub-section as one keyed bullet; each paragraph one line under it (a wrapped paragraph is
    one sentence run, not a line per source line), except "Key: value" lines, one each."""
    lines: list[Bullet] = []
    for block in sorted((*section.quotes, *section.paragraphs), key=lambda b: b.line):
        rows = block.text.split("\n")
        if len(rows) > 1 and all(split_key(r) for r in rows):
            lines += [Bullet(text, block.line + offset) for offset, text in enumerate(rows)]
        else:
            lines.append(Bullet(" ".join(block.text.split()), block.line))
    return Bullet(clean_title(section.title) + ":", section.line, [*section.bullets, *lines])


def _kind(section: Section) -> str:
    if section.tables:
        return "table"
    if _USE_CASES.search(section.title):
        return "use_cases"
    if _ANSWER.search(section.title):
        return "answer"
    return "topic" if section.title else "preamble"


def _is_named_topic(section: Section, columns: set[str]) -> bool:
    """A section is a topic when the table has a column for it or its definition starts with its name
    (or an alias from its brackets, or the name without a maker word or its last words)."""
    name, aliases = split_alias(clean_title(section.title))
    return any(
        _names_it(section, variant, columns)
        for variant in name_variants(name, aliases)
        if not _names_part_of(name, variant)
    )


def _names_part_of(name: str, variant: str) -> bool:
    """ "Got plugins" is about a part of Got (the name, then lower-case words), not a topic of its
    own; "Jest Framework" and "Google BigQuery" are still names for the tool."""
    rest = name[len(variant) :].split() if name.startswith(variant) and name != variant else []
    return bool(rest) and all(w.islower() for w in rest)


def _names_it(section: Section, variant: str, columns: set[str]) -> bool:
    key = key_of(variant)
    return bool(key) and (key in columns or key_of(_definition(section)).startswith(key + " "))


_PROSE_ALIAS = re.compile(
    r"^\s*\((?:or|aka|a\.k\.a\.?|also known as|also called|formerly(?: known as)?|"
    r"short for|for short)\s+(?P<alias>[^()]{1,40})\)",
    re.IGNORECASE,
)
_OR_SHORT = re.compile(r"^\s*,\s*or\s+(?P<alias>[^,.]{1,30}?)\s+for short\b", re.IGNORECASE)


def _prose_aliases(definition: str, name: str, aliases: tuple[str, ...]) -> list[str]:
    """Aliases the definition gives right after the name: "X (or Y) ...", "X (also known as Y)",
    "X (formerly Y)", "X, or Y for short, ..."."""
    found: list[str] = []
    text = definition
    for variant in (name, *aliases):
        if key_of(text[: len(variant)]) == key_of(variant) and key_of(variant):
            rest = text[len(variant) :]
            match = _PROSE_ALIAS.match(rest) or _OR_SHORT.match(rest)
            if match:
                found.append(match["alias"].strip(" '\"*_"))
            break
    for match in re.finditer(
        r"(?:formerly(?: known as)?|originated (?:in the \d{4}s )?as|originally (?:called|named))"
        r"\s+(?P<alias>[A-Z][\w.+-]*(?:\s+[A-Z][\w.+-]*){0,2})",
        definition,
    ):
        found.append(match["alias"].rstrip("."))
    return found


def _short_names(section: Section, name: str, aliases: tuple[str, ...], columns: set[str]) -> tuple[str, ...]:
    """Shorter names the section's definition or the table uses for it when its full name and
    aliases are not: "BigQuery" for "Google BigQuery" (never "AWS" for "AWS Lambda is ...")."""
    if any(_names_it(section, v, columns) for v in (name, *aliases)):
        return ()
    return tuple(
        v
        for v in name_variants(name, aliases)[1 + len(aliases) :]
        if _names_it(section, v, columns) and not _names_part_of(name, v)
    )


def _definition(section: Section) -> str:
    if section.quotes:
        return unquote(section.quotes[0].text)
    for paragraph in section.paragraphs:
        if not split_key(paragraph.text):
            return unquote(" ".join(paragraph.text.split()))
    return ""


_IS = (
    r"(?:\s+(?:pattern|principle|method|technique|tool|library))?\s+(?:is|are|provides|ensures|lets|allows)\b"
)


def _topic_definition(section: Section, name: str) -> str:
    """The block that says what the thing IS: a quote or paragraph introduced as the plain-words
    version ("In plain words" + quote), else one saying "<name> is ...", else the first block that
    is not introduced as an example ("Real world example" + quote); else the first quote or paragraph."""
    blocks = sorted(
        [(b.line, "quote", unquote(" ".join(b.text.split()))) for b in section.quotes]
        + [(b.line, "para", unquote(" ".join(b.text.split()))) for b in section.paragraphs]
    )
    if len(blocks) < 2:
        return _definition(section)
    lead = ""
    candidates: list[tuple[int, str]] = []  # (rank, text): 0 plain words, 1 says what it is, 2 other
    says = re.compile(rf"^(?:an?\s+|the\s+)?{re.escape(name)}{_IS}", re.IGNORECASE) if name else None
    for _line, kind, text in blocks:
        if is_lead_in("paragraph" if kind == "para" else kind, text):
            lead = text  # "In plain words", "Real world example", "Wikipedia says"
            continue
        if split_key(text) and kind == "para":
            lead = ""
            continue
        if lead and PLAIN_LEAD.match(lead):
            candidates.append((0, text))
        elif lead and EXAMPLE_LEAD.search(lead):
            pass
        elif says is not None and says.match(text):
            candidates.append((1, text))
        else:
            candidates.append((2, text))
        lead = ""
    if not candidates:
        return _definition(section)
    return min(candidates, key=lambda c: c[0])[1]


def _add_topic(
    out: Extracted,
    path: str,
    section: Section,
    bullets: list[Bullet],
    rows: set[str],
    columns: set[str],
    asked: str | None = None,
) -> str | None:
    name, aliases = split_alias(asked or topic_title(section.title))
    aliases += _short_names(section, name, aliases, columns)
    topic_id = slug(name)
    if not topic_id:
        out.problems.append(Problem(path, section.line, f"heading {section.title!r} gives no topic name"))
        return None
    if topic_id in out.topics:
        first = out.topics[topic_id]
        earlier = out.sections_at.get((path, topic_id))
        if earlier is not None:
            out.problems.append(
                Problem(path, section.line, f"duplicate topic {name!r} (first at {path}:{earlier})")
            )
            return topic_id
        out.sections_at[(path, topic_id)] = section.line
        _merge(out, first, path, section, bullets, rows, aliases)  # another document on the same topic
        return topic_id
    facts, cases = topic_facts(topic_id, bullets, path, rows)
    definition = _topic_definition(section, name)
    aliases += tuple(a for a in _prose_aliases(definition, name, aliases) if a not in aliases)
    developers = [f.text for f in facts if f.aspect == "developer"]
    out.topics[topic_id] = Topic(
        topic_id,
        name,
        aliases,
        definition,
        description_phrases(definition, developers),
        Source(path, section.line),
    )
    out.sections_at[(path, topic_id)] = section.line
    out.facts += facts
    out.use_cases += cases
    for alias in (name, topic_id, *aliases):
        out.names.setdefault(key_of(alias), topic_id)
    return topic_id


def _merge(
    out: Extracted,
    topic: Topic,
    path: str,
    section: Section,
    bullets: list[Bullet],
    rows: set[str],
    aliases: tuple[str, ...],
) -> None:
    """A second document's section on a topic adds to it: facts, use cases, aliases, and the
    definition when the first had none."""
    facts, cases = topic_facts(topic.id, bullets, path, rows)
    out.facts += facts
    out.use_cases += cases
    definition = topic.definition or _topic_definition(section, topic.name)
    merged = tuple(dict.fromkeys((*topic.aliases, *aliases)))
    out.topics[topic.id] = Topic(topic.id, topic.name, merged, definition, topic.description, topic.source)
    for alias in aliases:
        out.names.setdefault(key_of(alias), topic.id)


# First header cells that say the rows are the things compared ("| Name | Hash | ... |").
_ROW_ENTITIES = {
    "name",
    "names",
    "tool",
    "tools",
    "product",
    "products",
    "service",
    "services",
    "provider",
    "providers",
    "system",
    "systems",
    "library",
    "libraries",
    "framework",
    "frameworks",
    "project",
    "projects",
    "backend",
    "backends",
    "database",
    "databases",
    "platform",
    "platforms",
    "engine",
    "engines",
    "vendor",
    "vendors",
    "option",
    "options",
    "package",
    "packages",
    "implementation",
    "implementations",
    "solution",
    "solutions",
    "storage system",
}


def _is_comparison(table: Table) -> bool:
    if table.header is None:
        return False
    return len(table.header.cells) >= 3 or (len(table.header.cells) == 2 and _tools_as_rows(table))


def _tools_as_rows(table: Table) -> bool:
    """Rows are the tools when the first header cell says so ("Name", "Tool", "Provider")."""
    assert table.header is not None
    first = key_of(clean_title(table.header.cells[0])) if table.header.cells else ""
    return first in _ROW_ENTITIES


def _name(label: str) -> str:
    name, _aliases = split_alias(clean_title(strip_footnotes(label)))
    return name


def _tool_names(table: Table) -> list[str]:
    assert table.header is not None
    if _tools_as_rows(table):
        return [_name(r.cells[0]) for r in table.rows if r.cells and _name(r.cells[0])]
    return [_name(c) for c in table.header.cells[1:]]


def _aspect_labels(table: Table) -> list[str]:
    assert table.header is not None
    if _tools_as_rows(table):
        return [clean_title(strip_footnotes(c)) for c in table.header.cells[1:]]
    return [clean_title(strip_footnotes(r.cells[0])) for r in table.rows if r.cells]


_TABLE_LINE = re.compile(r"^\s*\|.*$|`[^`\n]*`", re.MULTILINE)


def _data_tables(doc: Document) -> list[Table]:
    """Tables with several columns that are not comparisons: every column header after the first is
    a word the document's prose writes in lower case ("| Character | Value | Replacement |"), where a
    tool's name keeps its capital ("Gitea") or is written as code."""
    found: list[Table] = []
    prose: str | None = None
    for section in doc.sections:
        for table in section.tables:
            if table.header is None or not _is_comparison(table) or _tools_as_rows(table):
                continue
            heads = [clean_title(strip_footnotes(c)) for c in table.header.cells[1:]]
            if not heads or not all(h[:1].isupper() and not h.isupper() for h in heads):
                continue
            if prose is None:  # the prose's words once per document, spaced for phrase counts
                prose = " " + " ".join(_PROSE_WORD.findall(_TABLE_LINE.sub(" ", doc.raw))) + " "
            uses = [prose.count(" " + " ".join(_PROSE_WORD.findall(h.lower())) + " ") for h in heads]
            if all(uses) and sum(uses) >= 2 * len(uses):
                found.append(table)
    return found


_PROSE_WORD = re.compile(r"[\w-]+")


def _table_notes(section: Section, table: Table) -> dict[str, str]:
    """Footnotes written under `table` (before the section's next table), by mark."""
    after = [t.line for t in section.tables if t.line > table.line]
    end = min(after) if after else None
    return footnotes(
        [p.text for p in section.paragraphs if p.line > table.line and (end is None or p.line < end)]
    )


def _add_table(
    out: Extracted, path: str, table: Table, head: tuple[str, ...], notes: dict[str, str] | None = None
) -> None:
    assert table.header is not None
    if not table.rows:
        out.problems.append(Problem(path, table.line, "comparison table has a header but no rows"))
        return
    if _tools_as_rows(table):
        _add_transposed(out, path, table, head, notes or {})
        return
    out.table_notes.append(
        f"{path}:{table.line}: tools as columns ({', '.join(_tool_names(table))}); "
        f"{len(table.rows)} rows are aspects"
    )
    topic_ids = [_table_topic(out, path, label, table.header.line) for label in table.header.cells[1:]]
    for row in table.rows:
        _add_row(out, path, row.line, row.cells, topic_ids, head, notes or {})


def _table_topic(out: Extracted, path: str, label: str, line: int) -> str:
    name, aliases = split_alias(clean_title(strip_footnotes(label)))
    aliases = tuple(re.sub(r"^(?:or|aka|a\.k\.a\.)\s+", "", a, flags=re.IGNORECASE) for a in aliases)
    topic_id = out.find(name) or slug(name)
    if topic_id and topic_id not in out.topics:
        out.topics[topic_id] = Topic(topic_id, name, aliases, source=Source(path, line))
        for alias in (name, *aliases):
            out.names.setdefault(key_of(alias), topic_id)
    return topic_id


def _add_transposed(
    out: Extracted, path: str, table: Table, head: tuple[str, ...], notes: dict[str, str]
) -> None:
    """Tools as rows: each row is a topic, each header cell after the first an aspect."""
    assert table.header is not None
    labels = table.header.cells[1:]
    out.table_notes.append(
        f"{path}:{table.line}: tools as rows ({len(table.rows)}); columns are aspects "
        f"({', '.join(clean_title(c) for c in labels)})"
    )
    for row in table.rows:
        if not row.cells or not _name(row.cells[0]):
            continue
        topic_id = _table_topic(out, path, row.cells[0], row.line)
        out.row_topics.add(topic_id)
        for index, label in enumerate(labels, start=1):
            _add_cell(
                out,
                path,
                row.line,
                clean_title(label),
                topic_id,
                row.cells[index].strip() if index < len(row.cells) else "",
                head,
                notes,
            )


def _add_row(
    out: Extracted,
    path: str,
    line: int,
    cells: list[str],
    topic_ids: list[str],
    head: tuple[str, ...],
    notes: dict[str, str],
) -> None:
    label = clean_title(cells[0]) if cells else ""
    if not snake(label):
        out.problems.append(Problem(path, line, "table row without a label in its first cell"))
        return
    for index, topic_id in enumerate(topic_ids, start=1):
        _add_cell(
            out, path, line, label, topic_id, cells[index].strip() if index < len(cells) else "", head, notes
        )


def _add_cell(
    out: Extracted,
    path: str,
    line: int,
    label: str,
    topic_id: str,
    text: str,
    head: tuple[str, ...],
    notes: dict[str, str] | None = None,
) -> None:
    said = [notes[m] for m in cell_marks(text) if m in notes] if notes else []
    label, text = strip_footnotes(label), read_marks(text)
    if text and said:  # the footnote is part of what the cell says: "yes (requires version 15.10)"
        text = f"{text} ({'; '.join(n.rstrip('.') for n in dict.fromkeys(said))})"
    aspect_id = snake(label)
    if not aspect_id or not topic_id:
        return
    out.aspects.setdefault(aspect_id, Aspect(aspect_id, label))
    name = out.topics[topic_id].name if topic_id in out.topics else topic_id
    if not text:
        out.problems.append(Problem(path, line, f"missing table cell: {label} for {name}"))
    elif (aspect_id, topic_id) in out.cells:
        out.problems.append(Problem(path, line, f"duplicate table cell: {label} for {name}"))
    else:
        out.cells[(aspect_id, topic_id)] = Cell(text, Source(path, line))
        out.cell_passages.append(
            Passage(f"{label}: {text}", Source(path, line), head, (topic_id,), aspect_id, "cell")
        )


def _add_other(out: Extracted, path: str, section: Section) -> None:
    kind = _kind(section)
    if is_question(section.title):
        _add_question_answer(out, path, section)
    elif kind == "use_cases":
        _add_use_cases(out, path, section)
    elif kind == "answer":
        _add_answers(out, path, section)


MAX_ANSWER = 2_000  # characters of a model answer kept from a question's section


def _add_question_answer(out: Extracted, path: str, section: Section) -> None:
    """A question heading (or bold question line, `**Q: …** A: …`, `<details>` summary) and the text
    under it: a model answer to that question, about the topics the question names."""
    parts = sorted(
        [(b.line, unquote(" ".join(b.text.split()))) for b in (*section.quotes, *section.paragraphs)]
        + [(b.line, b.text) for b in _flat(section.bullets)]
    )
    text = " ".join(t for _line, t in parts if t)
    if not text:
        return
    if len(text) > MAX_ANSWER:
        text = text[:MAX_ANSWER].rsplit(" ", 1)[0] + " …"
    asked = [t for name in question_topics(section.title, section.codes) if (t := out.find(name))]
    topics = tuple(dict.fromkeys([*asked, *_mentioned(out, section.title)])) or _mentioned(out, text)[:3]
    question = clean_title(section.title) + ("?" if section.title.rstrip(" *_").endswith("?") else "")
    out.model_answers.append(ModelAnswer(text, topics, question, Source(path, parts[0][0])))


def _flat(bullets: list[Bullet]) -> list[Bullet]:
    found: list[Bullet] = []
    stack = list(reversed(bullets))
    while stack:
        bullet = stack.pop()
        found.append(bullet)
        stack.extend(reversed(bullet.children))
    return found


def _add_use_cases(out: Extracted, path: str, section: Section) -> None:
    for bullet in section.bullets:
        keyed = split_key(bullet.text)
        name, text = keyed if keyed else (bullet.text, "")
        topic_id = out.find(name)
        if topic_id is None:
            out.problems.append(Problem(path, bullet.line, f"use case for unknown topic {name!r}"))
            continue
        if text:
            out.use_cases.append(UseCase(topic_id, text, Source(path, bullet.line)))
        out.use_cases += [UseCase(topic_id, c.text, Source(path, c.line)) for c in bullet.children]


def _add_answers(out: Extracted, path: str, section: Section) -> None:
    paragraphs = [Block(" ".join(p.text.split()), p.line) for p in section.paragraphs]
    question = next((_QUESTION.sub("", p.text) for p in paragraphs if _QUESTION.match(p.text)), "")
    if not question and clean_title(section.title).endswith("?"):
        question = clean_title(section.title)
    blocks = section.quotes or [p for p in paragraphs if not _QUESTION.match(p.text)]
    for block in blocks:
        text = unquote(block.text)
        out.model_answers.append(ModelAnswer(text, _mentioned(out, text), question, Source(path, block.line)))


def _mentioned(out: Extracted, text: str) -> tuple[str, ...]:
    """Topic ids named in `text`, in the order they first appear."""
    words = f" {key_of(text)} "
    found = [
        (words.find(f" {name} "), topic_id) for name, topic_id in out.names.items() if f" {name} " in words
    ]
    return tuple(dict.fromkeys(topic_id for _pos, topic_id in sorted(found)))
