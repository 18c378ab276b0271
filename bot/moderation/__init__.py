"""Moderator handlers (roles, queue, verdicts, merges, audit, stats), registered by bot/app.py.

Offered to the other features through the runtime (bot/app.py `wire`): `card_buttons` (the
moderator rows under a claim card) and `announce_new` (post new tips and sources to
MODERATION_CHAT_ID now; the `announce_job` does it every ANNOUNCE_EVERY seconds anyway).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from telegram import InlineKeyboardButton, Update
from telegram.ext import Application, ApplicationHandlerStop, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from claims.errors import ClaimsError

from .. import callbacks as cb
from ..core import Context, answer, explain
from ..i18n import t
from ..render import cut, html_to_text
from . import catalog, queue, report, roles
from .common import PENDING_KEY, Mod, gate, take_pending
from .report import ANNOUNCE_EVERY, announce_new

__all__ = ["ANNOUNCE_EVERY", "announce_job", "announce_new", "card_buttons", "register", "register_answers"]

ButtonOp = Callable[[Update, Context, Mod, list[str]], Awaitable[None]]

# Every moderator button: the callback entry and what it does (one use case each).
BUTTONS: tuple[tuple[cb.Callback, ButtonOp], ...] = (
    (cb.MOD_NEXT, queue.next_card), (cb.MOD_SKIP, queue.skip), (cb.MOD_CANCEL, catalog.cancel),
    (cb.SOURCE_APPROVE, queue.approve), (cb.SOURCE_REJECT, queue.ask_reject_reason),
    (cb.SOURCE_REJECT_PRESET, queue.reject_preset), (cb.SOURCE_BACK, queue.back_to_source),
    (cb.TIP_BACK, queue.back_to_tip), (cb.TIP_LINK, queue.link_candidates), (cb.TIP_LINK_SEARCH, queue.ask_link_search),
    (cb.TIP_LINK_PICK, queue.link_pick), (cb.TIP_CONVERT, queue.ask_convert_text),
    (cb.TIP_CONVERT_AS_IS, queue.convert_as_is), (cb.TIP_DISMISS, queue.dismiss),
    (cb.VERDICT, catalog.choose_verdict), (cb.VERDICT_CHOSEN, catalog.verdict_chosen),
    (cb.VERDICT_OVERRIDE, catalog.verdict_override), (cb.HISTORY, catalog.history_button),
    (cb.INGEST_CONFIRM, catalog.ingest_confirm), (cb.INGEST_CANCEL, catalog.ingest_cancel),
)
COMMANDS = {
    "queue": queue.queue_cmd, "verdict": catalog.verdict_cmd, "addclaim": catalog.addclaim_cmd,
    "editclaim": catalog.editclaim_cmd, "merge": catalog.merge_cmd, "ingest": catalog.ingest_cmd,
    "history": catalog.history_cmd, "stats": report.stats_cmd, "mods": roles.mods_cmd,
    "mod_add": roles.mod_add_cmd, "mod_remove": roles.mod_remove_cmd,
}
# A typed answer to an open prompt, by the prompt's kind.
PENDING_ANSWERS = {"reject": queue.answer_reject, "convert": queue.answer_convert,
                   "link_query": queue.answer_link_query, "verdict": catalog.answer_verdict_reason,
                   "ingest": catalog.answer_ingest}


def card_buttons(role: str | None, claim_id: int, lang: str) -> list[list[InlineKeyboardButton]]:
    """Extra rows for a claim card, for the reader's role (`moderators.role_of`): moderators and
    admins get "Set verdict" and "History", everyone else nothing."""
    if role is None:
        return []
    return [[InlineKeyboardButton(t(lang, "mod.btn.verdict"), callback_data=cb.VERDICT.data(claim_id)),
             InlineKeyboardButton(t(lang, "mod.btn.history"), callback_data=cb.HISTORY.data(claim_id))]]


async def announce_job(application: Application) -> None:
    await announce_new(application.bot, application.bot_data["runtime"])


def _button(op: ButtonOp):  # noqa: ANN202
    """One gate for every moderator button; a domain error or data no button of ours carries is
    answered in an alert; the update is ours afterwards (no user handler answers it too)."""

    async def run(update: Update, context: Context) -> None:
        q = update.callback_query
        if mod := await gate(update, context, f"button {q.data}"):
            try:
                await op(update, context, mod, q.data.split(":")[2:])
            except ClaimsError as err:
                await answer(q, explain(mod.lang, err, "mod"), alert=True)
            except (IndexError, ValueError):
                await answer(q, t(mod.lang, "mod.expired"), alert=True)
        raise ApplicationHandlerStop

    run.__name__ = run.__qualname__ = getattr(op, "__name__", "button")
    return run


async def _stale(update: Update, context: Context, mod: Mod, args: list[str]) -> None:
    raise ValueError("no such moderator button")


def _final(fn):  # noqa: ANN001, ANN202
    """Once a moderator command has run, the update is ours: no user handler answers it too."""

    async def run(update: Update, context: Context) -> None:
        await fn(update, context)
        raise ApplicationHandlerStop

    run.__name__ = run.__qualname__ = getattr(fn, "__name__", "handler")
    return run


def register(application: Application, group: int) -> None:
    """Commands and buttons, ahead of the user handlers (a reason is never also taken as a search)."""
    new = filters.UpdateType.MESSAGE  # an edited command must not run a second time
    application.add_handlers([CommandHandler(name, _final(fn), filters=new) for name, fn in COMMANDS.items()], group)
    application.add_handler(MessageHandler(new & filters.Document.ALL & filters.CaptionRegex(r"^/ingest(@\w+)?\b"),
                                           _final(catalog.ingest_cmd)), group)
    application.add_handlers([entry.handler(_button(op)) for entry, op in BUTTONS],
                             group)
    application.add_handler(CallbackQueryHandler(_button(_stale), pattern=r"^m:"), group)  # forged or outdated


async def on_pending_input(update: Update, context: Context) -> None:
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
    if mod := await gate(update, context, f"reply to {kind}"):
        text = None if msg.document is not None else (msg.text or "").strip()
        await PENDING_ANSWERS[kind](update, context, mod, pending, text)
    raise ApplicationHandlerStop


def register_answers(application: Application, group: int) -> None:
    new = filters.UpdateType.MESSAGE
    application.add_handler(MessageHandler(new & (filters.TEXT & ~filters.COMMAND | filters.Document.ALL)
                                           & ~filters.FORWARDED & ~filters.VIA_BOT, on_pending_input), group)
