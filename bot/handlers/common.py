"""What every user handler needs: the runtime, the reader's language, replies that respect the limits,
and the mapping from domain error codes to catalogue text (never the English internals)."""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    LinkPreviewOptions,
    Message,
    Update,
)
from telegram.constants import ChatType, ParseMode
from telegram.ext import ContextTypes

from claims.errors import (
    ClaimsError,
    Conflict,
    DatabaseUnavailable,
    InvalidInput,
    NotFound,
)
from claims.services import prefs

from ..i18n import lang_for_code, t
from ..render import pack
from ..runtime import Runtime, get_runtime

log = logging.getLogger(__name__)

PREFS_KEY = "_prefs"  # user id -> (language, valid until); per process, never persisted
PREFS_TTL = 60.0
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
Context = ContextTypes.DEFAULT_TYPE


def runtime(context: Context) -> Runtime:
    return get_runtime(context)


def lang_of(update: Update | None, context: Context) -> str:
    """The reader's language: their /lang choice, else their Telegram language, else the default.

    Looked up at most once a minute per user and process. The cache lives in bot_data under a
    "_" key, which the database persistence never stores: a persisted copy would keep a stale
    language and would hide that a user who had blocked the bot is writing again.
    """
    rt = runtime(context)
    default = rt.settings.default_language
    user = update.effective_user if update is not None else None
    if user is None:
        return default
    cache = context.bot_data.setdefault(PREFS_KEY, {})
    now = time.monotonic()
    hit = cache.get(user.id)
    if hit is not None and hit[1] > now:
        return hit[0]
    lang = lang_for_code(user.language_code, default=default)
    with rt.session() as session:
        pref = prefs.get_pref(session, user.id)
        if pref is not None:
            if pref.language:
                lang = pref.language
            if pref.blocked:  # they write to us, so they no longer block the bot
                prefs.unblock(session, user.id)
    remember_lang(context, user.id, lang)
    return lang


def remember_lang(context: Context, user_id: int, lang: str) -> None:
    cache = context.bot_data.setdefault(PREFS_KEY, {})
    if len(cache) > 100_000:
        cache.clear()
    cache[user_id] = (lang, time.monotonic() + PREFS_TTL)


def real_user(update: Update):  # noqa: ANN201  (telegram.User | None)
    """The person behind the update; None for channel posts and messages sent as a channel or
    anonymous admin (their `from_user` is a placeholder account shared by everyone)."""
    message = update.effective_message
    if update.callback_query is None and message is not None and message.sender_chat is not None:
        return None
    return update.effective_user


def is_private(update: Update) -> bool:
    chat = update.effective_chat
    return chat is not None and chat.type == ChatType.PRIVATE


def keyboard(rows: Sequence[Sequence[tuple[str, str]]]) -> InlineKeyboardMarkup | None:
    """Inline keyboard from rows of (label, callback_data); None when there are no buttons."""
    rows = [[InlineKeyboardButton(label, callback_data=data) for label, data in row] for row in rows if row]
    return InlineKeyboardMarkup(rows) if rows else None


async def send_blocks(update: Update, context: Context, blocks: Sequence[str], *, sep: str = "\n\n",
                      markup: InlineKeyboardMarkup | None = None, quote: bool = True) -> Message | None:
    """Reply with blocks packed into messages under 4096; the buttons go on the last message."""
    messages = pack(blocks, sep=sep)
    last = None
    for i, text in enumerate(messages):
        last = await reply(update, context, text, markup=markup if i == len(messages) - 1 else None,
                           quote=quote and i == 0)
    return last


async def reply(update: Update, context: Context, text: str, *, markup: InlineKeyboardMarkup | None = None,
                quote: bool = True) -> Message | None:
    """Send HTML `text` to the update's chat, as a reply to the user's message when there is one."""
    message = update.effective_message
    chat = update.effective_chat
    if chat is None:
        return None
    reply_to = message.message_id if (quote and message is not None and update.callback_query is None) else None
    kwargs = {}
    if reply_to is not None:
        from telegram import ReplyParameters

        kwargs["reply_parameters"] = ReplyParameters(message_id=reply_to, allow_sending_without_reply=True)
    thread = message.message_thread_id if (message is not None and message.is_topic_message) else None
    return await context.bot.send_message(chat.id, text, parse_mode=ParseMode.HTML, reply_markup=markup,
                                          link_preview_options=NO_PREVIEW, message_thread_id=thread, **kwargs)


def explain(lang: str, err: ClaimsError, what: str = "claim") -> str:
    """Catalogue text for a domain error; `what` says which input the handler was asking for."""
    params = err.params
    if isinstance(err, DatabaseUnavailable):
        return t(lang, "err.db")
    if isinstance(err, NotFound):
        if what == "tip":
            return t(lang, "tip.notify_gone")
        return t(lang, "err.claim_not_found", id=params.get("id", "?"))
    if isinstance(err, Conflict):
        if what == "source":
            return t(lang, "err.duplicate_source", id=params.get("claim_id", "?"))
        return t(lang, "err.conflict")
    if isinstance(err, InvalidInput):
        if "limit" in params and what == "follow":
            return t(lang, "err.too_many_follows", limit=params["limit"])
        if what in ("claim", "follow") and "value" in params:
            return t(lang, "err.bad_id", value=str(params["value"])[:40])
        if what == "url":
            if params.get("scheme"):
                return t(lang, "err.bad_scheme", scheme=str(params["scheme"])[:20])
            from claims.services.sources import MAX_URL_CHARS

            return t(lang, "err.bad_url", limit=MAX_URL_CHARS)
        if what == "stance":
            return t(lang, "err.bad_stance", value=str(params.get("value", ""))[:40])
        return t(lang, "err.invalid")
    return t(lang, "err.generic")


async def tell_moderators(context: Context) -> None:
    """Post a new tip or source to the moderation chat now (moderation's loop would within seconds)."""
    if runtime(context).settings.moderation_chat_id is None:
        return
    try:
        from ..moderation import announce

        await announce(context)
    except Exception:  # noqa: BLE001  (the user's request succeeded; the loop will retry)
        log.warning("could not announce to the moderation chat", exc_info=True)


def claim_id_arg(value: str) -> str:
    """Accept ``12``, ``#12``, ``№12`` as typed by people; the service validates the rest."""
    return value.strip().lstrip("#№").strip()


def bot_username(context: Context) -> str:
    try:
        return context.bot.username or "bot"
    except RuntimeError:  # not initialised (never the case in handlers)
        return "bot"
