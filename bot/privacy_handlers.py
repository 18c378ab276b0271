"""/forget (private chats only, after a confirm button that acts only for the user who asked, always on
the presser's id) and the daily retention job; README.md, *Privacy*. Both handlers run before the
user features and stop the update there.
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
    user, lang = real_user(update), context.lang
    if user is not None and not is_private(update):
        await reply(update, t(lang, "privacy.forget.private_only"))
    elif user is not None:
        await reply(update, t(lang, "privacy.forget.confirm"), keyboard([[
            (t(lang, "privacy.btn.forget"), cb.FORGET.data("y", user.id)),
            (t(lang, "privacy.btn.keep"), cb.FORGET.data("n", user.id))]]))
    raise ApplicationHandlerStop


async def forget_button(update: Update, context: Context) -> None:
    """Forget (delete, drop this process's copies, say what went) or Keep; a press by anyone but the
    asker is refused."""
    query, presser, lang, app = update.callback_query, update.effective_user, context.lang, context.application
    _, choice, owner = query.data.split(":")
    if presser is None or presser.id != int(owner):
        await answer(query, t(lang, "privacy.forget.not_yours"), alert=True)
    elif choice == "n":
        await answer(query)
        await edit(query, t(lang, "privacy.forget.kept"))
    else:
        try:
            counts = await context.run(forget_user, presser.id, context.runtime.salt, state=app.persistence)
            counts["rate_limit"] = await context.run(ratelimit.forget, context.runtime.salt, presser.id)
        except DatabaseUnavailable:
            await answer(query, t(lang, "err.db"), alert=True)
            raise ApplicationHandlerStop from None
        app.drop_user_data(presser.id)
        forget_lang(app, presser.id)
        if update.effective_chat is not None and update.effective_chat.id == presser.id:
            app.drop_chat_data(presser.id)
        for handler in (h for hs in app.handlers.values() for h in hs if isinstance(h, ConversationHandler)):
            for key in [k for k in handler._conversations if presser.id in k]:  # noqa: SLF001 - no public API
                del handler._conversations[key]  # noqa: SLF001
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
