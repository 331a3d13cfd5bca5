"""A separate process for the exactly-once tests: races `post_daily` (what `prepbot daily` runs) and
the scheduler tick on a shared database, or claims a post and waits to be killed.

Usage: python -m tests.bot.daily.race_child URL CHANNEL DAY MODE START_AT
MODE: "daily" (10 threads of post_daily), "tick" (5 threads of scheduler ticks), "claim" (claim, then sleep).
Prints one JSON object per attempt.
"""

from __future__ import annotations

import asyncio
import json
import sys
import threading
import time
from datetime import UTC, date, datetime

from bot.cli.daily import post_daily
from bot.daily.scheduler import DailyScheduler
from bot.storage import Stores
from tests.bot.daily.conftest import FakeClock, RecordingPoster, make_questions


def main(url: str, channel: str, day: str, mode: str, start_at: float) -> None:
    stores = Stores.open(url)
    questions = make_questions()
    now = datetime.fromisoformat(day).replace(hour=12, tzinfo=UTC)
    lock = threading.Lock()

    def say(obj: dict[str, object]) -> None:
        with lock:
            print(json.dumps(obj), flush=True)

    def daily() -> None:
        result = post_daily(stores, questions, channel, date.fromisoformat(day), now)
        say({"posted": result.posted, "question_id": result.question_id})

    def tick() -> None:
        poster = RecordingPoster(platform="console")
        asyncio.run(DailyScheduler(stores, questions, poster, FakeClock(now)).tick())
        say({"messages": len(poster.questions())})

    if mode == "claim":
        scheduler = DailyScheduler(stores, questions, RecordingPoster(), FakeClock(now))
        scheduler.claim(scheduler.due_now(now), now)
        say({"claimed": True})
        time.sleep(60)
        return
    target = daily if mode == "daily" else tick
    threads = [threading.Thread(target=target) for _ in range(10 if mode == "daily" else 5)]
    while time.time() < start_at:
        time.sleep(0.005)
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], float(sys.argv[5]))
