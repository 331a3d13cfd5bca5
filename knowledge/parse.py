"""Markdown (markdown-it-pyrs: the Rust markdown-it, CommonMark with tables) -> sections of bullets,
tables, quotes and paragraphs, each carrying its 1-based source line. Knows nothing of topics: that is
`extract`'s job. The parser builds the whole syntax tree natively (about 10x faster than the pure-Python
markdown-it on large folders); the walk below reads it once.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from html import unescape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it_pyrs import MarkdownIt, Node


@dataclass(slots=True)
class Bullet:
    text: str
    line: int
    children: list[Bullet] = field(default_factory=list)


@dataclass(slots=True)
class Row:
    cells: list[str]
    line: int


@dataclass(slots=True)
class Table:
    line: int
    header: Row | None = None
    rows: list[Row] = field(default_factory=list)


@dataclass(slots=True)
class Block:
    text: str  # a paragraph keeps its line breaks as "\n"; a quote is one line
    line: int
    term: str = ""  # the bold term a paragraph opens with and defines ("**X** is ...")


@dataclass(slots=True)
class Section:
    title: str
    level: int
    line: int
    bullets: list[Bullet] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    quotes: list[Block] = field(default_factory=list)
    paragraphs: list[Block] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)  # code spans in the heading ("`srcset`")


_BREAK = re.compile(r"<br\b", re.IGNORECASE)
_SUP = re.compile(r"</?sup\b", re.IGNORECASE)
# Inline node kinds: a run of them straight inside a list item is that (tight) item's text.
_INLINE = frozenset(
    {
        "text",
        "text_special",
        "em",
        "strong",
        "code_inline",
        "html_inline",
        "softbreak",
        "hardbreak",
        "link",
        "image",
        "autolink",
    }
)
_TEXT = frozenset({"text", "text_special"})


@cache
def _parser() -> MarkdownIt:
    from markdown_it_pyrs import MarkdownIt

    return MarkdownIt("commonmark").enable("table")


def parse(text: str) -> list[Section]:
    """Sections in document order; text before the first heading is a section with an empty title."""
    return _Walker(text).walk(_parser().tree(text))


def _flatten(nodes: Sequence[Node], parts: list[str], sup: int = 0) -> int:
    """Append the plain text of inline `nodes` to `parts` (line breaks as "\\n"); returns the <sup> depth."""
    for node in nodes:
        name = node.name
        if name == "html_inline":
            content = node.meta.get("content", "")
            if _SUP.match(content):
                sup += -1 if content.startswith("</") else 1
            elif sup <= 0 and _BREAK.match(content):
                parts.append(" ")
        elif sup > 0:
            continue
        elif name in _TEXT:
            parts.append(node.meta.get("content", ""))
        elif name in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif node.children:
            sup = _flatten(node.children, parts, sup)
    return sup


def inline_text(nodes: Sequence[Node], breaks: str = " ") -> str:
    """Plain text of inline nodes: emphasis and code marks dropped, line breaks as `breaks`."""
    return _lines(nodes, breaks)[0]


def _lines(nodes: Sequence[Node], breaks: str) -> tuple[str, str]:
    """(the text with line breaks as `breaks`, the text on one line)."""
    parts: list[str] = []
    _flatten(nodes, parts)
    raw = "".join(parts)
    if "\n" not in raw:
        line = " ".join(raw.split())
        return line, line
    lines = [" ".join(line.split()) for line in raw.split("\n")]
    return breaks.join(line for line in lines if line), " ".join(line for line in lines if line)


def _has_break(nodes: Sequence[Node]) -> bool:
    return any(n.name in ("softbreak", "hardbreak") or (n.children and _has_break(n.children)) for n in nodes)


def _bold_only(nodes: Sequence[Node], title: str) -> bool:
    """A one-line paragraph that is only bold text, maybe with emoji or numbering around it
    ("🧪 **1. Jest**"): a heading written the loose way. Sentences and "Key: value" lines are not."""
    if sum(1 for n in nodes if n.name == "strong") != 1 or _has_break(nodes):
        return False
    if any(
        n.name != "strong" and (n.name not in _TEXT or any(ch.isalpha() for ch in n.meta.get("content", "")))
        for n in nodes
    ):
        return False
    return 0 < len(title) <= 80 and not title.rstrip().endswith(".") and not re.search(r":\s+\w", title)


_DEFINES = re.compile(r"^\s*(?:is|are|was|refers to|stands for|means)\b")


def defined_term(nodes: Sequence[Node]) -> str:
    """The term of a paragraph that opens with it in bold and defines it: "**X** is ..." -> "X"."""
    kept = [n for n in nodes if not (n.name in _TEXT and not n.meta.get("content", "").strip())]
    if len(kept) < 2 or kept[0].name != "strong" or kept[1].name != "text":
        return ""
    parts: list[str] = []
    _flatten(kept[0].children, parts)
    term = "".join(parts).replace("\n", " ").strip()
    if not term or len(term) > 60 or not _DEFINES.match(kept[1].meta.get("content", "")):
        return ""
    return term


def _codes(nodes: Sequence[Node]) -> list[str]:
    """Code spans among inline nodes, nested ones too ("`srcset`" in a heading)."""
    found: list[str] = []
    for node in nodes:
        if node.name == "code_inline":
            found.append(inline_text(node.children))
        elif node.children:
            found += _codes(node.children)
    return found


# "Q: What is X? A: X is ..." (bold or not, one line or two); "Q: ..." alone, its answer after it.
_QA = re.compile(
    r"^(?:Q|Question)\s*(?:\d+\s*)?[:.]\s*(?P<q>.+?\?)\s*(?:(?:A|Answer)\s*[:.]\s*(?P<a>.*))?$",
    re.IGNORECASE | re.DOTALL,
)
_ANSWER_MARK = re.compile(r"^(?:A|Answer)\s*[:.]\s+", re.IGNORECASE)
_SUMMARY = re.compile(r"<summary[^>]*>(?P<q>.*?)</summary>", re.IGNORECASE | re.DOTALL)
MAX_HTML = 200_000  # characters of one HTML block looked at
MAX_CELLS = 10_000  # per HTML table


def html_text(html: str) -> str:
    """Text of an HTML fragment: tags dropped, `<br>` a space, entities decoded, spaces collapsed."""
    text = re.sub(r"<br\s*/?>", " ", html[:MAX_HTML], flags=re.IGNORECASE)
    text = re.sub(
        r"<sup\b[^>]{0,200}>.{0,40}?</sup>", "", text, flags=re.IGNORECASE | re.DOTALL
    )  # footnote marks
    text = re.sub(r"<!--.*?-->|<[^>]{0,500}>", " ", text, flags=re.DOTALL)
    return " ".join(unescape(text).split())


_ROW = re.compile(r"<tr\b[^>]*>(?P<row>.*?)(?=<tr\b|</table>|$)", re.IGNORECASE | re.DOTALL)
_CELL = re.compile(r"<(?P<tag>t[hd])\b[^>]*>(?P<cell>.*?)(?=<t[hd]\b|</tr>|$)", re.IGNORECASE | re.DOTALL)
_TABLE = re.compile(r"<table\b.*?(?:</table>|$)", re.IGNORECASE | re.DOTALL)


def html_tables(html: str, line: int) -> list[Table]:
    """`<table>`s read like markdown tables: a first row of `<th>` (or the first row) is the header."""
    tables: list[Table] = []
    for found in _TABLE.finditer(html):
        table = Table(line + html.count("\n", 0, found.start()))
        cells = 0
        for row in _ROW.finditer(found.group()):
            at = table.line + found.group().count("\n", 0, row.start())
            texts = [(c["tag"].lower(), html_text(c["cell"])) for c in _CELL.finditer(row["row"])]
            cells += len(texts)
            if not texts or cells > MAX_CELLS:
                continue
            parsed = Row([t for _tag, t in texts], at)
            if table.header is None and (all(tag == "th" for tag, _t in texts) or not table.rows):
                table.header = parsed
            else:
                table.rows.append(parsed)
        if table.header is not None:
            tables.append(table)
    return tables


class _Walker:
    def __init__(self, text: str) -> None:
        self.newlines = [m.start() for m in re.finditer(b"\n", text.encode())]  # srcmap is in bytes
        self.sections = [Section(title="", level=0, line=1)]
        self.lists: list[list[Bullet]] = []
        self.items: list[Bullet] = []
        self.quote: Block | None = None
        self.heading_level = 0  # level of the last real heading: a bold-only line sits one below it

    def walk(self, root: Node) -> list[Section]:
        for node in root.children:
            self._block(node)
        return self.sections

    def _line(self, node: Node) -> int:
        return bisect_left(self.newlines, node.srcmap[0]) + 1 if node.srcmap else 0

    def _block(self, node: Node) -> None:
        name = node.name
        if name in ("heading", "lheading"):
            self._heading(node)
        elif name == "paragraph":
            self._inline(node.children, self._line(node))
        elif name in ("bullet_list", "ordered_list"):
            self.lists.append(self.items[-1].children if self.items else self.sections[-1].bullets)
            for child in node.children:
                self._block(child)
            self.lists.pop()
        elif name == "list_item":
            self._item(node)
        elif name == "blockquote":
            self._quote(node)
        elif name == "html_block":
            if not self.items and self.quote is None:
                self._html(node)
        elif name == "table":
            self._table(node)

    def _item(self, node: Node) -> None:
        line = self._line(node)
        bullet = Bullet("", line)
        if self.lists:
            self.lists[-1].append(bullet)
        self.items.append(bullet)
        run: list[Node] = []  # a tight item holds its text straight, with no paragraph around it
        for child in node.children:
            if child.name in _INLINE:
                run.append(child)
                continue
            if run:
                self._inline(run, line)
                run = []
            self._block(child)
        if run:
            self._inline(run, line)
        self.items.pop()

    def _quote(self, node: Node) -> None:
        if self.quote is not None:  # a quote inside a quote is part of it
            for child in node.children:
                self._block(child)
            return
        self.quote = Block("", self._line(node))
        for child in node.children:
            self._block(child)
        if self.quote.text and not self.items:
            self.sections[-1].quotes.append(self.quote)
        self.quote = None

    def _html(self, node: Node) -> None:
        """`<details><summary>Q</summary> A</details>` is a question with its answer; `<table>` a table."""
        html = str(node.meta.get("content", ""))[:MAX_HTML]
        line = self._line(node)
        summary = _SUMMARY.search(html)
        if summary:
            title = html_text(summary["q"])
            if title:
                self.sections.append(Section(title=title, level=self.heading_level + 1, line=line))
                rest = html_text(html[summary.end() :])
                if rest:
                    self.sections[-1].paragraphs.append(Block(rest, line))
        for table in html_tables(html, line):
            self.sections[-1].tables.append(table)

    def _table(self, node: Node) -> None:
        table = Table(self._line(node))
        self.sections[-1].tables.append(table)
        for part in node.children:
            for tr in part.children:
                row = Row([inline_text(cell.children) for cell in tr.children], self._line(tr))
                if part.name == "thead":
                    table.header = row
                else:
                    table.rows.append(row)

    def _heading(self, node: Node) -> None:
        level = node.meta.get("level", 1)
        self.heading_level = level if isinstance(level, int) else 1
        self.sections.append(
            Section(
                title=inline_text(node.children),
                level=self.heading_level,
                line=self._line(node),
                codes=_codes(node.children),
            )
        )

    def _inline(self, nodes: Sequence[Node], line: int) -> None:
        """A paragraph's (or a tight list item's) inline nodes."""
        said, text = _lines(nodes, "\n")
        loose = not self.items and self.quote is None
        if loose and len(nodes) <= 3 and _bold_only(nodes, text):
            self.sections.append(Section(title=text, level=self.heading_level + 1, line=line))
        elif loose and (pair := _QA.match(text)):
            self.sections.append(Section(title=pair["q"].strip(), level=self.heading_level + 1, line=line))
            if pair["a"]:
                self.sections[-1].paragraphs.append(Block(pair["a"].strip(), line))
        elif self.items:
            item = self.items[-1]
            item.text = f"{item.text} {text}".strip() if item.text else text
        elif self.quote is not None:
            self.quote.text = f"{self.quote.text} {text}".strip() if self.quote.text else text
        elif text:  # paragraphs keep their line breaks: "Key: value" lines may follow each other
            if _ANSWER_MARK.match(said):
                said = _ANSWER_MARK.sub("", said, count=1)
            self.sections[-1].paragraphs.append(Block(said, line, defined_term(nodes)))
