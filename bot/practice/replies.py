"""The replies of a practice session, built from structure (sections, fields, buttons), no markup."""

from __future__ import annotations

from collections.abc import Sequence

from bot.answers.wording import aspect_label, name
from bot.intents import Intent
from bot.messages import Button, Field, Reply, Section
from bot.practice.grading import GradeResult
from bot.storage.practice import PracticeSession, Progress
from knowledge.model import KnowledgeBase, Question

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
    sections = [Section(text=intro)] if intro else []
    sections.append(Section(text=question.text))
    sections.append(
        Section(fields=(Field("Topic", topics + label), Field("Difficulty", question.difficulty)))
    )
    return Reply(
        title=f"{what} {session.asked}: {topics}",
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


def grade_reply(question: Question, result: GradeResult, score: int, hints: int) -> Reply:
    sections = [
        Section(text=result.feedback + (f" ({hints} hint{'s' * (hints > 1)} used.)" if hints else ""))
    ]
    if result.covered:
        sections.append(Section(heading="You covered", text=_bullets(result.covered)))
    if result.missed:
        sections.append(Section(heading="You missed", text=_bullets(result.missed)))
    if question.model_answer:
        sections.append(Section(heading="Model answer", text=question.model_answer))
    return Reply(
        title=f"Score: {score}/100",
        sections=tuple(sections),
        footer="Say next for another question, or stop to finish.",
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
        text = "No more hints: you have seen every key point. Give it a go!"
    else:
        text = f"Hint {used} of {len(question.key_points)}: a good answer mentions “{point}”."
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
    sections = [Section(text=question.text)]
    if question.model_answer:
        sections.append(Section(heading="Model answer", text=question.model_answer))
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
