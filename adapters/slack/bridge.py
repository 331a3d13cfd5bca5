"""What each kind of Slack request does: build a Message, ask the core, deliver the Reply.

No business logic here: only where an answer goes and how fast the ack leaves. Every entry point
survives its own failures (rendering, posting): the trace is logged and the person gets a short
apology.

Nothing acknowledged is lost: a message event that deserves an answer is recorded in the inbox
(bot/storage/inbox.py) by `accept`, a bolt listener middleware that runs before bolt acknowledges
the event, so the HTTP 200 (or the Socket Mode ack) only leaves once the record is committed; if
it cannot be recorded, Slack gets a 503 and sends it again. The work is then taken with a lease
and marked done once the reply is sent. `recover_in_background` (started by the service) takes
over what a dead process left: pending records nobody took, and expired leases.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from contextlib import asynccontextmanager
from dataclasses import replace
from datetime import timedelta
from typing import Any

from slack_bolt.response import BoltResponse

from adapters.slack import inbound
from adapters.slack.blocks import render_messages
from adapters.slack.home import home_view
from adapters.slack.outbound import Destination, SlackSender
from bot.app import APOLOGY, Prepbot
from bot.messages import Message, Reply, Section
from bot.storage.inbox import MAX_ATTEMPTS, InboxStore, Taken

log = logging.getLogger("prepbot.slack")

ACK_BUDGET = 2.0  # seconds a slash command waits for the core before acking empty (Slack allows 3)
SORRY = Reply(title="Sorry!", sections=(Section(text=APOLOGY),), ephemeral=True)
INBOX_LEASE = timedelta(seconds=10)  # renewed every RECOVER_EVERY while the work goes on
INBOX_SETTLE = timedelta(seconds=2)  # a pending record older than this was left by its receiver
RECOVER_EVERY = 2.0  # seconds between recovery passes
RECOVER_BATCH = 50
REPLY_EVENT = "prepbot_reply"  # message metadata on an inbox answer: {"key": <inbox key>}

Ack = Callable[..., Awaitable[Any]]
Body = Mapping[str, Any]


class Inflight:
    """Counts requests being worked on, so `stop()` can wait for them."""

    def __init__(self) -> None:
        self.count = 0
        self._idle = asyncio.Event()
        self._idle.set()

    @asynccontextmanager
    async def track(self) -> AsyncIterator[None]:
        self.count += 1
        self._idle.clear()
        try:
            yield
        finally:
            self.count -= 1
            if self.count == 0:
                self._idle.set()

    async def drain(self, timeout: float) -> bool:
        try:
            await asyncio.wait_for(self._idle.wait(), timeout)
        except TimeoutError:
            return False
        return True


class SlackBridge:
    def __init__(self, bot: Prepbot, sender: SlackSender, *, owner: str | None = None) -> None:
        self.bot = bot
        self.sender = sender
        self.inflight = Inflight()
        self.closing = False
        self.inbox = InboxStore(bot.stores.db)
        self.owner = owner or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        # accept() -> event(), per request (the event dict's identity): the payload if it recorded it first
        self._screened: dict[tuple[int, str], dict[str, Any] | None] = {}
        self._working: set[str] = set()  # inbox keys this process holds a lease on
        self._recovery: asyncio.Task[None] | None = None

    async def command(self, ack: Ack, body: Body) -> None:
        """Answer inside the ack when the core is quick; else ack at once and answer after."""
        async with self.inflight.track():
            message = inbound.from_command(body)
            to = Destination(
                channel=message.channel.id,
                user=message.user.id,
                is_direct=message.channel.is_direct,
                response_url=body.get("response_url"),
                use_response_url=True,
            )
            task = asyncio.ensure_future(self._ask(message))
            done, _ = await asyncio.wait({task}, timeout=ACK_BUDGET)
            if not done:
                await ack()
                await self._deliver(await task, to, message)
                return
            await self._ack_with(ack, task.result(), to, message)

    async def accept(
        self, body: Body, context: Mapping[str, Any], next: Callable[[], Awaitable[BoltResponse | None]]
    ) -> BoltResponse | None:
        """Listener middleware for message events: record the message in the inbox before bolt
        acknowledges it. A message not for the bot is let through unrecorded (its listener drops
        it); a redelivery of a recorded one is acknowledged and not worked on again."""
        event = body.get("event") or {}
        try:
            message, payload = await self._screen(
                body, event, context.get("bot_user_id"), mention=event.get("type") == "app_mention"
            )
            if message is not None:
                first = payload is not None and await asyncio.to_thread(
                    self.inbox.record, message.dedupe_key, "slack", payload, self.bot.clock.now()
                )
                self._screened[(id(event), message.dedupe_key)] = payload if first else None
        except Exception:
            log.exception("could not record a message in the inbox; Slack will send it again")
            return BoltResponse(status=503, body="try again")
        return await next()

    async def event(self, body: Body, event: Body, bot_user_id: str | None, *, mention: bool) -> None:
        message = inbound.from_event(event, team=inbound.team_of(body), bot_user_id=bot_user_id)
        if message is None:
            return
        message = self._addressed(message, mention=mention)
        key = message.dedupe_key
        if (id(event), key) in self._screened:  # `accept` saw it: work on it only if it recorded it first
            payload = self._screened.pop((id(event), key))
        else:  # no middleware in front (a direct call): screen and record here
            message, payload = await self._screen(body, event, bot_user_id, mention=mention)
            if (
                message is None
                or payload is None
                or not await asyncio.to_thread(self.inbox.record, key, "slack", payload, self.bot.clock.now())
            ):
                return
        if payload is None:
            return
        async with self.inflight.track():
            taken = await asyncio.to_thread(
                self.inbox.take, key, self.owner, self.bot.clock.now(), INBOX_LEASE
            )
            if taken is not None:
                await self._work(taken, message)

    async def _screen(
        self, body: Body, event: Body, bot_user_id: str | None, *, mention: bool
    ) -> tuple[Message | None, dict[str, Any] | None]:
        """The message, and what the inbox keeps to redo its work, when it deserves an answer."""
        if not mention and self._chatter(event, bot_user_id):
            return None, None
        team = inbound.team_of(body)
        message = inbound.from_event(event, team=team, bot_user_id=bot_user_id)
        if message is None:
            return None, None
        message = self._addressed(message, mention=mention)
        # Thread replies without a mention go to the core as chatter: it answers them only where a
        # conversation waits for this person (practice session, daily-question thread).
        if not (message.addressed or message.thread):
            return message, None
        payload = {"event": dict(event), "team": team, "bot_user_id": bot_user_id}
        return message, payload | {"addressed": True} if message.addressed else payload

    async def _work(self, taken: Taken, message: Message) -> None:
        """Answer one leased inbox message, then mark it done. A message whose worker died
        `MAX_ATTEMPTS` times is given up (it may be what kills the process)."""
        if taken.attempts > MAX_ATTEMPTS:
            log.error(
                "giving up on a message after %d attempts",
                taken.attempts - 1,
                extra={"message_id": message.id},
            )
            await asyncio.to_thread(self.inbox.give_up, taken.key, self.bot.clock.now())
            return
        to = Destination(
            channel=message.channel.id,
            user=message.user.id,
            is_direct=message.channel.is_direct,
            ts=message.id,
            thread_ts=message.thread,
        )
        self._working.add(taken.key)
        try:
            # A retry after a crash: the core's seen-ledger already holds this message's key, and
            # the lease (not the ledger) now guarantees the work is done once, so ask afresh.
            if taken.attempts > 1 and await self._answered_before(taken.key, message):
                await asyncio.to_thread(self.inbox.done, taken.key, self.bot.clock.now())
                return
            asked = (
                message if taken.attempts == 1 else replace(message, id=f"{message.id}#retry{taken.attempts}")
            )
            await self._deliver(
                await self._ask(asked),
                to,
                message,
                metadata={"event_type": REPLY_EVENT, "event_payload": {"key": taken.key}},
            )
            await asyncio.to_thread(self.inbox.done, taken.key, self.bot.clock.now())
        except Exception:
            log.exception("inbox work failed", extra={"message_id": message.id})
        finally:
            self._working.discard(taken.key)

    async def _answered_before(self, key: str, message: Message) -> bool:
        """Did a worker that died after posting already answer this message? The answer carries
        the inbox key as metadata; look for it after the message (in its thread, if any). When
        Slack cannot tell, answer again: a rare double beats a lost answer."""
        try:
            if message.thread:
                response = await self.sender.client.conversations_replies(
                    channel=message.channel.id,
                    ts=message.thread,
                    oldest=message.id,
                    limit=200,
                    include_all_metadata=True,
                )
            else:
                response = await self.sender.client.conversations_history(
                    channel=message.channel.id, oldest=message.id, limit=200, include_all_metadata=True
                )
        except Exception as exc:
            log.warning("could not check for an earlier answer: %s", exc, extra={"message_id": message.id})
            return False
        for posted in response.get("messages") or []:
            meta = posted.get("metadata") or {}
            if meta.get("event_type") == REPLY_EVENT and (meta.get("event_payload") or {}).get("key") == key:
                return True
        return False

    def recover_in_background(self, every: float = RECOVER_EVERY) -> None:
        """Start the recovery loop: a pass now, then one every `every` seconds until closing."""
        if self._recovery is None or self._recovery.done():
            self._recovery = asyncio.ensure_future(self._recover_loop(every))

    async def _recover_loop(self, every: float) -> None:
        try:  # build the matcher and question bank first: take no work this process cannot do soon
            await asyncio.to_thread(lambda: (self.bot.matcher, self.bot.bank))
        except Exception:
            log.exception("warming the core failed")
        while not self.closing:
            try:
                await self.recover_once()
            except Exception:
                log.exception("inbox recovery pass failed")
            await asyncio.sleep(every)

    async def recover_once(self) -> int:
        """Renew this process's leases, then take over and answer what others left; how many."""
        now = self.bot.clock.now()
        await asyncio.to_thread(self.inbox.renew, list(self._working), self.owner, now, INBOX_LEASE)
        keys = await asyncio.to_thread(self.inbox.due, "slack", now, settle=INBOX_SETTLE, limit=RECOVER_BATCH)
        jobs = [self._recover(key) for key in keys if key not in self._working]
        return sum(await asyncio.gather(*jobs)) if jobs else 0

    async def _recover(self, key: str) -> int:
        if self.closing:
            return 0
        async with self.inflight.track():
            taken = await asyncio.to_thread(
                self.inbox.take, key, self.owner, self.bot.clock.now(), INBOX_LEASE
            )
            if taken is None:
                return 0
            payload = taken.payload
            message = inbound.from_event(
                payload.get("event") or {},
                team=str(payload.get("team") or ""),
                bot_user_id=payload.get("bot_user_id"),
            )
            if message is None:
                await asyncio.to_thread(self.inbox.give_up, key, self.bot.clock.now())
                return 0
            if payload.get("addressed"):
                message = replace(message, addressed=True)
            log.info("answering a message left unanswered", extra={"message_id": message.id})
            await self._work(taken, message)
            return 1

    async def action(self, body: Body) -> None:
        message = inbound.from_action(body)
        if message is None:
            return
        container = body.get("container") or {}
        home = container.get("type") == "view"
        to = Destination(
            channel=message.channel.id,
            user=message.user.id,
            is_direct=message.channel.is_direct,
            ts=None if home else container.get("message_ts"),
            thread_ts=message.thread,
            response_url=body.get("response_url"),
            use_response_url=bool(container.get("is_ephemeral")),
        )
        async with self.inflight.track():
            await self._deliver(await self._ask(message), to, message)

    async def home(self, body: Body, event: Body) -> None:
        """App Home: the person's progress, asked of the core, with buttons to practise."""
        if event.get("tab") not in (None, "home") or not event.get("user"):
            return
        user = str(event["user"])
        opened = str(event.get("event_ts") or body.get("event_id") or "")
        async with self.inflight.track():
            dm = str(event.get("channel") or "")
            reply = await self._ask(inbound.home_progress(user, inbound.team_of(body), opened, dm))
            if reply is None:
                return
            try:
                await self.sender.client.views_publish(user_id=user, view=home_view(reply, dm))
            except Exception:
                log.exception("app home publish failed")

    async def _ask(self, message: Message) -> Reply | None:
        """The core's answer; the core never raises, but if it ever does the person still hears back."""
        try:
            return await self.bot.handle(message)
        except Exception:
            log.exception("the core failed", extra={"message_id": message.id})
            return SORRY

    def _chatter(self, event: Body, bot_user_id: str | None) -> bool:
        """A plain channel message that is not a thread reply, or one that mentions the bot (its
        `app_mention` twin carries it): dropped before any work."""
        if event.get("channel_type") == "im":
            return False
        return not event.get("thread_ts") or inbound.mentions(event, bot_user_id)

    def _addressed(self, message: Message, *, mention: bool) -> Message:
        """Addressed: a mention (an `app_mention` event), a DM (inbound decides both), or a reply in
        a thread where the bot answered this person (the sender's thread memory)."""
        if message.addressed:
            return message
        if mention or self.sender.threads.allows(message.channel.id, message.thread, message.user.id):
            return replace(message, addressed=True)
        return message

    async def _ack_with(self, ack: Ack, reply: Reply | None, to: Destination, message: Message) -> None:
        if reply is None:
            await ack()
            return
        try:
            payloads = render_messages(reply)
        except Exception:
            log.exception("rendering failed", extra={"message_id": message.id})
            await ack(**render_messages(SORRY)[0], response_type="ephemeral")
            return
        if reply.start_thread and not to.is_direct:
            await ack()
            await self._deliver(reply, to, message)
            return
        await ack(**payloads[0], response_type="ephemeral" if reply.ephemeral else "in_channel")
        if len(payloads) > 1 or reply.attachments:  # the rest, and files (uploaded after the ack)
            await self._deliver(reply, to, message, skip_first=True)

    async def _deliver(
        self,
        reply: Reply | None,
        to: Destination,
        message: Message,
        *,
        skip_first: bool = False,
        metadata: dict[str, Any] | None = None,
    ) -> None:
        if reply is None:
            return
        try:
            await self.sender.deliver(reply, to, skip_first=skip_first, metadata=metadata)
        except Exception:
            log.exception("delivering a reply failed", extra={"message_id": message.id})
            await self._apologise(to)

    async def _apologise(self, to: Destination) -> None:
        try:
            await self.sender.deliver(SORRY, to)
        except Exception:
            log.exception("even the apology could not be sent")
