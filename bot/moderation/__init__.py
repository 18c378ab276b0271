"""Moderator handlers as one named, persistent `ConversationHandler` ("moderation"): every command and
button is an entry point returning the next state — a prompt (common.py) or END — and the role commands.

Adding a moderator action: its use case in claims/services, and one entry — a button is one `Button`
row next to its op in queue.py or catalog.py (prefix "m:…" with exactly one colon, the regex of its
arguments, its meaning, op(update, context, mod, args); `BUTTONS` below collects it, nothing else to
register), put on a keyboard with `<ROW>.data(...)` (a claim card's rows are `catalog.card_buttons`,
given the claim as shown); a command is one `COMMANDS` entry and its menu. Then its texts in both
catalogues (an audit action's /history line is `mod.act.<action>`) and, for a button, its scenario in
tests/bot/test_stale_buttons.py (required for every button; it also checks the public is refused it
and the /history lines of the actions it made); a prompt's typed answer goes in `ANSWERS`. Read the
claim with `live_claim` (a press on a merged claim's stale card is refused, not done to the claim it
went into); a toggle's button carries the state it asks for (two stale cards must not flip it back); a
button with several arguments needs a sample in tests/bot/test_callbacks.py. A fault inside a button's
handler is answered with the generic error.
"""

from __future__ import annotations

import logging
import time
from functools import partial

from telegram import Update
from telegram.ext import (Application, ApplicationHandlerStop, CallbackQueryHandler, CommandHandler, MessageHandler,
                          filters)

from claims.errors import ClaimsError, Conflict, InvalidInput
from claims.i18n import t
from claims.services import moderators as mods
from claims.services.moderators import ADMIN, MODERATOR

from .. import callbacks as cb
from ..core import Context, answer, command_args, conversation, explain, message_text, reply, tell
from ..menus import set_commands_for
from ..render import cut, isolate
from . import catalog, queue, report
from .common import (CONVERT, END, INGEST, LINK_QUERY, MAX_ACTION_CHARS, OVERRIDE, REJECT, STORE, VERDICT, Button,
                     Mod, State, close_prompt, gate, open_prompt_in)
from .catalog import card_buttons
from .report import ANNOUNCE_EVERY, announce_new

log = logging.getLogger(__name__)

__all__ = ["ANNOUNCE_EVERY", "announce_new", "card_buttons", "register"]

# Every moderator button: the `Button` rows of queue.py and catalog.py (entry and op in one).
BUTTONS = tuple(v for module in (queue, catalog) for v in vars(module).values() if isinstance(v, Button))


async def _mod_add(update: Update, context: Context, mod: Mod, args: str) -> None:
    """/mod_add USER_ID [name]; the new moderator's command menu changes (bot/menus.py)."""
    if not (words := args.split(maxsplit=1)):
        return await mod.say(update, "mod.usage.mod_add")
    added = await context.run(mods.add_moderator, mod.actor, words[0], name=words[1] if len(words) > 1 else None,
                              admin_ids=context.runtime.admin_ids)
    if added:
        await set_commands_for(context.bot, int(words[0]), MODERATOR)
    await mod.say(update, "mod.role.added" if added else "mod.role.already", id=int(words[0]))


async def _mod_remove(update: Update, context: Context, mod: Mod, args: str) -> None:
    """/mod_remove USER_ID; their command menu changes back."""
    if len(words := args.split()) != 1:
        return await mod.say(update, "mod.usage.mod_remove")
    try:
        removed = await context.run(mods.remove_moderator, mod.actor, words[0], admin_ids=context.runtime.admin_ids)
    except Conflict:
        return await mod.say(update, "mod.role.is_admin", id=words[0])
    if removed:
        await set_commands_for(context.bot, int(words[0]), None)
    await mod.say(update, "mod.role.removed" if removed else "mod.role.not_mod", id=int(words[0]))


async def _mods(update: Update, context: Context, mod: Mod, args: str) -> None:
    """/mods: who can moderate."""
    rows = await context.run(mods.list_moderators, context.runtime.admin_ids)
    await reply(update, "\n".join([mod.t("mod.role.list_head", n=len(rows)), *(
        mod.t(f"mod.role.row_{r.role}", id=r.user_id, name=isolate(r.name)) for r in rows)]))


# Commands, called as fn(update, context, mod, text after the command word); a new one also goes in a
# menu, bot/menus.py MOD_COMMANDS or ADMIN_COMMANDS (tests/bot/test_break38_bot.py checks they agree).
# The writing ones close an open prompt (a reason is never taken from a later command), the reading
# ones (/history, /stats, /mods) leave it open; any other command closes it (`_moved_on`).
COMMANDS = {
    "queue": queue.queue_cmd, "verdict": catalog.verdict_cmd, "addclaim": catalog.addclaim_cmd,
    "editclaim": catalog.editclaim_cmd, "merge": catalog.merge_cmd, "ingest": catalog.ingest_cmd,
    "history": catalog.history_cmd, "stats": report.stats_cmd, "mods": _mods,
    "mod_add": _mod_add, "mod_remove": _mod_remove,
}
CLOSING = {"queue", "verdict", "addclaim", "editclaim", "merge", "ingest"}
ADMIN_ONLY = {"mod_add", "mod_remove"}
# The typed answer each prompt waits for, called as fn(update, context, mod, prompt, text).
ANSWERS = {REJECT: partial(queue.answered, "source", mods.reject_source, "mod.done.rejected"),
           CONVERT: partial(queue.answered, "tip", mods.convert_tip_text, "mod.done.converted"),
           LINK_QUERY: queue.answer_link_query, VERDICT: catalog.answer_verdict_reason, INGEST: catalog.answer_ingest}


