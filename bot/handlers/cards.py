"""A claim's full card (/claim ID, a tapped /claim_ID, the Details button) and following it (/follow,
/unfollow, /following, the 🔔 buttons). Notices go to the follower's private chat (chat id = user id),
so a group never gets one member's notifications.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from sqlmodel import Session
from telegram import Update

from claims.errors import ClaimsError
from claims.i18n import t
from claims.services import prefs
from claims.services.catalog import ClaimCard, claim_card
from claims.services.follow import follow, following, unfollow
from claims.services.moderators import role_of

from .. import callbacks as cb
from ..core import (Context, answer, claim_id_arg, explain, is_private, keyboard, real_user, reply, send_blocks,
                    tell)
from ..render import claim_line, full_card

CLAIM_LINK = re.compile(r"^/claim_([0-9]{1,4096})(?:@\w+)?$")  # a message's length at most: int() reads it


def claim_id_of(update: Update, context: Context) -> int | str | None:
    """The claim a button (``d:12``), a tapped ``/claim_12`` or a command's first word (``/follow #12``)
    is about; None when the command has none. A number is an int, so one too large for any claim names
    a claim that does not exist."""
    if update.callback_query is not None:
        return update.callback_query.data.split(":", 1)[1]
    if link := CLAIM_LINK.match((update.effective_message.text or "").strip()):
        return int(link.group(1))
    arg = claim_id_arg(context.args[0]) if context.args else None
    return int(arg) if arg is not None and re.fullmatch(r"[0-9]{1,4096}", arg) else arg


async def card(update: Update, context: Context) -> None:
    if update.callback_query is not None:
        await answer(update.callback_query)
    if (claim_id := claim_id_of(update, context)) is None:
        await reply(update, t(context.lang, "claim.usage"))
    else:
        await show_card(update, context, claim_id)


def card_and_role(session: Session, claim_id: int | str, user_id: int | None,
                  admin_ids: Collection[int]) -> tuple[ClaimCard, str | None]:
    """(`claim_card`, `role_of` the reader: None without `user_id`) in one session: a card shown in a
    private chat costs one trip to a worker thread, not two. Raises as `claim_card` does."""
    return claim_card(session, claim_id), role_of(session, user_id, admin_ids)


async def show_card(update: Update, context: Context, claim_id: int | str) -> None:
    lang, private, user = context.lang, is_private(update), real_user(update)
    reader = user.id if user is not None and private else None  # moderators get "set verdict" / "history" here
    try:
        card, role = await context.run(card_and_role, claim_id, reader, context.runtime.admin_ids)
    except ClaimsError as err:
        await reply(update, explain(lang, err, "claim"))
        return
    cid = card.claim.id
    rows = [[(t(lang, "btn.follow_one"), cb.FOLLOW.data(cid)),
             *([(t(lang, "btn.submit_one"), cb.SUBMIT.data(cid))] if private else [])]]
    if reader is not None:
        rows += context.runtime.card_buttons(role, card.claim, lang)
    await send_blocks(update, full_card(card, lang), sep="\n", markup=keyboard(rows))


async def follow_claim(update: Update, context: Context) -> None:
    """/follow ID, or the 🔔 button."""
    lang, user, private, query = context.lang, real_user(update), is_private(update), update.callback_query
    if (claim_id := claim_id_of(update, context)) is None or user is None:
        await reply(update, t(lang, "follow.usage" if claim_id is None else "follow.no_user"))
        return
    try:
        claim, created = await context.run(follow, user.id, user.id, claim_id)
        await context.run(prefs.remember_language, user.id, lang)
    except ClaimsError as err:
        await tell(update, explain(lang, err, "follow"))
        return
    text = t(lang, "follow.ok" if created else "follow.already", id=claim.id)
    if not private:
        text += t(lang, "follow.group_note")
        if query is not None:
            await answer(query, text, alert=True)  # in a group, only the presser should see it
            return
    if query is not None:
        await answer(query)
    undo = [[(t(lang, "btn.unfollow_one"), cb.UNFOLLOW.data(claim.id))]] if private else []
    await reply(update, text, keyboard(undo))


async def unfollow_claim(update: Update, context: Context) -> None:
    """/unfollow ID, or the undo button under "you follow"."""
    lang, user = context.lang, real_user(update)
    if (claim_id := claim_id_of(update, context)) is None or user is None:
        await reply(update, t(lang, "unfollow.usage" if claim_id is None else "follow.no_user"))
        return
    try:
        claim, removed = await context.run(unfollow, user.id, claim_id)
    except ClaimsError as err:
        await tell(update, explain(lang, err, "follow"))
        return
    await tell(update, t(lang, "unfollow.ok" if removed else "unfollow.not", id=claim.id), alert=False)


async def following_cmd(update: Update, context: Context) -> None:
    lang, user = context.lang, real_user(update)
    if not (claims := None if user is None else await context.run(following, user.id)):
        await reply(update, t(lang, "follow.no_user" if user is None else "following.none"))
        return
    await send_blocks(update, [t(lang, "following.head", n=len(claims)), *(claim_line(c, lang) for c in claims),
                               t(lang, "following.foot")], sep="\n")
