"""Moderator handlers, registered as one named, persistent `ConversationHandler` ("moderation"; README.md,
"Development", layout): every command and button is an entry point returning the next state — a
prompt waiting for a typed answer or a confirmation button (common.py), or END.

Adding a moderator action: its use case in claims/services, and one entry in `BUTTONS` (with its
callback entry in bot/callbacks.py and the button on a keyboard of cards.py) or `COMMANDS`; its texts
in both catalogues; a button also needs its scenario in tests/bot/test_stale_buttons.py (that test and
tests/bot/test_callbacks.py fail without). One that asks for a typed answer names its state in `ANSWERS`.
"""

from __future__ import annotations

import time
from functools import partial

from telegram import Update
from telegram.ext import Application, ApplicationHandlerStop, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from claims.errors import ClaimsError
from claims.i18n import t
from claims.services import moderators as mods
from claims.services.moderators import ADMIN, MODERATOR

from .. import callbacks as cb
from ..core import Context, answer, command_args, conversation, explain, reply, tell
from . import cards, catalog, queue, report, roles
from .common import (CONVERT, END, INGEST, LINK_QUERY, MAX_ACTION_CHARS, OVERRIDE, REJECT, STORE, VERDICT,
                     State, close_prompt, command_action, gate, open_prompt_in)
from .report import ANNOUNCE_EVERY, announce_new

__all__ = ["ANNOUNCE_EVERY", "announce_new", "card_buttons", "register"]

# Every moderator button: its callback entry and what it does, called as op(update, context, mod, args).
# A queue action is `queue.act(kind, use case, toast, closes the prompt?)`; a prompt is
# `queue.ask(kind, state, note, keyboard)`, and its typed answer is in ANSWERS.
BUTTONS = (
    (cb.MOD_NEXT, queue.next_card), (cb.MOD_SKIP, queue.skip), (cb.MOD_CANCEL, catalog.cancel),
    (cb.SOURCE_APPROVE, partial(queue.act, "source", mods.approve_source, "mod.done.approved", False)),
    (cb.SOURCE_REJECT, partial(queue.ask, "source", REJECT, "mod.prompt.reject", cards.reject_keyboard)),
    (cb.SOURCE_REJECT_PRESET, queue.reject_preset), (cb.SOURCE_BACK, partial(queue.back, "source")),
    (cb.TIP_BACK, partial(queue.back, "tip")), (cb.TIP_LINK, queue.link_candidates),
    (cb.TIP_LINK_SEARCH, partial(queue.ask, "tip", LINK_QUERY, "mod.prompt.search", cards.back_keyboard)),
    (cb.TIP_LINK_PICK, partial(queue.act, "tip", mods.link_tip_to_claim, "mod.done.linked", True)),
    (cb.TIP_CONVERT, partial(queue.ask, "tip", CONVERT, "mod.prompt.convert", cards.convert_keyboard)),
    (cb.TIP_CONVERT_AS_IS, partial(queue.act, "tip", mods.convert_tip_text, "mod.done.converted", True)),
    (cb.TIP_DISMISS, partial(queue.act, "tip", mods.dismiss_queued_tip, "mod.done.dismissed", False)),
    (cb.VERDICT, catalog.choose_verdict), (cb.VERDICT_CHOSEN, catalog.verdict_chosen),
    (cb.VERDICT_OVERRIDE, catalog.verdict_override), (cb.HISTORY, catalog.history_button),
    (cb.INGEST_CONFIRM, catalog.ingest_confirm), (cb.INGEST_CANCEL, catalog.cancel),
)
# Commands, called as fn(update, context, mod, text after the command word). The writing ones close
# an open prompt (a reason is never taken from a later command), the reading ones (/history, /stats,
# /mods) leave it open; any other command closes it (`_moved_on`).
COMMANDS = {
    "queue": queue.queue_cmd, "verdict": catalog.verdict_cmd, "addclaim": catalog.addclaim_cmd,
    "editclaim": catalog.editclaim_cmd, "merge": catalog.merge_cmd, "ingest": catalog.ingest_cmd,
    "history": catalog.history_cmd, "stats": report.stats_cmd, "mods": roles.mods_cmd,
    "mod_add": roles.mod_add_cmd, "mod_remove": roles.mod_remove_cmd,
}
CLOSING = {"queue", "verdict", "addclaim", "editclaim", "merge", "ingest"}
ADMIN_ONLY = {"mod_add", "mod_remove"}
ACTION_CHARS = {"ingest": 40}  # what the audit log keeps of a refused command (an article: its start)
# The typed answer each prompt waits for, called as fn(update, context, mod, prompt, text).
ANSWERS = {REJECT: partial(queue.answered, "source", mods.reject_source, "mod.done.rejected"),
           CONVERT: partial(queue.answered, "tip", mods.convert_tip_text, "mod.done.converted"),
           LINK_QUERY: queue.answer_link_query, VERDICT: catalog.answer_verdict_reason, INGEST: catalog.answer_ingest}
STATES = {*ANSWERS, OVERRIDE, STORE}


def card_buttons(role: str | None, claim_id: int, lang: str) -> list[list[tuple[str, str]]]:
    """Extra rows of (label, callback_data) for a claim card, for the reader's role (`moderators.role_of`):
    moderators and admins get "Set verdict" and "History", everyone else nothing."""
    return [] if role is None else cards.verdict_rows(lang, claim_id)


