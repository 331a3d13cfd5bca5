"""What each kind of Slack request does: build a Message, ask the core, deliver the Reply.

No business logic here: only where an answer goes and how fast the ack leaves. Every entry point
survives its own failures (rendering, posting): the trace is logged and the person gets a short
apology.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from contextlib import asynccontextmanager
from typing import Any

from adapters.slack import inbound
from adapters.slack.blocks import render_messages
from adapters.slack.home import home_view
from adapters.slack.outbound import Destination, SlackSender
from bot.app import APOLOGY, Prepbot
from bot.messages import Message, Reply, Section

log = logging.getLogger("prepbot.slack")

ACK_BUDGET = 2.0  # seconds a slash command waits for the core before acking empty (Slack allows 3)
SORRY = Reply(title="Sorry!", sections=(Section(text=APOLOGY),), ephemeral=True)

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
    def __init__(self, bot: Prepbot, sender: SlackSender) -> None:
        self.bot = bot
        self.sender = sender
        self.inflight = Inflight()
        self.closing = False

    async def command(self, ack: Ack, body: Body) -> None:
        """Answer inside the ack when the core is quick; else ack at once and answer after."""
        async with self.inflight.track():
            message = inbound.from_command(body)
            to = Destination(channel=message.channel.id, user=message.user.id,
                             is_direct=message.channel.is_direct,
                             response_url=body.get("response_url"), use_response_url=True)
            task = asyncio.ensure_future(self._ask(message))
            done, _ = await asyncio.wait({task}, timeout=ACK_BUDGET)
            if not done:
                await ack()
                await self._deliver(await task, to, message)
                return
            await self._ack_with(ack, task.result(), to, message)

    async def event(self, body: Body, event: Body, bot_user_id: str | None, *, mention: bool) -> None:
        if not mention and self._chatter(event, bot_user_id):
            return
        message = inbound.from_event(event, team=inbound.team_of(body), bot_user_id=bot_user_id)
        if message is None or not (mention or await self._expected(message)):
            return
        to = Destination(channel=message.channel.id, user=message.user.id,
                         is_direct=message.channel.is_direct, ts=message.id, thread_ts=message.thread)
        async with self.inflight.track():
            await self._deliver(await self._ask(message), to, message)

    async def action(self, body: Body) -> None:
        message = inbound.from_action(body)
        if message is None:
            return
        container = body.get("container") or {}
        home = container.get("type") == "view"
        to = Destination(channel=message.channel.id, user=message.user.id,
                         is_direct=message.channel.is_direct,
                         ts=None if home else container.get("message_ts"), thread_ts=message.thread,
                         response_url=body.get("response_url"),
                         use_response_url=bool(container.get("is_ephemeral")))
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

    async def _expected(self, message: Message) -> bool:
        """DMs, and channel-thread replies where the bot is talking with this person: a thread it
        answered them in (memory), else a daily-question thread or their practice session (database,
        so this holds after a restart and across replicas)."""
        if message.channel.is_direct:
            return True
        if self.sender.threads.allows(message.channel.id, message.thread, message.user.id):
            return True
        return await asyncio.to_thread(self.bot.expects, message)

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
        if len(payloads) > 1:
            await self._deliver(reply, to, message, skip_first=True)

    async def _deliver(self, reply: Reply | None, to: Destination, message: Message,
                       *, skip_first: bool = False) -> None:
        if reply is None:
            return
        try:
            await self.sender.deliver(reply, to, skip_first=skip_first)
        except Exception:
            log.exception("delivering a reply failed", extra={"message_id": message.id})
            await self._apologise(to)

    async def _apologise(self, to: Destination) -> None:
        try:
            await self.sender.deliver(SORRY, to)
        except Exception:
            log.exception("even the apology could not be sent")
