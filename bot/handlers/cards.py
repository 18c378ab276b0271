"""The full claim card: /claim ID, tapping /claim_ID in a list, and the Details button."""

from __future__ import annotations

import re

from telegram import Update
from telegram.ext import Application, CommandHandler, MessageHandler, filters

from claims.errors import ClaimsError
from claims.services.catalog import claim_card
from claims.services.moderators import role_of

from .. import callbacks as cb
from ..i18n import t
from ..render import full_card
from ..core import Context, add_rows, answer, claim_id_arg, explain, is_private, keyboard, real_user, reply, send_blocks

CLAIM_LINK = re.compile(r"^/claim_(\d{1,18})(?:@\w+)?$")


async def claim_cmd(update: Update, context: Context) -> None:
    if not context.args:
        await reply(update, t(context.lang, "claim.usage"))
        return
    await show_card(update, context, claim_id_arg(context.args[0]))


async def claim_link(update: Update, context: Context) -> None:
    match = CLAIM_LINK.match((update.effective_message.text or "").strip())
    await show_card(update, context, match.group(1))


async def details_button(update: Update, context: Context) -> None:
    await answer(update.callback_query)
    await show_card(update, context, update.callback_query.data.split(":", 1)[1])


async def show_card(update: Update, context: Context, claim_id: str) -> None:
    lang = context.lang
    try:
        card = await context.run(claim_card, claim_id)
    except ClaimsError as err:
        await reply(update, explain(lang, err, "claim"))
        return
    cid = card.claim.id
    buttons = [(t(lang, "btn.follow_one"), cb.FOLLOW.data(cid))]
    if is_private(update):
        buttons.append((t(lang, "btn.submit_one"), cb.SUBMIT.data(cid)))
    markup = keyboard([buttons])
    user = real_user(update)
    if user is not None and is_private(update):  # moderators get "set verdict" / "history" here
        rt = context.runtime
        role = await context.run(role_of, user.id, rt.admin_ids)
        markup = add_rows(markup, rt.card_buttons(role, cid, lang))
    await send_blocks(update, full_card(card, lang), sep="\n", markup=markup)


def register(application: Application, group: int) -> None:
    msg = filters.UpdateType.MESSAGE
    application.add_handler(CommandHandler("claim", claim_cmd, filters=msg), group)
    application.add_handler(MessageHandler(msg & filters.Regex(CLAIM_LINK), claim_link), group)
    application.add_handler(cb.DETAILS.handler(details_button), group)
