"""A person's history as files: CSV (one row per graded answer) and JSON (every table's rows)."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from typing import Any

from bot.messages import Attachment

ATTEMPT_COLUMNS = (
    "answered_at",
    "day",
    "question_id",
    "topics",
    "aspect",
    "kind",
    "score",
    "source",
    "place",
)
CHANNEL_COLUMNS = ("day", "user_key", "user_name", "question_id", "score", "answered_at")


def _csv(columns: tuple[str, ...], rows: list[dict[str, Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: ("" if row.get(k) is None else row.get(k)) for k in columns})
    return out.getvalue().encode("utf-8")


def personal_files(
    user_key: str, history: dict[str, list[dict[str, Any]]], now: datetime
) -> tuple[Attachment, ...]:
    stamp = now.strftime("%Y%m%d")
    document = {"user": user_key, "exported_at": now.isoformat(), "tables": history}
    return (
        Attachment(
            f"prepbot-history-{stamp}.csv",
            _csv(ATTEMPT_COLUMNS, history.get("practice_attempts", [])),
            "text/csv",
            "Your answers (CSV)",
        ),
        Attachment(
            f"prepbot-history-{stamp}.json",
            json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True).encode("utf-8"),
            "application/json",
            "Everything stored about you (JSON)",
        ),
    )


def channel_files(channel_key: str, rows: list[dict[str, Any]], now: datetime) -> tuple[Attachment, ...]:
    stamp = now.strftime("%Y%m%d")
    document = {"channel": channel_key, "exported_at": now.isoformat(), "answers": rows}
    return (
        Attachment(
            f"prepbot-channel-{stamp}.csv", _csv(CHANNEL_COLUMNS, rows), "text/csv", "Channel results (CSV)"
        ),
        Attachment(
            f"prepbot-channel-{stamp}.json",
            json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True).encode("utf-8"),
            "application/json",
            "Channel results (JSON)",
        ),
    )
