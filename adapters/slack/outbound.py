"""Sending replies to Slack: paced per channel, fairly between people (adapters/pacing.py), 429s
retried by the client, other errors logged once and not retried.

Where a reply goes is decided by `Destination` (from the inbound payload) and the `Reply` flags:
personal replies are ephemeral (or plain in a DM), slash-command answers use the `response_url`,
everything else is `chat.postMessage`, in the asking message's thread in channels.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from adapters.pacing import TOO_FAST, ChannelPacer, QueueFull
from adapters.slack.blocks import Payload, render_messages
from adapters.slack.threads import ThreadRegistry
from bot.messages import Reply, Section

log = logging.getLogger("prepbot.slack")

RATE_LIMIT_RETRIES = 3


def web_client(token: str, base_url: str) -> AsyncWebClient:
    """A Web API client that waits out 429s (`Retry-After`) instead of failing."""
    client = AsyncWebClient(token=token, base_url=base_url)
    client.retry_handlers.append(AsyncRateLimitErrorRetryHandler(max_retry_count=RATE_LIMIT_RETRIES))
    return client


@dataclass(frozen=True, slots=True)
class Destination:
    """Where the asking message came from, and how an answer can reach its author."""

    channel: str
    user: str
    is_direct: bool
    ts: str | None = None  # the asking message (None for slash commands)
    thread_ts: str | None = None  # the thread it was in
    response_url: str | None = None
    use_response_url: bool = False  # slash commands, clicks on ephemeral messages

    def reply_thread(self, reply: Reply) -> str | None:
        """The asking message's thread, else a new thread under it (channels and DMs alike)."""
        if self.thread_ts:
            return self.thread_ts
        return self.ts if (reply.in_thread or reply.start_thread) else None


class SlackSender:
    def __init__(self, client: AsyncWebClient, threads: ThreadRegistry, *, interval: float = 1.0) -> None:
        self.client = client
        self.threads = threads
        self.pacer = ChannelPacer(interval)

    async def deliver(
        self,
        reply: Reply,
        to: Destination,
        *,
        skip_first: bool = False,
        metadata: dict[str, Any] | None = None,
    ) -> str | None:
        """Send `reply`; `skip_first` when the first message already went out with the ack.
        `metadata` (Slack message metadata) rides on the first posted message, so the post can be
        found again (see SlackBridge: a worker that died after posting is not answered twice).

        Returns the ts of the first posted message, when there is one.
        """
        payloads = render_messages(reply)[1 if skip_first else 0 :]
        if reply.attachments:
            await self.attach(reply, to)
        if not payloads:
            return None
        if metadata:
            payloads[0] = {**payloads[0], "metadata": metadata}
        if reply.ephemeral and not to.is_direct:
            await self._personal(payloads, to, to.reply_thread(reply))
            self._remember(to, to.reply_thread(reply))
            return None
        if to.use_response_url and to.response_url and not reply.start_thread:
            await self.respond(to.response_url, payloads, "in_channel")
            return None
        thread = to.reply_thread(reply)
        try:
            ts = await self.post(to.channel, payloads, thread, person=to.user)
        except QueueFull as full:
            log.info("send queue full: reply dropped", extra={"user": to.user})
            if full.first:  # told once per backlog; the notice is personal, so it is not paced
                await self.ephemeral(to.channel, to.user, render_messages(TOO_FAST), thread)
            return None
        if ts is None and to.response_url:  # e.g. not_in_channel: the response_url still works
            await self.respond(to.response_url, payloads, "in_channel")
        else:
            self._remember(to, thread or ts)
        return ts

    async def attach(self, reply: Reply, to: Destination) -> None:
        """Upload the reply's files: a personal reply's to the person's DM, others to where it goes;
        a refusal is told to the person in one line."""
        from adapters.slack import uploads

        private = reply.ephemeral and not to.is_direct
        channel = await uploads.direct_channel(self.client, to.user) if private else to.channel
        thread = None if private else to.reply_thread(reply)
        why = (
            await uploads.upload(self.client, channel, reply.attachments, thread_ts=thread)
            if channel
            else "I cannot open a direct message with you"
        )
        if why is not None:
            note = render_messages(
                Reply(title="", sections=(Section(text=uploads.refusal(reply.attachments, why)),))
            )
            await self.ephemeral(to.channel, to.user, note, to.reply_thread(reply))

    def _remember(self, to: Destination, thread: str | None) -> None:
        """The person may go on in this channel thread without mentioning the bot."""
        if thread and not to.is_direct:
            self.threads.add(to.channel, thread, to.user)

    async def post(
        self, channel: str, payloads: list[Payload], thread_ts: str | None, *, person: str = ""
    ) -> str | None:
        """chat.postMessage each payload; a reply split in parts goes to one thread in order.
        `person` is whose share of the channel's send budget this uses (see ChannelPacer); raises
        `QueueFull` when their share is already queued up."""
        first: str | None = None
        for payload in payloads:
            extra: dict[str, Any] = {"thread_ts": thread_ts} if thread_ts else {}
            response = await self._call(
                "chat_postMessage",
                channel,
                channel=channel,
                **payload,
                unfurl_links=False,
                unfurl_media=False,
                person=person,
                **extra,
            )
            if response is None:
                return first
            first = first or str(response.get("ts") or "")
            thread_ts = thread_ts or first
        return first

    async def ephemeral(
        self, channel: str, user: str, payloads: list[Payload], thread_ts: str | None
    ) -> None:
        for payload in payloads:
            extra: dict[str, Any] = {"thread_ts": thread_ts} if thread_ts else {}
            if (
                await self._call("chat_postEphemeral", None, channel=channel, user=user, **payload, **extra)
                is None
            ):
                return

    async def respond(self, response_url: str, payloads: list[Payload], response_type: str) -> None:
        webhook = AsyncWebhookClient(response_url)
        for payload in payloads:
            try:
                response = await webhook.send_dict(
                    {
                        **payload,
                        "response_type": response_type,
                        "replace_original": False,
                        "unfurl_links": False,
                        "unfurl_media": False,
                    }
                )
            except Exception:
                log.exception("response_url send failed")
                return
            if response.status_code != 200:
                log.warning("response_url answered %s", response.status_code)
                return

    async def _personal(self, payloads: list[Payload], to: Destination, thread: str | None) -> None:
        if to.response_url and to.use_response_url:
            await self.respond(to.response_url, payloads, "ephemeral")
        else:
            await self.ephemeral(to.channel, to.user, payloads, thread)

    async def _call(self, method: str, pace: str | None, *, person: str = "", **kwargs: Any) -> Any:
        """One Web API call; `ok:false` errors are logged once and give None (never retried)."""
        try:
            if pace is None:
                return await getattr(self.client, method)(**kwargs)
            async with self.pacer.slot(pace, person):
                return await getattr(self.client, method)(**kwargs)
        except SlackApiError as exc:
            log.warning("slack %s failed: %s", method, exc.response.get("error", exc.response.status_code))
            return None
