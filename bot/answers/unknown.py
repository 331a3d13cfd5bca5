"""unknown: a short honest answer, with did-you-mean suggestions when something was close."""

from __future__ import annotations

from bot.answers.retrieval_answer import anything, quoted_reply
from bot.context import Context
from bot.intents import Intent
from bot.messages import Reply, Section


def handle(ctx: Context) -> Reply:
    suggestions = ctx.match.suggestions
    named = ctx.match.why.startswith("a name the notes")  # say so, instead of quoting a passage near it
    said = (
        anything(ctx.matcher.passages, ctx.message.text) if ctx.message.text.strip() and not named else None
    )
    if said is not None:  # the matcher could not place it, but a passage says exactly that
        return quoted_reply(ctx.kb, said, intent=Intent.EXPLAIN)
    known = _names(ctx)
    name = ctx.match.args.strip()
    if not name and not ctx.message.text.strip() and not suggestions:
        text = "I didn't catch anything there. Say `help` to see what I can do."
    elif name and name.isalpha() and named:
        text = f"I don't have notes on {_shown(name, ctx.message.text)} — I know {known}."
    else:
        text = f"I'm not sure what you mean, and I'd rather not guess. I have notes on {known}."
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


def _names(ctx: Context) -> str:
    names = [t.name for t in ctx.kb.topics.values()]
    if len(names) <= 1:
        return "".join(names) or "nothing yet"
    shown = names[:8] + ([f"{len(names) - 8} more"] if len(names) > 8 else [])
    return ", ".join(shown[:-1]) + " and " + shown[-1]


def _shown(name: str, text: str) -> str:
    """The name as the person wrote it (their casing), capitalised when they wrote it all lower case."""
    at = text.casefold().find(name.casefold())
    said = text[at : at + len(name)] if at >= 0 else name
    return said[:1].upper() + said[1:] if said.islower() else said
