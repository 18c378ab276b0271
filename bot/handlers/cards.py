"""The full claim card: /claim ID, tapping /claim_ID in a list, and the Details button."""

from __future__ import annotations

import re

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from claims.errors import ClaimsError
from claims.services.catalog import claim_card

from ..i18n import t
from ..render import callback, full_card
from .common import (
    Context,
    claim_id_arg,
    explain,
    is_private,
    keyboard,
    lang_of,
    real_user,
    reply,
    runtime,
    send_blocks,
)

CLAIM_LINK = re.compile(r"^/claim_(\d{1,18})(?:@\w+)?$")


async def claim_cmd(update: Update, context: Context) -> None:
    if not context.args:
        await reply(update, context, t(lang_of(update, context), "claim.usage"))
        return
    await show_card(update, context, claim_id_arg(context.args[0]))


async def claim_link(update: Update, context: Context) -> None:
    match = CLAIM_LINK.match((update.effective_message.text or "").strip())
    await show_card(update, context, match.group(1))


async def details_button(update: Update, context: Context) -> None:
    await update.callback_query.answer()
    await show_card(update, context, update.callback_query.data.split(":", 1)[1])


async def show_card(update: Update, context: Context, claim_id: str) -> None:
    lang = lang_of(update, context)
    try:
        with runtime(context).session() as session:
            card = claim_card(session, claim_id)
    except ClaimsError as err:
        await reply(update, context, explain(lang, err, "claim"))
        return
    cid = card.claim.id
    buttons = [(t(lang, "btn.follow_one"), callback("f", cid))]
    if is_private(update):
        buttons.append((t(lang, "btn.submit_one"), callback("s", cid)))
    markup = keyboard([buttons])
    user = real_user(update)
    if user is not None and is_private(update):
        from ..moderation import card_buttons  # moderators get "set verdict" / "history" here

        extra = card_buttons(runtime(context), user.id, cid, lang)
        if extra:
            markup = InlineKeyboardMarkup([*markup.inline_keyboard, *extra])
    await send_blocks(update, context, full_card(card, lang), sep="\n", markup=markup)


def register(application: Application) -> None:
    msg = filters.UpdateType.MESSAGE
    application.add_handler(CommandHandler("claim", claim_cmd, filters=msg))
    application.add_handler(MessageHandler(msg & filters.Regex(CLAIM_LINK), claim_link))
    application.add_handler(CallbackQueryHandler(details_button, pattern=r"^d:\d{1,18}$"))
