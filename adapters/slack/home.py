"""The App Home tab: the person's progress (a core Reply) and buttons to start practising."""

from __future__ import annotations

from typing import Any

from adapters.slack.blocks import render_messages
from bot.messages import Button, Reply

MAX_HOME_BLOCKS = 100
START = (
    Button("mock", "Start a mock interview", "primary"),
    Button("review", "Review due questions"),
    Button("daily", "Today's question"),
)


def home_view(progress: Reply, dm_channel: str = "") -> dict[str, Any]:
    """A `views.publish` view: the progress reply's blocks, then the practice buttons. Clicks carry
    `dm_channel` back (private_metadata) so practice starts in the person's DM with the app."""
    reply = Reply(
        title=progress.title or "Your practice",
        sections=progress.sections,
        table=progress.table,
        footer=progress.footer,
        buttons=START,
    )
    blocks = [block for payload in render_messages(reply) for block in payload["blocks"]]
    actions = [block for block in blocks if block["type"] == "actions"]
    body = [block for block in blocks if block["type"] != "actions"]
    return {
        "type": "home",
        "blocks": body[: MAX_HOME_BLOCKS - len(actions)] + actions,
        "private_metadata": dm_channel,
    }
