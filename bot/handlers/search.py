"""/search with ◀ ▶ paging that edits the same message, and inline mode. The query never travels in
callback_data: it is kept in chat_data under a short random key (any worker, anyone in a group can
page it), and a button whose key was dropped says the search expired.
"""

from __future__ import annotations

import secrets

from telegram import (InlineKeyboardButton, InlineKeyboardMarkup, InlineQueryResultArticle, InlineQueryResultsButton,
                      InputTextMessageContent, Update)

from claims.errors import ClaimsError
from claims.i18n import t
from claims.services.matching import search_claims

from .. import callbacks as cb
from ..core import Context, answer, edit, explain, keyboard, reply
from ..render import cut, fit, inline_title, posted_card, search_card

PAGE = 5
MAX_PAGES = 40
MAX_QUERY = 300
STORE_SIZE = 20  # recent searches per chat whose buttons still work
MAX_RESULTS = 50  # inline: Telegram's limit per answer
CACHE_SECONDS = 30


def _store(context: Context) -> dict:
    return (context.chat_data if context.chat_data is not None else context.bot_data).setdefault("searches", {})


async def page_view(context: Context, key: str, query: str, page: int):  # noqa: ANN201
    """(text, keyboard) of one result page, or (None, None) when it is empty."""
    lang, first = context.lang, page * PAGE + 1
    result = await context.run(search_claims, context.runtime.matcher, query, limit=PAGE + 1, offset=page * PAGE)
    if not (items := result.items[:PAGE]):
        return None, None
    cards = [search_card(n, item, lang) for n, item in enumerate(items, first)]
    # Each card is bounded (claim text cut to 300), so five always fit; fit() is the safety net.
    text = fit("\n\n".join([t(lang, "search.head", query=cut(query, 80), page=page + 1), *cards]))
    nav = [(t(lang, "btn.prev"), cb.SEARCH_PAGE.data(key, page - 1))] if page > 0 else []
    if len(result.items) > PAGE and page + 1 < MAX_PAGES:
        nav.append((t(lang, "btn.next"), cb.SEARCH_PAGE.data(key, page + 1)))
    return text, keyboard([[(t(lang, "btn.details", n=n), cb.DETAILS.data(item.claim.id))
                            for n, item in enumerate(items, first)], nav])


async def search_cmd(update: Update, context: Context) -> None:
    lang, query = context.lang, " ".join(context.args or []).strip()[:MAX_QUERY]
    if not query:
        await reply(update, t(lang, "search.usage"))
        return
    store, key = _store(context), secrets.token_urlsafe(6)
    store[key] = query
    for old in list(store)[:-STORE_SIZE]:  # dicts keep insertion order
        del store[old]
    try:
        text, markup = await page_view(context, key, query, 0)
    except ClaimsError as err:
        await reply(update, explain(lang, err))
        return
    await reply(update, text or t(lang, "search.none", query=cut(query, 80)), markup)


async def page_button(update: Update, context: Context) -> None:
    query, lang = update.callback_query, context.lang
    _, key, page = query.data.split(":")
    stored, page = _store(context).get(key), int(page)
    if stored is None or page >= MAX_PAGES:
        await answer(query, t(lang, "search.expired"), alert=True)
    elif (view := await page_view(context, key, stored, page))[0] is None:
        await answer(query, t(lang, "search.no_more"), tell=True)
    else:
        await answer(query)
        await edit(query, *view)


async def inline_query(update: Update, context: Context) -> None:
    """Cards worded in the asker's language (so answers are personal: Telegram must not hand one user's
    cached answer to another); with nothing found, a button that opens the bot."""
    query = update.inline_query
    text = (query.query or "").strip()[:256]
    offset = int(query.offset) if query.offset.isdigit() else 0
    if not text or offset >= 500:
        await query.answer([], cache_time=CACHE_SECONDS, is_personal=True)
        return
    lang, username = context.lang, context.bot.username
    url = f"https://t.me/{username}?start=claim_" if username else None
    items = (await context.run(search_claims, context.runtime.matcher, text, limit=MAX_RESULTS, offset=offset)).items
    results = [InlineQueryResultArticle(
        id=f"c{item.claim.id}", title=inline_title(item.claim, lang),
        description=cut(item.claim.speaker or (item.article.title if item.article else "") or "", 100) or None,
        input_message_content=InputTextMessageContent(posted_card(item, lang)),
        reply_markup=InlineKeyboardMarkup([[InlineKeyboardButton(t(lang, "inline.more"), url=f"{url}{item.claim.id}")]])
        if url else None,
    ) for item in items[:MAX_RESULTS]]
    button = InlineQueryResultsButton(text=t(lang, "inline.none_title"), start_parameter="inline") \
        if not results and offset == 0 else None  # where a forwarded post becomes a tip
    await query.answer(results, cache_time=CACHE_SECONDS, is_personal=True, button=button,
                       next_offset=str(offset + MAX_RESULTS) if len(items) >= MAX_RESULTS else "")
