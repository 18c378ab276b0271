"""The application's error handler, and what keeps private data and the bot token out of the logs.

A failing handler is logged with the update id, chat type and the handler that raised; the user
gets a short apology in their language. `install_log_privacy` replaces the record factory, so every
record of every logger is scrubbed when made, whichever handler writes it: the token always; unless
LOG_PRIVATE_DATA=true also SQL parameters and the texts, names and ids of the update being
processed (`private_scope`, around every update; claims/logprivacy.py), and Telegram objects,
dicts, bytes and JSON-looking strings from PTB's loggers as arguments (``<Update 123>``, ``<redacted>``).
"""

from __future__ import annotations

import contextlib
import functools
import json
import logging
import traceback
from datetime import date, datetime, timedelta
from pathlib import PurePath

from sqlalchemy.exc import OperationalError
from telegram import TelegramObject, Update
from telegram.error import BadRequest, Forbidden, NetworkError, TelegramError

from claims import logprivacy
from claims.errors import DatabaseUnavailable
from claims.i18n import t

from .core import Context, answer, is_dead_query
from .runtime import RUNTIME_KEY

log = logging.getLogger("bot.errors")

_SAFE_ARGS = (str, int, float, bool, type(None), PurePath, datetime, date, timedelta)
_installed: dict[str, object] = {}


def private_scope(update: object) -> contextlib.AbstractContextManager[None]:
    """While the block runs (and in threads started from it), the texts, names, usernames and ids
    of `update` are scrubbed from every log record."""
    texts: set[str] = set()
    ids: set[str] = set()
    if isinstance(update, Update):
        message = update.effective_message
        origin = getattr(message, "forward_origin", None)
        for user in (update.effective_user, getattr(message, "from_user", None), getattr(origin, "sender_user", None)):
            if user is not None:
                ids.add(str(user.id))
                texts.update(x for x in (user.first_name, user.last_name, user.full_name, user.username) if x)
        if (chat := update.effective_chat) is not None:
            ids.add(str(abs(chat.id)))
            texts.update(x for x in (chat.title, chat.username, chat.first_name, chat.last_name) if x)
        for value in (getattr(message, "text", None), getattr(message, "caption", None)):
            if value:
                texts.update((value, *(line.strip() for line in value.splitlines()), *value.split(maxsplit=1)[1:]))
        for obj in (getattr(origin, "chat", None), getattr(origin, "sender_chat", None)):
            if obj is not None:
                texts.update(x for x in (obj.title, obj.username) if x)
        texts.update(x for x in (getattr(origin, "sender_user_name", None) or getattr(origin, "author_signature", None),
                                 getattr(update.inline_query, "query", None),
                                 getattr(update.callback_query, "data", None)) if x)
    return logprivacy.private_scope(texts, ids)


def _safe_arg(arg: object, telegram_logger: bool) -> object:
    if isinstance(arg, TelegramObject):
        update_id = getattr(arg, "update_id", None)
        return f"<{type(arg).__name__} {update_id}>" if update_id is not None else f"<{type(arg).__name__}>"
    if isinstance(arg, BaseException):
        return f"{type(arg).__name__}: {arg}"
    if not isinstance(arg, _SAFE_ARGS):
        return logprivacy.REDACTED
    if telegram_logger and isinstance(arg, str) and arg.lstrip()[:1] in ("{", "["):
        return logprivacy.REDACTED  # a raw update or API answer (PTB's webhook handler, getUpdates parsing)
    return arg


def scrub_record(record: logging.LogRecord, token: str = "", *, only_token: bool = False) -> logging.LogRecord:
    """Make `record` safe to write (see the module docstring); returns it. `only_token`
    (LOG_PRIVATE_DATA=true): the arguments are kept and only the token is taken out."""
    telegram_logger = record.name.startswith("telegram")
    try:
        if not isinstance(record.msg, str) and not only_token:
            record.msg = str(_safe_arg(record.msg, telegram_logger))
        if record.args and not only_token:
            args = record.args if isinstance(record.args, tuple) else (record.args,)
            record.args = tuple(_safe_arg(a, telegram_logger) for a in args)
        message = record.getMessage()
    except Exception:  # noqa: BLE001  (a record whose arguments do not fit its format: keep the format only)
        message = str(record.msg)
    scrub = functools.partial(logprivacy.scrub_text, token=token, only_token=only_token)
    record.msg, record.args = scrub(message), None
    if record.exc_info and record.exc_info[1] is not None:
        record.exc_text = scrub("".join(traceback.format_exception(*record.exc_info)).rstrip("\n"))
    if record.stack_info:
        record.stack_info = scrub(record.stack_info)
    return record


