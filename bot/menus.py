"""The command menus: everyone's (in both languages) and each moderator's own, worded from the catalogue."""

from __future__ import annotations

import logging

from telegram import Bot, BotCommand, BotCommandScopeChat
from telegram.error import TelegramError
from telegram.ext import Application

from claims.i18n import RUSSIAN_CODES, t
from claims.services import moderators as mods

from .core import run_in_session
from .runtime import Runtime

log = logging.getLogger(__name__)

COMMANDS = ("start", "help", "search", "claim", "submit", "follow", "unfollow", "following", "lang",
            "autocheck", "cancel", "forget")
# A moderator's menu adds MOD_COMMANDS, an admin's also ADMIN_COMMANDS: together, every command of
# bot/moderation's COMMANDS, ADMIN_COMMANDS its ADMIN_ONLY (tests/bot/test_break38_bot.py checks both).
MOD_COMMANDS = ("queue", "verdict", "addclaim", "editclaim", "merge", "ingest", "history", "stats", "mods")
ADMIN_COMMANDS = ("mod_add", "mod_remove")
# (catalogue language, Telegram language_code): English for everyone else, Russian for ru/uk/be.
VARIANTS: tuple[tuple[str, str | None], ...] = (("en", None), *(("ru", code) for code in RUSSIAN_CODES))


def user_commands(lang: str) -> list[BotCommand]:
    """The menu everyone sees."""
    return [BotCommand(c, t(lang, f"cmd.{c}")) for c in COMMANDS]


async def set_commands(application: Application) -> None:
    """Start-up service: the menu in both languages; a failure here must not stop the bot."""
    try:
        for lang, code in VARIANTS:
            await application.bot.set_my_commands(user_commands(lang), language_code=code)
    except TelegramError as err:
        log.warning("could not set the command menu: %s", err)


async def set_commands_for(bot: Bot, user_id: int, role: str | None) -> None:
    """Show `user_id` the menu of their role (or drop their personal menu when they have none)."""
    names = MOD_COMMANDS + (ADMIN_COMMANDS if role == mods.ADMIN else ())
    scope = BotCommandScopeChat(chat_id=user_id)
    try:
        for lang, code in VARIANTS:
            if role is None:
                await bot.delete_my_commands(scope=scope, language_code=code)
            else:
                mine = [BotCommand(name, t(lang, f"mod.cmd.{name}")) for name in names]
                await bot.set_my_commands((user_commands(lang) + mine)[:100], scope=scope, language_code=code)
    except TelegramError as err:  # e.g. the moderator never opened a chat with the bot
        log.info("a moderator's command menu was not updated: %s", err)


async def sync_moderator_commands(bot: Bot, runtime: Runtime) -> None:
    """Start-up service: every admin and moderator gets their menu (the default scope is everyone's)."""
    for uid in sorted(await run_in_session(runtime, mods.moderator_ids, runtime.admin_ids)):
        await set_commands_for(bot, uid, mods.ADMIN if uid in runtime.admin_ids else mods.MODERATOR)
