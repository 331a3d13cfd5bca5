"""The daily tests' fixtures (hand-built knowledge, a real Prepbot on SQLite and PostgreSQL, a fake
clock, a recording poster), shared by the progress, export and nudge tests."""

from tests.bot.daily.conftest import bot, channel_id, clock, kb  # noqa: F401
