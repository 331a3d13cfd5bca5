"""The biggest scorecard a round can make (20 questions, each with a follow-up) rendered by Slack
Block Kit and Discord embeds within each platform's limits, every row readable."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from adapters.discord import embeds
from adapters.slack import blocks
from bot import plaintext
from bot.messages import Reply
from bot.practice.bank import QuestionBank
from bot.practice.replies import scorecard_reply
from bot.storage.practice import PracticeSession, RoundItem
from tests.bot.practice.kbs import SEED_CURATED, seed_kb


def _biggest() -> tuple[list[str], Reply]:
    kb = seed_kb(SEED_CURATED)
    bank = QuestionBank.build(kb)
    questions = list(bank.questions)[:20]
    items: list[RoundItem] = []
    for n, q in enumerate(questions, start=1):
        items.append(RoundItem(n, q.id, None if n % 7 == 0 else 40 + n, 60 + n, n % 3 == 0, n % 2))
        items.append(RoundItem(n, q.id, 70, 30, False, 0, followup=q.key_points[0]))
    session = PracticeSession("u", "c", "s1", "mock", datetime(2026, 1, 5, tzinfo=UTC), count=20, seconds=180)
    reply = scorecard_reply(kb, bank, session, items)
    assert reply.table is not None
    return [row[0] for row in reply.table.rows], reply


def test_the_biggest_scorecard_fits_slack_and_discord_with_every_row() -> None:
    labels, reply = _biggest()
    assert len(labels) == 40
    messages = blocks.render_messages(reply)
    assert all(len(m["blocks"]) <= 50 for m in messages)
    slack = json.dumps(messages, ensure_ascii=False)
    payloads = embeds.render(reply)
    assert len(payloads) <= embeds.MAX_MESSAGES
    for payload in payloads:
        assert len(payload["embeds"]) <= 10
        for embed in payload["embeds"]:
            assert len(embed.get("fields", [])) <= 25
            size = len(embed.get("title", "")) + len(embed.get("description", ""))
            size += sum(len(f["name"]) + len(f["value"]) for f in embed.get("fields", []))
            assert size <= 6000
    discord = json.dumps(payloads, ensure_ascii=False)
    text = plaintext.render(reply)
    for label in labels:
        head = label[:30].replace("“", "").replace("”", "")
        assert head.split("…")[0][:20] in slack and head.split("…")[0][:20] in discord, label
    for shown in ("Questions", "20 of 20", "skipped", "(late)", "Review next", "Gaps by topic and aspect"):
        assert shown in slack and shown in discord and shown in text
