"""/autocheck on|off: a group admin lets the bot answer ordinary messages that repeat a checked claim."""

from __future__ import annotations

from telegram import Update
from telegram.constants import ChatMemberStatus
from telegram.error import TelegramError
from telegram.ext import Application, CommandHandler, filters

from claims.services import prefs

from ..i18n import t
from .check import AUTOCHECK_KEY
from ..core import Context, is_private, reply

ADMIN = (ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER)
WORDS = {"on": True, "off": False, "вкл": True, "выкл": False, "1": True, "0": False}


async def is_group_admin(update: Update, context: Context) -> bool:
    """Admins by getChatMember; an anonymous admin posts as the group itself."""
    message = update.effective_message
    chat = update.effective_chat
    if message.sender_chat is not None:
        return message.sender_chat.id == chat.id
    user = update.effective_user
    if user is None:
        return False
    try:
        member = await context.bot.get_chat_member(chat.id, user.id)
    except TelegramError:
        return False
    return member.status in ADMIN


async def autocheck_cmd(update: Update, context: Context) -> None:
    lang = context.lang
    chat = update.effective_chat
    if is_private(update):
        await reply(update, t(lang, "autocheck.groups_only"))
        return
    choice = WORDS.get((context.args[0] if context.args else "").strip().lower())
    if choice is None:
        on = await context.run(prefs.autocheck_enabled, chat.id)
        await reply(update, t(lang, "autocheck.usage",
                                       state=t(lang, "autocheck.state_on" if on else "autocheck.state_off")))
        return
    if not await is_group_admin(update, context):
        await reply(update, t(lang, "autocheck.admins_only"))
        return
    await context.run(prefs.set_autocheck, chat.id, choice)
    context.chat_data.pop(AUTOCHECK_KEY, None)
    await reply(update, t(lang, "autocheck.on" if choice else "autocheck.off"))


def register(application: Application, group: int) -> None:
    application.add_handler(CommandHandler("autocheck", autocheck_cmd, filters=filters.UpdateType.MESSAGE), group)
