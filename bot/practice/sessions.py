"""Practice sessions (mock interviews and reviews): where they live and which question comes next.

Where a session lives: one open session per person per channel, stored under
(`message.user.key`, `message.channel.key`), plus the thread it runs in once that is known.
A message from the same person in the same channel continues the session when
- it is in the session's thread, or
- it is at the channel's top level (no thread), or
- the session has no thread yet: the first threaded follow-up adopts its thread. That is how a
  mock started in a public channel (the adapter opens a thread for it, whose id is the ts of the
  bot's question or of the person's command) is found again.
A message in some other thread does not continue it. Sessions are per person, so two people in
one channel never answer each other's questions. Starting a new session replaces the old one.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

from bot.messages import Message
from bot.storage.practice import PracticeSession, PracticeStore
from knowledge.model import Question

if TYPE_CHECKING:
    from bot.practice.bank import QuestionBank


def find(store: PracticeStore, message: Message) -> PracticeSession | None:
    """The session this message continues, if any (see the module docstring for the rule)."""
    session = store.get_session(message.user.key, message.channel.key)
    if session is None:
        return None
    if session.thread is None or message.thread is None or message.thread == session.thread:
        return session
    return None


def adopt_thread(
    store: PracticeStore, session: PracticeSession, message: Message, now: datetime
) -> PracticeSession:
    """Remember the thread a session lives in, the first time a threaded follow-up arrives."""
    if session.thread is not None or message.thread is None:
        return session
    return store.adopt_thread(session, message.thread, now)


def new_session(
    message: Message,
    kind: str,
    now: datetime,
    topics: Sequence[str] = (),
    difficulty: str | None = None,
    queue: Sequence[str] = (),
) -> PracticeSession:
    return PracticeSession(
        user_key=message.user.key,
        channel_key=message.channel.key,
        session_id=uuid.uuid4().hex,
        kind=kind,
        started_at=now,
        thread=message.thread,
        topics=tuple(topics),
        difficulty=difficulty,
        queue=tuple(queue),
    )


def pick_next(bank: QuestionBank, store: PracticeStore, session: PracticeSession) -> Question | None:
    """The next question: the review queue in order, else a mock question not yet asked.

    Mock order: questions this person has never answered first, then their weakest; questions on
    only the requested topics before wider ones; substantial questions (two or more key points)
    before one-fact ones; ties broken by a hash of the session id, so each session gets its own
    order and the same session always the same one.
    """
    if session.kind == "review":
        return next(
            (q for qid in session.queue if (q := bank.get(qid)) and qid not in session.asked_ids), None
        )
    candidates = [
        q for q in bank.filter(session.topics or None, session.difficulty) if q.id not in session.asked_ids
    ]
    if not candidates:
        return None
    scores = store.last_scores(session.user_key, [q.id for q in candidates])
    wanted = set(session.topics)

    def order(question: Question) -> tuple[int, int, int, int, str]:
        seen = question.id in scores
        wider = int(bool(wanted) and bool(set(question.topics) - wanted))
        thin = int(len(question.key_points) < 2)
        salt = hashlib.sha1(f"{session.session_id}:{question.id}".encode()).hexdigest()
        return (int(seen), scores.get(question.id, 0), wider, thin, salt)

    return min(candidates, key=order)


def pin(session: PracticeSession) -> str:
    """Which question a session is waiting on, as one string: an answer routed while the session
    read so is graded only if the session still reads so (see `bot.routing`)."""
    return f"{session.session_id}:{session.asked}:{session.question_id or ''}:{session.followup or ''}"


def asking(session: PracticeSession, question: Question, now: datetime | None = None) -> PracticeSession:
    """The session once `question` has been put to the person (at `now`: a round times it)."""
    return replace(
        session,
        question_id=question.id,
        asked_at=now,
        followup=None,
        offer=None,
        hints=0,
        asked=session.asked + 1,
        asked_ids=(*session.asked_ids, question.id),
        queue=tuple(q for q in session.queue if q != question.id),
    )


WEAK_BELOW = 80  # an average at or above this is strong: never listed as a weakness


def weakest_aspects(scores: Sequence[tuple[str | None, str, int]], limit: int = 2) -> list[tuple[str, float]]:
    """The aspects (or topics, for answers with no aspect) with the lowest average score, among
    those below `WEAK_BELOW` (a perfect or strong score is never the weakest of anything)."""
    groups: dict[str, list[int]] = {}
    for aspect, topics, score in scores:
        groups.setdefault(aspect or topics.split(",")[0], []).append(score)
    averages = sorted((sum(v) / len(v), key) for key, v in groups.items() if key)
    return [(key, average) for average, key in averages if average < WEAK_BELOW][:limit]
