"""Buttons that survive a restart: one `DynamicItem` whose custom_id carries the action.

Any click on a component whose custom_id matches ``prepbot:<action>`` is handled by
`ActionButton`, whether the message was sent by this process or one long gone.
"""

from __future__ import annotations

import re
from typing import Any, Protocol

import discord

from adapters.discord.embeds import CUSTOM_ID_PREFIX

TEMPLATE = re.compile(re.escape(CUSTOM_ID_PREFIX) + r"(?P<action>.+)", re.DOTALL)


class ActionTarget(Protocol):
    """What a click is handed to (the client): answer one button press."""

    async def on_action(self, interaction: discord.Interaction[Any], action: str) -> None: ...


class ActionButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=TEMPLATE):
    def __init__(
        self,
        action: str,
        label: str = "",
        style: discord.ButtonStyle = discord.ButtonStyle.secondary,
        row: int | None = None,
    ) -> None:
        button: discord.ui.Button[Any] = discord.ui.Button(
            label=label or action, style=style, custom_id=CUSTOM_ID_PREFIX + action, row=row
        )
        super().__init__(button)
        self.action = action

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> ActionButton:
        label = getattr(item, "label", "") or ""
        style = getattr(item, "style", discord.ButtonStyle.secondary)
        return cls(match["action"], label, style)

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        target: ActionTarget = interaction.client
        await target.on_action(interaction, self.action)


def view_for(components: list[dict[str, Any]]) -> discord.ui.View | None:
    """A `View` of `ActionButton`s from rendered action rows (None when there are no buttons).

    The view is fully dynamic, so discord.py keeps nothing per message: clicks reach
    `ActionButton` through the client's registered dynamic items.
    """
    buttons = [(index, item) for index, row in enumerate(components) for item in row["components"]]
    if not buttons:
        return None
    view = discord.ui.View(timeout=None)
    for row, item in buttons:
        action = item["custom_id"][len(CUSTOM_ID_PREFIX) :]
        view.add_item(ActionButton(action, item["label"], discord.ButtonStyle(item["style"]), row=row))
    return view
