"""/follow, /unfollow, /following and the 🔔 buttons.

Notices go to the user's private chat (chat id = user id) even when they follow from a group,
so a group never gets one member's notifications.
"""

from __future__ import annotations

from telegram import CallbackQuery, Update
from telegram.ext import Application, CommandHandler, filters

from claims.errors import ClaimsError
from claims.i18n import t
from claims.services import prefs
from claims.services.follow import follow, following, unfollow

from .. import callbacks as cb
from ..core import Context, answer, claim_id_arg, explain, is_private, keyboard, real_user, reply, send_blocks
from ..render import claim_line


async def _tell(update: Update, query: CallbackQuery | None, text: str, *, alert: bool = True) -> None:
    """To the presser of a button (an alert, or a toast), or as a reply to a command."""
    if query is not None:
        await answer(query, text, alert=alert)
    else:
        await reply(update, text)


async def follow_cmd(update: Update, context: Context) -> None:
    if not context.args:
        await reply(update, t(context.lang, "follow.usage"))
        return
    await _follow(update, context, claim_id_arg(context.args[0]))


async def follow_button(update: Update, context: Context) -> None:
    await _follow(update, context, update.callback_query.data.split(":", 1)[1], update.callback_query)


async def _follow(update: Update, context: Context, claim_id: str, query: CallbackQuery | None = None) -> None:
    lang, user, private = context.lang, real_user(update), is_private(update)
    if user is None:
        await reply(update, t(lang, "follow.no_user"))
        return
    try:
        claim, created = await context.run(follow, user.id, user.id, claim_id)
        await context.run(prefs.remember_language, user.id, lang)
    except ClaimsError as err:
        await _tell(update, query, explain(lang, err, "follow"))
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


async def unfollow_cmd(update: Update, context: Context) -> None:
    user = real_user(update)
    if not context.args or user is None:
        await reply(update, t(context.lang, "follow.no_user" if context.args else "unfollow.usage"))
        return
    await _unfollow(update, context, user.id, claim_id_arg(context.args[0]))


async def unfollow_button(update: Update, context: Context) -> None:
    query = update.callback_query
    await _unfollow(update, context, update.effective_user.id, query.data.split(":", 1)[1], query)


async def _unfollow(update: Update, context: Context, user_id: int, cid: str,
                    query: CallbackQuery | None = None) -> None:
    lang = context.lang
    try:
        removed = await context.run(unfollow, user_id, cid)
    except ClaimsError as err:
        await _tell(update, query, explain(lang, err, "follow"))
        return
    await _tell(update, query, t(lang, "unfollow.ok" if removed else "unfollow.not", id=cid), alert=False)


async def following_cmd(update: Update, context: Context) -> None:
    lang, user = context.lang, real_user(update)
    claims = None if user is None else await context.run(following, user.id)
    if not claims:
        await reply(update, t(lang, "follow.no_user" if user is None else "following.none"))
        return
    await send_blocks(update, [t(lang, "following.head", n=len(claims)), *(claim_line(c, lang) for c in claims),
                               t(lang, "following.foot")], sep="\n")


def register(application: Application, group: int) -> None:
    msg = filters.UpdateType.MESSAGE
    application.add_handlers([CommandHandler("follow", follow_cmd, filters=msg),
                              CommandHandler("unfollow", unfollow_cmd, filters=msg),
                              CommandHandler("following", following_cmd, filters=msg),
                              cb.FOLLOW.handler(follow_button), cb.UNFOLLOW.handler(unfollow_button)], group)
