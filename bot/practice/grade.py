"""grade: the person's answer to the question their practice session is waiting on, and "I was right"
(the contest of the last grade: recorded for the team, the review card re-rated as a pass)."""

from __future__ import annotations

from dataclasses import replace

from bot.context import Context
from bot.intents import Command, Intent
from bot.messages import Button, Reply, Section
from bot.practice import sessions
from bot.practice.grading import grade
from bot.practice.replies import grade_reply, notice
from bot.storage.disputes import DisputeStore

HINT_COST = 10  # points off per hint used on the question
CONTEST = Button("contest", "I was right")


def handle(ctx: Context) -> Reply:
    if ctx.match.command is Command.CONTEST:
        return _contest(ctx)
    store = ctx.stores.practice
    session = sessions.find(store, ctx.message)
    if session is None:
        return notice(
            "There's no question waiting for your answer here. Say mock to start practising.",
            buttons=(Button("mock", "Start a mock interview", "primary"),),
        )
    session = sessions.adopt_thread(store, session, ctx.message, ctx.clock.now())
    question = ctx.bank.get(session.question_id or "")
    if question is None:
        return notice(
            "That question is done. Say next for another one, or stop to finish.",
            buttons=(Button("next", "Next question", "primary"), Button("stop", "Stop")),
        )
    answer = ctx.match.args or ctx.message.text
    # The key points shown as hints: reading one back earns nothing for it.
    result = grade(question, answer, ctx.kb, hinted=question.key_points[: session.hints])
    score = max(0, result.score - HINT_COST * session.hints)
    store.answer_in_session(session, question, score, ctx.clock.now(), place=ctx.message.place)
    DisputeStore(ctx.stores.db).remember(
        ctx.message.user.key, ctx.message.channel.key, question.id, answer, score, ctx.clock.now()
    )
    reply = grade_reply(question, result, score, session.hints)
    return replace(reply, buttons=(*reply.buttons, CONTEST))


def _contest(ctx: Context) -> Reply:
    disputed = DisputeStore(ctx.stores.db).contest(
        ctx.message.user.key, ctx.message.channel.key, ctx.clock.now()
    )
    if disputed is None:
        return notice("There's no grade here to contest (each grade can be contested once, right after it).")
    question = ctx.bank.get(disputed.question_id)
    about = f"“{question.text}”" if question is not None else disputed.question_id
    text = (
        f"Noted: your {disputed.score}/100 on {about} is marked for the team to review, "
        "and the question comes back as if you got it right"
    )
    if disputed.due is not None:
        text += f" (next on {disputed.due:%Y-%m-%d})"
    reply = notice(text + ".", buttons=(Button("next", "Next question", "primary"), Button("stop", "Stop")))
    return replace(
        reply,
        intent=Intent.GRADE,
        sections=(*reply.sections, Section(heading="Your answer", text=disputed.answer))
        if disputed.answer
        else reply.sections,
    )
