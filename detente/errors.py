"""Errors that reach the user as one clear line.

Every error carries the HTTP status it maps to (datasette's status-on-exception
pattern), so the CLI and the web layer translate them the same way.
"""

from __future__ import annotations


class DetenteError(Exception):
    """Base of every error detente raises on purpose."""

    status: int = 400

    def one_line(self) -> str:
        """The message as a single line, for the CLI and logs."""
        return " ".join(str(self).split())


class InputError(DetenteError):
    """A file or record the user gave cannot be read."""

    def __init__(self, path: object, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class ScenarioError(DetenteError):
    """A scenario is malformed; the message names the actor, issue or line at fault."""

    status = 422


class ModelError(DetenteError):
    """A bargaining model was given invalid parameters."""

    status = 422


class NotFound(DetenteError):
    """A requested document, actor or resource does not exist."""

    status = 404
