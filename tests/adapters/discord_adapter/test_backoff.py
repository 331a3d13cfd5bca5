"""The restart guard: a crash loop backs off exponentially instead of burning logins (D3)."""

from __future__ import annotations

import itertools
from pathlib import Path

import discord
import pytest

from adapters.discord.backoff import RestartGuard
from adapters.discord.service import DiscordService
from bot.service import StartupError
from tests.adapters.discord_adapter.fake_discord import FakeDiscord
from tests.adapters.discord_adapter.harness import recording_bot


class Recorder:
    """A fake clock and sleep: sleeping moves the clock, nothing waits."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds

    def clock(self) -> float:
        return self.now


class FlakyConnect:
    """connect() that fails `failures` times (after `uptime` seconds up each time), then runs cleanly."""

    def __init__(self, clock: Recorder, failures: int, uptime: float = 0.0) -> None:
        self.clock = clock
        self.failures = failures
        self.uptime = uptime
        self.calls = 0

    async def __call__(self) -> None:
        self.calls += 1
        self.clock.now += self.uptime
        if self.calls <= self.failures:
            raise OSError("gateway unreachable")


def guard(recorder: Recorder, **options: float | int | None) -> RestartGuard:
    return RestartGuard(sleep=recorder.sleep, clock=recorder.clock, jitter=lambda delay: 0.0, **options)  # type: ignore[arg-type]


@pytest.mark.expect_errors("Discord client stopped")  # an outage is an ERROR for whoever runs the bot
@pytest.mark.asyncio
async def test_twenty_forced_failures_sleep_exponentially_longer_up_to_the_cap() -> None:
    recorder = Recorder()
    connect = FlakyConnect(recorder, failures=20)
    await guard(recorder).run(connect)
    assert connect.calls == 21
    assert recorder.sleeps[:9] == [5, 10, 20, 40, 80, 160, 320, 640, 1280]
    assert recorder.sleeps[9:] == [1800] * 11
    logins_in_first_hour = 1 + sum(1 for t in itertools.accumulate(recorder.sleeps) if t <= 3600)
    assert logins_in_first_hour <= 11
    assert 86_400 / recorder.sleeps[-1] < 50, "a steady crash loop stays under 50 logins a day"


@pytest.mark.expect_errors("Discord client stopped")  # an outage is an ERROR for whoever runs the bot
@pytest.mark.asyncio
async def test_a_run_that_stayed_up_resets_the_back_off() -> None:
    recorder = Recorder()
    connect = FlakyConnect(recorder, failures=3, uptime=3600)
    await guard(recorder, healthy_after=600).run(connect)
    assert recorder.sleeps == [5, 5, 5]


@pytest.mark.asyncio
async def test_a_bad_token_is_not_retried() -> None:
    recorder = Recorder()

    async def bad_token() -> None:
        raise discord.LoginFailure("Improper token has been passed.")

    with pytest.raises(discord.LoginFailure):
        await guard(recorder).run(bad_token)
    assert recorder.sleeps == []


@pytest.mark.expect_errors("Discord client stopped")  # an outage is an ERROR for whoever runs the bot
@pytest.mark.asyncio
async def test_gives_up_after_max_failures_with_the_last_error() -> None:
    recorder = Recorder()
    connect = FlakyConnect(recorder, failures=10)
    with pytest.raises(OSError, match="gateway unreachable"):
        await guard(recorder, max_failures=4).run(connect)
    assert connect.calls == 4 and recorder.sleeps == [5, 10, 20]


def test_default_jitter_stays_within_a_tenth_of_the_delay() -> None:
    default = RestartGuard()
    assert all(0 <= default.jitter(100.0) <= 10.0 for _ in range(50))


@pytest.mark.asyncio
async def test_a_rejected_token_stops_the_service_at_once_without_retrying(
    tmp_path: Path, fake: FakeDiscord
) -> None:
    fake.reject_token = True
    recorder = Recorder()
    core = recording_bot(tmp_path / "db.sqlite")
    service = DiscordService(core, core.settings, guard=guard(recorder), guild_ready_timeout=0.01)
    try:
        with pytest.raises(StartupError, match="DISCORD_TOKEN"):  # one line for the command to print
            await service.start()
    finally:
        await service.stop()
        core.stores.db.dispose()
    assert recorder.sleeps == []
    assert [c.path for c in fake.calls] == ["/users/@me"], "one login attempt, no gateway connection"
