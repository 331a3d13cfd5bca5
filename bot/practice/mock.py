"""mock: start a practice interview (open-ended, or a timed round: `mock interview 5 [topics]
[difficulty] [minutes]`) and drive it (hint, skip, next, model answer, follow-up, stop), plus review
(due questions as a session), progress and the follow-up setting. Session rules live in
bot/practice/sessions.py; a round's state is in the database, so it survives a restart."""

from __future__ import annotations

import re
from dataclasses import replace

from bot.answers.wording import known_topics
from bot.context import Context
from bot.intents import Command
from bot.messages import Button, Reply, Section
from bot.practice import followups, hints, sessions
from bot.practice.replies import (
    followup_reply,
    hint_reply,
    model_answer_reply,
    nothing_due_reply,
    notice,
    question_reply,
    scorecard_reply,
    summary_reply,
)
from bot.storage.practice import PracticeSession, RoundItem, timing

NO_SESSION = "You have no practice session running here. Say mock to start one."
START = (Button("mock", "Start a mock interview", "primary"),)
SKIP_RETURNS_MINUTES = 10  # a skipped question comes back for review this soon
ROUND_DEFAULT, ROUND_MAX = 5, 20  # questions in a timed round
MINUTES_DEFAULT, MINUTES_MAX = 3, 30  # per question
_ROUND = re.compile(r"\b(?:interview|round|timed)\b", re.IGNORECASE)
_NUMBER = re.compile(r"(?<![\w.])(\d{1,3})(?:\s*(min(?:ute)?s?|m)\b)?", re.IGNORECASE)


def handle(ctx: Context) -> Reply:
    command = ctx.match.command or Command.START
    if command is Command.PROGRESS:  # figures, a text chart and the picture (bot/progress)
        from bot.progress.report import progress

        return progress(ctx)
    if command is Command.REVIEW:
        return _review(ctx)
    if command is Command.START:
        return _start(ctx)
    if command is Command.FOLLOWUPS and ctx.match.args != "take":
        return _followup_setting(ctx)
    if command is Command.MODEL_ANSWER and ctx.match.args:
        return _model_answer(ctx, ctx.match.args, sessions.find(ctx.stores.practice, ctx.message))
    session = sessions.find(ctx.stores.practice, ctx.message)
    if session is None:
        return notice(NO_SESSION, buttons=START)
    session = sessions.adopt_thread(ctx.stores.practice, session, ctx.message, ctx.clock.now())
    if command is Command.FOLLOWUPS:
        return take_followup(ctx, session)
    if command is Command.STOP:
        return _stop(ctx, session)
    if command is Command.HINT:
        return _hint(ctx, session)
    if command is Command.MODEL_ANSWER:
        return _model_answer(ctx, session.question_id or "", session)
    if command is Command.SKIP and session.question_id:
        return _skip(ctx, session)
    return ask_next(ctx, session)  # NEXT (SKIP with nothing pending is the same)


def round_size(text: str) -> tuple[int, int] | None:
    """(questions, minutes per question) of a timed round asked for in `text`, or None.

    "mock interview 5 inkwell hard 3" -> (5, 3); "timed round" -> (5, 3); "interview 4 10 min"
    -> (4, 10). Plain "mock interview" (no number) stays an open-ended interview."""
    if not _ROUND.search(text):
        return None
    numbers = [(int(n), bool(unit)) for n, unit in _NUMBER.findall(text)]
    timed = re.search(r"\b(?:timed|round)\b", text, re.IGNORECASE)
    if not numbers and not timed:
        return None
    minutes = next((n for n, unit in numbers if unit), None)
    counts = [n for n, unit in numbers if not unit]
    count = counts[0] if counts else ROUND_DEFAULT
    if minutes is None:
        minutes = counts[1] if len(counts) > 1 else MINUTES_DEFAULT
    return max(1, min(ROUND_MAX, count)), max(1, min(MINUTES_MAX, minutes))


def _start(ctx: Context) -> Reply:
    message, now = ctx.message, ctx.clock.now()
    topics = known_topics(ctx.kb, ctx.match.topics)
    session = sessions.new_session(message, "mock", now, topics, ctx.match.difficulty)
    size = round_size(message.text) if not message.action else None
    intro = ""
    if size is not None:
        session = replace(session, count=size[0], seconds=size[1] * 60)
        intro = (
            f"Timed interview: {size[0]} question{'s' * (size[0] > 1)}, {size[1]} minute"
            f"{'s' * (size[1] > 1)} each. A late answer is still graded, and marked late. "
            "The scorecard comes at the end."
        )
    if sessions.pick_next(ctx.bank, ctx.stores.practice, session) is None:
        return notice(
            "I have no questions for that yet. Try mock without a topic or difficulty.", buttons=START
        )
    start_thread = not message.channel.is_direct and message.thread is None
    return ask_next(ctx, session, start_thread=start_thread, intro=intro, new=True)


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
        return nothing_due_reply(ctx.stores.practice.next_due(user, now), now, buttons=START)
    session = sessions.new_session(ctx.message, "review", now, queue=due)
    intro = f"{len(due)} question{'s' * (len(due) > 1)} due, weakest first."
    start_thread = not ctx.message.channel.is_direct and ctx.message.thread is None
    return ask_next(ctx, session, start_thread=start_thread, intro=intro, new=True)


