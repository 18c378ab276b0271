"""The application's error handler, and what keeps private data and the bot token out of the logs.

A failing handler is logged with the update id, chat type and the handler that raised; the user
gets a short apology in their language. Unless LOG_PRIVATE_DATA=true, no log line at any level
holds message texts, names or user ids: `install_log_privacy` replaces the record factory, so every
record of every logger is scrubbed when made, whichever handler writes it:

* Telegram objects as arguments become ``<Update 123>``; dicts, lists, bytes and other objects
  ``<redacted>``, and so do JSON-looking strings from PTB's loggers;
* SQLAlchemy's ``[parameters: …]`` and the values PostgreSQL quotes (``DETAIL:  Key (…)=(…)``,
  ``Failing row contains (…)``, ``invalid input syntax for type bigint: "…"``) are cut;
* while an update is processed (`private_scope`, around every update, inherited by threads) its
  text, caption, query, names, usernames and ids become ``<private>`` wherever they appear (in
  any case, cleaned of bidi controls as handlers clean it, escaped as repr()/JSON write it).
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import json
import logging
import re
import traceback
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import PurePath

from telegram import TelegramObject, Update
from telegram.error import BadRequest, Forbidden, NetworkError, TelegramError
from sqlalchemy.exc import OperationalError

from claims.errors import ClaimsError, DatabaseUnavailable
from claims.i18n import t
from claims.textclean import clean_text

from .core import Context, answer, is_dead_query
from .runtime import RUNTIME_KEY

log = logging.getLogger("bot.errors")


class RedactToken(logging.Filter):
    """Replace the token wherever it appears (URLs in httpx/PTB messages, exception text)."""

    def __init__(self, token: str | None) -> None:
        super().__init__()
        self.token = token or ""

    def filter(self, record: logging.LogRecord) -> bool:
        if self.token and self.token in (message := record.getMessage()):
            record.msg, record.args = message.replace(self.token, "<token>"), None
        if self.token and record.exc_info and record.exc_info[1] is not None and self.token in str(record.exc_info[1]):
            record.exc_text = logging.Formatter().formatException(record.exc_info).replace(self.token, "<token>")
        return True


def install_redaction(token: str | None) -> None:
    """The filter on every root handler (it sees child loggers' records too); httpx's INFO lines
    (request URLs, which hold the token) off."""
    for handler in logging.getLogger().handlers:
        handler.addFilter(RedactToken(token))
    logging.getLogger("httpx").setLevel(logging.WARNING)


# --- private data out of the logs ------------------------------------------------------------------

PRIVATE = "<private>"
REDACTED = "<redacted>"
_private: contextvars.ContextVar[tuple[tuple[str, ...], tuple[str, ...]] | None] = contextvars.ContextVar(
    "private_log_values", default=None)
_SQL_PARAMS_RE = re.compile(r"\[parameters: .*?\](?=\s*(?:\(Background|\[SQL|$))|\[parameters: [^\n]*", re.S)
# PostgreSQL puts row values in its error texts: "DETAIL:  Key (user_id)=(…) already exists",
# "DETAIL:  Failing row contains (…)", 'invalid input syntax for type bigint: "…"'
_PG_VALUES_RE = re.compile(r"^(\s*DETAIL:\s+(?:Key \([^)=\n]*\)=|Failing row contains )?).*$"
                           r"|(invalid input (?:syntax|value) for [^\n:]*: )\"[^\n]*?\"(?=\n|$|\s*(?:CONTEXT|LINE)\b)",
                           re.M)
_SAFE_ARGS = (str, int, float, bool, type(None), PurePath, datetime, date, timedelta)
_installed: dict[str, object] = {}


def private_values(update: object) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(texts and names, ids as digits) of one update: what must not reach a log line."""
    if not isinstance(update, Update):
        return (), ()
    texts: set[str] = set()
    ids: set[str] = set()
    for user in (update.effective_user, getattr(update.effective_message, "from_user", None),
                 getattr(getattr(update.effective_message, "forward_origin", None), "sender_user", None)):
        if user is not None:
            ids.add(str(user.id))
            texts.update(x for x in (user.first_name, user.last_name, user.full_name, user.username) if x)
    chat = update.effective_chat
    if chat is not None:
        ids.add(str(abs(chat.id)))
        texts.update(x for x in (chat.title, chat.username, chat.first_name, chat.last_name) if x)
    message = update.effective_message
    for value in (getattr(message, "text", None), getattr(message, "caption", None)):
        if value:
            texts.update((value, *(line.strip() for line in value.splitlines()), *value.split(maxsplit=1)[1:]))
    origin = getattr(message, "forward_origin", None)
    for obj in (getattr(origin, "chat", None), getattr(origin, "sender_chat", None)):
        if obj is not None:
            texts.update(x for x in (obj.title, obj.username) if x)
    texts.update(x for x in (getattr(origin, "sender_user_name", None) or getattr(origin, "author_signature", None),
                             getattr(update.inline_query, "query", None), getattr(update.callback_query, "data", None))
                 if x)
    kept = tuple(sorted((x for x in texts if len(x.strip()) >= 3), key=len, reverse=True))
    return kept, tuple(sorted((i for i in ids if len(i) >= 3), key=len, reverse=True))


@contextlib.contextmanager
def private_scope(update: object) -> Iterator[None]:
    """While the block runs (and in threads started from it), `update`'s private values are scrubbed
    from every log record."""
    token = _private.set(private_values(update))
    try:
        yield
    finally:
        _private.reset(token)


def _lower(text: str) -> str:
    """`text` in lower case, character for character (a letter whose lower case is longer, İ, stays)."""
    low = text.lower()
    return low if len(low) == len(text) else "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _fragments(text: str, value: str, k: int = 12) -> list[tuple[int, int]]:
    """Spans of `text` holding `value` (given in lower case) or a piece of it of about `k` characters
    or more (a cut-off start, a command's argument, a line), ignoring case: windows of `k`
    characters every k/2 are looked up and each hit grown both ways while it matches `value`."""
    hay = _lower(text)
    spans: list[tuple[int, int]] = []
    k = min(k, len(value))  # a short value: looked up whole
    starts = list(range(0, len(value) - k + 1, max(1, k // 2)))
    if starts[-1] != len(value) - k:
        starts.append(len(value) - k)
    for start in starts:
        i = hay.find(value[start:start + k])
        while i >= 0:
            a, b, va, vb = i, i + k, start, start + k
            while a > 0 and va > 0 and hay[a - 1] == value[va - 1]:
                a, va = a - 1, va - 1
            while b < len(hay) and vb < len(value) and hay[b] == value[vb]:
                b, vb = b + 1, vb + 1
            spans.append((a, b))
            i = hay.find(value[start:start + k], b)
    return spans


def _replace_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with each run of overlapping or touching spans replaced by one ``<private>``."""
    if not spans:
        return text
    out, pos = [], 0
    for a, b in sorted(spans):
        if b <= pos:
            continue
        out.append(text[pos:max(a, pos)] + (PRIVATE if a > pos or not out else ""))
        pos = b
    return "".join(out) + text[pos:]


@functools.lru_cache(maxsize=512)
def _variants(value: str) -> tuple[str, ...]:
    """`value` as handlers and formatters may have changed it: cleaned (claims.textclean: bidi and
    control characters removed, as every handler stores and matches it), and escaped as in a
    repr() or JSON; in lower case (the search ignores case)."""
    found = [value]
    cleaned = clean_text(value)
    if cleaned != value and len(cleaned.strip()) >= 3:
        found.append(cleaned)
    for v in list(found):
        if len(v) >= 12:
            for escaped in (json.dumps(v, ensure_ascii=False)[1:-1], repr(v)[1:-1]):
                if escaped not in found:
                    found.append(escaped)
    return tuple(dict.fromkeys(_lower(v) for v in found))


def scrub_text(text: str, *, token: str = "") -> str:
    """`text` without SQL parameters, the bot token and the current update's private values."""
    if token and token in text:
        text = text.replace(token, "<token>")
    if "[parameters:" in text:
        text = _SQL_PARAMS_RE.sub("[parameters: <redacted>]", text)
    if "DETAIL:" in text or "invalid input" in text:
        text = _PG_VALUES_RE.sub(lambda m: (m[1] or m[2]) + REDACTED, text)
    values = _private.get()
    if values:
        texts, ids = values
        for value in texts:
            # every form of the value is looked up in the same text, so a piece one form leaves
            # (the word after a removed bidi control) is still covered by another
            text = _replace_spans(text, [span for variant in _variants(value) for span in _fragments(text, variant)])
        for value in ids:
            text = re.sub(rf"(?<!\d){value}(?!\d)", PRIVATE, text)
    return text


def _safe_arg(arg: object, telegram_logger: bool) -> object:
    if isinstance(arg, TelegramObject):
        update_id = getattr(arg, "update_id", None)
        return f"<{type(arg).__name__} {update_id}>" if update_id is not None else f"<{type(arg).__name__}>"
    if isinstance(arg, BaseException):
        return f"{type(arg).__name__}: {arg}"
    if not isinstance(arg, _SAFE_ARGS):
        return REDACTED
    if telegram_logger and isinstance(arg, str) and arg.lstrip()[:1] in ("{", "["):
        return REDACTED  # a raw update or API answer (PTB's webhook handler, getUpdates parsing)
    return arg


def scrub_record(record: logging.LogRecord, token: str = "") -> logging.LogRecord:
    """Make `record` safe to write (see the module docstring); returns it."""
    telegram_logger = record.name.startswith("telegram")
    try:
        if not isinstance(record.msg, str):
            record.msg = str(_safe_arg(record.msg, telegram_logger))
        if record.args:
            args = record.args if isinstance(record.args, tuple) else (record.args,)
            record.args = tuple(_safe_arg(a, telegram_logger) for a in args)
        message = record.getMessage()
    except Exception:  # noqa: BLE001  (a record whose arguments do not fit its format: keep the format only)
        message = str(record.msg)
    record.msg, record.args = scrub_text(message, token=token), None
    if record.exc_info and record.exc_info[1] is not None:
        record.exc_text = scrub_text("".join(traceback.format_exception(*record.exc_info)).rstrip("\n"),
                                     token=token)
    if record.stack_info:
        record.stack_info = scrub_text(record.stack_info, token=token)
    return record


def install_log_privacy(private: bool, token: str | None = None) -> None:
    """At start-up: scrub every log record unless `private` (LOG_PRIVATE_DATA); installing again
    replaces the previous choice."""
    if "previous" not in _installed:
        previous = _installed["previous"] = logging.getLogRecordFactory()

        def factory(*args: object, **kwargs: object) -> logging.LogRecord:
            record = previous(*args, **kwargs)
            return scrub_record(record, _installed.get("token") or "") if _installed.get("scrub") else record

        logging.setLogRecordFactory(factory)
    _installed.update(scrub=not private, token=token or "")


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
    tb = error.__traceback__ if error is not None else None
    first = None
    while tb is not None:
        module = tb.tb_frame.f_globals.get("__name__", "")
        if module.startswith("bot.") and module not in ("bot.app", "bot.errors"):
            first = f"{module}.{tb.tb_frame.f_code.co_name}"
            break
        tb = tb.tb_next
    return first or "?"


def _chat_type(update: object) -> str:
    chat = update.effective_chat if isinstance(update, Update) else None
    if chat is not None:
        return str(chat.type)
    if isinstance(update, Update) and update.inline_query is not None:
        return "inline"
    return "none"


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
    if not isinstance(update, Update) and _is_db_error(error):
        # A periodic job (the outbox sender, pruning) during a database outage: it runs again on its
        # next tick; one line per failure, not a traceback every few seconds for the whole outage.
        log.warning("database unavailable in %s (will run again): %s", _handler_name(error),
                    str(error).splitlines()[0][:300] if str(error) else type(error).__name__)
        return
    runtime = context.application.bot_data.get(RUNTIME_KEY)
    if runtime is not None and runtime.settings.log_private_data:
        log.error("update %s caused an error", _describe(update), exc_info=error)
    else:
        log.error("update %s (chat type %s) caused an error in %s", getattr(update, "update_id", "?"),
                  _chat_type(update), _handler_name(error), exc_info=error)
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
