"""The small core every feature uses: the handler's `Context` (``.runtime``, ``.lang``, ``await
context.run(use_case, *args)``), replies and keyboards (HTML, cut to 4096, callback_data within 64
bytes), best-effort button answers and `explain` (catalogue text for a domain error, by its code).
Features import this and `claims`, never each other; what one offers another comes through the `Runtime`.
"""

from __future__ import annotations

import contextvars
import logging
import time
import warnings
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy.engine import Connection, Engine
from telegram import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update, User
from telegram.constants import ChatType
from telegram.error import BadRequest, TelegramError
from telegram.ext import Application, BaseHandler, CallbackContext, ConversationHandler, ExtBot
from telegram.warnings import PTBUserWarning

from claims.errors import ClaimsError
from claims.i18n import Raw, lang_for_code, t
from claims.retry import run_db
from claims.services import prefs
from claims.services.sources import MAX_URL_CHARS

from .render import callback, cut, fit, html_to_text, pack, verdict_badge
from .runtime import RUNTIME_KEY, Runtime

log = logging.getLogger(__name__)
T = TypeVar("T")

PREFS_KEY = "_prefs"  # user id -> (language, valid until); per process, never persisted ("_" keys)
PREFS_TTL = 60.0


class Context(CallbackContext[ExtBot, dict, dict, dict]):
    """What every handler receives (registered through `ContextTypes(context=Context)` in bot/app.py)."""

    _user: User | None = None  # the update's sender
    _lang: str | None = None

    @classmethod
    def from_update(cls, update: object, application: Application) -> Context:  # from_error calls it too
        context = super().from_update(update, application)
        context._user = update.effective_user if isinstance(update, Update) else None
        return context

    @property
    def runtime(self) -> Runtime:
        return self.application.bot_data[RUNTIME_KEY]

    @property
    def lang(self) -> str:
        """The reader's /lang choice as `read_lang` remembered it (within PREFS_TTL s), else their
        Telegram language, else the default. Never a database call."""
        if self._lang is not None:
            return self._lang
        rt, user = self.application.bot_data.get(RUNTIME_KEY), self._user
        default = rt.settings.default_language if rt is not None else "ru"
        if user is None or rt is None:
            self._lang = default
        elif (hit := self.application.bot_data.get(PREFS_KEY, {}).get(user.id)) and hit[1] > time.monotonic():
            self._lang = hit[0]
        else:
            self._lang = lang_for_code(user.language_code, default=default)
        return self._lang

    @lang.setter
    def lang(self, value: str) -> None:
        """After /lang: this update and the next minute's use the new language."""
        self._lang = value
        if self._user is not None:
            remember_lang(self.application, self._user.id, value)

    async def run(self, use_case: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """``use_case(session, *args, **kwargs)`` as `run_in_session`; raises the use case's
        `ClaimsError` (or DatabaseUnavailable)."""
        return await run_in_session(self.runtime, use_case, *args, **kwargs)


async def run_in_session(runtime: Runtime, use_case: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """``use_case(session, *args, **kwargs)`` with a fresh session, retried on a transient database
    error, always in a worker thread: matching may take 0.15-0.6 s, which would hold the event loop."""

    def call() -> T:
        with runtime.session() as session:
            return use_case(session, *args, **kwargs)

    return await run_db(call)  # no engine given: always a worker thread


def engine_of(application: Application) -> Engine | None:
    """The database of the Application's runtime; None before post_init built it."""
    return getattr(application.bot_data.get(RUNTIME_KEY), "engine", None)


def reads_lang(application: Application, user: User | None) -> bool:
    """Whether `read_lang` reads anything for `user` (a user, and settings to find the default)."""
    return user is not None and getattr(application.bot_data.get(RUNTIME_KEY), "settings", None) is not None


def read_lang(conn: Connection, application: Application, user: User | None, *, known: bool = False,
              row: Sequence[object] | None = None) -> None:
    """Read the reader's language on `conn` (`prefs.reader_language`, which also unblocks a user who
    had blocked the bot) and remember it for `Context.lang`; nothing unless `reads_lang`. `known`:
    the caller read the user's ``prefs.PREF_COLUMNS`` itself, `row` (None: no row). Raises SQLAlchemy errors."""
    if reads_lang(application, user):
        default = application.bot_data[RUNTIME_KEY].settings.default_language
        remember_lang(application, user.id, prefs.reader_language(conn, user.id, user.language_code, default,
                                                                  **({"row": row} if known else {})))


@dataclass
class Prepared:
    """What one unit of work read for an update before its handlers (bot/inbox.py's take, else
    bot/persistence.py `before_update`, then `own`): `rows` the persistence's rows (None: not read),
    `counted` the rate limit's answer (None: the guard counts), `retake` (counted before), `checked`
    (`inbox.well_formed`, when asked)."""

    update_id: int
    update: Update
    rows: dict[tuple[str, str], str | None] | None = None
    counted: tuple[float, bool] | None = None
    retake: bool = False
    checked: bool | None = None
    own: bool = False


#: the `Prepared` of the update this task processes (set by the inbox worker or `before_update`)
PREPARED: contextvars.ContextVar[Prepared | None] = contextvars.ContextVar("prepared_update", default=None)


def prepared_for(update: object) -> Prepared | None:
    """The `Prepared` of `update` in this task, or None (nothing was read ahead for it)."""
    prep = PREPARED.get()
    return prep if prep is not None and isinstance(update, Update) and prep.update_id == update.update_id else None


def remember_lang(application: Application, user_id: int, lang: str) -> None:
    cache = application.bot_data.setdefault(PREFS_KEY, {})
    if len(cache) > 100_000:
        cache.clear()
    cache[user_id] = (lang, time.monotonic() + PREFS_TTL)


def forget_lang(application: Application, user_id: int) -> None:
    """Drop the cached lookup (the user blocked us, or asked to be forgotten)."""
    application.bot_data.get(PREFS_KEY, {}).pop(user_id, None)


END = ConversationHandler.END  # a conversation handler's "no state": the conversation is over


def conversation(application: Application, name: str, entry_points: list[BaseHandler],
                 states: dict[object, list[BaseHandler]], fallbacks: list[BaseHandler]) -> ConversationHandler:
    """A named conversation (per chat and user), kept in the application's persistence when it has one
    (shared by every worker, surviving restarts); an entry point starts it again from any state."""
    with warnings.catch_warnings():
        # Buttons in a per-chat conversation are what we want (those of the chat's latest prompt or
        # card); PTB warns because it cannot tie them to one message.
        warnings.simplefilter("ignore", PTBUserWarning)
        return ConversationHandler(entry_points, states, fallbacks, allow_reentry=True, name=name,
                                   persistent=application.persistence is not None)


# --- buttons ----------------------------------------------------------------------------------------

def is_dead_query(err: BaseException) -> bool:
    """Telegram's 400 for answering a callback query it no longer knows (too old, or answered)."""
    text = str(err).lower()
    return isinstance(err, BadRequest) and any(w in text for w in ("query is too old", "query id is invalid",
                                                                    "query_id_invalid"))


#: ids of the callback queries answered while processing this update (set by bot/app.py around each
#: update): Telegram takes one answer per query and refuses a second ("query is too old ...")
ANSWERED: contextvars.ContextVar[set[str] | None] = contextvars.ContextVar("answered_queries", default=None)


class ClaimBot(ExtBot):
    """The bot (built in bot/app.py): answering a callback query is best-effort, and done once."""

    async def answer_callback_query(self, callback_query_id: str, *args: Any, **kwargs: Any) -> bool:
        """As PTB's, but False instead of raising when Telegram did not take the answer (a dead query:
        DEBUG; flood control, network error, 403: INFO): it only stops the client's spinner. A query
        this update already answered is not answered again (False: `answer` then sends a refusal to the chat)."""
        done = ANSWERED.get()
        if done is not None and str(callback_query_id) in done:
            log.debug("callback query already answered")
            return False
        try:
            shown = await super().answer_callback_query(callback_query_id, *args, **kwargs)
        except TelegramError as err:
            log.log(logging.DEBUG if is_dead_query(err) else logging.INFO, "callback query not answered (%s): %s",
                    type(err).__name__, err)
            return False
        if done is not None:
            done.add(str(callback_query_id))
        return shown


async def answer(query: CallbackQuery, text: str | None = None, *, alert: bool = False, tell: bool = False) -> None:
    """Answer a button press (`text` as a toast, or an alert). When the answer cannot be shown, an
    alert's text — or a toast's with `tell` — is sent to the chat instead: a refusal is never silent."""
    shown = await query.answer(html_to_text(text)[:200] if text else None, show_alert=alert)
    if not shown and (alert or tell) and text:
        await query.get_bot().send_message(_chat_of(query), fit(text))


async def tell(update: Update, text: str, *, alert: bool = True) -> None:
    """To the presser of a button (an alert, or with `alert` False a toast), else as a reply."""
    if update.callback_query is not None:
        await answer(update.callback_query, text, alert=alert)
    else:
        await reply(update, text)


async def drop_buttons(query: CallbackQuery) -> None:
    """Take the buttons off the pressed message (best-effort: it may be gone or too old)."""
    try:
        await query.edit_message_reply_markup(None)
    except BadRequest as err:
        log.debug("could not drop the buttons: %s", err)


def _chat_of(query: CallbackQuery) -> int:
    return query.message.chat.id if query.message is not None else query.from_user.id


# --- who and where ---------------------------------------------------------------------------------

def real_user(update: Update) -> User | None:
    """The person behind the update; None for channel posts and messages sent as a channel or an
    anonymous admin (their `from_user` is a shared placeholder)."""
    message = update.effective_message
    if update.callback_query is None and message is not None and message.sender_chat is not None:
        return None
    return update.effective_user


def is_private(update: Update) -> bool:
    chat = update.effective_chat
    return chat is not None and chat.type == ChatType.PRIVATE


def claim_id_arg(value: str) -> str:
    """Accept ``12``, ``#12``, ``№12`` as typed by people; the service validates the rest."""
    return value.strip().lstrip("#№").strip()


def message_text(message: Message | None) -> str:
    """A message's text, else its caption, else ""."""
    return (message.text or message.caption or "") if message is not None else ""


def command_args(update: Update) -> str:
    """Everything after the command word (newlines kept: claims and articles may span lines)."""
    parts = message_text(update.effective_message).split(maxsplit=1)
    return parts[1].strip() if len(parts) > 1 else ""


# --- replies ---------------------------------------------------------------------------------------

def keyboard(rows: Sequence[Sequence[tuple[str, str]]]) -> InlineKeyboardMarkup | None:
    """Inline keyboard from rows of (label, callback_data); None when there are no buttons.
    Raises ValueError for callback_data Telegram would refuse (over 64 bytes)."""
    rows = [[InlineKeyboardButton(label, callback_data=callback(data)) for label, data in row] for row in rows if row]
    return InlineKeyboardMarkup(rows) if rows else None


async def reply(update: Update, text: str, markup: InlineKeyboardMarkup | None = None, *,
                quote: bool = True) -> Message | None:
    """Send HTML `text` (cut to 4096) to the update's chat and topic, replying to the user's message
    when there is one and `quote`."""
    if (message := update.effective_message) is not None:  # PTB's reply keeps the forum topic
        return await message.reply_text(fit(text), reply_markup=markup, allow_sending_without_reply=True,
                                        do_quote=quote and update.callback_query is None)
    chat = update.effective_chat  # none, or a button on a message the bot cannot see any more
    return await update.get_bot().send_message(chat.id, fit(text), reply_markup=markup) if chat else None


def reply_with(key: str, state: object = None) -> Callable[[Update, Context], Awaitable[object]]:
    """A handler that only replies catalogue text `key` in the reader's language and returns `state`."""
    async def handler(update: Update, context: Context) -> object:
        await reply(update, t(context.lang, key))
        return state
    return handler


async def send_blocks(update: Update, blocks: Sequence[str], *, sep: str = "\n\n",
                      markup: InlineKeyboardMarkup | None = None) -> None:
    """Reply with blocks packed into messages under 4096; the buttons go on the last message."""
    messages = pack(blocks, sep=sep)
    for i, text in enumerate(messages):
        await reply(update, text, markup if i == len(messages) - 1 else None, quote=i == 0)


async def _not_edited(err: BadRequest, bot: ExtBot, chat_id: int, text: str,
                      markup: InlineKeyboardMarkup | None) -> bool:
    """After a refused edit: a message gone is sent anew, "not modified" (a double press) is no error;
    False for any other refusal."""
    said = str(err).lower()
    if gone := "message to edit not found" in said or "message can't be edited" in said:
        await bot.send_message(chat_id, fit(text), reply_markup=markup)
    return gone or "not modified" in said


async def edit(query: CallbackQuery, text: str, markup: InlineKeyboardMarkup | None = None) -> None:
    """Edit a button's message (`_not_edited`; another refusal raises)."""
    try:
        await query.edit_message_text(fit(text), reply_markup=markup)
    except BadRequest as err:
        if not await _not_edited(err, query.get_bot(), _chat_of(query), text, markup):
            raise


async def edit_at(context: CallbackContext, chat_id: int, message_id: int, text: str,
                  markup: InlineKeyboardMarkup | None = None) -> None:
    """Edit a message by chat and message id (`_not_edited`; another failure is logged)."""
    try:
        await context.bot.edit_message_text(fit(text), chat_id=chat_id, message_id=message_id, reply_markup=markup)
    except TelegramError as err:
        if not (isinstance(err, BadRequest) and await _not_edited(err, context.bot, chat_id, text, markup)):
            log.info("could not edit message %s: %s", message_id, err)


# --- domain errors -> catalogue text --------------------------------------------------------------

def explain(lang: str, err: ClaimsError, what: str = "claim") -> str:
    """Catalogue text for a domain error, by ``err.code`` and ``err.params`` (claims/errors.py). `what`:
    the input asked for ("claim", "follow", "url", "stance", "source", "tip", "page" fetched or
    "sent_page"), or "mod" for a moderator, who may see the service's English detail as a last resort."""
    p, code, mod = err.params, err.code, what == "mod"
    entity = p.get("entity")
    if code == "db_unavailable":
        return t(lang, "err.db")
    if what in ("page", "sent_page"):  # why a page /ingest fetched, or was sent, could not be read
        why = t(lang, f"mod.ingest.page.{p.get('page', 'other')}", **p)  # (claims/webpage.py's ``page``)
        return t(lang, "mod.ingest.fetch_failed" if what == "page" else "mod.ingest.html_failed", detail=Raw(why))
    if code == "no_words":  # a claim whose text has nothing to find it by (claims.errors.NoWords)
        return t(lang, "mod.err.no_words", value=cut(str(p.get("value", "")), 60))
    if code == "evidence_required":
        return t(lang, "mod.err.evidence", id=p.get("claim_id", "?"))
    if code == "not_found":
        if what == "tip":
            return t(lang, "tip.notify_gone")
        if entity in ("source", "tip"):
            return t(lang, f"mod.err.no_{entity}", id=p.get("id", "?"))
        if entity == "claim" or not mod:
            return t(lang, "err.claim_not_found", id=p.get("id", "?"))
    elif code == "invalid_input":
        if "valid" in p:
            return t(lang, "mod.err.verdict", value=cut(str(p.get("value", "")), 40), valid=p["valid"])
        if "limit" in p:
            return t(lang, "err.too_many_follows" if what == "follow" else "mod.err.too_long", limit=p["limit"])
        if entity is not None and "value" in p:
            return t(lang, "mod.err.bad_id" if mod else "err.bad_id", value=cut(str(p["value"]), 40))
        if what == "url":
            if p.get("scheme"):
                return t(lang, "err.bad_scheme", scheme=cut(str(p["scheme"]), 20))
            return t(lang, "err.bad_url", limit=MAX_URL_CHARS)
        if what == "stance":
            return t(lang, "err.bad_stance", value=cut(str(p.get("value", "")), 40))
    elif code == "conflict":
        if "merged_into" in p and "claim_id" in p:
            return t(lang, "mod.err.merged", id=p["claim_id"], new=p["merged_into"])
        if "claim_id" in p and ("verdict" in p or p.get("meanwhile")):  # claims/services/verdicts.py
            return t(lang, "mod.err.verdict_changed" if p.get("meanwhile") else "mod.err.same_verdict",
                     id=p["claim_id"], verdict=Raw(verdict_badge(str(p.get("verdict")), lang)))
        if what == "source":
            return t(lang, "err.duplicate_source", id=p.get("claim_id", "?"))
        if not mod:
            return t(lang, "err.conflict")
    if mod:  # a moderator sees the domain's own detail (conflict or invalid input alike)
        return t(lang, "mod.err.refused", detail=cut(str(err), 300))
    return t(lang, "err.invalid" if code == "invalid_input" else "err.generic")


# --- cross-feature calls, through the runtime ------------------------------------------------------

async def tell_moderators(context: Context) -> None:
    """Post a new tip or source to the moderation chat, if any, now (its periodic job would within seconds)."""
    try:
        await context.runtime.announce(context.bot)
    except Exception:  # noqa: BLE001  (the user's request succeeded; the job will retry)
        log.warning("could not announce to the moderation chat", exc_info=True)
