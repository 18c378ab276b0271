"""The application's error handler, and a log filter that keeps the bot token out of every log line.

A failing handler is logged with the update that caused it; the user gets a short apology in
their language, never the exception.
"""

from __future__ import annotations

import json
import logging

from telegram import Update
from telegram.error import BadRequest, Forbidden, NetworkError, TelegramError
from sqlalchemy.exc import OperationalError

from claims.errors import ClaimsError, DatabaseUnavailable

from .core import Context, answer, is_dead_query
from .i18n import t
from .runtime import RUNTIME_KEY

log = logging.getLogger("bot.errors")


class RedactToken(logging.Filter):
    """Replace the token wherever it appears (URLs in httpx/PTB messages, exception text)."""

    def __init__(self, token: str | None) -> None:
        super().__init__()
        self.token = token or ""

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.token:
            return True
        message = record.getMessage()
        if self.token in message:
            record.msg = message.replace(self.token, "<token>")
            record.args = None
        if record.exc_info and record.exc_info[1] is not None and self.token in str(record.exc_info[1]):
            record.exc_text = logging.Formatter().formatException(record.exc_info).replace(self.token, "<token>")
        return True


def install_redaction(token: str | None) -> None:
    """Attach the filter to every root handler (filters on handlers also see records of child loggers)."""
    redact = RedactToken(token)
    for handler in logging.getLogger().handlers:
        handler.addFilter(redact)
    # httpx logs each request URL, which contains the token, at INFO.
    logging.getLogger("httpx").setLevel(logging.WARNING)


def _describe(update: object) -> str:
    if isinstance(update, Update):
        try:
            return json.dumps(update.to_dict(), ensure_ascii=False)[:2000]
        except Exception:  # noqa: BLE001  (logging must not fail)
            return repr(update)[:2000]
    return repr(update)[:500]


async def error_handler(update: object, context: Context) -> None:
    error = context.error
    if isinstance(error, Forbidden):
        log.info("cannot write to the chat of update %s: %s", getattr(update, "update_id", "?"), error)
        return
    if isinstance(error, NetworkError) and not isinstance(error, BadRequest):
        # Telegram unreachable or slow: the reply would most likely fail the same way.
        log.warning("network error while handling update %s: %s", getattr(update, "update_id", "?"), error)
        return
    if is_dead_query(error):  # an old button: nothing to tell, and answering again would fail the same way
        log.debug("update %s: %s", getattr(update, "update_id", "?"), error)
        return
    log.error("update %s caused an error", _describe(update), exc_info=error)
    if not isinstance(update, Update):
        return
    try:
        lang = context.lang
    except Exception:  # noqa: BLE001  (the database may be what failed)
        runtime = context.application.bot_data.get(RUNTIME_KEY)
        lang = runtime.settings.default_language if runtime is not None else "ru"
    key = "err.db" if isinstance(error, DatabaseUnavailable) or _is_db_error(error) else "err.generic"
    text = t(lang, key)
    try:
        if update.callback_query is not None:
            await answer(update.callback_query, text, alert=True)  # a message when the query is dead
        elif update.inline_query is not None:
            await update.inline_query.answer([], cache_time=0)
        elif update.effective_message is not None and update.effective_chat is not None:
            await context.bot.send_message(update.effective_chat.id, text)
    except TelegramError as err:
        log.warning("could not tell the user about the error: %s", err)


def _is_db_error(error: BaseException | None) -> bool:
    return isinstance(error, OperationalError) or (isinstance(error, ClaimsError)
                                                   and error.code == DatabaseUnavailable.code)
