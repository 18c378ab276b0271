"""/follow, /unfollow, /following and the 🔔 buttons.

Notices go to the user's private chat (chat id = user id) even when they follow from a group,
so a group never gets one member's notifications.
"""

from __future__ import annotations

from telegram import Update

from claims.errors import ClaimsError
from claims.i18n import t
from claims.services import prefs
from claims.services.follow import follow, following, unfollow

from .. import callbacks as cb
from ..core import Context, answer, explain, is_private, keyboard, real_user, reply, send_blocks
from ..render import claim_line
from .cards import claim_id_of


async def _tell(update: Update, text: str, *, alert: bool = True) -> None:
    """To the presser of a button (an alert, or a toast), or as a reply to a command."""
    if update.callback_query is not None:
        await answer(update.callback_query, text, alert=alert)
    else:
        await reply(update, text)


async def follow_claim(update: Update, context: Context) -> None:
    """/follow ID, or the 🔔 button."""
    lang, user, private, query = context.lang, real_user(update), is_private(update), update.callback_query
    claim_id = claim_id_of(update, context)
    if claim_id is None or user is None:
        await reply(update, t(lang, "follow.usage" if claim_id is None else "follow.no_user"))
        return
    try:
        claim, created = await context.run(follow, user.id, user.id, claim_id)
        await context.run(prefs.remember_language, user.id, lang)
    except ClaimsError as err:
        await _tell(update, explain(lang, err, "follow"))
        return
    text = t(lang, "follow.ok" if created else "follow.already", id=claim.id)
    if not private:
        text += t(lang, "follow.group_note")
        if query is not None:
            await answer(query, text, alert=True)  # in a group, only the presser should see it
            return
    if query is not None:
        await answer(query)
    undo = keyboard([[(t(lang, "btn.unfollow_one"), cb.UNFOLLOW.data(claim.id))]]) if private else None
    await reply(update, text, undo)


async def unfollow_claim(update: Update, context: Context) -> None:
    """/unfollow ID, or the undo button under "you follow"."""
    lang, user = context.lang, real_user(update)
    claim_id = claim_id_of(update, context)
    if claim_id is None or user is None:
        await reply(update, t(lang, "unfollow.usage" if claim_id is None else "follow.no_user"))
        return
    try:
        removed = await context.run(unfollow, user.id, claim_id)
    except ClaimsError as err:
        await _tell(update, explain(lang, err, "follow"))
        return
    await _tell(update, t(lang, "unfollow.ok" if removed else "unfollow.not", id=claim_id), alert=False)


async def following_cmd(update: Update, context: Context) -> None:
    lang, user = context.lang, real_user(update)
    claims = None if user is None else await context.run(following, user.id)
    if not claims:
        await reply(update, t(lang, "follow.no_user" if user is None else "following.none"))
        return
    await send_blocks(update, [t(lang, "following.head", n=len(claims)), *(claim_line(c, lang) for c in claims),
                               t(lang, "following.foot")], sep="\n")
