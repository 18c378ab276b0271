"""Domain errors carry a stable code so the CLI and the bot can word them in their own way."""

from __future__ import annotations


class ClaimsError(Exception):
    """Base for every error a user can cause; `str(err)` is one clear English line."""

    code = "error"

    def __init__(self, message: str, **params: object) -> None:
        super().__init__(message)
        self.params = params


class InvalidInput(ClaimsError):
    code = "invalid_input"


class NotFound(ClaimsError):
    code = "not_found"


class Conflict(ClaimsError):
    """The action was already taken (by someone else) or would duplicate data."""

    code = "conflict"


class Forbidden(ClaimsError):
    code = "forbidden"


class DatabaseUnavailable(ClaimsError):
    code = "db_unavailable"
