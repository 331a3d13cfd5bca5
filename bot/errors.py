"""One error hierarchy. Only `UserError` text is ever shown to a chat user."""

from __future__ import annotations


class PrepbotError(Exception):
    """Base of every error prepbot raises on purpose."""


class UserError(PrepbotError):
    """Something the user can fix; its message is short, safe and shown as the reply."""


class StorageError(PrepbotError):
    """The database failed in a way the caller cannot repair."""


class KnowledgeError(PrepbotError):
    """A problem in a knowledge file, located by file and line."""

    def __init__(self, path: str, line: int | None, problem: str) -> None:
        self.path = path
        self.line = line
        self.problem = problem
        super().__init__(self.location() + ": " + problem)

    def location(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path
