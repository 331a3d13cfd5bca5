"""The replies of a practice session, built from structure (sections, fields, buttons), no markup."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from bot.answers.wording import aspect_label, name
from bot.intents import Intent
from bot.messages import Button, Field, Reply, Section, Table
from bot.practice import followups, spaced
from bot.practice.grading import GradeResult
from bot.practice.hints import levels
from bot.storage.practice import NextDue, PracticeSession, Progress, RoundItem
from knowledge.model import KnowledgeBase, Question

if TYPE_CHECKING:
    from bot.practice.bank import QuestionBank

NEXT_STEPS = "Answer in your own words. Say hint, skip or stop."


def question_reply(
    kb: KnowledgeBase,
    question: Question,
    session: PracticeSession,
    *,
    start_thread: bool = False,
    intro: str = "",
) -> Reply:
    topics = ", ".join(name(kb, t) for t in question.topics)
    label = f" · {aspect_label(kb, question.aspect)}" if question.aspect else ""
    what = "Review" if session.kind == "review" else "Question"
    number = f"{session.asked} of {session.count}" if session.timed else str(session.asked)
    sections = [Section(text=intro)] if intro else []
    sections.append(Section(text=question.text))
    fields = [Field("Topic", topics + label), Field("Difficulty", question.difficulty)]
    if session.timed:
        fields.append(Field("Time", _clock(session.seconds)))
    sections.append(Section(fields=tuple(fields)))
    return Reply(
        title=f"{what} {number}: {topics}",
        sections=tuple(sections),
        footer=NEXT_STEPS,
        buttons=(
            Button("hint", "Hint"),
            Button("skip", "Skip"),
            Button(f"model_answer:{question.id}", "Show model answer"),
            Button("stop", "Stop", "danger"),
        ),
        start_thread=start_thread,
        intent=Intent.MOCK,
        topics=question.topics,
        aspect=question.aspect,
        confidence=100,
    )


def grade_reply(
    question: Question,
    result: GradeResult,
    score: int,
    hints: int,
    *,
    seconds: int = 0,
    late: bool = False,
    session: PracticeSession | None = None,
    followup: str | None = None,
) -> Reply:
    sections = []
    if followup:
        sections.append(Section(heading="Follow-up", text=f"On what you missed: {followup}"))
    sections.append(Section(text=result.feedback + (f" Hints used: {hints}." if hints else "")))
    if session is not None and session.timed:
        limit = _clock(session.seconds)
        taken = _clock(seconds)
        sections.append(
            Section(
                text=f"Late: answered in {taken}, the limit was {limit}. Graded all the same."
                if late
                else f"Answered in {taken} (limit {limit})."
            )
        )
    if result.covered:
        sections.append(Section(heading="You covered", text=_bullets(result.covered)))
    if result.missed:
        sections.append(Section(heading="You missed", text=_bullets(result.missed)))
    if question.model_answer:
        sections.append(Section(heading="Model answer", text=question.model_answer))
    footer = "Say next for another question, or stop to finish."
    if session is not None and session.timed:
        footer = (
            "Say next for the scorecard."
            if session.asked >= session.count
            else "Say next for the next question."
        ) + " Say stop to end the round now."
    return Reply(
        title=f"Score: {score}/100" + (" · late" if late else ""),
        sections=tuple(sections),
        footer=footer,
        buttons=(Button("next", "Next question", "primary"), Button("stop", "Stop")),
        ephemeral=True,
        intent=Intent.GRADE,
        topics=question.topics,
        aspect=question.aspect,
        confidence=100,
        score=score,
    )


def hint_reply(question: Question, point: str | None, used: int) -> Reply:
    if point is None:
        text = "No more hints: that was the last one. Give it a go!"
    else:
        text = f"Hint {used} of {levels(question)}: {point}"
    return Reply(
        title="Hint",
        sections=(Section(text=text), Section(text=question.text)),
        footer="Hints cost 10 points each.",
        buttons=(Button("skip", "Skip"), Button("stop", "Stop")),
        ephemeral=True,
        intent=Intent.MOCK,
        topics=question.topics,
        aspect=question.aspect,
    )


def model_answer_reply(question: Question) -> Reply:
    # The title says "Model answer"; the answer itself goes under the question without a second heading.
    sections = [Section(text=question.text)]
    if question.model_answer:
        sections.append(Section(text=question.model_answer))
    sections.append(Section(heading="Key points", text=_bullets(question.key_points)))
    return Reply(
        title="Model answer",
        sections=tuple(sections),
        footer="Say next for another question.",
        buttons=(Button("next", "Next question", "primary"), Button("stop", "Stop")),
        ephemeral=True,
        intent=Intent.MOCK,
        topics=question.topics,
        aspect=question.aspect,
    )


def followup_reply(question: Question, point: str, session: PracticeSession) -> Reply:
    """The follow-up question: graded on its own, on one point the last answer missed."""
    fields = [Field("Topic", ", ".join(question.topics))]
    if session.timed:
        fields.append(Field("Time", _clock(session.seconds)))
    return Reply(
        title="Follow-up",
        sections=(Section(text=followups.text_for(question, point)), Section(fields=tuple(fields))),
        footer="Answer in your own words, or say next to move on.",
        buttons=(Button("hint", "Hint"), Button("next", "Next question"), Button("stop", "Stop", "danger")),
        intent=Intent.MOCK,
        topics=question.topics,
        aspect=question.aspect,
        confidence=100,
    )


def nothing_due_reply(upcoming: NextDue | None, now: datetime, buttons: tuple[Button, ...] = ()) -> Reply:
    if upcoming is None:
        text = (
            "Nothing is due now, and nothing is waiting for review yet: answered questions come "
            "back here when they are due. Say mock to practise something new."
        )
    else:
        many = f"{upcoming.count} question{'s' * (upcoming.count != 1)}"
        text = f"Nothing is due now — your next review is {when(upcoming.at, now)} ({many})."
    return notice(text, title="Review", buttons=buttons)


def when(at: datetime, now: datetime) -> str:
    """'in 10 minutes', 'today at 15:40 UTC', 'tomorrow at 09:10 UTC', 'on Fri 9 Jan at 09:10 UTC'."""
    at, now = spaced.as_utc(at), spaced.as_utc(now)
    if at - now < timedelta(hours=1):
        minutes = max(1, round((at - now).total_seconds() / 60))
        return f"in {minutes} minute{'s' * (minutes != 1)}"
    days = (at.date() - now.date()).days
    day = "today" if days == 0 else "tomorrow" if days == 1 else f"on {at:%a} {at.day} {at:%b}"
    return f"{day} at {at:%H:%M} UTC"


def scorecard_reply(
    kb: KnowledgeBase,
    bank: QuestionBank,
    session: PracticeSession,
    items: Sequence[RoundItem],
    title: str = "Round complete",
) -> Reply:
    """The end of a timed round: per question score and time, strengths, gaps by topic and aspect,
    and what to review next. One structure: a table plus sections, rendered by every adapter."""
    rows: list[tuple[str, ...]] = []
    by_topic: dict[str, list[int]] = {}
    by_aspect: dict[str, list[int]] = {}
    review: list[str] = []
    for item in items:
        question = bank.get(item.question_id)
        text = question.text if question is not None else item.question_id
        label = f"{item.seq}b. Follow-up" if item.followup else f"{item.seq}. {_short(text)}"
        score = "skipped" if item.score is None else f"{item.score}/100"
        if item.hints:
            score += f" · {item.hints} hint{'s' * (item.hints > 1)}"
        rows.append((label, score, _clock(item.seconds) + (" (late)" if item.late else "")))
        if item.followup or question is None:
            continue
        value = 0 if item.score is None else item.score
        for topic in question.topics:
            by_topic.setdefault(topic, []).append(value)
        if question.aspect:
            by_aspect.setdefault(question.aspect, []).append(value)
        if item.score is None or item.score < spaced.PASS_SCORE:
            review.append(text)
    main = [i for i in items if not i.followup]
    answered = [i.score for i in main if i.score is not None]
    summary = [
        Field("Questions", f"{len(main)} of {session.count}"),
        Field("Answered", str(len(answered))),
        Field("Average", f"{sum(answered) / len(answered):.0f}/100" if answered else "—"),
        Field("Late", str(sum(1 for i in items if i.late))),
        Field("Skipped", str(sum(1 for i in main if i.score is None))),
    ]
    sections = [Section(fields=tuple(summary))]
    topics = sorted((sum(v) / len(v), name(kb, key)) for key, v in by_topic.items())
    aspects = sorted((sum(v) / len(v), aspect_label(kb, key)) for key, v in by_aspect.items())

    def listed(pairs: list[tuple[float, str]], keep: bool) -> str:
        return ", ".join(f"{k} ({a:.0f})" for a, k in pairs if (a >= spaced.PASS_SCORE) == keep)

    def lines(keep: bool) -> str:
        found = [(label, listed(pairs, keep)) for label, pairs in (("Topics", topics), ("Aspects", aspects))]
        return "\n".join(f"{label}: {text}" for label, text in found if text)

    sections.append(Section(heading="Strengths", text=lines(True) or "None yet in this round."))
    sections.append(
        Section(heading="Gaps by topic and aspect", text=lines(False) or "No gaps: every topic passed.")
    )
    sections.append(
        Section(
            heading="Review next",
            text=_bullets(review[:5]) if review else "Nothing urgent: say review when questions come due.",
        )
    )
    return Reply(
        title=f"{title}: scorecard",
        sections=tuple(sections),
        table=Table(columns=("Question", "Score", "Time"), rows=tuple(rows)),
        footer="Skipped and failed questions come back in review. Say review to go over them.",
        buttons=(Button("review", "Review"), Button("mock", "Another round", "primary")),
        intent=Intent.MOCK,
        topics=session.topics,
    )


def _clock(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def summary_reply(
    kb: KnowledgeBase,
    session: PracticeSession,
    weakest: Sequence[tuple[str, float]],
    title: str = "Session finished",
) -> Reply:
    average = f"{session.score_total / session.answered:.0f}/100" if session.answered else "no answers yet"
    fields = [
        Field("Questions asked", str(session.asked)),
        Field("Answered", str(session.answered)),
        Field("Average score", average),
    ]
    if weakest:
        fields.append(
            Field(
                "Weakest", ", ".join(f"{_label(kb, key)} ({avg:.0f})" for key, avg in weakest), inline=False
            )
        )
    return Reply(
        title=title,
        sections=(Section(fields=tuple(fields)),),
        footer="Say review later to practise what is due, or progress to see how you're doing.",
        buttons=(Button("review", "Review"), Button("progress", "Progress")),
        ephemeral=True,
        intent=Intent.MOCK,
        topics=session.topics,
    )


def progress_reply(kb: KnowledgeBase, progress: Progress) -> Reply:
    if not progress.answered:
        return notice("No answers yet. Say mock to start a practice interview.", title="Your progress")
    overall = Section(
        fields=(
            Field("Answered", str(progress.answered)),
            Field("Average", f"{progress.average:.0f}/100"),
            Field("Due for review", str(progress.due)),
            Field("Streak", f"{progress.streak} day{'s' * (progress.streak != 1)}"),
        )
    )
    sections = [overall]
    if progress.by_topic:
        sections.append(
            Section(
                heading="By topic",
                fields=tuple(
                    Field(name(kb, t), f"{a.average:.0f} ({a.count})") for t, a in progress.by_topic.items()
                ),
            )
        )
    if progress.by_aspect:
        sections.append(
            Section(
                heading="By aspect",
                fields=tuple(
                    Field(aspect_label(kb, t), f"{a.average:.0f} ({a.count})")
                    for t, a in progress.by_aspect.items()
                ),
            )
        )
    buttons = (
        (Button("review", "Review due questions", "primary"),)
        if progress.due
        else (Button("mock", "Practice"),)
    )
    return Reply(
        title="Your progress", sections=tuple(sections), buttons=buttons, ephemeral=True, intent=Intent.MOCK
    )


def notice(text: str, title: str = "Practice", buttons: tuple[Button, ...] = ()) -> Reply:
    return Reply(
        title=title, sections=(Section(text=text),), buttons=buttons, ephemeral=True, intent=Intent.MOCK
    )


def _label(kb: KnowledgeBase, key: str) -> str:
    return name(kb, key) if key in kb.topics else aspect_label(kb, key)


def _bullets(items: Sequence[str]) -> str:
    return "\n".join(f"• {item}" for item in items)
