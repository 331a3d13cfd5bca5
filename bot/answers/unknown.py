"""unknown: a short honest answer, with did-you-mean suggestions when something was close."""

from __future__ import annotations

from bot.answers.retrieval_answer import anything, quoted_reply
from bot.context import Context
from bot.intents import Intent
from bot.messages import Reply, Section
from bot.nlu.matcher import OFF_TOPIC, UNKNOWN_NAME, VERSIONS

_PRACTICE = ("mock", "quiz", "practice", "practise", "drill", "interview", "test")


def handle(ctx: Context) -> Reply:
    why = ctx.match.why
    if why in (OFF_TOPIC, VERSIONS) or (why == UNKNOWN_NAME and _asks_practice(ctx.message.text)):
        return _edge(ctx)
    suggestions = ctx.match.suggestions
    named = why.startswith("a name the notes")  # say so, instead of quoting a passage near it
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


def _asks_practice(text: str) -> bool:
    first = text.strip().lstrip("/").split(maxsplit=1)
    return bool(first) and first[0].casefold() in _PRACTICE


def _edge(ctx: Context) -> Reply:
    """A quiz on a name the notes do not know, two versions of one topic, or a request outside the
    notes: said plainly, with what the bot can do instead (never a quiz or table on something else)."""
    known = _names(ctx)
    first = next(iter(ctx.kb.topics), "")
    why = ctx.match.why
    if why == UNKNOWN_NAME:
        name = _shown(ctx.match.args.strip(), ctx.message.text)
        text = (
            f"I don't have notes on {name}, so I can't quiz you on it — I know {known}. "
            f"Say `mock {first}` (or just `mock`) to practise on those."
        )
        return Reply(title=f"No notes on {name}", sections=(Section(text=text),), intent=Intent.MOCK)
    if why == VERSIONS:
        own = ctx.match.args.strip()
        topic = ctx.kb.topics[own].name if own in ctx.kb.topics else "that"
        others = [t.name for t in ctx.kb.topics.values() if t.id != own][:3]
        text = (
            f"My notes treat {topic} as one topic and don't compare its versions side by side. "
            f"Ask `explain {topic.casefold()}` for what they say"
            + (f", or compare it with {' or '.join(others)}." if others else ".")
        )
        return Reply(title="Not in my notes", sections=(Section(text=text),), intent=Intent.UNKNOWN)
    text = (
        f"That's outside my notes — I can help with {known}: what each is, how they compare, "
        "which fits a need, and mock interview questions on them."
    )
    return Reply(
        title="That's outside my notes",
        sections=(Section(text=text),),
        footer="Say `help` for examples.",
        intent=Intent.UNKNOWN,
    )
