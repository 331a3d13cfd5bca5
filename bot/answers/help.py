"""help: what the bot can do, with examples drawn from the loaded knowledge base."""

from __future__ import annotations

from bot import admin
from bot.answers.wording import aspect_label
from bot.context import Context
from bot.intents import Command, Intent
from bot.messages import Button, Field, Reply, Section
from knowledge.model import KnowledgeBase


def handle(ctx: Context) -> Reply:
    if ctx.match.command is Command.RELOAD:
        return admin.reload(ctx)
    kb = ctx.kb
    topics = [t.name for t in kb.topics.values()]
    if not topics:
        return Reply(
            title="prepbot help",
            sections=(
                Section(
                    text="No knowledge is loaded yet. Point me at a folder of markdown documents "
                    "with --knowledge DIR or PREPBOT_KNOWLEDGE."
                ),
            ),
            intent=Intent.HELP,
        )
    return Reply(
        title="Here's what I can do",
        sections=(
            Section(text=f"I know {_list(topics)}. Ask in plain words, typos welcome."),
            Section(heading="Try", fields=_examples(kb, topics)),
        ),
        footer="Practice: mock · hint · skip · stop · review · progress. Team channels: "
        f"{admin.command(ctx, 'study on')}, /prep leaderboard.",
        buttons=(Button(f"mock:{next(iter(kb.topics))}", "Start a mock interview", "primary"),),
        intent=Intent.HELP,
    )


def _examples(kb: KnowledgeBase, topics: list[str]) -> tuple[Field, ...]:
    first, second = topics[0], topics[1] if len(topics) > 1 else topics[0]
    aspects = kb.table_aspects()
    aspect = aspect_label(kb, aspects[0]).lower() if aspects else "features"
    examples = [
        Field("Explain", f"what is {first}?"),
        Field("One aspect", f"{second} {aspect}"),
        Field("Compare", f"/compare {first} {second}" + (f" {aspect}" if aspects else "")),
        Field("Recommend", "which is best for beginners?"),
        Field("Mock interview", f"mock {second}"),
        Field("Daily question", "daily"),
    ]
    return tuple(examples)


def _list(names: list[str]) -> str:
    if len(names) <= 2:
        return " and ".join(names)
    shown = names[:6]
    rest = len(names) - len(shown)
    tail = f" and {rest} more" if rest else ""
    return ", ".join(shown[:-1]) + (f", {shown[-1]}{tail}" if rest else f" and {shown[-1]}")
