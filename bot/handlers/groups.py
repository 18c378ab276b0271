"""/autocheck on|off: a group admin lets the bot answer ordinary messages that repeat a checked claim."""

from __future__ import annotations

from telegram import Update
from telegram.constants import ChatMemberStatus
from telegram.error import TelegramError

from claims.i18n import t
from claims.services import prefs

from ..core import Context, is_private, reply
from .check import AUTOCHECK_KEY

WORDS = {"on": True, "off": False, "вкл": True, "выкл": False, "1": True, "0": False}


async def is_group_admin(update: Update, context: Context) -> bool:
    """Admins by getChatMember; an anonymous admin posts as the group itself."""
    sender, chat, user = update.effective_message.sender_chat, update.effective_chat, update.effective_user
    if sender is not None or user is None:
        return sender is not None and sender.id == chat.id
    try:
        member = await context.bot.get_chat_member(chat.id, user.id)
    except TelegramError:
        return False
    return member.status in (ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER)


async def autocheck_cmd(update: Update, context: Context) -> None:
    lang, chat = context.lang, update.effective_chat
    choice = WORDS.get((context.args[0] if context.args else "").strip().lower())
    if is_private(update):
        text = t(lang, "autocheck.groups_only")
    elif choice is None:
        on = await context.run(prefs.autocheck_enabled, chat.id)
        text = t(lang, "autocheck.usage", state=t(lang, "autocheck.state_on" if on else "autocheck.state_off"))
    elif not await is_group_admin(update, context):
        text = t(lang, "autocheck.admins_only")
    else:
        await context.run(prefs.set_autocheck, chat.id, choice)
        context.chat_data.pop(AUTOCHECK_KEY, None)
        text = t(lang, "autocheck.on" if choice else "autocheck.off")
    await reply(update, text)
