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
