"""`Reply` -> Block Kit messages (pure). Owns escaping and Slack's size limits.

`render(reply)` gives one payload `{"text", "blocks"}` when the reply fits one message;
`render_messages(reply)` gives every message of a reply that needs several, each within the limits.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from adapters.slack.mrkdwn import chunks, fit, to_mrkdwn, unescape, units
from bot import plaintext
from bot.messages import Button, Field, Reply, Section, Table

Block = dict[str, Any]
Payload = dict[str, Any]

MAX_BLOCKS = 50
MAX_MARKDOWN = 12_000  # all text in one message's blocks
MAX_TEXT = 4_000  # the top-level fallback `text`
SECTION_TEXT = 3_000
FIELD_TEXT = 2_000
FIELDS_PER_SECTION = 10
HEADER_TEXT = 150
CONTEXT_TEXT = 2_000
BUTTON_TEXT = 75
ACTION_ID = 255
BUTTONS_PER_BLOCK = 25
ACTION_PREFIX = "prepbot:"
STYLES = {"primary", "danger"}


def render(reply: Reply) -> Payload:
    """The first (usually only) message of `reply`."""
    return render_messages(reply)[0]


def render_messages(reply: Reply) -> list[Payload]:
    """Every message `reply` needs, each ≤ 50 blocks and ≤ 12,000 characters of text."""
    blocks = list(_blocks(reply))
    groups = _pack(blocks) or [[]]
    fallback = (
        fit(inert(plaintext.render(_head_of(reply))), MAX_TEXT) or fit(inert(reply.title), MAX_TEXT) or "…"
    )
    payloads = [{"text": fallback, "blocks": groups[0]}]
    for group in groups[1:]:
        payloads.append({"text": fit(inert(_plain(group)), MAX_TEXT) or "…", "blocks": group})
    return payloads


def _head_of(reply: Reply) -> Reply:
    """Enough of `reply` for a fallback text of MAX_TEXT characters, cheap to render as text."""

    def cut(text: str) -> str:
        return text[:MAX_TEXT]

    table = reply.table and Table(
        tuple(cut(c) for c in reply.table.columns[:10]),
        tuple(tuple(cut(c) for c in row[:10]) for row in reply.table.rows[:40]),
    )
    sections = tuple(
        Section(cut(s.text), cut(s.heading), tuple(Field(cut(f.name), cut(f.value)) for f in s.fields[:20]))
        for s in reply.sections[:20]
    )
    return replace(reply, title=cut(reply.title), sections=sections, table=table, footer=cut(reply.footer))


def action_id(button: Button) -> str:
    return ACTION_PREFIX + button.action


def _blocks(reply: Reply) -> Iterator[Block]:
    if reply.title.strip():
        yield _header(reply.title)
    for section in reply.sections:
        yield from _section(section)
    if reply.table is not None:
        yield from _table(reply.table)
    if reply.citations:
        yield from _context(reply.source_line)
    if reply.footer.strip():
        yield from _context(reply.footer)
    yield from _actions(reply.buttons)


def _header(title: str) -> Block:
    return {"type": "header", "text": {"type": "plain_text", "text": fit(title, HEADER_TEXT), "emoji": True}}


def _mrkdwn(text: str) -> dict[str, Any]:
    """A mrkdwn text object Slack shows as written: `verbatim` stops it from turning a bare URL into
    a link or a literal @here / @channel / #channel into a mention (escaping covers `<!here>`)."""
    return {"type": "mrkdwn", "text": text, "verbatim": True}


_BROADCASTS = re.compile(r"(?<![\w.])@(here|channel|everyone)\b", re.IGNORECASE)


def inert(text: str) -> str:
    """The top-level `text` (notifications, and clients without blocks) has no `verbatim`: a word
    joiner after the `@` of @here / @channel / @everyone keeps it readable and stops the ping."""
    return _BROADCASTS.sub("@\u2060\\1", text)


