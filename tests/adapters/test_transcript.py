"""One conversation through the console, Slack and Discord: the same inputs give the same answers.

Each platform gets its own real Prepbot (same bundled knowledge; the test runs once on a SQLite file
and once on PostgreSQL, the `db_url` fixture's two legs) and its real
inbound and render path: the console REPL, signed Slack events into the bolt app with a local fake
Web API, and gateway MESSAGE_CREATE events into the discord.py client with a local fake Discord.
The test compares what the core understood (intent, topics, aspect, table) across the three and
checks that each platform's rendering shows a person every fact of the reply.
"""

from __future__ import annotations

import re
from typing import Any

import aiohttp
import discord
import pytest
import yarl
from discord.gateway import DiscordWebSocket

from adapters.console.repl import ConsoleChat
from adapters.slack.mrkdwn import unescape
from adapters.slack.service import SlackService
from bot.app import Prepbot, build
from bot.config import load_settings
from bot.messages import Message, Reply
from tests.adapters.discord_adapter import payloads
from tests.adapters.discord_adapter.conftest import start_service
from tests.adapters.discord_adapter.fake_discord import CHANNEL_ID, FakeDiscord
from tests.adapters.slack_adapter.conftest import SlackSide, slack_settings
from tests.adapters.slack_adapter.fake_slack import FakeSlack, texts

CONVERSATION = (
    "what is keras",
    "how do I ship torch to prod",
    "pytorch vs keras",
    "tf vs keras vs torch for production",
    "who made pytorch",
    "best for mobile?",
    "which is best for beginners",
    "kears vs pytroch",
    "help",
    "what's the weather today",
)


class Recorder:
    """Keeps every Reply the core gives, in order (a Prepbot observer)."""

    def __init__(self) -> None:
        self.replies: list[Reply] = []

    def on_message(self, message: Message) -> None:
        return None

    def on_reply(self, reply: Reply) -> None:
        self.replies.append(reply)

    def on_error(self) -> None:
        raise AssertionError("the core failed during the transcript")


def _bot(db_url: str, **extra: str) -> tuple[Prepbot, Recorder]:
    settings = {"database_url": db_url, "rate_limit_per_10s": 0, **extra}
    bot = build(load_settings(settings, environ={}))
    recorder = Recorder()
    bot.observers.append(recorder)
    return bot, recorder


def meaning(reply: Reply) -> tuple[Any, ...]:
    table = (reply.table.columns, reply.table.rows) if reply.table else None
    # Texts name the command each platform has: Discord's admin commands are `/prep-admin …`.
    footer = reply.footer.replace("/prep-admin ", "/prep ") if reply.footer else reply.footer
    return (reply.intent, reply.topics, reply.aspect, reply.title, table, footer)


def facts(reply: Reply) -> list[str]:
    """The short strings a person must be able to read in any rendering of `reply`."""
    found = [reply.title]
    if reply.table:
        found += [cell for row in reply.table.rows for cell in row if cell != "—"]
        found += list(reply.table.columns[1:])
    for section in reply.sections:
        found += [field.value for field in section.fields]
    return [f for f in found if len(f) <= 200]


def flat(text: str) -> str:
    """Rendered text with markup and line breaks removed, for a containment check."""
    return re.sub(r"\s+", " ", unescape(text).replace("*", "").replace("`", "")).strip()


def unwrap_table(text: str) -> str:
    """The console wraps long cells inside their column; read each cell back whole, row by row."""
    rows: list[list[list[str]]] = []
    for line in text.splitlines():
        if " | " not in line:
            continue
        cells = [c.strip() for c in line.split("|")]
        if cells[0] or not rows:
            rows.append([[c] for c in cells])
        else:
            for column, cell in zip(rows[-1], cells, strict=False):
                column.append(cell)
    return "\n".join(" ".join(part for part in column if part) for row in rows for column in row)


async def console_run(db_url: str) -> tuple[list[Reply], list[str]]:
    bot, recorder = _bot(db_url)
    chat = ConsoleChat(bot, "ana", "transcript")
    shown = []
    try:
        for text in CONVERSATION:
            said = await chat.say(text)
            shown.append(said + "\n" + unwrap_table(said))
    finally:
        bot.stores.db.dispose()
    return recorder.replies, shown


async def slack_run(db_url: str) -> tuple[list[Reply], list[str]]:
    bot, recorder = _bot(db_url)
    fake = FakeSlack().start()
    service = SlackService(
        bot, slack_settings(db_url, fake.api_url), mode="http", host="127.0.0.1", port=0, pace_seconds=0.0
    )
    await service.start()
    shown: list[str] = []
    try:
        async with aiohttp.ClientSession() as session:
            side = SlackSide(f"http://127.0.0.1:{service.port}/slack/events", fake, session)
            for text in CONVERSATION:
                before = len(fake.replies())
                assert (await side.event(side.mention(text))).status == 200
                await fake.wait_for(lambda n=before: len(fake.replies()) > n and len(recorder.replies) > 0)
                shown.append("\n".join(texts(call) for call in fake.replies()[before:]))
    finally:
        await service.stop()
        fake.close()
        bot.stores.db.dispose()
    return recorder.replies, shown


def _discord_text(body: dict[str, Any]) -> str:
    parts = [str(body.get("content") or "")]
    for embed in body.get("embeds") or []:
        parts += [embed.get("title", ""), embed.get("description", "")]
        parts += [f"{f['name']}\n{f['value']}" for f in embed.get("fields", [])]
        parts.append((embed.get("footer") or {}).get("text", ""))
    return "\n".join(parts)


async def discord_run(db_url: str, monkeypatch: pytest.MonkeyPatch) -> tuple[list[Reply], list[str]]:
    bot, recorder = _bot(db_url, discord_token="fake-token")
    fake = FakeDiscord()
    await fake.start()
    monkeypatch.setattr(discord.http.Route, "BASE", fake.api_base)
    monkeypatch.setattr(DiscordWebSocket, "DEFAULT_GATEWAY", yarl.URL(fake.ws_url))
    service = await start_service(bot)
    shown: list[str] = []
    try:
        for text in CONVERSATION:
            before = len(fake.sent_messages())
            await fake.dispatch("MESSAGE_CREATE", payloads.chat(text, channel_id=str(CHANNEL_ID)))
            await fake.wait_for(lambda n=before: len(fake.sent_messages()) > n)
            shown.append("\n".join(_discord_text(body) for body in fake.sent_messages()[before:]))
    finally:
        await service.stop()
        await fake.close()
        bot.stores.db.dispose()
    return recorder.replies, shown


@pytest.mark.asyncio
async def test_the_same_conversation_means_the_same_on_every_platform(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    runs = {
        "console": await console_run(db_url),
        "slack": await slack_run(db_url),
        "discord": await discord_run(db_url, monkeypatch),
    }
    console_replies = runs["console"][0]
    assert len(console_replies) == len(CONVERSATION)
    for platform, (replies, shown) in runs.items():
        assert [meaning(r) for r in replies] == [meaning(r) for r in console_replies], platform
        for said, reply, rendered in zip(CONVERSATION, replies, shown, strict=True):
            visible = flat(rendered)
            missing = [f for f in facts(reply) if flat(f) not in visible]
            assert not missing, f"{platform} hides {missing} of the reply to {said!r}"
    intents = [r.intent.value for r in console_replies]
    assert intents == [
        "explain",
        "explain",
        "compare",
        "compare",
        "explain",
        "recommend",
        "recommend",
        "compare",
        "help",
        "unknown",
    ]
