"""/search with ◀ ▶ paging that edits the same message.

The query never travels in callback_data (64-byte limit, and it is user text): it is kept in
chat_data under a short random key — so anyone in a group can page a result, and with the
shared database persistence any worker can — and an old button whose key was dropped says
the search expired instead of showing something else.
"""

from __future__ import annotations

import secrets
from telegram import Update
from telegram.constants import ParseMode
from telegram.error import BadRequest
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, filters

from claims.errors import ClaimsError
from claims.services.matching import search_claims

from ..i18n import t
from ..render import MAX_MESSAGE, callback, cut, fit, search_card
from .common import NO_PREVIEW, Context, explain, keyboard, lang_of, reply, runtime

PAGE = 5
MAX_PAGES = 40
MAX_QUERY = 300
STORE_KEY = "searches"
STORE_SIZE = 20  # recent searches per chat whose buttons still work


def _store(context: Context) -> dict:
    data = context.chat_data if context.chat_data is not None else context.bot_data
    return data.setdefault(STORE_KEY, {})


def remember_query(context: Context, query: str) -> str:
    store = _store(context)
    key = secrets.token_urlsafe(6)
    store[key] = query
    for old in list(store)[:-STORE_SIZE]:  # dicts keep insertion order
        del store[old]
    return key


def page_view(context: Context, lang: str, key: str, query: str, page: int):
    """(text, keyboard) of one result page, or (None, None) when it is empty."""
    with runtime(context).session() as session:
        result = search_claims(session, runtime(context).matcher, query, limit=PAGE + 1, offset=page * PAGE)
    items = result.items[:PAGE]
    if not items:
        return None, None
    head = t(lang, "search.head", query=cut(query, 80), page=page + 1)
    cards = [search_card(page * PAGE + i + 1, item, lang) for i, item in enumerate(items)]
    # Each card is bounded (claim text cut to 300), so five always fit; fit() is the safety net.
    text = fit("\n\n".join([head, *cards]), MAX_MESSAGE)
    details = [(t(lang, "btn.details", n=page * PAGE + i + 1), callback("d", item.claim.id))
               for i, item in enumerate(items)]
    nav = []
    if page > 0:
        nav.append((t(lang, "btn.prev"), callback("sp", key, page - 1)))
    if len(result.items) > PAGE and page + 1 < MAX_PAGES:
        nav.append((t(lang, "btn.next"), callback("sp", key, page + 1)))
    return text, keyboard([details, nav])


async def search_cmd(update: Update, context: Context) -> None:
    lang = lang_of(update, context)
    query = " ".join(context.args or []).strip()
    if not query:
        await reply(update, context, t(lang, "search.usage"))
        return
    query = query[:MAX_QUERY]
    key = remember_query(context, query)
    try:
        text, markup = page_view(context, lang, key, query, 0)
    except ClaimsError as err:
        await reply(update, context, explain(lang, err))
        return
    if text is None:
        await reply(update, context, t(lang, "search.none", query=cut(query, 80)))
        return
    await reply(update, context, text, markup=markup)


async def page_button(update: Update, context: Context) -> None:
    query = update.callback_query
    lang = lang_of(update, context)
    _, key, page_s = query.data.split(":")
    stored = _store(context).get(key)
    page = int(page_s)
    if stored is None or page >= MAX_PAGES:
        await query.answer(t(lang, "search.expired"), show_alert=True)
        return
    text, markup = page_view(context, lang, key, stored, page)
    if text is None:
        await query.answer(t(lang, "search.no_more"))
        return
    await query.answer()
    try:
        await query.edit_message_text(text, parse_mode=ParseMode.HTML, reply_markup=markup,
                                      link_preview_options=NO_PREVIEW)
    except BadRequest as err:
        if "not modified" not in str(err).lower():
            raise


def register(application: Application) -> None:
    application.add_handler(CommandHandler("search", search_cmd, filters=filters.UpdateType.MESSAGE))
    application.add_handler(CallbackQueryHandler(page_button, pattern=r"^sp:[\w-]{1,16}:\d{1,3}$"))
