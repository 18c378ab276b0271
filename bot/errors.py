"""The application's error handler, and what keeps private data and the bot token out of the logs
(README.md, *Logs*; the scrubbing itself is claims/logprivacy.py, `private_scope` wraps every update).
"""

from __future__ import annotations

import contextlib
import json
import logging
import traceback

from sqlalchemy.exc import OperationalError
from telegram import TelegramObject, Update
from telegram.error import BadRequest, Forbidden, NetworkError, TelegramError

from claims import logprivacy
from claims.errors import DatabaseUnavailable
from claims.i18n import t

from .core import Context, answer, is_dead_query
from .runtime import RUNTIME_KEY

log = logging.getLogger("bot.errors")


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


def _telegram_arg(arg: object) -> str | None:
    """A Telegram object as a log argument: ``<Update 123>``, never its contents; None for anything else."""
    if not isinstance(arg, TelegramObject):
        return None
    update_id = getattr(arg, "update_id", None)
    return f"<{type(arg).__name__} {update_id}>" if update_id is not None else f"<{type(arg).__name__}>"


def install_log_privacy(private: bool, token: str | None = None) -> None:
    """At start-up: claims/logprivacy.py's scrubbing of every record, with Telegram objects shown as
    ``<Update 123>`` and JSON-looking strings from PTB's loggers (raw updates) redacted."""
    logprivacy.install(private, token, describe=_telegram_arg, raw_json_loggers=("telegram",))


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
