"""Moderator handlers (roles, queue, verdicts, merges, audit, stats).

For the user handlers:

* `card_buttons(runtime, user_id, claim_id, lang=...)` — the moderator-only buttons to append to a
  claim card ("Set verdict", "History"); an empty list for everyone else.
* `announce(context)` — optional: call after storing a tip or a source to post it to
  MODERATION_CHAT_ID at once (a background loop does it within ANNOUNCE_EVERY seconds anyway).
"""

from __future__ import annotations

import asyncio
import contextlib

from telegram import InlineKeyboardButton, Update
from telegram.ext import (Application, ApplicationHandlerStop, CallbackQueryHandler, CommandHandler, ContextTypes,
                          MessageHandler, filters)

from claims.services import moderators as mods

from ..i18n import t
from ..render import callback
from ..runtime import RUNTIME_KEY, Runtime
from . import catalog, queue, report, roles
from .common import PENDING_KEY, gate, take_pending
from .report import announce, announce_new

__all__ = ["announce", "announce_new", "card_buttons", "register"]

# Moderator input (reasons, edited claim text, articles) is read before the user handlers see the
# message, so a reason is never also treated as a search.
PENDING_GROUP = -10

_PENDING_ANSWERS = {**queue.PENDING_ANSWERS, **catalog.PENDING_ANSWERS}


def card_buttons(runtime: Runtime, user_id: int | None, claim_id: int, lang: str | None = None
                 ) -> list[list[InlineKeyboardButton]]:
    """Extra rows for a claim card: shown to moderators and admins only (a quick role lookup)."""
    with runtime.session() as session:
        role = mods.role_of(session, user_id, runtime.admin_ids)
    if role is None:
        return []
    lang = lang or runtime.settings.default_language
    return [[InlineKeyboardButton(t(lang, "mod.btn.verdict"), callback_data=callback("m", "v", claim_id)),
             InlineKeyboardButton(t(lang, "mod.btn.history"), callback_data=callback("m", "h", claim_id))]]


async def on_pending_input(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A message that answers a moderator's open prompt; anything else passes on to the user handlers."""
    msg = update.effective_message
    if msg is None or update.effective_user is None or not context.user_data or PENDING_KEY not in context.user_data:
        return
    if msg.document is not None and context.user_data[PENDING_KEY].get("kind") != "ingest":
        return  # a file answers only the /ingest prompt
    pending = take_pending(context, msg.chat.id)
    if pending is None:
        return
    kind = pending["kind"]
    if not (mod := await gate(update, context, f"reply to {kind}")):
        raise ApplicationHandlerStop
    text = None if msg.document is not None else (msg.text or "").strip()
    await _PENDING_ANSWERS[kind](update, context, mod, pending, text)
    raise ApplicationHandlerStop


QUEUE_OPS = frozenset({"q", "sk", "sa", "sr", "srp", "sb", "tb", "td", "tl", "tlq", "tlp", "tc", "tcc"})


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Every moderator button (callback data "m:..."): queue cards, or verdicts/history/ingest."""
    op = (update.callback_query.data or "").split(":")[1:2]
    if op and op[0] in QUEUE_OPS:
        await queue.on_button(update, context)
    else:
        await catalog.on_button(update, context)


async def _on_start(application: Application) -> None:
    """post_init hook: menus for every moderator; the announcement loop when a chat is configured."""
    runtime: Runtime = application.bot_data[RUNTIME_KEY]
    await roles.sync_all_commands(application.bot, runtime)
    if runtime.settings.moderation_chat_id is not None:
        await announce_new(application.bot, runtime)  # sets the cursors on first use
        task = asyncio.create_task(report.announce_loop(application), name="moderation-announce")

        async def stop(_app: Application) -> None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

        application.bot_data.setdefault("_post_shutdown_hooks", []).append(stop)


def _final(fn):  # noqa: ANN001, ANN202
    """Once a moderator handler has run, the update is ours: no user handler answers it too."""

    async def run(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await fn(update, context)
        raise ApplicationHandlerStop

    run.__name__ = run.__qualname__ = getattr(fn, "__name__", "handler")
    run.__doc__ = fn.__doc__
    return run


def register(application: Application) -> None:
    """Add every moderator handler to `application`, ahead of the user handlers (negative groups)."""
    commands = {
        "queue": queue.queue_cmd,
        "verdict": catalog.verdict_cmd,
        "addclaim": catalog.addclaim_cmd,
        "editclaim": catalog.editclaim_cmd,
        "merge": catalog.merge_cmd,
        "ingest": catalog.ingest_cmd,
        "history": catalog.history_cmd,
        "stats": report.stats_cmd,
        "mods": roles.mods_cmd,
        "mod_add": roles.mod_add_cmd,
        "mod_remove": roles.mod_remove_cmd,
    }
    new = filters.UpdateType.MESSAGE  # an edited command must not run a second time
    for name, fn in commands.items():
        application.add_handler(CommandHandler(name, _final(fn), filters=new), group=PENDING_GROUP)
    application.add_handler(MessageHandler(new & filters.Document.ALL & filters.CaptionRegex(r"^/ingest(@\w+)?\b"),
                                           _final(catalog.ingest_cmd)), group=PENDING_GROUP)
    application.add_handler(CallbackQueryHandler(_final(on_button), pattern=r"^m:"), group=PENDING_GROUP)
    application.add_handler(MessageHandler(new & (filters.TEXT & ~filters.COMMAND | filters.Document.ALL)
                                           & ~filters.FORWARDED & ~filters.VIA_BOT, on_pending_input),
                            group=PENDING_GROUP + 1)
    application.bot_data.setdefault("_post_init_hooks", []).append(_on_start)
