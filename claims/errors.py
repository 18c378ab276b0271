"""Domain errors carry a stable code so the CLI and the bot can word them in their own way."""

from __future__ import annotations


class ClaimsError(Exception):
    """Base for every error a user can cause; `str(err)` is one clear English line.

    Front ends word an error from `code` and `params`, never from the English text: `entity`
    ("claim", "source", "tip", "article") names what was not found or had a bad id, `id` / `value`
    the offending input, `limit` a length or count bound, `valid` the accepted values.
    """

    code = "error"

    def __init__(self, message: str, **params: object) -> None:
        super().__init__(message)
        self.params = params


class InvalidInput(ClaimsError):
    code = "invalid_input"


class NoWords(InvalidInput):
    """A claim text with no word to find it by: its normalised form is empty (only emoji, signs or the
    most common words). `value`: the text, cut."""

    code = "no_words"


class NotFound(ClaimsError):
    code = "not_found"


class Conflict(ClaimsError):
    """The action was already taken (by someone else) or would duplicate data."""

    code = "conflict"


class Forbidden(ClaimsError):
    code = "forbidden"


class DatabaseUnavailable(ClaimsError):
    code = "db_unavailable"
