"""/follow, /unfollow, /following and the 🔔 buttons.

Notices go to the user's private chat (chat id = user id) even when they follow from a group,
so a group never gets one member's notifications.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, filters

from claims.errors import ClaimsError
from claims.services import prefs
from claims.services.follow import follow, following, unfollow

from ..i18n import t
from ..render import claim_line
from .common import (
    Context,
    claim_id_arg,
    explain,
    is_private,
    lang_of,
    real_user,
    reply,
    runtime,
    send_blocks,
)


def _follow(context: Context, user_id: int, claim_id: str, lang: str):
    with runtime(context).session() as session:
        claim, created = follow(session, user_id, user_id, claim_id)
        prefs.remember_language(session, user_id, lang)
    return claim, created


async def follow_cmd(update: Update, context: Context) -> None:
    lang = lang_of(update, context)
    if not context.args:
        await reply(update, context, t(lang, "follow.usage"))
        return
    await _do_follow(update, context, lang, claim_id_arg(context.args[0]), answer=None)


async def follow_button(update: Update, context: Context) -> None:
    lang = lang_of(update, context)
    await _do_follow(update, context, lang, update.callback_query.data.split(":", 1)[1],
                     answer=update.callback_query)


async def _do_follow(update: Update, context: Context, lang: str, claim_id: str, answer) -> None:  # noqa: ANN001
    user = real_user(update)
    if user is None:
        await reply(update, context, t(lang, "follow.no_user"))
        return
    try:
        claim, created = _follow(context, user.id, claim_id, lang)
    except ClaimsError as err:
        text = explain(lang, err, "follow")
        if answer is not None:
            await answer.answer(text, show_alert=True)
        else:
            await reply(update, context, text)
        return
    text = t(lang, "follow.ok" if created else "follow.already", id=claim.id)
    if not is_private(update):
        text += t(lang, "follow.group_note")
    if answer is not None and not is_private(update):
        await answer.answer(text, show_alert=True)  # in a group, only the presser should see it
    elif answer is not None:
        await answer.answer()
        await reply(update, context, text)
    else:
        await reply(update, context, text)


async def unfollow_cmd(update: Update, context: Context) -> None:
    lang = lang_of(update, context)
    user = real_user(update)
    if not context.args:
        await reply(update, context, t(lang, "unfollow.usage"))
        return
    if user is None:
        await reply(update, context, t(lang, "follow.no_user"))
        return
    cid = claim_id_arg(context.args[0])
    try:
        with runtime(context).session() as session:
            removed = unfollow(session, user.id, cid)
    except ClaimsError as err:
        await reply(update, context, explain(lang, err, "follow"))
        return
    await reply(update, context, t(lang, "unfollow.ok" if removed else "unfollow.not", id=cid))


async def unfollow_button(update: Update, context: Context) -> None:
    query = update.callback_query
    lang = lang_of(update, context)
    cid = query.data.split(":", 1)[1]
    try:
        with runtime(context).session() as session:
            removed = unfollow(session, update.effective_user.id, cid)
    except ClaimsError as err:
        await query.answer(explain(lang, err, "follow"), show_alert=True)
        return
    await query.answer(t(lang, "unfollow.ok" if removed else "unfollow.not", id=cid))


async def following_cmd(update: Update, context: Context) -> None:
    lang = lang_of(update, context)
    user = real_user(update)
    if user is None:
        await reply(update, context, t(lang, "follow.no_user"))
        return
    with runtime(context).session() as session:
        claims = following(session, user.id)
    if not claims:
        await reply(update, context, t(lang, "following.none"))
        return
    blocks = [t(lang, "following.head", n=len(claims))] + [claim_line(c, lang) for c in claims]
    blocks.append(t(lang, "following.foot"))
    await send_blocks(update, context, blocks, sep="\n")


def register(application: Application) -> None:
    msg = filters.UpdateType.MESSAGE
    application.add_handler(CommandHandler("follow", follow_cmd, filters=msg))
    application.add_handler(CommandHandler("unfollow", unfollow_cmd, filters=msg))
    application.add_handler(CommandHandler("following", following_cmd, filters=msg))
    application.add_handler(CallbackQueryHandler(follow_button, pattern=r"^f:\d{1,18}$"))
    application.add_handler(CallbackQueryHandler(unfollow_button, pattern=r"^u:\d{1,18}$"))
