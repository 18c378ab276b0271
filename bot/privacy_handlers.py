"""/forget (private chats only; after a confirm button that acts only for the user who asked, always
on the presser's id) and the daily retention job; README.md, *Privacy*.
"""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import Application, ApplicationHandlerStop, CommandHandler, ConversationHandler, filters

from claims.errors import DatabaseUnavailable
from claims.i18n import t
from claims.services.privacy import forget_user, retention_sweep

from . import callbacks as cb
from . import ratelimit
from .core import Context, answer, edit, forget_lang, is_private, keyboard, real_user, reply, run_in_session
from .runtime import RUNTIME_KEY

log = logging.getLogger(__name__)

RETENTION_EVERY = 24 * 3600.0


async def forget_cmd(update: Update, context: Context) -> None:
    """/forget: in a private chat, the confirmation buttons (for this user only); in a group, why not here."""
    if (user := real_user(update)) is not None:
        lang = context.lang
        if not is_private(update):
            await reply(update, t(lang, "privacy.forget.private_only"))
        else:
            await reply(update, t(lang, "privacy.forget.confirm"), keyboard([[
                (t(lang, "privacy.btn.forget"), cb.FORGET.data("y", user.id)),
                (t(lang, "privacy.btn.keep"), cb.FORGET.data("n", user.id))]]))
    raise ApplicationHandlerStop


def _drop_in_memory(application: Application, user_id: int, chat_id: int | None) -> None:
    """The process's own copies: user_data, the private chat's chat_data, conversation states."""
    application.drop_user_data(user_id)
    forget_lang(application, user_id)
    if chat_id is not None and chat_id == user_id:
        application.drop_chat_data(chat_id)
    for handlers in application.handlers.values():
        for handler in handlers:
            if isinstance(handler, ConversationHandler):
                conversations = handler._conversations  # noqa: SLF001 - no public API to end one
                for key in [k for k in list(conversations) if user_id in k]:
                    del conversations[key]


async def forget_button(update: Update, context: Context) -> None:
    """Forget (delete, then say what went) or Keep; a press by anyone but the asker is refused."""
    query = update.callback_query
    presser = update.effective_user
    lang = context.lang
    _, choice, owner = (query.data or "").split(":")
    if presser is None or presser.id != int(owner):
        await answer(query, t(lang, "privacy.forget.not_yours"), alert=True)
        raise ApplicationHandlerStop
    if choice == "n":
        await answer(query)
        await edit(query, t(lang, "privacy.forget.kept"))
        raise ApplicationHandlerStop
    try:
        counts = await context.run(forget_user, presser.id, context.runtime.salt, state=context.application.persistence)
        counts["rate_limit"] = await context.run(ratelimit.forget, context.runtime.salt, presser.id)
    except DatabaseUnavailable:
        await answer(query, t(lang, "err.db"), alert=True)
        raise ApplicationHandlerStop from None
    _drop_in_memory(context.application, presser.id, update.effective_chat.id if update.effective_chat else None)
    log.info("forgot a user: %s", {k: v for k, v in counts.items() if v})
    await answer(query)
    await edit(query, t(lang, "privacy.forget.done", follows=counts.get("subscriptions", 0),
                         tips=counts.get("tips", 0), sources=counts.get("sources", 0)))
    raise ApplicationHandlerStop


async def retention_job(application: Application) -> dict[str, int]:
    """The daily purge of old tips (TIP_RETENTION_DAYS); what went, by kind."""
    rt = application.bot_data[RUNTIME_KEY]  # there: post_init sets it before it schedules the jobs
    result = await run_in_session(rt, retention_sweep, rt.settings.tip_retention_days)
    if any(result.values()):
        log.info("retention: %s", result)
    return result


def register(application: Application, group: int) -> None:
    application.add_handler(CommandHandler("forget", forget_cmd, filters=filters.UpdateType.MESSAGE), group=group)
    application.add_handler(cb.FORGET.handler(forget_button), group=group)