def _state(value: object) -> State:
    """What a handler returned, as a state (handlers may return what `reply` returned: no state)."""
    return value if value == END or value in STATES else None


def _button(op):  # noqa: ANN001, ANN202
    """One gate for every moderator button; a domain error or data no button of ours carries (or a
    confirmation that is gone) is answered in an alert; the update is ours afterwards."""

    async def run(update: Update, context: Context) -> None:
        q, state = update.callback_query, None
        if mod := await gate(update, context, f"button {q.data}"):
            try:
                state = await op(update, context, mod, q.data.split(":")[2:])
            except ClaimsError as err:
                await tell(update, explain(mod.lang, err, "mod"))
            except (IndexError, ValueError):
                await answer(q, mod.t("mod.expired"), alert=True)
        raise ApplicationHandlerStop(_state(state))

    run.__name__ = run.__qualname__ = getattr(op, "func", op).__name__
    return run


async def _stale(update: Update, context: Context, mod, args: list[str]) -> None:  # noqa: ANN001
    raise ValueError("no such moderator button")


def _command(name: str, fn):  # noqa: ANN001, ANN202
    """The gate (admins only for ADMIN_ONLY), the command, a domain error worded; the update is ours."""

    async def run(update: Update, context: Context) -> None:
        state, need = None, ADMIN if name in ADMIN_ONLY else MODERATOR
        if mod := await gate(update, context, command_action(update, ACTION_CHARS.get(name, MAX_ACTION_CHARS)), need=need):
            try:
                state = _state(await fn(update, context, mod, command_args(update)))
            except ClaimsError as err:
                await tell(update, explain(mod.lang, err, "mod"))
        raise ApplicationHandlerStop(END if state is None and name in CLOSING else state)

    run.__name__ = run.__qualname__ = getattr(fn, "__name__", "handler")
    return run


def _answer(state: str):  # noqa: ANN202
    """The typed answer to the prompt of `state` in this chat; a prompt left for PROMPT_TTL (or whose
    data is gone) is closed and the message passes on to the user handlers (checked like any other).
    After an invalid answer (too long, say) the prompt stays open for another try."""
    fn = ANSWERS[state]

    async def run(update: Update, context: Context) -> State:
        msg, new = update.effective_message, END
        if (prompt := open_prompt_in(context, state, msg.chat.id)) is None:
            return END
        if mod := await gate(update, context, f"reply to {state}"):
            try:
                text = None if msg.document is not None else (msg.text or "").strip()
                new = _state(await fn(update, context, mod, prompt, text)) or END
            except ClaimsError as err:
                await tell(update, explain(mod.lang, err, "mod"))
                new = state if err.code == "invalid_input" else END
            prompt["at"] = time.time()
        raise ApplicationHandlerStop(new)

    run.__name__ = run.__qualname__ = f"answer_{state}"
    return run


async def _cancel(update: Update, context: Context) -> State:
    """/cancel while a prompt or a confirmation is open in this chat: it closes (a later Set anyway or
    Store press finds it gone) and the moderator is told so; the update is ours. With none open the
    command passes on to the user handlers (/submit's cancel, or "nothing to cancel")."""
    if not close_prompt(context, update.effective_chat.id):
        return END
    await reply(update, t(context.lang, "mod.cancelled"))
    raise ApplicationHandlerStop(END)


async def _moved_on(update: Update, context: Context) -> State:
    """Another command (/start, /submit, /search, …) or the Submit button while a prompt is open: the
    moderator has moved on, so the prompt closes and the update passes on to the user handlers —
    the next message (a claim number for /submit, a post to check) is never taken as the answer."""
    return END


def register(application: Application, group: int) -> None:
    """Commands, buttons and prompts, ahead of the user handlers (a reason is never also taken as a search)."""
    new = filters.UpdateType.MESSAGE  # an edited command must not run a second time
    typed = new & filters.TEXT & ~filters.COMMAND & ~filters.FORWARDED & ~filters.VIA_BOT
    entries = [CommandHandler(name, _command(name, fn), filters=new) for name, fn in COMMANDS.items()]
    entries.append(MessageHandler(new & filters.Document.ALL & filters.CaptionRegex(r"^/ingest(@\w+)?\b"),
                                  _command("ingest", catalog.ingest_cmd)))
    entries += [entry.handler(_button(op)) for entry, op in BUTTONS]
    entries.append(CallbackQueryHandler(_button(_stale), pattern=r"^m:"))  # forged or outdated
    # OVERRIDE and STORE wait for their button (an entry point, as every button): no typed answer.
    states = {state: [MessageHandler(typed, _answer(state))] for state in ANSWERS} | {OVERRIDE: [], STORE: []}
    states[INGEST] = [MessageHandler(typed | (new & filters.Document.ALL & ~filters.FORWARDED), _answer(INGEST))]
    # Fallbacks are tried only while a prompt is open, after the entry points (moderator commands).
    fallbacks = [CommandHandler("cancel", _cancel, filters=new), MessageHandler(new & filters.COMMAND, _moved_on),
                 CallbackQueryHandler(_moved_on, pattern=cb.SUBMIT.pattern)]
    application.add_handler(conversation(application, "moderation", entries, states, fallbacks), group)