async def _guarded(update: Update, context: Context, action: str, fn, *args, need: str = MODERATOR,  # noqa: ANN001
                   on_error=lambda err: None) -> State:
    """The gate, then `fn(update, context, mod, *args)`'s state; a domain error is worded, state `on_error(err)`."""
    if mod := await gate(update, context, action, need=need):
        try:
            return await fn(update, context, mod, *args)
        except ClaimsError as err:
            await tell(update, explain(mod.lang, err, "mod"))
            return on_error(err)
    return None


def _button(op):  # noqa: ANN001, ANN202
    """A moderator button; data no button of ours carries (or an expired confirmation) gets an alert."""

    async def run(update: Update, context: Context) -> None:
        q, state = update.callback_query, None
        try:
            state = await _guarded(update, context, f"button {q.data}", op, q.data.split(":")[2:])
        except (IndexError, ValueError):
            await answer(q, t(context.lang, "mod.expired"), alert=True)
        except Exception:   # noqa: BLE001 - a fault of ours: said as one, and no later group answers "expired"
            log.exception("moderator button %s failed", (q.data or "").split(":")[:2])
            await answer(q, t(context.lang, "err.generic"), alert=True)
        raise ApplicationHandlerStop(state)

    return run


async def _stale(*args: object) -> None:
    raise ValueError("no such moderator button")


def _command(name: str, fn):  # noqa: ANN001, ANN202
    """A moderator command (admins only for ADMIN_ONLY); the update is ours afterwards."""

    async def run(update: Update, context: Context) -> None:
        # what the audit log keeps of the command (of an article: its start)
        action = cut(message_text(update.effective_message), 40 if name == "ingest" else MAX_ACTION_CHARS) or "?"
        state = await _guarded(update, context, action, fn, command_args(update),
                               need=ADMIN if name in ADMIN_ONLY else MODERATOR)
        raise ApplicationHandlerStop(END if state is None and name in CLOSING else state)

    return run


def _answer(state: str):  # noqa: ANN202
    """The typed answer to the prompt of `state` in this chat; a prompt left for PROMPT_TTL (or whose data
    is gone) closes and the message passes on to the user handlers; an invalid answer may be retried."""

    async def run(update: Update, context: Context) -> State:
        msg = update.effective_message
        if (prompt := open_prompt_in(context, state, msg.chat.id)) is None:
            return END
        prompt["at"] = time.time()
        text = None if msg.document is not None else (msg.text or "").strip()
        raise ApplicationHandlerStop(await _guarded(
            update, context, f"reply to {state}", ANSWERS[state], prompt, text,
            on_error=lambda err: state if isinstance(err, InvalidInput) else END) or END)

    return run


async def _cancel(update: Update, context: Context) -> State:
    """/cancel closes the prompt or confirmation open in this chat, and the update is ours; with none
    open it passes on to the user handlers (/submit's cancel, or "nothing to cancel")."""
    if not close_prompt(context, update.effective_chat.id):
        return END
    await reply(update, t(context.lang, "mod.cancelled"))
    raise ApplicationHandlerStop(END)


async def _moved_on(update: Update, context: Context) -> State:
    """Another command or Submit while a prompt is open: it closes; the update goes on to the user handlers."""
    return END


def register(application: Application, group: int) -> None:
    """Commands, buttons and prompts, ahead of the user handlers (a reason is never also taken as a search)."""
    new = filters.UpdateType.MESSAGE  # an edited command must not run a second time
    typed = new & filters.TEXT & ~filters.COMMAND & ~filters.FORWARDED & ~filters.VIA_BOT
    entries = [CommandHandler(name, _command(name, fn), filters=new) for name, fn in COMMANDS.items()]
    entries.append(MessageHandler(new & filters.Document.ALL & filters.CaptionRegex(r"^/ingest(@\w+)?\b"),
                                  _command("ingest", catalog.ingest_cmd)))
    entries += [button.handler(_button(button.op)) for button in BUTTONS]
    entries.append(CallbackQueryHandler(_button(_stale), pattern=r"^m:"))  # forged or outdated
    # OVERRIDE and STORE wait for their button (an entry point, as every button): no typed answer.
    states = {state: [MessageHandler(typed, _answer(state))] for state in ANSWERS} | {OVERRIDE: [], STORE: []}
    states[INGEST] = [MessageHandler(typed | (new & filters.Document.ALL & ~filters.FORWARDED), _answer(INGEST))]
    # Fallbacks are tried only while a prompt is open, after the entry points (moderator commands).
    fallbacks = [CommandHandler("cancel", _cancel, filters=new), MessageHandler(new & filters.COMMAND, _moved_on),
                 CallbackQueryHandler(_moved_on, pattern=cb.SUBMIT.pattern)]
    application.add_handler(conversation(application, "moderation", entries, states, fallbacks), group)
