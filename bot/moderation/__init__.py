"""Moderator handlers (roles, queue, verdicts, merges, audit, stats), registered by bot/app.py as one
named, persistent `ConversationHandler` ("moderation"): every moderator command and button is an
entry point and returns the conversation's next state — a prompt that waits for a typed answer
(reject with a reason, the reason for a verdict, a search to link a tip, the text of a new claim,
the article to ingest; bot/moderation/common.py) or END. Like /submit, the state lives in the
database (bot/persistence.py), so a prompt survives a restart and is answered on any worker.

Adding a moderator action: its use case in claims/services, and one entry in `BUTTONS` (with its
callback entry) or `COMMANDS`; one that asks for a typed answer also names its state in `ANSWERS`.

Offered to the other features through the runtime (bot/app.py `wire`): `card_buttons` (the
moderator rows under a claim card) and `announce_new` (post new tips and sources to
MODERATION_CHAT_ID now; the `announce_job` does it every ANNOUNCE_EVERY seconds anyway).
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Awaitable, Callable

from telegram import InlineKeyboardButton, Update
from telegram.ext import (Application, ApplicationHandlerStop, CallbackQueryHandler, CommandHandler,
                          ConversationHandler, MessageHandler, filters)
from telegram.warnings import PTBUserWarning

from claims.errors import ClaimsError

from .. import callbacks as cb
from ..core import Context, answer, explain
from ..i18n import t
from . import catalog, queue, report, roles
from .common import CONVERT, END, INGEST, LINK_QUERY, REJECT, VERDICT, Mod, State, gate, open_prompt_in
from .report import ANNOUNCE_EVERY, announce_new

__all__ = ["ANNOUNCE_EVERY", "announce_job", "announce_new", "card_buttons", "register"]

ButtonOp = Callable[[Update, Context, Mod, list[str]], Awaitable[State]]

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
# Commands; the writing ones close an open prompt (a reason is never taken from a later command), the
# reading ones (/history, /stats, /mods) leave it open; any other command closes it (`_moved_on`).
COMMANDS = {
    "queue": queue.queue_cmd, "verdict": catalog.verdict_cmd, "addclaim": catalog.addclaim_cmd,
    "editclaim": catalog.editclaim_cmd, "merge": catalog.merge_cmd, "ingest": catalog.ingest_cmd,
    "history": catalog.history_cmd, "stats": report.stats_cmd, "mods": roles.mods_cmd,
    "mod_add": roles.mod_add_cmd, "mod_remove": roles.mod_remove_cmd,
}
CLOSING = {"queue", "verdict", "addclaim", "editclaim", "merge", "ingest"}
# The typed answer each prompt waits for.
ANSWERS = {REJECT: queue.answer_reject, CONVERT: queue.answer_convert, LINK_QUERY: queue.answer_link_query,
           VERDICT: catalog.answer_verdict_reason, INGEST: catalog.answer_ingest}


def card_buttons(role: str | None, claim_id: int, lang: str) -> list[list[InlineKeyboardButton]]:
    """Extra rows for a claim card, for the reader's role (`moderators.role_of`): moderators and
    admins get "Set verdict" and "History", everyone else nothing."""
    if role is None:
        return []
    return [[InlineKeyboardButton(t(lang, "mod.btn.verdict"), callback_data=cb.VERDICT.data(claim_id)),
             InlineKeyboardButton(t(lang, "mod.btn.history"), callback_data=cb.HISTORY.data(claim_id))]]


async def announce_job(application: Application) -> None:
    await announce_new(application.bot, application.bot_data["runtime"])


def _state(value: object) -> State:
    """What a handler returned, as a state (handlers may return what `reply` returned: no state)."""
    return value if value == END or value in ANSWERS else None


def _button(op: ButtonOp):  # noqa: ANN202
    """One gate for every moderator button; a domain error or data no button of ours carries is
    answered in an alert; the update is ours afterwards (no user handler answers it too)."""

    async def run(update: Update, context: Context) -> None:
        q, state = update.callback_query, None
        if mod := await gate(update, context, f"button {q.data}"):
            try:
                state = await op(update, context, mod, q.data.split(":")[2:])
            except ClaimsError as err:
                await answer(q, explain(mod.lang, err, "mod"), alert=True)
            except (IndexError, ValueError):
                await answer(q, t(mod.lang, "mod.expired"), alert=True)
        raise ApplicationHandlerStop(_state(state))

    run.__name__ = run.__qualname__ = getattr(op, "__name__", "button")
    return run


async def _stale(update: Update, context: Context, mod: Mod, args: list[str]) -> None:
    raise ValueError("no such moderator button")


def _command(name: str, fn):  # noqa: ANN001, ANN202
    """Once a moderator command has run, the update is ours: no user handler answers it too."""

    async def run(update: Update, context: Context) -> None:
        state = _state(await fn(update, context))
        raise ApplicationHandlerStop(END if state is None and name in CLOSING else state)

    run.__name__ = run.__qualname__ = getattr(fn, "__name__", "handler")
    return run


def _answer(state: str):  # noqa: ANN202
    """The typed answer to the prompt of `state` in this chat; a prompt left for PROMPT_TTL (or whose
    data is gone) is closed and the message passes on to the user handlers (checked like any other)."""
    fn = ANSWERS[state]

    async def run(update: Update, context: Context) -> State:
        msg = update.effective_message
        if (prompt := open_prompt_in(context, state, msg.chat.id)) is None:
            return END
        new = END
        if mod := await gate(update, context, f"reply to {state}"):
            new = await fn(update, context, mod, prompt, None if msg.document is not None else (msg.text or "").strip())
            prompt["at"] = time.time()
        raise ApplicationHandlerStop(new)

    run.__name__ = run.__qualname__ = f"answer_{state}"
    return run


async def _moved_on(update: Update, context: Context) -> State:
    """Another command (/start, /submit, /search, …) or the Submit button while a prompt is open: the
    moderator has moved on, so the prompt closes and the update passes on to the user handlers —
    the next message (a claim number for /submit, a post to check) is never taken as the answer."""
    return END


def conversation(persistent: bool = True) -> ConversationHandler:
    new = filters.UpdateType.MESSAGE  # an edited command must not run a second time
    typed = new & filters.TEXT & ~filters.COMMAND & ~filters.FORWARDED & ~filters.VIA_BOT
    entries = [CommandHandler(name, _command(name, fn), filters=new) for name, fn in COMMANDS.items()]
    entries.append(MessageHandler(new & filters.Document.ALL & filters.CaptionRegex(r"^/ingest(@\w+)?\b"),
                                  _command("ingest", catalog.ingest_cmd)))
    entries += [entry.handler(_button(op)) for entry, op in BUTTONS]
    entries.append(CallbackQueryHandler(_button(_stale), pattern=r"^m:"))  # forged or outdated
    states = {state: [MessageHandler(typed, _answer(state))] for state in ANSWERS}
    states[INGEST] = [MessageHandler(typed | (new & filters.Document.ALL & ~filters.FORWARDED), _answer(INGEST))]
    with warnings.catch_warnings():
        # Buttons in a per-chat conversation are what we want (any card's buttons, in the chat of
        # the prompt); PTB warns because it cannot tie them to one message.
        warnings.simplefilter("ignore", PTBUserWarning)
        # Fallbacks are tried only while a prompt is open, after the entry points (moderator commands).
        fallbacks = [MessageHandler(new & filters.COMMAND, _moved_on),
                     CallbackQueryHandler(_moved_on, pattern=cb.SUBMIT.pattern)]
        return ConversationHandler(entry_points=entries, states=states, fallbacks=fallbacks, allow_reentry=True,
                                   name="moderation", persistent=persistent)


def register(application: Application, group: int) -> None:
    """Commands, buttons and prompts, ahead of the user handlers (a reason is never also taken as a search)."""
    application.add_handler(conversation(persistent=application.persistence is not None), group)
