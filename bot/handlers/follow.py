"""/follow, /unfollow, /following and the 🔔 buttons.

Notices go to the user's private chat (chat id = user id) even when they follow from a group,
so a group never gets one member's notifications.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CommandHandler, filters

from claims.errors import ClaimsError
from claims.services import prefs
from claims.services.follow import follow, following, unfollow

from .. import callbacks as cb
from ..i18n import t
from ..render import claim_line
from ..core import Context, answer as answer_query, claim_id_arg, explain, is_private, keyboard, real_user, reply, send_blocks


async def follow_cmd(update: Update, context: Context) -> None:
    lang = context.lang
    if not context.args:
        await reply(update, t(lang, "follow.usage"))
        return
    await _do_follow(update, context, lang, claim_id_arg(context.args[0]), answer=None)


async def follow_button(update: Update, context: Context) -> None:
    lang = context.lang
    await _do_follow(update, context, lang, update.callback_query.data.split(":", 1)[1],
                     answer=update.callback_query)


async def _do_follow(update: Update, context: Context, lang: str, claim_id: str, answer) -> None:  # noqa: ANN001
    user = real_user(update)
    if user is None:
        await reply(update, t(lang, "follow.no_user"))
        return
    try:
        claim, created = await context.run(follow, user.id, user.id, claim_id)
        await context.run(prefs.remember_language, user.id, lang)
    except ClaimsError as err:
        text = explain(lang, err, "follow")
        if answer is not None:
            await answer_query(answer, text, alert=True)
        else:
            await reply(update, text)
        return
    text = t(lang, "follow.ok" if created else "follow.already", id=claim.id)
    if not is_private(update):
        text += t(lang, "follow.group_note")
    if answer is not None and not is_private(update):
        await answer_query(answer, text, alert=True)  # in a group, only the presser should see it
    else:
        if answer is not None:
            await answer_query(answer)
        undo = keyboard([[(t(lang, "btn.unfollow_one"), cb.UNFOLLOW.data(claim.id))]]) if is_private(update) else None
        await reply(update, text, undo)


async def unfollow_cmd(update: Update, context: Context) -> None:
    lang = context.lang
    user = real_user(update)
    if not context.args:
        await reply(update, t(lang, "unfollow.usage"))
        return
    if user is None:
        await reply(update, t(lang, "follow.no_user"))
        return
    cid = claim_id_arg(context.args[0])
    try:
        removed = await context.run(unfollow, user.id, cid)
    except ClaimsError as err:
        await reply(update, explain(lang, err, "follow"))
        return
    await reply(update, t(lang, "unfollow.ok" if removed else "unfollow.not", id=cid))


async def unfollow_button(update: Update, context: Context) -> None:
    query = update.callback_query
    lang = context.lang
    cid = query.data.split(":", 1)[1]
    try:
        removed = await context.run(unfollow, update.effective_user.id, cid)
    except ClaimsError as err:
        await answer_query(query, explain(lang, err, "follow"), alert=True)
        return
    await answer_query(query, t(lang, "unfollow.ok" if removed else "unfollow.not", id=cid))


async def following_cmd(update: Update, context: Context) -> None:
    lang = context.lang
    user = real_user(update)
    if user is None:
        await reply(update, t(lang, "follow.no_user"))
        return
    claims = await context.run(following, user.id)
    if not claims:
        await reply(update, t(lang, "following.none"))
        return
    blocks = [t(lang, "following.head", n=len(claims))] + [claim_line(c, lang) for c in claims]
    blocks.append(t(lang, "following.foot"))
    await send_blocks(update, blocks, sep="\n")


def register(application: Application, group: int) -> None:
    msg = filters.UpdateType.MESSAGE
    application.add_handler(CommandHandler("follow", follow_cmd, filters=msg), group)
    application.add_handler(CommandHandler("unfollow", unfollow_cmd, filters=msg), group)
    application.add_handler(CommandHandler("following", following_cmd, filters=msg), group)
    application.add_handler(cb.FOLLOW.handler(follow_button), group)
    application.add_handler(cb.UNFOLLOW.handler(unfollow_button), group)
