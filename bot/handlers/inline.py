"""Inline mode: ``@bot words`` in any chat offers claim cards to post there."""

from __future__ import annotations

from telegram import (InlineKeyboardButton, InlineKeyboardMarkup, InlineQueryResultArticle, InlineQueryResultsButton,
                      InputTextMessageContent, Update)

from claims.i18n import t
from claims.services.matching import search_claims

from ..core import Context
from ..render import cut, inline_title, posted_card

MAX_RESULTS = 50  # Telegram's limit per answer
MAX_OFFSET = 500
CACHE_SECONDS = 30
MAX_QUERY = 256


async def inline_query(update: Update, context: Context) -> None:
    # Cards are worded in the asker's language: Telegram must not hand one user's cached answer to another.
    query = update.inline_query
    text = (query.query or "").strip()[:MAX_QUERY]
    offset = int(query.offset) if query.offset.isdigit() else 0
    if not text or offset >= MAX_OFFSET:
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
    # Nothing to post: offer to open the bot, where a forwarded post becomes a tip.
    button = InlineQueryResultsButton(text=t(lang, "inline.none_title"), start_parameter="inline") \
        if not results and offset == 0 else None
    await query.answer(results, cache_time=CACHE_SECONDS, is_personal=True, button=button,
                       next_offset=str(offset + MAX_RESULTS) if len(items) >= MAX_RESULTS else "")
