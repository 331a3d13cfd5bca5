"""The daily intent: today's question, answers in its thread, study settings, leaderboard, opt-out."""

from __future__ import annotations

import hashlib
from dataclasses import replace

from bot.context import Context
from bot.daily import content as content
from bot.daily import due as scheduler
from bot.daily import leaderboard as daily_board
from bot.daily import study as daily_study
from bot.intents import Command, Intent
from bot.messages import Button, Reply, Section
from bot.practice import sessions
from bot.practice.grading import grade
from bot.storage.channels import DailyAnswer, StudyChannel
from knowledge.model import Question


def handle(ctx: Context) -> Reply:
    command = ctx.match.command
    if command is Command.STUDY:
        return daily_study.handle(ctx)
    if command is Command.LEADERBOARD:
        return daily_board.leaderboard(ctx)
    if command is Command.OPTOUT:
        return daily_board.optout(ctx)
    if command is Command.ANSWER:
        return answer(ctx)
    return today(ctx)


# -- /daily ---------------------------------------------------------------------------------------
def today(ctx: Context) -> Reply:
    channel = None if ctx.message.channel.is_direct else ctx.stores.channels.get(ctx.message.channel.key)
    if channel is not None:
        return _study_channel_today(ctx, channel)
    return _personal_question(ctx)


def _study_channel_today(ctx: Context, channel: StudyChannel) -> Reply:
    day = daily_board.today_in(channel, ctx)
    post = ctx.stores.channels.post(channel.channel_key, day.isoformat())
    question = ctx.bank.get(post.question_id) if post and post.status == "sent" and post.question_id else None
    if question is None:
        upcoming = None if channel.paused else scheduler.next_post_at(channel, ctx.clock.now())
        when = (
            f"The next one is posted {upcoming.astimezone(scheduler.zone(channel.tz)):%a %H:%M %Z}."
            if upcoming
            else "Daily questions are paused here."
        )
        return Reply(
            title="No question posted here yet today",
            sections=(Section(text=when),),
            ephemeral=True,
            intent=Intent.DAILY,
        )
    return Reply(
        title=f"Today's question · {day.isoformat()}",
        sections=(Section(text=question.text),),
        footer="Answer in the thread of today's post: that is where answers are graded and counted.",
        ephemeral=True,
        intent=Intent.DAILY,
        topics=question.topics,
        aspect=question.aspect,
    )


def question_of_the_day(questions: tuple[Question, ...], day: str) -> Question | None:
    """Everyone's personal question for a UTC date (the same for everyone that day)."""
    bank = content.bank_for(questions)
    if not bank:
        return None
    digest = hashlib.sha256(f"qotd|{day}".encode()).digest()
    return bank[int.from_bytes(digest[:8], "big") % len(bank)]


def _personal_question(ctx: Context) -> Reply:
    now = ctx.clock.now()
    day = now.date().isoformat()
    question = question_of_the_day(ctx.bank.questions, day)
    if question is None:
        return Reply(
            title="No questions yet",
            sections=(Section(text="The knowledge base has no interview questions to ask."),),
            intent=Intent.DAILY,
        )
    user = ctx.message.user.key
    seen = ctx.stores.practice.daily_status(user, day)
    if seen is not None and seen[1] != "asked":
        # One go per person per day: answered, or the model answer was shown first.
        done = (
            f"You've answered today's question ({seen[2]}/100)."
            if seen[1] == "answered"
            else "You've seen the model answer for today's question, so it can't be graded now."
        )
        return Reply(
            title=f"Question of the day · {day}",
            sections=(Section(text=question.text), Section(text=f"{done} A new one comes tomorrow.")),
            footer="Say mock to keep practising, or review for what is due.",
            buttons=(Button(f"model_answer:{question.id}", "Model answer"), Button("mock", "Practice")),
            ephemeral=True,
            intent=Intent.DAILY,
            topics=question.topics,
            aspect=question.aspect,
        )
    ctx.stores.practice.mark_daily(user, day, question.id, "asked")
    session = sessions.new_session(ctx.message, "daily", now, topics=question.topics)
    ctx.stores.practice.save_session(
        replace(session, question_id=question.id, asked_ids=(question.id,), asked=1, asked_at=now), now
    )
    return Reply(
        title=f"Question of the day · {day}",
        sections=(Section(text=question.text),),
        footer="Reply with your answer and I'll grade it.",
        buttons=(Button("hint", "Hint"), Button(f"model_answer:{question.id}", "Model answer")),
        intent=Intent.DAILY,
        topics=question.topics,
        aspect=question.aspect,
    )


# -- an answer in a daily thread ------------------------------------------------------------------
def answer(ctx: Context) -> Reply:
    message = ctx.message
    post = ctx.stores.channels.thread_post(message.channel.key, message.thread or "")
    question = ctx.bank.get(post.question_id) if post and post.question_id else None
    if post is None or question is None:
        return Reply(
            title="That question is gone",
            sections=(Section(text="I can't find the question this thread belongs to any more."),),
            ephemeral=True,
            intent=Intent.GRADE,
        )
    result = grade(question, ctx.match.args or message.text, ctx.kb)
    now = ctx.clock.now()
    counted = ctx.stores.channels.record_answer(
        message.channel.key,
        post.day,
        DailyAnswer(message.user.key, message.user.name, post.day, question.id, result.score),
        now,
    )
    if counted:
        ctx.stores.practice.record_answer(
            message.user.key, question, result.score, now, place=message.place, source="daily"
        )
    return _graded(
        ctx, question, result.score, result.covered, result.missed, result.feedback, counted, post.day
    )


def _graded(
    ctx: Context,
    question: Question,
    score: int,
    covered: tuple[str, ...],
    missed: tuple[str, ...],
    feedback: str,
    counted: bool,
    day: str,
) -> Reply:
    sections = [Section(text=feedback)] if feedback else []
    if covered:
        sections.append(Section(heading="You covered", text="\n".join(f"• {p}" for p in covered)))
    if missed:
        sections.append(Section(heading="You missed", text="\n".join(f"• {p}" for p in missed)))
    if counted:
        footer = f"Counted for {day}." + _streak_line(ctx)
        title = f"Your answer: {score}/100"
    else:
        first = next(
            (
                a.score
                for a in ctx.stores.channels.answers(ctx.message.channel.key, day=day)
                if a.user_key == ctx.message.user.key
            ),
            None,
        )
        title = f"Feedback only: this one scores {score}/100"
        footer = (
            f"Your first answer for {day} ({first}/100) is the one that counts: this one does not change "
            "your score, your streak or the leaderboard."
        )
    return Reply(
        title=title,
        sections=tuple(sections),
        footer=footer,
        ephemeral=True,
        intent=Intent.GRADE,
        score=score,
        topics=question.topics,
        aspect=question.aspect,
        buttons=(Button(f"model_answer:{question.id}", "Model answer"),),
    )


def _streak_line(ctx: Context) -> str:
    channel = ctx.stores.channels.get(ctx.message.channel.key)
    if channel is None:
        return ""
    days = daily_board.streaks(ctx, channel).get(ctx.message.user.key, 0)
    return f" Streak: {days} due day{'s' if days != 1 else ''} in a row." if days else ""
