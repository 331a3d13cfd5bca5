"""Buttons several answer handlers share."""

from __future__ import annotations

from collections.abc import Sequence

from bot.answers.wording import name
from bot.messages import Button
from knowledge.model import KnowledgeBase


def quiz_buttons(kb: KnowledgeBase, topic_ids: Sequence[str]) -> tuple[Button, ...]:
    if len(topic_ids) == 1:
        return (Button(f"mock:{topic_ids[0]}", "Quiz me on this", "primary"),)
    return tuple(Button(f"mock:{t}", f"Quiz me on {name(kb, t)}") for t in topic_ids[:3])