def install_log_privacy(private: bool, token: str | None = None) -> None:
    """At start-up: scrub every log record, only of the token when `private` (LOG_PRIVATE_DATA);
    installing again replaces the previous choice."""
    if "previous" not in _installed:
        previous = _installed["previous"] = logging.getLogRecordFactory()

        def factory(*args: object, **kwargs: object) -> logging.LogRecord:
            record = previous(*args, **kwargs)
            token, only_token = _installed["token"], _installed["only_token"]
            return record if only_token and not token else scrub_record(record, token, only_token=only_token)

        logging.setLogRecordFactory(factory)
    _installed.update(only_token=private, token=token or "")


def uninstall_log_privacy() -> None:
    """Restore the record factory that was there before (tests)."""
    if "previous" in _installed:
        logging.setLogRecordFactory(_installed.pop("previous"))
        _installed.clear()


def _describe(update: object) -> str:
    """The whole update as JSON (only logged when LOG_PRIVATE_DATA=true)."""
    if isinstance(update, Update):
        try:
            return json.dumps(update.to_dict(), ensure_ascii=False)[:2000]
        except Exception:  # noqa: BLE001  (logging must not fail)
            return repr(update)[:2000]
    return repr(update)[:500]


def _handler_name(error: BaseException | None) -> str:
    """The bot function an error came from: the first frame of this package in its traceback."""
    for frame, _ in traceback.walk_tb(error.__traceback__ if error is not None else None):
        module = frame.f_globals.get("__name__", "")
        if module.startswith("bot.") and module not in ("bot.app", "bot.errors"):
            return f"{module}.{frame.f_code.co_name}"
    return "?"


def _chat_type(update: object) -> str:
    if not isinstance(update, Update):
        return "none"
    if update.effective_chat is not None:
        return str(update.effective_chat.type)
    return "inline" if update.inline_query is not None else "none"


async def error_handler(update: object, context: Context) -> None:
    error, update_id = context.error, getattr(update, "update_id", "?")
    db_error = isinstance(error, (OperationalError, DatabaseUnavailable))
    if isinstance(error, Forbidden):
        log.info("cannot write to the chat of update %s: %s", update_id, error)
        return
    if isinstance(error, NetworkError) and not isinstance(error, BadRequest):
        # Telegram unreachable or slow: the reply would most likely fail the same way.
        log.warning("network error while handling update %s: %s", update_id, error)
        return
    if is_dead_query(error):  # an old button: nothing to tell, and answering again would fail the same way
        log.debug("update %s: %s", update_id, error)
        return
    if not isinstance(update, Update) and db_error:
        # A periodic job (the outbox sender, pruning) during a database outage: it runs again on its
        # next tick; one line per failure, not a traceback every few seconds for the whole outage.
        log.warning("database unavailable in %s (will run again): %s", _handler_name(error),
                    str(error).splitlines()[0][:300] if str(error) else type(error).__name__)
        return
    runtime = context.application.bot_data.get(RUNTIME_KEY)
    if runtime is not None and runtime.settings.log_private_data:
        log.error("update %s caused an error", _describe(update), exc_info=error)
    else:
        log.error("update %s (chat type %s) caused an error in %s", update_id, _chat_type(update),
                  _handler_name(error), exc_info=error)
    if not isinstance(update, Update):
        return
    try:
        lang = context.lang
    except Exception:  # noqa: BLE001  (the database may be what failed)
        lang = runtime.settings.default_language if runtime is not None else "ru"
    text = t(lang, "err.db" if db_error else "err.generic")
    try:
        if update.callback_query is not None:
            await answer(update.callback_query, text, alert=True)  # a message when the query is dead
        elif update.inline_query is not None:
            await update.inline_query.answer([], cache_time=0)
        elif update.effective_message is not None and update.effective_chat is not None:
            await context.bot.send_message(update.effective_chat.id, text)
    except TelegramError as err:
        log.warning("could not tell the user about the error: %s", err)
