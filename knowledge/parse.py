"""Markdown (markdown-it-py, tables on) -> sections of bullets, tables, quotes and paragraphs,
each carrying its 1-based source line. Knows nothing of topics: that is `extract`'s job."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import unescape

from markdown_it import MarkdownIt
from markdown_it.token import Token


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


def parse(text: str) -> list[Section]:
    """Sections in document order; text before the first heading is a section with an empty title."""
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    return _Walker().walk(tokens)


def inline_text(token: Token, breaks: str = " ") -> str:
    """Plain text of an inline token: emphasis and code marks dropped, line breaks as `breaks`."""
    parts: list[str] = []
    sup = 0  # inside <sup>…</sup>: a footnote mark, not text
    for child in token.children or ():
        if child.type == "html_inline" and _SUP.match(child.content):
            sup += -1 if child.content.startswith("</") else 1
        elif sup > 0:
            continue
        if child.type in ("text", "code_inline", "image"):
            parts.append(child.content)
        elif child.type == "html_inline" and _BREAK.match(child.content):
            parts.append(" ")
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return breaks.join(line for line in lines if line)


def _bold_only(token: Token) -> bool:
    """A one-line paragraph that is only bold text, maybe with emoji or numbering around it
    ("🧪 **1. Jest**"): a heading written the loose way. Sentences and "Key: value" lines are not."""
    children = token.children or []
    opens = [i for i, c in enumerate(children) if c.type == "strong_open" and c.level == 0]
    closes = [i for i, c in enumerate(children) if c.type == "strong_close" and c.level == 0]
    if len(opens) != 1 or len(closes) != 1 or any(c.type in ("softbreak", "hardbreak") for c in children):
        return False
    outside = children[:opens[0]] + children[closes[0] + 1:]
    if any(c.type != "text" or any(ch.isalpha() for ch in c.content) for c in outside):
        return False
    title = inline_text(token)
    return 0 < len(title) <= 80 and not title.rstrip().endswith(".") and not re.search(r":\s+\w", title)


_DEFINES = re.compile(r"^\s*(?:is|are|was|refers to|stands for|means)\b")


def defined_term(token: Token) -> str:
    """The term of a paragraph that opens with it in bold and defines it: "**X** is ..." -> "X"."""
    children = [c for c in token.children or [] if not (c.type == "text" and not c.content.strip())]
    if len(children) < 4 or children[0].type != "strong_open":
        return ""
    close = next((i for i, c in enumerate(children) if c.type == "strong_close"), None)
    if close is None or close + 1 >= len(children) or children[close + 1].type != "text":
        return ""
    term = "".join(c.content for c in children[1:close] if c.type in ("text", "code_inline")).strip()
    if not term or len(term) > 60 or not _DEFINES.match(children[close + 1].content):
        return ""
    return term


# "Q: What is X? A: X is ..." (bold or not, one line or two); "Q: ..." alone, its answer after it.
_QA = re.compile(r"^(?:Q|Question)\s*(?:\d+\s*)?[:.]\s*(?P<q>.+?\?)\s*(?:(?:A|Answer)\s*[:.]\s*(?P<a>.*))?$",
                 re.IGNORECASE | re.DOTALL)
_ANSWER_MARK = re.compile(r"^(?:A|Answer)\s*[:.]\s+", re.IGNORECASE)
_SUMMARY = re.compile(r"<summary[^>]*>(?P<q>.*?)</summary>", re.IGNORECASE | re.DOTALL)
MAX_HTML = 200_000  # characters of one HTML block looked at
MAX_CELLS = 10_000  # per HTML table


def html_text(html: str) -> str:
    """Text of an HTML fragment: tags dropped, `<br>` a space, entities decoded, spaces collapsed."""
    text = re.sub(r"<br\s*/?>", " ", html[:MAX_HTML], flags=re.IGNORECASE)
    text = re.sub(r"<sup\b[^>]{0,200}>.{0,40}?</sup>", "", text, flags=re.IGNORECASE | re.DOTALL)  # footnote marks
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


def _line(token: Token) -> int:
    return token.map[0] + 1 if token.map else 0


class _Walker:
    def __init__(self) -> None:
        self.sections = [Section(title="", level=0, line=1)]
        self.lists: list[list[Bullet]] = []
        self.items: list[Bullet] = []
        self.quote: Block | None = None
        self.table: Table | None = None
        self.row: Row | None = None
        self.in_head = False
        self.heading_level = 0  # level of the last real heading: a bold-only line sits one below it

    def walk(self, tokens: list[Token]) -> list[Section]:
        for index, token in enumerate(tokens):
            if token.type == "inline":
                self._inline(tokens[index - 1], token)
            else:
                self._structure(token)
        return self.sections

    def _structure(self, token: Token) -> None:
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            self.lists.append(self.items[-1].children if self.items else self.sections[-1].bullets)
        elif kind in ("bullet_list_close", "ordered_list_close"):
            self.lists.pop()
        elif kind == "list_item_open":
            bullet = Bullet("", _line(token))
            self.lists[-1].append(bullet)
            self.items.append(bullet)
        elif kind == "list_item_close":
            self.items.pop()
        elif kind in ("blockquote_open", "blockquote_close"):
            self._quote(token)
        elif kind == "html_block" and not self.items and self.quote is None:
            self._html(token)
        else:
            self._table(token)

    def _html(self, token: Token) -> None:
        """`<details><summary>Q</summary> A</details>` is a question with its answer; `<table>` a table."""
        html = token.content[:MAX_HTML]
        line = _line(token)
        summary = _SUMMARY.search(html)
        if summary:
            title = html_text(summary["q"])
            if title:
                self.sections.append(Section(title=title, level=self.heading_level + 1, line=line))
                rest = html_text(html[summary.end():])
                if rest:
                    self.sections[-1].paragraphs.append(Block(rest, line))
        for table in html_tables(html, line):
            self.sections[-1].tables.append(table)

    def _quote(self, token: Token) -> None:
        if token.type == "blockquote_open" and self.quote is None:
            self.quote = Block("", _line(token))
        elif token.type == "blockquote_close" and self.quote is not None and token.level == 0:
            if self.quote.text:
                self.sections[-1].quotes.append(self.quote)
            self.quote = None

    def _table(self, token: Token) -> None:
        kind = token.type
        if kind == "table_open":
            self.table = Table(_line(token))
            self.sections[-1].tables.append(self.table)
        elif kind == "table_close":
            self.table = None
        elif kind in ("thead_open", "thead_close"):
            self.in_head = kind == "thead_open"
        elif kind == "tr_open" and self.table is not None:
            self.row = Row([], _line(token))
            if self.in_head:
                self.table.header = self.row
            else:
                self.table.rows.append(self.row)

    def _inline(self, opener: Token, token: Token) -> None:
        text = inline_text(token)
        if opener.type == "heading_open":
            self.heading_level = int(opener.tag[1:]) if opener.tag[1:].isdigit() else 1
            codes = [c.content for c in token.children or () if c.type == "code_inline"]
            self.sections.append(Section(title=text, level=self.heading_level, line=_line(opener), codes=codes))
        elif opener.type == "paragraph_open" and not self.items and self.quote is None and _bold_only(token):
            self.sections.append(Section(title=text, level=self.heading_level + 1, line=_line(opener)))
        elif opener.type == "paragraph_open" and not self.items and self.quote is None and _QA.match(text):
            pair = _QA.match(text)
            assert pair is not None
            self.sections.append(Section(title=pair["q"].strip(), level=self.heading_level + 1, line=_line(opener)))
            if pair["a"]:
                self.sections[-1].paragraphs.append(Block(pair["a"].strip(), _line(opener)))
        elif opener.type in ("th_open", "td_open"):
            if self.row is not None:
                self.row.cells.append(text)
        elif self.items:
            item = self.items[-1]
            item.text = f"{item.text} {text}".strip() if item.text else text
        elif self.quote is not None:
            self.quote.text = f"{self.quote.text} {text}".strip() if self.quote.text else text
        elif text:  # paragraphs keep their line breaks: "Key: value" lines may follow each other
            said = inline_text(token, "\n")
            if opener.type == "paragraph_open" and _ANSWER_MARK.match(said):
                said = _ANSWER_MARK.sub("", said, count=1)
            self.sections[-1].paragraphs.append(Block(said, _line(opener), defined_term(token)))
