"""unknown: a short honest answer, with did-you-mean suggestions when something was close."""

from __future__ import annotations

from bot.answers.retrieval_answer import anything, quoted_reply
from bot.context import Context
from bot.intents import Intent
from bot.messages import Reply, Section


def handle(ctx: Context) -> Reply:
    suggestions = ctx.match.suggestions
    said = anything(ctx.matcher.passages, ctx.message.text) if ctx.message.text.strip() else None
    if said is not None:  # the matcher could not place it, but a passage says exactly that
        return quoted_reply(ctx.kb, said, intent=Intent.EXPLAIN)
    if not ctx.match.args.strip() and not ctx.message.text.strip() and not suggestions:
        text = "I didn't catch anything there. Say `help` to see what I can do."
    else:
        text = "I'm not sure what you mean, and I'd rather not guess."
    sections = [Section(text=text)]
    if suggestions:
        sections.append(Section(heading="Did you mean", text="\n".join(f"• {s}" for s in suggestions)))
    return Reply(
        title="Sorry, I didn't get that",
        sections=tuple(sections),
        footer="Say `help` for examples.",
        intent=Intent.UNKNOWN,
        suggestions=suggestions,
    )