def ask_next(
    ctx: Context,
    session: PracticeSession,
    *,
    start_thread: bool = False,
    intro: str = "",
    new: bool = False,
    before: tuple[Section, ...] = (),
    skipped: RoundItem | None = None,
) -> Reply:
    """Put the next question (saving the session first), or finish when there is none left (or the
    timed round has had all its questions). An open session moves only from the state it was read
    in (see PracticeStore.update_session)."""
    now = ctx.clock.now()
    question = None
    if not session.timed or session.asked < session.count:
        question = sessions.pick_next(ctx.bank, ctx.stores.practice, session)
    if question is None:
        if skipped is not None:
            session = ctx.stores.practice.update_session(
                session, replace(session, question_id=None, hints=0), now, skipped
            )
        title = "Round complete" if session.timed else "That's every question I have for this session"
        reply = _finish(ctx, session, title)
        return replace(reply, sections=(*before, *reply.sections))
    asked = sessions.asking(session, question, now)
    if new:
        ctx.stores.practice.save_session(asked, now)
    else:
        asked = ctx.stores.practice.update_session(session, asked, now, skipped)
    reply = question_reply(ctx.kb, question, asked, start_thread=start_thread, intro=intro)
    return replace(reply, sections=(*before, *reply.sections))


def _skip(ctx: Context, session: PracticeSession) -> Reply:
    """Skipping shows the model answer, brings the question back for review soon, and moves on."""
    question = ctx.bank.get(session.question_id or "")
    if question is None:
        return ask_next(ctx, session)
    now = ctx.clock.now()
    seconds, late = timing(session, now)
    item = RoundItem(session.asked, question.id, None, seconds, late, session.hints, session.followup)
    before: tuple[Section, ...] = ()
    if session.followup is None:
        ctx.stores.practice.schedule_soon(session.user_key, question.id, now, SKIP_RETURNS_MINUTES)
        shown = model_answer_reply(question).sections
        before = (
            Section(heading="Skipped", text=question.text),
            *shown[1:],
            Section(text=f"It comes back for review in {SKIP_RETURNS_MINUTES} minutes."),
        )
    return ask_next(ctx, session, before=before, skipped=item)


def take_followup(ctx: Context, session: PracticeSession) -> Reply:
    """Put the follow-up offered after the last answer."""
    question = ctx.bank.get(session.question_id or "") if session.followup else None
    if session.offer is None or session.question_id is not None:
        if question is not None and session.followup:
            return followup_reply(question, session.followup, session)
        return notice("There's no follow-up waiting. Say next for another question.")
    asked_id = session.asked_ids[-1] if session.asked_ids else ""
    question = ctx.bank.get(asked_id)
    if question is None:
        return notice("I can't find that question any more. Say next for a new one.")
    now = ctx.clock.now()
    moved = ctx.stores.practice.update_session(
        session,
        replace(session, question_id=question.id, hints=0, followup=session.offer, offer=None, asked_at=now),
        now,
    )
    return followup_reply(question, session.offer, moved)


def _followup_setting(ctx: Context) -> Reply:
    user, value = ctx.message.user.key, ctx.match.args
    if value in followups.SETTINGS:
        ctx.stores.practice.set_followups(user, value, ctx.clock.now())
        text = {
            "always": "Follow-ups: always. After a partly right answer I'll ask about what you missed.",
            "never": "Follow-ups: never. After each answer you'll go straight on.",
            "ask": "Follow-ups: ask. After a partly right answer I'll offer one; say follow up to take it.",
        }[value]
    else:
        text = (
            f"Follow-ups are set to {ctx.stores.practice.followups(user)}. "
            "Change with followups always, followups never or followups ask."
        )
    return notice(text, title="Follow-ups")


def _hint(ctx: Context, session: PracticeSession) -> Reply:
    question = ctx.bank.get(session.question_id or "")
    if question is None:
        return notice("No question is waiting for an answer. Say next for a new one.")
    if session.followup:
        question = followups.question_for(question, session.followup)
    text = hints.hint(question, session.hints + 1, ctx.kb)  # the ladder: angle, then partial cues
    if not text:
        return hint_reply(question, None, session.hints)
    used = session.hints + 1
    ctx.stores.practice.update_session(session, replace(session, hints=used), ctx.clock.now())
    return hint_reply(question, text, used)


def _model_answer(ctx: Context, question_id: str, session: PracticeSession | None) -> Reply:
    question = ctx.bank.get(question_id)
    if question is None:
        return notice("I can't find that question any more. Say next for a new one.")
    now = ctx.clock.now()
    if session is not None and session.question_id == question.id:
        # Seeing the answer ends the question: it can no longer be graded.
        ctx.stores.practice.update_session(
            session, replace(session, question_id=None, hints=0, followup=None, offer=None), now
        )
    user, day = ctx.message.user.key, now.date().isoformat()
    daily = ctx.stores.practice.daily_status(user, day)
    if daily is not None and daily[0] == question.id:  # today's question can't be answered for credit now
        ctx.stores.practice.mark_daily(user, day, question.id, "revealed")
    return model_answer_reply(question)


def _stop(ctx: Context, session: PracticeSession) -> Reply:
    return _finish(ctx, session, "Round finished" if session.timed else "Session finished")


def _finish(ctx: Context, session: PracticeSession, title: str) -> Reply:
    ended = (
        ctx.stores.practice.end_session(session.user_key, session.channel_key, session.session_id) or session
    )
    if ended.timed:
        return scorecard_reply(
            ctx.kb, ctx.bank, ended, ctx.stores.practice.round_items(ended.session_id), title
        )
    weakest = sessions.weakest_aspects(ctx.stores.practice.session_scores(ended.session_id))
    return summary_reply(ctx.kb, ended, weakest, title=title)
