"""Inline mode: ``@bot words`` in any chat offers claim cards to post there."""

from __future__ import annotations

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InlineQueryResultsButton,
    InputTextMessageContent,
    Update,
)
from telegram.ext import Application, InlineQueryHandler

from claims.services.matching import search_claims

from ..i18n import t
from ..render import cut, inline_title, posted_card
from ..core import Context

MAX_RESULTS = 50  # Telegram's limit per answer
MAX_OFFSET = 500
CACHE_SECONDS = 30
# Cards are worded in the asker's language, so Telegram must not hand one user's cached answer to another.
PERSONAL = True
MAX_QUERY = 256


async def inline_query(update: Update, context: Context) -> None:
    query = update.inline_query
    text = (query.query or "").strip()[:MAX_QUERY]
    if not text:
        await query.answer([], cache_time=CACHE_SECONDS, is_personal=PERSONAL)
        return
    lang = context.lang
    offset = int(query.offset) if query.offset.isdigit() else 0
    if offset >= MAX_OFFSET:
        await query.answer([], cache_time=CACHE_SECONDS, is_personal=PERSONAL)
        return
    rt = context.runtime
    result = await context.run(search_claims, rt.matcher, text, limit=MAX_RESULTS, offset=offset)
    username = context.bot.username
    results = []
    for item in result.items[:MAX_RESULTS]:
        claim = item.claim
        markup = None
        if username:
            markup = InlineKeyboardMarkup([[InlineKeyboardButton(
                t(lang, "inline.more"), url=f"https://t.me/{username}?start=claim_{claim.id}")]])
        results.append(InlineQueryResultArticle(
            id=f"c{claim.id}",
            title=inline_title(claim, lang),
            description=cut(claim.speaker or (item.article.title if item.article else "") or "", 100) or None,
            input_message_content=InputTextMessageContent(posted_card(item, lang)),
            reply_markup=markup,
        ))
    next_offset = str(offset + MAX_RESULTS) if len(result.items) >= MAX_RESULTS else ""
    button = None
    if not results and offset == 0:
        # Nothing to post: offer to open the bot, where a forwarded post becomes a tip.
        button = InlineQueryResultsButton(text=t(lang, "inline.none_title"), start_parameter="inline")
    await query.answer(results, cache_time=CACHE_SECONDS, is_personal=PERSONAL, next_offset=next_offset, button=button)


def register(application: Application, group: int) -> None:
    application.add_handler(InlineQueryHandler(inline_query), group)
