"""Reply -> Discord send payloads (plain dicts): embeds, button rows, no pings. Pure.

One reply may need several messages: Discord allows 10 embeds and 6,000 embed characters per
message. Every payload this module returns is within Discord's limits; text that cannot fit
is cut with a visible "…".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import discord

from adapters.discord import limits
from bot.messages import Button, Reply, Section, Table
from bot.text import clean

COLOUR = 0x5865F2
CUSTOM_ID_PREFIX = "prepbot:"
MAX_MESSAGES = 4
CONTINUED_CHUNK = 2800  # a longer answer is cut rather than flooding the channel
NO_MENTIONS: dict[str, Any] = {"parse": []}
_STYLES = {"primary": discord.ButtonStyle.primary.value, "danger": discord.ButtonStyle.danger.value}
_SECONDARY = discord.ButtonStyle.secondary.value


@dataclass(frozen=True, slots=True)
class _Field:
    name: str
    value: str
    inline: bool


@dataclass
class _Draft:
    """An embed being filled, with its running character count."""

    title: str = ""
    description: str = ""
    fields: list[_Field] = field(default_factory=list)
    footer: str = ""

    @property
    def size(self) -> int:
        return (
            len(self.title)
            + len(self.description)
            + len(self.footer)
            + sum(len(f.name) + len(f.value) for f in self.fields)
        )

    def to_dict(self) -> dict[str, Any]:
        embed = discord.Embed(title=self.title or None, description=self.description or None, colour=COLOUR)
        for item in self.fields:
            embed.add_field(name=item.name, value=item.value, inline=item.inline)
        if self.footer:
            embed.set_footer(text=self.footer)
        return dict(embed.to_dict())


def render(reply: Reply) -> list[dict[str, Any]]:
    """Send kwargs for each message of `reply`: content, embeds (`Embed.to_dict()`), components.

    Buttons ride on the last message. `allowed_mentions` is always "parse nothing".
    """
    drafts = _drafts(reply)
    if drafts[0].size == 0 and len(drafts) == 1:
        drafts[0].description = limits.ELLIPSIS
    groups = _group(drafts)
    payloads = [
        {
            "content": None,
            "embeds": [d.to_dict() for d in group],
            "components": [],
            "allowed_mentions": dict(NO_MENTIONS),
        }
        for group in groups
    ]
    payloads[-1]["components"] = components(reply.buttons)
    return payloads


def components(buttons: tuple[Button, ...]) -> list[dict[str, Any]]:
    """Action rows of at most 5 buttons, at most 5 rows; custom_id = "prepbot:" + action."""
    seen: set[str] = set()
    items: list[dict[str, Any]] = []
    for button in buttons:
        custom_id = CUSTOM_ID_PREFIX + button.action
        if not button.action or len(custom_id) > limits.CUSTOM_ID or custom_id in seen:
            continue
        seen.add(custom_id)
        shown = clean(button.label).strip() or clean(button.action).strip() or limits.ELLIPSIS
        label = limits.trim(shown, limits.BUTTON_LABEL)
        items.append(
            {
                "type": 2,
                "style": _STYLES.get(button.style, _SECONDARY),
                "label": label,
                "custom_id": custom_id,
            }
        )
    items = items[: limits.BUTTONS_PER_ROW * limits.ROWS]
    size = limits.BUTTONS_PER_ROW
    return [{"type": 1, "components": items[i : i + size]} for i in range(0, len(items), size)]


def _drafts(reply: Reply) -> list[_Draft]:
    title = limits.trim(clean(reply.title).strip(), limits.EMBED_TITLE)
    description = _description(reply.sections)
    # A long answer is cut in pieces two of which (plus a title) fit one message's 6,000 characters.
    size = limits.EMBED_DESCRIPTION if len(description) <= limits.EMBED_DESCRIPTION else CONTINUED_CHUNK
    chunks = limits.split(description, size) or [""]
    drafts = [_Draft(title=title, description=chunks[0])]
    drafts += [_Draft(description=chunk) for chunk in chunks[1:]]
    for item in _fields(reply):
        current = drafts[-1]
        too_big = current.size + len(item.name) + len(item.value) > limits.EMBED_TOTAL
        if len(current.fields) >= limits.EMBED_FIELDS or too_big:
            drafts.append(current := _Draft())
        current.fields.append(item)
    footer = limits.trim(
        clean("\n".join(p for p in (reply.footer, reply.source_line) if p)).strip(), limits.FOOTER
    )
    if footer:
        if drafts[-1].size + len(footer) > limits.EMBED_TOTAL:
            drafts.append(_Draft())
        drafts[-1].footer = footer
    return drafts


def _description(sections: tuple[Section, ...]) -> str:
    parts: list[str] = []
    for section in sections:
        lines = [f"**{clean(section.heading).strip()}**"] if section.heading.strip() else []
        if section.text.strip():
            lines.append(clean(section.text).strip())
        if lines:
            parts.append("\n".join(lines))
    return "\n\n".join(parts)


def _fields(reply: Reply) -> list[_Field]:
    found = [
        _field(item.name, item.value, item.inline) for section in reply.sections for item in section.fields
    ]
    if reply.table is not None:
        found += _table_fields(reply.table)
    return found


def _table_fields(table: Table) -> list[_Field]:
    """One inline field per row (aspect): each topic's cell on its own line."""
    topics = table.columns[1:]
    found: list[_Field] = []
    for row in table.rows:
        label = row[0] if row else ""
        cells = row[1:]
        if topics:
            value = "\n".join(f"**{clean(t)}**: {clean(c)}" for t, c in zip(topics, cells, strict=False))
        else:
            value = " · ".join(clean(c) for c in cells)
        found.append(_field(label, value, True))
    return found


def _field(name: str, value: str, inline: bool) -> _Field:
    name = limits.trim(clean(name).strip() or "\u200b", limits.FIELD_NAME)
    value = limits.trim(clean(value).strip() or "—", limits.FIELD_VALUE)
    return _Field(name, value, inline)


def _group(drafts: list[_Draft]) -> list[list[_Draft]]:
    """Drafts packed into messages of ≤ 10 embeds and ≤ 6,000 characters; at most MAX_MESSAGES."""
    groups: list[list[_Draft]] = [[]]
    for draft in drafts:
        group = groups[-1]
        if group and (
            len(group) >= limits.EMBEDS_PER_MESSAGE
            or sum(d.size for d in group) + draft.size > limits.EMBED_TOTAL
        ):
            groups.append(group := [])
        group.append(draft)
    if len(groups) > MAX_MESSAGES:
        groups = groups[:MAX_MESSAGES]
        _mark_cut(groups[-1])
    return groups


def _mark_cut(group: list[_Draft]) -> None:
    """Say visibly that the rest of a too-long answer was left out."""
    last = group[-1]
    last.footer = limits.ELLIPSIS + " (answer cut: too long for Discord)"
    while sum(d.size for d in group) > limits.EMBED_TOTAL and (last.fields or len(last.description) > 1):
        if last.fields:
            last.fields.pop()
        else:
            last.description = limits.trim(last.description, max(len(last.description) - 100, 1))
