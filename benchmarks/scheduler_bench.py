"""Scheduling 10,000 study channels: one scheduler tick's costs, on SQLite and PostgreSQL.

Run: `python -m benchmarks.scheduler_bench` (or `python -m benchmarks scheduler_bench`).
Measures: computing the due posts (pure `due()`, target < 50 ms), loading the channel settings,
claiming every due post (one INSERT ... ON CONFLICT DO NOTHING batch), a repeat claim where every
row already exists (another replica's tick), and the "already settled?" query.
PostgreSQL: a throwaway database on 127.0.0.1:5432 (user postgres), dropped afterwards.
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from benchmarks.scratch_pg import scratch_database
from bot.daily.due import due
from bot.storage import Stores
from bot.storage.channels import PostClaim, StudyChannel

CHANNELS = 10_000
ZONES = (
    "UTC",
    "Europe/Berlin",
    "Europe/Paris",
    "America/New_York",
    "America/Los_Angeles",
    "Asia/Tokyo",
    "Asia/Kolkata",
    "Australia/Sydney",
    "America/Sao_Paulo",
    "Africa/Lagos",
)
NOW = datetime(2026, 3, 11, 14, 0, tzinfo=UTC)  # a Wednesday: most channels are due, some not yet


def channels(count: int = CHANNELS, seed: int = 7) -> list[StudyChannel]:
    rng = random.Random(seed)
    found = []
    for n in range(count):
        days = tuple(range(5)) if rng.random() < 0.7 else tuple(range(7))
        found.append(
            StudyChannel(
                channel_key=f"slack:T{n % 50}:C{n:05d}",
                platform="slack",
                channel_id=f"C{n:05d}",
                team=f"T{n % 50}",
                post_time=f"{rng.randrange(6, 12):02d}:{rng.choice((0, 15, 30, 45)):02d}",
                tz=rng.choice(ZONES),
                days=days,
            )
        )
    return found


def timed(action: Callable[[], Any], repeat: int = 1) -> tuple[float, Any]:
    """Median milliseconds over `repeat` runs, and the last result."""
    samples, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = action()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), result


def storage_rows(label: str, url: str, everything: list[StudyChannel]) -> list[tuple[str, str]]:
    stores = Stores.open(url)
    try:
        save_ms, _ = timed(lambda: stores.channels.save_many(everything, "bench", NOW))
        load_ms, loaded = timed(stores.channels.all, repeat=5)
        posts = due(loaded, NOW)
        claims = [PostClaim(p.channel.channel_key, p.day.isoformat(), p.kind, None, p.due_at) for p in posts]
        claim_ms, _ = timed(lambda: stores.channels.claim(claims, NOW))
        new = stores.channels.count_posts(NOW.date().isoformat())
        again_ms, _ = timed(lambda: stores.channels.claim(claims, NOW))
        settled_ms, _ = timed(lambda: stores.channels.settled(p.key for p in posts), repeat=5)
        return [
            (f"{label}: save {len(everything):,} channel settings (one transaction)", f"{save_ms:,.0f} ms"),
            (f"{label}: load all channel settings", f"{load_ms:.1f} ms"),
            (f"{label}: claim {len(claims):,} due posts (rows now: {new:,})", f"{claim_ms:.1f} ms"),
            (f"{label}: claim them again (all exist: another replica's tick)", f"{again_ms:.1f} ms"),
            (f"{label}: which due posts are settled", f"{settled_ms:.1f} ms"),
        ]
    finally:
        stores.db.dispose()


def main() -> None:
    everything = channels()
    due(everything[:10], NOW)  # warm the zone cache
    cold_ms, posts = timed(lambda: due(everything, NOW), repeat=5)
    settled = {p.key for p in posts}
    steady_ms, _ = timed(lambda: due(everything, NOW, settled), repeat=5)
    rows = [
        (f"due(): {CHANNELS:,} channels, nothing posted yet ({len(posts):,} due posts)", f"{cold_ms:.1f} ms"),
        ("due(): same tick once everything is settled (steady state)", f"{steady_ms:.1f} ms"),
    ]
    with tempfile.TemporaryDirectory() as tmp:
        rows += storage_rows("SQLite", f"sqlite:///{tmp}/bench.db", everything)
    with scratch_database() as url:
        if url is None:
            rows.append(("PostgreSQL", "skipped: not reachable on 127.0.0.1:5432"))
        else:
            rows += storage_rows("PostgreSQL", url, everything)
    print("| measure | value |")
    print("|---|---|")
    for label, value in rows:
        print(f"| {label} | {value} |")


if __name__ == "__main__":
    main()
