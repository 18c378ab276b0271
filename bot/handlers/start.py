"""/start, /help, /lang, and the replies to what no other handler takes (unknown commands, edits,
channels, old buttons)."""

from __future__ import annotations

from telegram import Update

from claims.i18n import Raw, t
from claims.services import prefs

from .. import callbacks as cb
from ..core import Context, answer, edit, is_private, keyboard, message_text, reply, reply_with
from .cards import show_card

LANG_NAMES = {"ru": "Русский", "en": "English"}


async def start(update: Update, context: Context) -> None:
    """/start, or a card's deep link ``?start=claim_12``."""
    arg = context.args[0] if context.args else ""
    if arg.startswith("claim_") and arg[6:].isdigit():
        await show_card(update, context, arg[6:])
    else:
        await reply(update, t(context.lang, "start"))


async def help_(update: Update, context: Context) -> None:
    privacy = t(context.lang, "privacy") + "\n" + t(context.lang, "privacy.forget")  # /forget: bot/privacy_handlers.py
    await reply(update, t(context.lang, "help", bot=context.bot.username, privacy=Raw(privacy)))


async def _set_lang(update: Update, context: Context, lang: str) -> None:
    if update.effective_user is not None:
        await context.run(prefs.set_language, update.effective_user.id, lang)
        context.lang = lang


async def lang_cmd(update: Update, context: Context) -> None:
    """/lang: the choice as buttons; /lang ru|en at once."""
    if not context.args:
        await reply(update, t(context.lang, "lang.choose"),
                    keyboard([[(name, cb.LANGUAGE.data(code)) for code, name in LANG_NAMES.items()]]))
    elif (choice := context.args[0].strip().lower()[:8]) not in prefs.LANGUAGES:
        await reply(update, t(context.lang, "lang.bad"))
    else:
        await _set_lang(update, context, choice)
        await reply(update, t(choice, "lang.set"))


async def lang_button(update: Update, context: Context) -> None:
    choice = update.callback_query.data.split(":", 1)[1]  # one of prefs.LANGUAGES: the button's pattern
    await _set_lang(update, context, choice)
    await answer(update.callback_query, t(choice, "lang.set"))
    await edit(update.callback_query, t(choice, "lang.set"))


unknown_command = reply_with("unknown_command")


async def edited(update: Update, context: Context) -> None:
    """An edit is not a new request: say how to get it checked instead of re-answering silently."""
    if is_private(update) and message_text(update.edited_message):
        await reply(update, t(context.lang, "check.edited"))


async def channel_post(update: Update, context: Context) -> None:
    """Commands posted in a channel: point to inline mode (nobody in particular to answer there)."""
    await reply(update, t(context.runtime.settings.default_language, "check.channel", bot=context.bot.username))


async def expired_button(update: Update, context: Context) -> None:
    """A button nobody handles any more (old message, forged data): answer, so the client stops waiting."""
    await answer(update.callback_query, t(context.lang, "expired"), tell=True)
