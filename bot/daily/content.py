"""What a daily post says: the question chosen for a channel and date, yesterday's reveal, the digest.

Question choice is deterministic given the database: the channel's bank (filtered by its topics
and difficulty) is walked without repeats until used up, then starts over; among the unused
questions a choice seeded by (channel, date) picks one, weighted towards the team's weakest aspects.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from bot.intents import Intent
from bot.messages import Button, Field, Reply, Section, Table
from bot.storage.channels import DailyAnswer, StudyChannel
from knowledge.model import Question

GOT_IT = 70  # a daily answer scoring at least this "got it"
MODEL_ANSWER_CHARS = 700


def bank_for(
    questions: Iterable[Question], topics: Sequence[str] = (), difficulty: str | None = None
) -> list[Question]:
    """The channel's questions: any of its topics (all if none), its difficulty (all if none)."""
    chosen = [
        q
        for q in questions
        if (not topics or set(q.topics) & set(topics)) and (difficulty is None or q.difficulty == difficulty)
    ]
    return sorted(chosen, key=lambda q: q.id)


def unused(bank: Sequence[Question], history: Sequence[str | None]) -> list[Question]:
    """Questions not yet posted in the current pass over `bank` (history: oldest first)."""
    ids = {q.id for q in bank}
    used: set[str] = set()
    for question_id in history:
        if question_id in ids:
            used.add(question_id)
            if used == ids:
                used = set()
    return [q for q in bank if q.id not in used]


def seeded(channel_key: str, day: str) -> random.Random:
    digest = hashlib.sha256(f"{channel_key}|{day}".encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def choose(
    bank: Sequence[Question],
    history: Sequence[str | None],
    channel_key: str,
    day: str,
    weakness: dict[str, float] | None = None,
) -> Question | None:
    """The question for this channel and date; `weakness` (aspect -> 0..1) tilts towards weak aspects.

    Questions with two or more key points weigh four times a one-fact question, so a team mostly
    gets questions worth discussing; the one-fact ones still come up before the bank repeats.
    """
    candidates = unused(bank, history)
    if not candidates:
        return None
    rng = seeded(channel_key, day)
    weights = [
        (1.0 + 3.0 * (weakness or {}).get(q.aspect or "", 0.0)) * (4.0 if len(q.key_points) > 1 else 1.0)
        for q in candidates
    ]
    return rng.choices(candidates, weights=weights, k=1)[0]


def team_weakness(answers: Iterable[DailyAnswer], by_id: dict[str, Question]) -> dict[str, float]:
    """Aspect -> how weak the team is on it (0 = all perfect, 1 = all zero), from daily answers."""
    averages = _average_by(answers, by_id, lambda q: (q.aspect,) if q.aspect else ())
    return {aspect: (100.0 - avg) / 100.0 for aspect, avg in averages.items()}


def question_reply(
    question: Question, day: str, *, late_by_minutes: int = 0, reveal: Reply | None = None
) -> Reply:
    sections = [Section(heading="Today's question", text=question.text)]
    if reveal is not None:
        sections.extend(reveal.sections)
    footer = "Answer in this thread: your grade comes back privately, and counts once per person per day."
    if late_by_minutes > 0:
        footer = f"Posted late ({_duration(late_by_minutes)} after its time: the bot was offline). " + footer
    return Reply(
        title=f"Question of the day · {day}",
        sections=tuple(sections),
        footer=footer,
        buttons=(Button(f"model_answer:{question.id}", "Show a model answer"),),
        in_thread=False,
        start_thread=True,
        intent=Intent.DAILY,
        topics=question.topics,
        aspect=question.aspect,
    )


def reveal(question: Question, answers: Iterable[DailyAnswer], hidden: set[str]) -> Reply:
    """Yesterday's question, its model answer, and who got it (people who opted out stay unnamed)."""
    got = [a for a in answers if a.question_id == question.id and a.score >= GOT_IT]
    named = [a.user_name or a.user_key for a in got if a.user_key not in hidden]
    others = len(got) - len(named)
    who = ", ".join(named) + (
        f" and {others} more" if others and named else f"{others} people" if others else ""
    )
    answer = question.model_answer.strip()
    if len(answer) > MODEL_ANSWER_CHARS:
        answer = answer[: MODEL_ANSWER_CHARS - 1].rstrip() + "…"
    return Reply(
        title="Yesterday's answer",
        sections=(
            Section(heading="Last time", text=question.text),
            Section(heading="A model answer", text=answer or "No model answer is written for this one."),
            Section(heading="Who got it (70+)", text=who or "Nobody this time: today is a new chance."),
        ),
    )


def digest_reply(
    channel: StudyChannel, week_answers: Sequence[DailyAnswer], by_id: dict[str, Question], hidden: set[str]
) -> Reply:
    """The weekly digest: top members, the team's average per topic, the aspect to study next."""
    ranked = rank(week_answers, hidden)[:5]
    topic_avg = _average_by(week_answers, by_id, lambda q: q.topics)
    weakness = team_weakness(week_answers, by_id)
    sections = [
        Section(
            heading="Top this week",
            text="\n".join(
                f"{i}. {row.name}: {row.answers} answered, average {row.average:.0f}"
                for i, row in enumerate(ranked, 1)
            )
            or "Nobody answered last week.",
        )
    ]
    if topic_avg:
        sections.append(
            Section(
                heading="Team average by topic",
                fields=tuple(Field(topic, f"{avg:.0f}") for topic, avg in sorted(topic_avg.items())),
            )
        )
    if weakness:
        weakest = max(sorted(weakness), key=lambda a: weakness[a])
        sections.append(Section(heading="Study next", text=f"The team's weakest aspect: {weakest}."))
    return Reply(title="Weekly study digest", sections=tuple(sections), in_thread=False, intent=Intent.DAILY)


@dataclass(frozen=True, slots=True)
class Ranked:
    user_key: str
    name: str
    answers: int
    points: int

    @property
    def average(self) -> float:
        return self.points / self.answers if self.answers else 0.0


def rank(answers: Iterable[DailyAnswer], hidden: set[str]) -> list[Ranked]:
    """People by total points (sum of counted scores), then answers, then name; opted-out left out."""
    totals: dict[str, Ranked] = {}
    for a in answers:
        if a.user_key in hidden:
            continue
        was = totals.get(a.user_key, Ranked(a.user_key, a.user_name or a.user_key, 0, 0))
        totals[a.user_key] = Ranked(a.user_key, was.name, was.answers + 1, was.points + a.score)
    return sorted(totals.values(), key=lambda r: (-r.points, -r.answers, r.name.lower()))


def leaderboard_table(rows: Sequence[Ranked], streaks: dict[str, int]) -> Table:
    return Table(
        columns=("#", "Name", "Answered", "Average", "Streak"),
        rows=tuple(
            (str(i), r.name, str(r.answers), f"{r.average:.0f}", str(streaks.get(r.user_key, 0)))
            for i, r in enumerate(rows, 1)
        ),
    )


def _average_by(
    answers: Iterable[DailyAnswer], by_id: dict[str, Question], keys_of: Callable[[Question], Iterable[str]]
) -> dict[str, float]:
    sums: dict[str, list[int]] = {}
    for a in answers:
        question = by_id.get(a.question_id)
        if question is None:
            continue
        for key in keys_of(question):
            sums.setdefault(key, []).append(a.score)
    return {key: sum(v) / len(v) for key, v in sums.items()}


def _duration(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest} min" if hours else f"{rest} min"
