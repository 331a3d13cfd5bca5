"""The `prepbot` command. Sub-commands are loaded lazily so `prepbot ask` starts fast and the
platform libraries are imported only by the commands that use them."""

from __future__ import annotations

import importlib
from typing import Any

import click

from bot.errors import ConfigError

# name -> "module:attribute" of a click command or group
COMMANDS: dict[str, str] = {
    "chat": "adapters.console.repl:chat",
    "ask": "bot.cli.ask:ask",
    "kb": "bot.cli.kb:kb",
    "questions": "bot.cli.practice:questions",
    "grade": "bot.cli.practice:grade",
    "disputes": "bot.cli.practice:disputes",
    "daily": "bot.cli.daily:daily",
    "run": "bot.cli.run:run",
    "slack": "adapters.slack.cli:slack",
    "discord": "adapters.discord.cli:discord_command",
}


class LazyGroup(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        """A broken setting is one line (file, line, key; never the value), not a traceback."""
        try:
            return super().invoke(ctx)
        except ConfigError as exc:
            raise click.ClickException(str(exc)) from None

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attribute = target.split(":")
        command: Any = getattr(importlib.import_module(module_name), attribute)
        if not isinstance(command, click.Command):
            raise TypeError(f"{target} is not a click command")
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="prepbot")
def main() -> None:
    """prepbot: interview practice in Slack, Discord and the console."""


if __name__ == "__main__":
    main()
