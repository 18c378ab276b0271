"""/mod_add, /mod_remove, /mods, and the per-chat command menus.

Telegram shows the command menu per scope: the default scope holds the user commands, and each
moderator's private chat (BotCommandScopeChat) holds the user commands plus the moderator ones
(plus the role commands for admins), so nobody is offered commands they cannot use.
"""

from __future__ import annotations

import logging

from telegram import Bot, BotCommand, BotCommandScopeChat, Update
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from claims.errors import ClaimsError
from claims.services import moderators as mods

from ..handlers import user_commands
from ..i18n import RUSSIAN_CODES, t
from ..runtime import Runtime
from .common import command_action, db, error_text, gate, reply

log = logging.getLogger(__name__)

MOD_COMMANDS = ("queue", "verdict", "addclaim", "editclaim", "merge", "ingest", "history", "stats", "mods")
ADMIN_COMMANDS = ("mod_add", "mod_remove")


def moderator_commands(lang: str, *, admin: bool) -> list[BotCommand]:
    names = MOD_COMMANDS + (ADMIN_COMMANDS if admin else ())
    return [BotCommand(name, t(lang, f"mod.cmd.{name}")) for name in names]


def _variants(runtime: Runtime) -> list[tuple[str, str | None]]:
    """(catalogue language, Telegram language_code), as the user menu is set: English without a
    code (everyone else), Russian for the codes that read Russian."""
    return [("en", None)] + [("ru", code) for code in RUSSIAN_CODES]


async def set_commands_for(bot: Bot, runtime: Runtime, user_id: int, role: str | None) -> None:
    """Show `user_id` the menu of their role (or drop their personal menu when they have none)."""
    scope = BotCommandScopeChat(chat_id=user_id)
    for lang, code in _variants(runtime):
        try:
            if role is None:
                await bot.delete_my_commands(scope=scope, language_code=code)
            else:
                commands = user_commands(lang)
                commands += moderator_commands(lang, admin=role == mods.ADMIN)
                await bot.set_my_commands(commands[:100], scope=scope, language_code=code)
        except TelegramError as err:  # e.g. the moderator never opened a chat with the bot
            log.info("command menu for %s not updated: %s", user_id, err)
            return


async def sync_all_commands(bot: Bot, runtime: Runtime) -> None:
    """At start: every admin and moderator gets their menu (the default scope is the user handlers')."""
    user_ids = await db(runtime, mods.moderator_ids, runtime.admin_ids)
    for uid in sorted(user_ids):
        role = mods.ADMIN if uid in runtime.admin_ids else mods.MODERATOR
        await set_commands_for(bot, runtime, uid, role)


async def mod_add_cmd(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/mod_add USER_ID [name] (admins only)."""
    if not (mod := await gate(update, context, command_action(update), need=mods.ADMIN)):
        return
    args = (update.effective_message.text or "").split(maxsplit=2)[1:]
    if not args:
        return await reply(update, t(mod.lang, "mod.usage.mod_add"))
    try:
        added = await db(mod.runtime, mods.add_moderator, mod.actor, args[0], name=args[1] if len(args) > 1 else None,
                         admin_ids=mod.runtime.admin_ids)
    except ClaimsError as err:
        return await reply(update, error_text(mod.lang, err))
    uid = int(args[0])
    if added:
        await set_commands_for(context.bot, mod.runtime, uid, mods.MODERATOR)
    await reply(update, t(mod.lang, "mod.role.added" if added else "mod.role.already", id=uid))


async def mod_remove_cmd(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/mod_remove USER_ID (admins only)."""
    if not (mod := await gate(update, context, command_action(update), need=mods.ADMIN)):
        return
    args = (update.effective_message.text or "").split()[1:]
    if len(args) != 1:
        return await reply(update, t(mod.lang, "mod.usage.mod_remove"))
    try:
        removed = await db(mod.runtime, mods.remove_moderator, mod.actor, args[0], admin_ids=mod.runtime.admin_ids)
    except ClaimsError as err:
        if err.code == "conflict":
            return await reply(update, t(mod.lang, "mod.role.is_admin", id=args[0]))
        return await reply(update, error_text(mod.lang, err))
    uid = int(args[0])
    if removed:
        await set_commands_for(context.bot, mod.runtime, uid, None)
    await reply(update, t(mod.lang, "mod.role.removed" if removed else "mod.role.not_mod", id=uid))


async def mods_cmd(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/mods: who can moderate."""
    if not (mod := await gate(update, context, "/mods")):
        return
    rows = await db(mod.runtime, mods.list_moderators, mod.runtime.admin_ids)
    lines = [t(mod.lang, "mod.role.list_head", n=len(rows))]
    lines += [t(mod.lang, f"mod.role.row_{r.role}", id=r.user_id, name=r.name or "") for r in rows]
    await reply(update, "\n".join(lines))
