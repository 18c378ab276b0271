"""/search with ◀ ▶ paging that edits the same message.

The query never travels in callback_data (64-byte limit, and it is user text): it is kept in
chat_data under a short random key — so anyone in a group can page a result, and with the
shared database persistence any worker can — and an old button whose key was dropped says
the search expired instead of showing something else.
"""

from __future__ import annotations

import secrets
from telegram import Update
from telegram.ext import Application, CommandHandler, filters

from claims.errors import ClaimsError
from claims.services.matching import search_claims

from .. import callbacks as cb
from ..i18n import t
from ..render import MAX_MESSAGE, cut, fit, search_card
from ..core import Context, answer, edit, explain, keyboard, reply

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


async def page_view(context: Context, lang: str, key: str, query: str, page: int):
    """(text, keyboard) of one result page, or (None, None) when it is empty."""
    result = await context.run(search_claims, context.runtime.matcher, query, limit=PAGE + 1, offset=page * PAGE)
    items = result.items[:PAGE]
    if not items:
        return None, None
    head = t(lang, "search.head", query=cut(query, 80), page=page + 1)
    cards = [search_card(page * PAGE + i + 1, item, lang) for i, item in enumerate(items)]
    # Each card is bounded (claim text cut to 300), so five always fit; fit() is the safety net.
    text = fit("\n\n".join([head, *cards]), MAX_MESSAGE)
    details = [(t(lang, "btn.details", n=page * PAGE + i + 1), cb.DETAILS.data(item.claim.id))
               for i, item in enumerate(items)]
    nav = []
    if page > 0:
        nav.append((t(lang, "btn.prev"), cb.SEARCH_PAGE.data(key, page - 1)))
    if len(result.items) > PAGE and page + 1 < MAX_PAGES:
        nav.append((t(lang, "btn.next"), cb.SEARCH_PAGE.data(key, page + 1)))
    return text, keyboard([details, nav])


async def search_cmd(update: Update, context: Context) -> None:
    lang = context.lang
    query = " ".join(context.args or []).strip()
    if not query:
        await reply(update, t(lang, "search.usage"))
        return
    query = query[:MAX_QUERY]
    key = remember_query(context, query)
    try:
        text, markup = await page_view(context, lang, key, query, 0)
    except ClaimsError as err:
        await reply(update, explain(lang, err))
        return
    if text is None:
        await reply(update, t(lang, "search.none", query=cut(query, 80)))
        return
    await reply(update, text, markup=markup)


async def page_button(update: Update, context: Context) -> None:
    query = update.callback_query
    lang = context.lang
    _, key, page_s = query.data.split(":")
    stored = _store(context).get(key)
    page = int(page_s)
    if stored is None or page >= MAX_PAGES:
        await answer(query, t(lang, "search.expired"), alert=True)
        return
    text, markup = await page_view(context, lang, key, stored, page)
    if text is None:
        await answer(query, t(lang, "search.no_more"), tell=True)
        return
    await answer(query)
    await edit(query, text, markup)


def register(application: Application, group: int) -> None:
    application.add_handler(CommandHandler("search", search_cmd, filters=filters.UpdateType.MESSAGE), group)
    application.add_handler(cb.SEARCH_PAGE.handler(page_button), group)
