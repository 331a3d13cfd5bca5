"""One error hierarchy. Only `UserError` text is ever shown to a chat user.

Knowledge problems are `knowledge.problems.Problem` (file, line, problem): the knowledge package
stays independent of the bot.
"""

from __future__ import annotations


class PrepbotError(Exception):
    """Base of every error prepbot raises on purpose."""


class UserError(PrepbotError):
    """Something the user can fix; its message is short, safe and shown as the reply."""


class StorageError(PrepbotError):
    """The database failed in a way the caller cannot repair."""


class ConfigError(PrepbotError, ValueError):
    """A setting that cannot be used: one line naming the file and line (or the environment
    variable) and the key, never the value, which may be a secret. The CLI shows it as is."""

    def __init__(self, where: str, key: str, problem: str) -> None:
        self.where, self.key, self.problem = where, key, problem
        super().__init__(f"{where}: {key}: {problem}" if key else f"{where}: {problem}")
