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
_NAMES = ("first_name", "last_name", "full_name", "username", "title")


def private_scope(update: object) -> contextlib.AbstractContextManager[None]:
    """While the block runs (and in threads started from it), the texts, names, usernames and ids
    of `update` are scrubbed from every log record."""
    if not isinstance(update, Update):
        return logprivacy.private_scope(set(), set())
    message, chat = update.effective_message, update.effective_chat
    origin = getattr(message, "forward_origin", None)
    users = [u for u in (update.effective_user, getattr(message, "from_user", None),
                         getattr(origin, "sender_user", None)) if u is not None]
    ids = {str(u.id) for u in users} | ({str(abs(chat.id))} if chat is not None else set())
    named = [*users, chat, getattr(origin, "chat", None), getattr(origin, "sender_chat", None)]
    texts = {x for obj in named if obj is not None for x in (getattr(obj, k, None) for k in _NAMES) if x}
    for value in (getattr(message, "text", None), getattr(message, "caption", None)):
        if value:
            texts.update((value, *(line.strip() for line in value.splitlines()), *value.split(maxsplit=1)[1:]))
    texts.update(x for x in (getattr(origin, "sender_user_name", None) or getattr(origin, "author_signature", None),
                             getattr(update.inline_query, "query", None),
                             getattr(update.callback_query, "data", None)) if x)
    return logprivacy.private_scope(texts, ids)


def _telegram_arg(arg: object) -> str | None:
    """A Telegram object as a log argument: ``<Update 123>``, never its contents; None for anything else."""
    if not isinstance(arg, TelegramObject):
        return None
    update_id = getattr(arg, "update_id", None)
    return f"<{type(arg).__name__}{'' if update_id is None else f' {update_id}'}>"


def install_log_privacy(private: bool, token: str | None = None) -> None:
    """At start-up: claims/logprivacy.py's scrubbing of every record, with Telegram objects shown as
    ``<Update 123>`` and JSON-looking strings from PTB's loggers (raw updates) redacted."""
    logprivacy.install(private, token, describe=_telegram_arg, raw_json_loggers=("telegram",))


def _handler_name(error: BaseException | None) -> str:
    """The bot function an error came from: the first frame of this package in its traceback."""
    for frame, _ in traceback.walk_tb(error.__traceback__ if error is not None else None):
        module = frame.f_globals.get("__name__", "")
        if module.startswith("bot.") and module not in ("bot.app", "bot.errors"):
            return f"{module}.{frame.f_code.co_name}"
    return "?"


async def error_handler(update: object, context: Context) -> None:
    """Log the error (one line for what is expected: 403, network, an old button, a job during a
    database outage) and tell the user something went wrong."""
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
        # A periodic job during a database outage: it runs again on its next tick; one line per
        # failure, not a traceback every few seconds for the whole outage.
        log.warning("database unavailable in %s (will run again): %s", _handler_name(error),
                    str(error).splitlines()[0][:300] if str(error) else type(error).__name__)
        return
    runtime, ours = context.application.bot_data.get(RUNTIME_KEY), isinstance(update, Update)
    if runtime is not None and runtime.settings.log_private_data:  # the whole update, as JSON
        try:
            described = json.dumps(update.to_dict(), ensure_ascii=False)[:2000] if ours else repr(update)[:500]
        except Exception:  # noqa: BLE001  (logging must not fail)
            described = repr(update)[:2000]
        log.error("update %s caused an error", described, exc_info=error)
    else:
        chat_type = (str(update.effective_chat.type) if ours and update.effective_chat is not None
                     else "inline" if ours and update.inline_query is not None else "none")
        log.error("update %s (chat type %s) caused an error in %s", update_id, chat_type, _handler_name(error),
                  exc_info=error)
    if not ours:
        return
    text = t(context.lang, "err.db" if db_error else "err.generic")  # context.lang reads no database
    try:
        if update.callback_query is not None:
            await answer(update.callback_query, text, alert=True)  # a message when the query is dead
        elif update.inline_query is not None:
            await update.inline_query.answer([], cache_time=0)
        elif update.effective_message is not None and update.effective_chat is not None:
            await context.bot.send_message(update.effective_chat.id, text)
    except TelegramError as err:
        log.warning("could not tell the user about the error: %s", err)