def _section(section: Section) -> Iterator[Block]:
    source = to_mrkdwn(section.text)
    if section.heading.strip():
        heading = to_mrkdwn(section.heading).strip().replace("*", "")
        source = f"*{heading}*\n{source}" if source.strip() else f"*{heading}*"
    for piece in chunks(source, SECTION_TEXT):
        yield {"type": "section", "text": _mrkdwn(piece)}
    yield from _fields(section.fields)


def _fields(fields: tuple[Field, ...]) -> Iterator[Block]:
    rendered = [_mrkdwn(_field_text(field.name, field.value)) for field in fields]
    for start in range(0, len(rendered), FIELDS_PER_SECTION):
        yield {"type": "section", "fields": rendered[start : start + FIELDS_PER_SECTION]}


def _field_text(name: str, value: str) -> str:
    label = fit(to_mrkdwn(name).replace("*", "").strip(), 200)
    head = f"*{label}*\n" if label else ""
    return head + fit(to_mrkdwn(value), FIELD_TEXT - units(head))


def _table(table: Table) -> Iterator[Block]:
    """One section per row: the row label, then one field per column (two per line on desktop)."""
    names = table.columns[1:]
    for row in table.rows:
        label = to_mrkdwn(row[0] if row else "").replace("*", "").strip()
        cells = [Field(name, row[i + 1] if i + 1 < len(row) else "") for i, name in enumerate(names)]
        text = {"text": _mrkdwn(f"*{fit(label, SECTION_TEXT - 2)}*")} if label else {}
        fields = [_mrkdwn(_field_text(cell.name, cell.value or "—")) for cell in cells]
        first = fields[:FIELDS_PER_SECTION]
        if text or first:
            yield {"type": "section", **text, **({"fields": first} if first else {})}
        for start in range(FIELDS_PER_SECTION, len(fields), FIELDS_PER_SECTION):
            yield {"type": "section", "fields": fields[start : start + FIELDS_PER_SECTION]}


def _context(footer: str) -> Iterator[Block]:
    for piece in chunks(to_mrkdwn(footer), CONTEXT_TEXT):
        yield {"type": "context", "elements": [_mrkdwn(piece)]}


def _actions(buttons: tuple[Button, ...]) -> Iterator[Block]:
    seen: set[str] = set()
    elements: list[Block] = []
    for button in buttons:
        key = action_id(button)
        if key in seen or len(key) > ACTION_ID or not button.action:
            continue
        seen.add(key)
        elements.append(_button(button, key))
    for start in range(0, len(elements), BUTTONS_PER_BLOCK):
        yield {"type": "actions", "elements": elements[start : start + BUTTONS_PER_BLOCK]}


def _button(button: Button, key: str) -> Block:
    label = fit(to_mrkdwn(button.label).strip() or button.action, BUTTON_TEXT)
    element: Block = {
        "type": "button",
        "action_id": key,
        "value": button.action[:2000],
        "text": {"type": "plain_text", "text": label, "emoji": True},
    }
    if button.style in STYLES:
        element["style"] = button.style
    return element


def _block_size(block: Block) -> int:
    return sum(units(text) for text in _texts(block))


def _texts(block: Block) -> Iterator[str]:
    if "text" in block:
        yield block["text"]["text"]
    for item in block.get("fields", ()):
        yield item["text"]
    for item in block.get("elements", ()):
        yield item["text"] if isinstance(item.get("text"), str) else item["text"]["text"]


def _pack(blocks: list[Block]) -> list[list[Block]]:
    """Group blocks into messages within the block-count and text-size limits."""
    groups: list[list[Block]] = []
    current: list[Block] = []
    size = 0
    for block in blocks:
        cost = _block_size(block)
        if current and (len(current) >= MAX_BLOCKS or size + cost > MAX_MARKDOWN):
            groups.append(current)
            current, size = [], 0
        current.append(block)
        size += cost
    if current:
        groups.append(current)
    return groups


def _plain(group: list[Block]) -> str:
    """A notification text for a continuation message (unescaped here, escaped again by `fit`)."""
    return unescape("\n".join(text for block in group for text in _texts(block)))
