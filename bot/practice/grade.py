"""grade: the person's answer to the question their practice session is waiting on, and "I was right"
(the contest of the last grade: recorded for the team, the review card re-rated as a pass)."""

from __future__ import annotations

from dataclasses import replace

from bot.context import Context
from bot.intents import Command, Intent
from bot.messages import Button, Reply, Section
from bot.practice import followups, mock, sessions
from bot.practice.grading import grade
from bot.practice.hints import cued
from bot.practice.replies import grade_reply, notice
from bot.storage.disputes import DisputeStore
from bot.storage.practice import PracticeSession, SessionMoved, timing

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
    if ctx.match.pinned is not None and ctx.match.pinned != sessions.pin(session):
        raise SessionMoved()  # routed as an answer to a question that has since moved on
    now = ctx.clock.now()
    session = sessions.adopt_thread(store, session, ctx.message, now)
    answer = ctx.match.args or ctx.message.text
    if session.question_id is None and session.offer and followups.wants(answer):
        return mock.take_followup(ctx, session)
    asked = ctx.bank.get(session.question_id or "")
    if asked is None:
        return notice(
            "That question is done. Say next for another one, or stop to finish.",
            buttons=(Button("next", "Next question", "primary"), Button("stop", "Stop")),
        )
    question = followups.question_for(asked, session.followup) if session.followup else asked
    # The key points hints gave a cue for: reading one back earns nothing for it.
    result = grade(question, answer, ctx.kb, hinted=cued(question, session.hints))
    score = max(0, result.score - HINT_COST * session.hints)
    seconds, late = timing(session, now)
    offer = _followup_after(ctx, session, score, result.missed)
    done = store.answer_in_session(session, asked, score, now, place=ctx.message.place, offer=offer)
    if session.followup is None:
        DisputeStore(ctx.stores.db).remember(
            ctx.message.user.key, ctx.message.channel.key, asked.id, answer, score, now
        )
        _daily_answered(ctx, session, asked.id, score)
    reply = grade_reply(
        question,
        result,
        score,
        session.hints,
        seconds=seconds,
        late=late,
        session=done,
        followup=session.followup,
    )
    buttons = reply.buttons if session.followup else (*reply.buttons, CONTEST)
    reply = replace(reply, buttons=buttons)
    if offer is None:
        return reply
    if store.followups(session.user_key) == "always":
        followed = mock.take_followup(ctx, done)
        return replace(
            reply,
            sections=(
                *reply.sections,
                *(replace(s, heading=s.heading or "Follow-up") for s in followed.sections[:1]),
            ),
            footer="Answer the follow-up in your own words, or say next to move on, or stop to finish.",
            buttons=(reply.buttons[0], Button("hint", "Hint"), *reply.buttons[1:]),
        )
    return replace(
        reply,
        footer="Want a follow-up on what you missed? Say follow up. "
        "Or say next to move on, or stop to finish.",
        buttons=(reply.buttons[0], Button("followup", "Follow-up question"), *reply.buttons[1:]),
    )


def _followup_after(
    ctx: Context, session: PracticeSession, score: int, missed: tuple[str, ...]
) -> str | None:
    """The missed point a follow-up would ask about, unless this person said never (or this was a
    follow-up already, or the answer was not partly right)."""
    if session.followup is not None or not followups.due_after(score, missed):
        return None
    if ctx.stores.practice.followups(session.user_key) == "never":
        return None
    return missed[0]  # key points are listed most important first


def _daily_answered(ctx: Context, session: PracticeSession, question_id: str, score: int) -> None:
    if session.kind != "daily":
        return
    day = ctx.clock.now().date().isoformat()
    ctx.stores.practice.mark_daily(session.user_key, day, question_id, "answered", score)


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
