"""User-facing handlers (search, forward-to-check, cards, sources, follow, inline).

Layout of handler groups (moderation should follow it):

* group -100: the per-user rate limit (`bot.ratelimit`), stops the update when over the limit;
* group 0: commands, buttons, conversations — `register()` adds the user ones, moderation adds
  its own after them, then `register_fallbacks()` adds the catch-alls (check any text or
  forwarded post, "send text", unknown command, edits) *last*, so a moderation conversation
  waiting for text gets it first.
"""

from __future__ import annotations

from telegram import BotCommand
from telegram.error import TelegramError
from telegram.ext import Application

from ..i18n import RUSSIAN_CODES, t


def register(application: Application) -> None:
    """Add every user handler to `application` (catch-alls come from `register_fallbacks`)."""
    from .. import ratelimit
    from . import cards, check, follow, groups, inline, search, start, submit

    ratelimit.register(application)
    submit.register(application)  # before /start: it owns the ?start=submit_N deep link
    start.register(application)
    search.register(application)
    cards.register(application)
    follow.register(application)
    check.register(application)
    groups.register(application)
    inline.register(application)
    application.bot_data.setdefault("_post_init_hooks", []).append(set_commands)


def register_fallbacks(application: Application) -> None:
    from . import check, start

    check.register_fallbacks(application)
    start.register_fallbacks(application)


COMMANDS = ("start", "help", "search", "claim", "submit", "follow", "unfollow", "following", "lang",
            "autocheck", "cancel", "forget")


def user_commands(lang: str) -> list[BotCommand]:
    """The menu everyone sees, worded from the catalogue."""
    return [BotCommand(c, t(lang, f"cmd.{c}")) for c in COMMANDS]


async def set_commands(application: Application) -> None:
    """The command menu in both languages; a failure here must not stop the bot."""
    try:
        await application.bot.set_my_commands(user_commands("en"))
        for code in RUSSIAN_CODES:
            await application.bot.set_my_commands(user_commands("ru"), language_code=code)
    except TelegramError as err:
        import logging

        logging.getLogger(__name__).warning("could not set the command menu: %s", err)
