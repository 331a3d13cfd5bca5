"""mock: start a practice interview and drive it (hint, skip, next, model answer, stop), plus
review (due questions as a session) and progress. Session rules live in bot/sessions.py."""

from __future__ import annotations

from dataclasses import replace

from bot.answers.wording import known_topics
from bot.context import Context
from bot.intents import Command
from bot.messages import Button, Reply
from bot.practice import sessions
from bot.practice.replies import (
    hint_reply,
    model_answer_reply,
    notice,
    progress_reply,
    question_reply,
    summary_reply,
)
from bot.storage.practice import PracticeSession

NO_SESSION = "You have no practice session running here. Say mock to start one."
START = (Button("mock", "Start a mock interview", "primary"),)


def handle(ctx: Context) -> Reply:
    command = ctx.match.command or Command.START
    if command is Command.PROGRESS:
        return progress_reply(ctx.kb, ctx.stores.practice.progress(ctx.message.user.key, ctx.clock.now()))
    if command is Command.REVIEW:
        return _review(ctx)
    if command is Command.START:
        return _start(ctx)
    if command is Command.MODEL_ANSWER and ctx.match.args:
        return _model_answer(ctx, ctx.match.args, sessions.find(ctx.stores.practice, ctx.message))
    session = sessions.find(ctx.stores.practice, ctx.message)
    if session is None:
        return notice(NO_SESSION, buttons=START)
    session = sessions.adopt_thread(ctx.stores.practice, session, ctx.message, ctx.clock.now())
    if command is Command.STOP:
        return _stop(ctx, session)
    if command is Command.HINT:
        return _hint(ctx, session)
    if command is Command.MODEL_ANSWER:
        return _model_answer(ctx, session.question_id or "", session)
    return ask_next(ctx, session)  # NEXT, SKIP


def _start(ctx: Context) -> Reply:
    message = ctx.message
    topics = known_topics(ctx.kb, ctx.match.topics)
    session = sessions.new_session(message, "mock", ctx.clock.now(), topics, ctx.match.difficulty)
    if sessions.pick_next(ctx.bank, ctx.stores.practice, session) is None:
        return notice(
            "I have no questions for that yet. Try mock without a topic or difficulty.", buttons=START
        )
    start_thread = not message.channel.is_direct and message.thread is None
    return ask_next(ctx, session, start_thread=start_thread, new=True)


def _review(ctx: Context) -> Reply:
    user, now = ctx.message.user.key, ctx.clock.now()
    room = ctx.settings.review_daily_cap - ctx.stores.practice.answered_today(user, now, "review")
    if room <= 0:
        return notice(
            f"That's today's {ctx.settings.review_daily_cap} reviews done. Come back tomorrow!",
            title="Review",
        )
    due = [d.question_id for d in ctx.stores.practice.due(user, now, room) if ctx.bank.get(d.question_id)]
    if not due:
        return notice(
            "Nothing is due for review right now. Say mock to practise something new.",
            title="Review",
            buttons=START,
        )
    session = sessions.new_session(ctx.message, "review", now, queue=due)
    intro = f"{len(due)} question{'s' * (len(due) > 1)} due, weakest first."
    start_thread = not ctx.message.channel.is_direct and ctx.message.thread is None
    return ask_next(ctx, session, start_thread=start_thread, intro=intro, new=True)


def ask_next(
    ctx: Context, session: PracticeSession, *, start_thread: bool = False, intro: str = "", new: bool = False
) -> Reply:
    """Put the next question (saving the session first), or finish when there is none left.
    An open session moves only from the state it was read in (see PracticeStore.update_session)."""
    question = sessions.pick_next(ctx.bank, ctx.stores.practice, session)
    if question is None:
        return _finish(ctx, session, "That's every question I have for this session")
    asked = sessions.asking(session, question)
    if new:
        ctx.stores.practice.save_session(asked, ctx.clock.now())
    else:
        asked = ctx.stores.practice.update_session(session, asked, ctx.clock.now())
    session = asked
    return question_reply(ctx.kb, question, session, start_thread=start_thread, intro=intro)


def _hint(ctx: Context, session: PracticeSession) -> Reply:
    question = ctx.bank.get(session.question_id or "")
    if question is None:
        return notice("No question is waiting for an answer. Say next for a new one.")
    if session.hints >= len(question.key_points):
        return hint_reply(question, None, session.hints)
    used = session.hints + 1
    ctx.stores.practice.update_session(session, replace(session, hints=used), ctx.clock.now())
    return hint_reply(question, question.key_points[session.hints], used)


def _model_answer(ctx: Context, question_id: str, session: PracticeSession | None) -> Reply:
    question = ctx.bank.get(question_id)
    if question is None:
        return notice("I can't find that question any more. Say next for a new one.")
    if session is not None and session.question_id == question.id:
        # Seeing the answer ends the question: it can no longer be graded.
        ctx.stores.practice.update_session(
            session, replace(session, question_id=None, hints=0), ctx.clock.now()
        )
    return model_answer_reply(question)


def _stop(ctx: Context, session: PracticeSession) -> Reply:
    return _finish(ctx, session, "Session finished")


def _finish(ctx: Context, session: PracticeSession, title: str) -> Reply:
    ended = (
        ctx.stores.practice.end_session(session.user_key, session.channel_key, session.session_id) or session
    )
    weakest = sessions.weakest_aspects(ctx.stores.practice.session_scores(ended.session_id))
    return summary_reply(ctx.kb, ended, weakest, title=title)
