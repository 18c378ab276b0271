"""The full claim card: /claim ID, tapping /claim_ID in a list, and the Details button."""

from __future__ import annotations

import re

from telegram import Update

from claims.errors import ClaimsError
from claims.i18n import t
from claims.services.catalog import claim_card
from claims.services.moderators import role_of

from .. import callbacks as cb
from ..core import Context, add_rows, answer, claim_id_arg, explain, is_private, keyboard, real_user, reply, send_blocks
from ..render import full_card

CLAIM_LINK = re.compile(r"^/claim_(\d{1,18})(?:@\w+)?$")


def claim_id_of(update: Update, context: Context) -> str | None:
    """The claim a button (``d:12``), a tapped ``/claim_12`` or a command's first word (``/follow #12``)
    is about; None when the command has none."""
    if update.callback_query is not None:
        return update.callback_query.data.split(":", 1)[1]
    if link := CLAIM_LINK.match((update.effective_message.text or "").strip()):
        return link.group(1)
    return claim_id_arg(context.args[0]) if context.args else None


async def card(update: Update, context: Context) -> None:
    if update.callback_query is not None:
        await answer(update.callback_query)
    claim_id = claim_id_of(update, context)
    if claim_id is None:
        await reply(update, t(context.lang, "claim.usage"))
    else:
        await show_card(update, context, claim_id)


async def show_card(update: Update, context: Context, claim_id: str) -> None:
    lang, private, user = context.lang, is_private(update), real_user(update)
    try:
        card = await context.run(claim_card, claim_id)
    except ClaimsError as err:
        await reply(update, explain(lang, err, "claim"))
        return
    cid = card.claim.id
    markup = keyboard([[(t(lang, "btn.follow_one"), cb.FOLLOW.data(cid)),
                        *([(t(lang, "btn.submit_one"), cb.SUBMIT.data(cid))] if private else [])]])
    if user is not None and private:  # moderators get "set verdict" / "history" here
        role = await context.run(role_of, user.id, context.runtime.admin_ids)
        markup = add_rows(markup, context.runtime.card_buttons(role, cid, lang))
    await send_blocks(update, full_card(card, lang), sep="\n", markup=markup)
