"""`prepbot daily --channel ID --date YYYY-MM-DD [--json]`: claim and record one channel's daily post.

The channel is the console channel `console::<ID>` (the key `prepbot run --adapter console` uses).
Exactly one caller per channel and date gets `"posted": true`, however many race (threads,
processes, replicas on one PostgreSQL); the others get `false` and the same `question_id`.
A claim left behind by a crashed caller is completed by the next one.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import click

from bot.cli.common import bot_from, database_errors, db_option, knowledge_option
from bot.daily.due import occurrence, parse_hhmm, zone
from bot.daily.scheduler import LEASE, pick_question
from bot.storage import Stores
from bot.storage.channels import QUESTION, PostClaim, StudyChannel
from knowledge.model import Question

CLI_PLATFORM = "console"


@dataclass(frozen=True, slots=True)
class DailyResult:
    question_id: str
    text: str
    posted: bool


def console_channel(channel_id: str) -> StudyChannel:
    return StudyChannel(
        channel_key=f"{CLI_PLATFORM}::{channel_id}",
        platform=CLI_PLATFORM,
        channel_id=channel_id,
        team="",
        post_time="09:00",
        tz="UTC",
        days=tuple(range(7)),
    )


def post_daily(
    stores: Stores, questions: tuple[Question, ...], channel_id: str, day: date, now: datetime
) -> DailyResult:
    """Claim the channel's post for `day` and record it as sent, once; report what was posted."""
    default = console_channel(channel_id)
    channel = stores.channels.get(default.channel_key) or default
    key = (channel.channel_key, day.isoformat(), QUESTION)
    chosen = pick_question(stores, questions, channel, day.isoformat())
    if chosen is None:
        raise click.ClickException("The knowledge base has no questions to post.")
    due_at = occurrence(day, parse_hhmm(channel.post_time), zone(channel.tz))
    stores.channels.claim([PostClaim(*key, chosen.id, due_at)], now)
    owner = uuid.uuid4().hex
    taken = stores.channels.take(*key, owner, now, LEASE)
    if taken is not None:
        stores.channels.mark_sent(*key, f"cli-{owner[:12]}", now)
    row = stores.channels.post(*key)
    question_id = row.question_id if row and row.question_id else chosen.id
    by_id = {q.id: q for q in questions}
    question = by_id.get(question_id, chosen)
    return DailyResult(question_id=question.id, text=question.text, posted=taken is not None)


@click.command()
@click.option("--channel", "channel_id", required=True, help="Console channel id (key console::<ID>).")
@click.option(
    "--date",
    "day",
    required=True,
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="The channel's local date, YYYY-MM-DD.",
)
@click.option("--json", "as_json", is_flag=True, help='Print {"question_id", "text", "posted"}.')
@db_option
@knowledge_option
def daily(channel_id: str, day: datetime, as_json: bool, db: str | None, knowledge: Path | None) -> None:
    """Post (once) and print CHANNEL's question for DATE."""
    bot = bot_from(db, knowledge)
    try:
        with database_errors(bot.settings.database_url):
            result = post_daily(bot.stores, bot.bank.questions, channel_id, day.date(), bot.clock.now())
    finally:
        bot.stores.db.dispose()
    if as_json:
        click.echo(
            json.dumps(
                {"question_id": result.question_id, "text": result.text, "posted": result.posted},
                ensure_ascii=False,
            )
        )
    else:
        state = "posted" if result.posted else "already posted earlier"
        click.echo(f"{result.text}\n\n({result.question_id}, {state})")
