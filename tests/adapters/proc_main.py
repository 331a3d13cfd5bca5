"""`prepbot` for process tests: the real command line, with discord.py pointed at a local fake.

Usage: python -m tests.adapters.proc_main <prepbot arguments>
PREPBOT_TEST_DISCORD_API (".../api/v10") and PREPBOT_TEST_DISCORD_GATEWAY ("ws://...") replace
Discord's REST base and gateway address (discord.py has no setting for them); nothing else changes.
Slack needs no help: SLACK_API_URL is a setting of its own.
"""

from __future__ import annotations

import os


def main() -> None:
    api = os.environ.get("PREPBOT_TEST_DISCORD_API")
    if api:
        import discord
        import yarl
        from discord.gateway import DiscordWebSocket

        discord.http.Route.BASE = api
        DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(os.environ["PREPBOT_TEST_DISCORD_GATEWAY"])
    from bot.cli import main as prepbot

    prepbot(prog_name="prepbot")


if __name__ == "__main__":
    main()
