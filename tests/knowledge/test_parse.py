"""Markdown parsing keeps structure and source lines; names become ids."""

from __future__ import annotations

from knowledge.names import clean_title, slug, snake, split_alias, unquote
from knowledge.parse import parse

DOC = """Intro line.

## 🔷 **2. Thing (Th)**

> **“Thing is a widget.”**

* Key: value
* Parent:

  * child one
  * child two
    * grandchild

| Row | Thing |
|:----|------:|
| **Size** | Big |
"""


def test_sections_bullets_quotes_and_tables_with_lines() -> None:
    preamble, section = parse(DOC)
    assert preamble.title == "" and preamble.paragraphs[0].text == "Intro line."
    assert (section.title, section.level, section.line) == ("🔷 2. Thing (Th)", 2, 3)
    assert (section.quotes[0].text, section.quotes[0].line) == ("“Thing is a widget.”", 5)
    key, parent = section.bullets
    assert (key.text, key.line) == ("Key: value", 7)
    assert [c.text for c in parent.children] == ["child one", "child two"]
    assert (parent.children[1].children[0].text, parent.children[1].children[0].line) == ("grandchild", 12)
    (table,) = section.tables
    assert table.header is not None and table.header.cells == ["Row", "Thing"]
    assert (table.rows[0].cells, table.rows[0].line) == (["Size", "Big"], 16)


def test_names_ids_and_labels() -> None:
    assert split_alias(clean_title("🔷 2. Thing (Th)")) == ("Thing", ("Th",))
    assert clean_title("✅ Summary Answer (for Interview)") == "Summary Answer (for Interview)"
    assert [slug(n) for n in ("TensorFlow", "SQL Server", "C++", "C#", "Node.js", "Café")] == [
        "tensorflow",
        "sql-server",
        "cplusplus",
        "csharp",
        "nodejs",
        "cafe",
    ]
    assert snake("Ease of Use") == "ease_of_use" and snake("API Type") == "api_type"
    assert unquote("“A quote.”") == "A quote." and unquote('"plain"') == "plain"
