"""The user features, registered here: bot/app.py registers `register` in the user group and
`register_fallbacks` last, so a moderator's open prompt (an earlier group) is answered before the
catch-alls check any text.
"""

from __future__ import annotations

from telegram.ext import Application, CallbackQueryHandler, CommandHandler, InlineQueryHandler, MessageHandler, filters

from .. import callbacks as cb
from . import albums, cards, check, search, start, submit

COMMANDS = {  # /name -> handler, in messages (not in edits)
    "start": start.start, "help": start.help_, "lang": start.lang_cmd, "search": search.search_cmd,
    "claim": cards.card, "follow": cards.follow_claim, "unfollow": cards.unfollow_claim,
    "following": cards.following_cmd, "autocheck": check.autocheck_cmd,
}
BUTTONS = ((cb.LANGUAGE, start.lang_button), (cb.SEARCH_PAGE, search.page_button), (cb.DETAILS, cards.card),
           (cb.FOLLOW, cards.follow_claim), (cb.UNFOLLOW, cards.unfollow_claim),
           (cb.NOT_THIS, check.not_this_button), (cb.NOTIFY_TIP, check.notify_button))


def register(application: Application, group: int) -> None:
    """Commands, buttons, inline mode, and what /submit leaves once its conversation is over."""
    submit.register(application, group)
    msg = filters.UpdateType.MESSAGE
    application.add_handlers([*(CommandHandler(name, fn, filters=msg) for name, fn in COMMANDS.items()),
                              MessageHandler(msg & filters.Regex(cards.CLAIM_LINK), cards.card),  # a tapped /claim_12
                              *(entry.handler(fn) for entry, fn in BUTTONS),
                              InlineQueryHandler(search.inline_query)], group)


def register_fallbacks(application: Application, group: int) -> None:
    """The catch-alls, in order: album parts (gathered, then answered once), any text checked, what
    else a private chat sends, unknown commands, edits, commands in channels, buttons nobody handles."""
    new, private = filters.UpdateType.MESSAGE, filters.ChatType.PRIVATE
    content = (filters.TEXT & ~filters.COMMAND) | filters.CAPTION
    application.add_handlers([
        MessageHandler(new & private & albums.IN_ALBUM & ~filters.COMMAND, albums.album_part),
        MessageHandler(new & private & content, check.private_message),
        MessageHandler(new & private & ~content & ~filters.COMMAND & ~filters.StatusUpdate.ALL, check.non_text),
        MessageHandler(new & filters.ChatType.GROUPS & content, check.group_message),
        MessageHandler(new & private & filters.COMMAND, start.unknown_command),
        MessageHandler(filters.UpdateType.EDITED_MESSAGE, start.edited),
        MessageHandler(filters.UpdateType.CHANNEL_POST & filters.COMMAND, start.channel_post),
        CallbackQueryHandler(start.expired_button)], group)
