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

from ..i18n import RUSSIAN_CODES


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
            "autocheck", "cancel")
DESCRIPTIONS = {
    "ru": {"start": "что умеет бот", "help": "помощь и приватность", "search": "найти утверждения",
           "claim": "карточка утверждения", "submit": "прислать источник", "follow": "следить за вердиктом",
           "unfollow": "перестать следить", "following": "мои подписки", "lang": "язык / language",
           "autocheck": "автопроверка в группе (админы)", "cancel": "отменить ввод"},
    "en": {"start": "what the bot does", "help": "help and privacy", "search": "find checked claims",
           "claim": "a claim's card", "submit": "send a source", "follow": "follow a verdict",
           "unfollow": "stop following", "following": "what I follow", "lang": "язык / language",
           "autocheck": "group auto-check (admins)", "cancel": "cancel the current step"},
}


async def set_commands(application: Application) -> None:
    """The command menu in both languages; a failure here must not stop the bot."""
    try:
        await application.bot.set_my_commands([BotCommand(c, DESCRIPTIONS["en"][c]) for c in COMMANDS])
        for code in RUSSIAN_CODES:
            await application.bot.set_my_commands([BotCommand(c, DESCRIPTIONS["ru"][c]) for c in COMMANDS],
                                                  language_code=code)
    except TelegramError as err:
        import logging

        logging.getLogger(__name__).warning("could not set the command menu: %s", err)
