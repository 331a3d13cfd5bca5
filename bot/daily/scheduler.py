"""The daily-post loop: every tick, compute what is due (pure), claim it in the database, post it.

Exactly once, across restarts and replicas:
1. `claim`: one row per (channel, local date, kind), INSERT ... ON CONFLICT DO NOTHING.
2. `take`: the row moves `claimed -> sending` under a lease (2 min) in one transaction, so only
   one process sends it. The question is chosen then (deterministic per channel and date).
3. post through the `Poster` with a stable `idempotency_key`, then `mark_sent` with the message id.
A failure the poster reports puts the row back to `claimed` (retried next tick, up to MAX_ATTEMPTS).
A crash after (1) leaves `claimed`: the next tick, here or in any replica, sends it.
A crash during (3) leaves `sending` with a lease that expires; whoever takes it over then:
- asks the poster `find_post(channel, idempotency_key)` if it has one (a message carrying the key
  is found -> marked sent, nothing resent);
- else resends if the poster is `idempotent` (Discord: the key becomes the nonce, so the platform
  returns the first message instead of posting twice);
- else marks the post `unknown` and does not resend: a missed post is better than a doubled one.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from bot.cli import ops
from bot.clock import Clock
from bot.daily import content as content
from bot.daily.due import LATE_AFTER, DuePost, due
from bot.messages import ChannelRef, Reply
from bot.poster import Poster
from bot.storage import Stores
from bot.storage.channels import DIGEST, MAX_ATTEMPTS, QUESTION, PostClaim, PostRow, StudyChannel
from knowledge.model import Question

log = logging.getLogger("prepbot.scheduler")

LEASE = timedelta(minutes=2)  # longer than a send takes; within Discord's nonce window ("a few minutes")
TICK_SECONDS = 20.0
CONCURRENT_POSTS = 8
SETTINGS_REFRESH_SECONDS = 15.0  # a changed schedule is seen within this (10,000 channels load in ~60 ms)


@dataclass
class DailyScheduler:
    stores: Stores
    questions: Sequence[Question]
    poster: Poster
    clock: Clock
    owner: str = field(default_factory=lambda: uuid.uuid4().hex)
    settled: set[tuple[str, str, str]] = field(default_factory=set)  # cache: no more work on these
    refresh_seconds: float = SETTINGS_REFRESH_SECONDS
    _channels: list[StudyChannel] = field(default_factory=list)
    _loaded_at: float | None = None

    def channels(self) -> list[StudyChannel]:
        """The study channels' settings, re-read at most every `refresh_seconds` (real time)."""
        if self._stale():
            self._channels, self._loaded_at = self.stores.channels.all(), time.monotonic()
        return self._channels

    def _stale(self) -> bool:
        return self._loaded_at is None or time.monotonic() - self._loaded_at >= self.refresh_seconds

    # -- the steps ------------------------------------------------------------------------------
    def due_now(self, now: datetime) -> list[DuePost]:
        """Due posts at `now` that the database does not already have settled."""
        return self._unsettled(due(self.channels(), now, self.settled), now)

    def _unsettled(self, posts: list[DuePost], now: datetime) -> list[DuePost]:
        self._forget_old(now)
        if posts:
            self.settled |= self.stores.channels.settled(p.key for p in posts)
        return [p for p in posts if p.key not in self.settled]

    def claim(self, posts: Sequence[DuePost], now: datetime) -> None:
        self.stores.channels.claim(
            [PostClaim(p.channel.channel_key, p.day.isoformat(), p.kind, None, p.due_at) for p in posts], now
        )

    async def tick(self) -> list[str]:
        """One pass: due -> claim -> post. Returns the idempotency keys this process posted."""
        now = self.clock.now()
        if self._stale():
            await asyncio.to_thread(self.channels)
        posts = due(self._channels, now, self.settled)  # pure and fast (10,000 channels: ~11 ms)
        if not posts:
            return []
        posts = await asyncio.to_thread(self._unsettled, posts, now)
        if not posts:
            return []
        await asyncio.to_thread(self.claim, posts, now)
        gate = asyncio.Semaphore(CONCURRENT_POSTS)

        async def one(post: DuePost) -> str | None:
            async with gate:
                return await self.send(post)

        sent = await asyncio.gather(*(one(p) for p in posts))
        return [key for key in sent if key]

    async def run(self, stopping: asyncio.Event, every: float = TICK_SECONDS) -> None:
        """Tick until `stopping` is set; a failing tick is logged and the loop goes on."""
        while not stopping.is_set():
            try:
                await self.tick()
            except Exception:
                log.exception("scheduler tick failed")
            try:
                await self.nudge()
            except Exception:
                log.exception("nudge tick failed")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stopping.wait(), timeout=every)

    async def nudge(self) -> list[str]:
        """Opt-in nudges (bot/progress/nudges.py), when this platform's poster can send direct messages."""
        if not hasattr(self.poster, "direct"):
            return []
        from bot.progress.nudges import NudgeScheduler

        return await NudgeScheduler(self.stores, self.poster, self.clock).tick()  # type: ignore[arg-type]

    # -- one post -------------------------------------------------------------------------------
    async def send(self, post: DuePost) -> str | None:
        row = await asyncio.to_thread(
            self.stores.channels.take, *post.key, self.owner, self.clock.now(), LEASE
        )
        if row is None:
            await self._settle_if_done(post)
            return None
        if row.lease_expired and not await self._may_resend(post):
            return None
        reply = await asyncio.to_thread(self._reply, post, row)
        if reply is None:
            await asyncio.to_thread(self.stores.channels.release, *post.key, give_up=True, status="skipped")
            self.settled.add(post.key)
            return None
        try:
            message_id = await self.poster.post(
                _channel_ref(post.channel), reply, idempotency_key=post.idempotency_key
            )
        except Exception:
            log.exception(
                "daily post failed (attempt %d)",
                row.attempts + 1,
                extra={"channel": post.channel.channel_key, "day": post.day.isoformat()},
            )
            give_up = row.attempts + 1 >= MAX_ATTEMPTS
            await asyncio.to_thread(self.stores.channels.release, *post.key, give_up=give_up)
            return None
        now = self.clock.now()
        await asyncio.to_thread(self.stores.channels.mark_sent, *post.key, message_id, now)
        self.settled.add(post.key)
        ops.record_post(post.kind, (now - post.due_at).total_seconds())
        return post.idempotency_key

    async def _may_resend(self, post: DuePost) -> bool:
        """A previous sender died mid-send: find its message, or resend only if that is safe."""
        find = getattr(self.poster, "find_post", None)
        if find is not None:
            try:
                found = await find(_channel_ref(post.channel), post.idempotency_key)
            except Exception:  # the platform cannot tell: fall through to the no-double rule below
                log.exception(
                    "could not look for an earlier daily post",
                    extra={"channel": post.channel.channel_key, "day": post.day.isoformat()},
                )
            else:
                if found:
                    await asyncio.to_thread(
                        self.stores.channels.mark_sent, *post.key, str(found), self.clock.now()
                    )
                    self.settled.add(post.key)
                    return False
                return True
        if getattr(self.poster, "idempotent", False):
            return True
        log.warning(
            "a daily post may or may not have gone out; not resending",
            extra={"channel": post.channel.channel_key, "day": post.day.isoformat()},
        )
        await asyncio.to_thread(self.stores.channels.release, *post.key, give_up=True, status="unknown")
        self.settled.add(post.key)
        return False

    async def _settle_if_done(self, post: DuePost) -> None:
        row = await asyncio.to_thread(self.stores.channels.post, *post.key)
        if row is not None and row.status not in ("claimed", "sending"):
            self.settled.add(post.key)

    def _reply(self, post: DuePost, row: PostRow) -> Reply | None:
        if post.kind == DIGEST:
            return self._digest(post.channel, post.day)
        question = self._question(post.channel, post.day.isoformat(), row.question_id)
        if question is None:
            return None
        late = post.lateness(self.clock.now())
        minutes = int(late.total_seconds() // 60) if late > LATE_AFTER else 0
        return content.question_reply(
            question,
            post.day.isoformat(),
            late_by_minutes=minutes,
            reveal=self._reveal(post.channel, post.day.isoformat()),
        )

    def _question(self, channel: StudyChannel, day: str, chosen: str | None) -> Question | None:
        by_id = {q.id: q for q in self.questions}
        if chosen and chosen in by_id:
            return by_id[chosen]
        question = pick_question(self.stores, self.questions, channel, day)
        if question is not None:
            self.stores.channels.set_question(channel.channel_key, day, QUESTION, question.id)
        return question

    def _reveal(self, channel: StudyChannel, day: str) -> Reply | None:
        history = [p for p in self.stores.channels.history(channel.channel_key, day) if p.status == "sent"]
        by_id = {q.id: q for q in self.questions}
        if not history or history[-1].question_id not in by_id:
            return None
        last = history[-1]
        answers = self.stores.channels.answers(channel.channel_key, day=last.day)
        return content.reveal(by_id[last.question_id or ""], answers, self.stores.channels.optouts())

    def _digest(self, channel: StudyChannel, day: date) -> Reply | None:
        since = (day - timedelta(days=7)).isoformat()
        answers = [
            a
            for a in self.stores.channels.answers(channel.channel_key, since_day=since)
            if a.day < day.isoformat()
        ]
        if not answers:
            return None
        by_id = {q.id: q for q in self.questions}
        reply = content.digest_reply(channel, answers, by_id, self.stores.channels.optouts())
        from bot.progress.report import with_team_picture  # the team's picture rides on the digest

        return with_team_picture(reply, self.stores.db, channel.channel_key, day) if reply else reply

    def _forget_old(self, now: datetime) -> None:
        cutoff = (now - timedelta(days=3)).date().isoformat()
        self.settled = {key for key in self.settled if key[1] >= cutoff}


def pick_question(
    stores: Stores, questions: Sequence[Question], channel: StudyChannel, day: str
) -> Question | None:
    """The channel's question for `day`: same answer for every caller given the same database."""
    bank = content.bank_for(questions, channel.topics, channel.difficulty) or content.bank_for(questions)
    history = [p.question_id for p in stores.channels.history(channel.channel_key, day)]
    by_id = {q.id: q for q in questions}
    weakness = content.team_weakness(stores.channels.answers(channel.channel_key), by_id)
    return content.choose(bank, history, channel.channel_key, day, weakness)


def _channel_ref(channel: StudyChannel) -> ChannelRef:
    return ChannelRef(channel.platform, channel.channel_id, team=channel.team)
