"""What every moderator handler shares: the authorisation gate, database calls off the event loop,
the moderator's language, error wording, and the "next text message is the answer" state.

Handlers stay thin: `gate()` checks the role (recording a refusal), then one service call runs in
a worker thread through `db()`, so a slow or locked database never stalls the event loop.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from telegram import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest, TelegramError
from telegram.ext import ContextTypes

from claims.errors import ClaimsError, Conflict, Forbidden, InvalidInput, NotFound
from claims.services import moderators as mods
from claims.services.verdicts import EvidenceRequired

from ..i18n import lang_for_code, t
from ..render import MAX_MESSAGE, callback, cut, fit, html_to_text
from ..runtime import Runtime, get_runtime

log = logging.getLogger(__name__)
T = TypeVar("T")

PENDING_KEY = "mod_pending"
PENDING_TTL = 10 * 60  # seconds a prompt ("send the reason") stays answerable
MAX_ACTION_CHARS = 120  # how much of a refused command the audit log keeps


async def db(runtime: Runtime, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run `fn(session, *args, **kwargs)` in a worker thread with its own session."""

    def call() -> T:
        with runtime.session() as session:
            return fn(session, *args, **kwargs)

    return await asyncio.to_thread(call)


@dataclass
class Mod:
    """The moderator behind an update, authorised: who, in which language, with which runtime."""

    actor: mods.Actor
    lang: str
    runtime: Runtime


def _authorize(session, user, admin_ids, action, need):  # noqa: ANN001, ANN202
    try:
        return mods.authorize(session, user.id if user else None, user.full_name if user else None, admin_ids,
                              action, need=need)
    except Forbidden:
        return None


def lang_of(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """The reader's language, the same way the user handlers pick it (their /lang choice first)."""
    try:
        from ..handlers.common import lang_of as user_lang
    except ImportError:  # pragma: no cover  (user handlers not installed)
        user = update.effective_user
        return lang_for_code(user.language_code if user else None, get_runtime(context).settings.default_language)
    return user_lang(update, context)


async def gate(update: Update, context: ContextTypes.DEFAULT_TYPE, action: str, *,
               need: str = mods.MODERATOR) -> Mod | None:
    """The moderator, or None after refusing with one line (and the attempt in the audit log)."""
    runtime = get_runtime(context)
    user = update.effective_user
    lang = lang_of(update, context)
    actor = await db(runtime, _authorize, user, runtime.admin_ids, cut(action, MAX_ACTION_CHARS), need)
    if actor is None:
        key = "mod.denied_admin" if need == mods.ADMIN else "mod.denied"
        if update.callback_query is not None:
            await update.callback_query.answer(t(lang, key), show_alert=True)
        elif update.effective_message is not None:
            await update.effective_message.reply_text(t(lang, key), parse_mode=ParseMode.HTML)
        return None
    return Mod(actor, lang, runtime)


def command_action(update: Update) -> str:
    """What the refused command was, for the audit log: the command and the start of its arguments."""
    msg = update.effective_message
    return cut((msg.text or msg.caption or "") if msg else "", MAX_ACTION_CHARS) or "?"


def button_action(update: Update) -> str:
    return f"button {update.callback_query.data}" if update.callback_query else "button"


# --- replies ---------------------------------------------------------------------------------------

def kb(rows: list[list[tuple[str, str]]]) -> InlineKeyboardMarkup:
    """Inline keyboard from (label, callback_data) pairs; callback() enforces the 64-byte limit."""
    return InlineKeyboardMarkup([[InlineKeyboardButton(label, callback_data=callback(data))
                                  for label, data in row] for row in rows if row])


async def reply(update: Update, html: str, markup: InlineKeyboardMarkup | None = None) -> Message | None:
    msg = update.effective_message
    if msg is None:
        return None
    return await msg.reply_text(fit(html, MAX_MESSAGE), parse_mode=ParseMode.HTML, reply_markup=markup,
                                disable_web_page_preview=True)


async def edit(query: CallbackQuery, html: str, markup: InlineKeyboardMarkup | None = None) -> None:
    """Edit the card in place; "message is not modified" (a double press) is not an error."""
    try:
        await query.edit_message_text(fit(html, MAX_MESSAGE), parse_mode=ParseMode.HTML, reply_markup=markup,
                                      disable_web_page_preview=True)
    except BadRequest as err:
        if "not modified" not in str(err).lower():
            raise


async def edit_at(context: ContextTypes.DEFAULT_TYPE, chat_id: int, message_id: int, html: str,
                  markup: InlineKeyboardMarkup | None = None) -> None:
    """Edit a card we only know by chat and message id (after a typed answer to its prompt)."""
    try:
        await context.bot.edit_message_text(fit(html, MAX_MESSAGE), chat_id=chat_id, message_id=message_id,
                                            parse_mode=ParseMode.HTML, reply_markup=markup,
                                            disable_web_page_preview=True)
    except BadRequest as err:
        if "not modified" not in str(err).lower():
            log.info("could not edit card %s/%s: %s", chat_id, message_id, err)
    except TelegramError as err:
        log.info("could not edit card %s/%s: %s", chat_id, message_id, err)


def error_text(lang: str, err: ClaimsError) -> str:
    """One clear line for a refused request; the service's English detail only as a last resort."""
    p = err.params
    if isinstance(err, EvidenceRequired):
        return t(lang, "mod.err.evidence", id=p.get("claim_id", "?"))
    if isinstance(err, NotFound):
        for what in ("claim", "source", "tip"):
            if str(err).startswith(f"no {what} with id"):
                return t(lang, f"mod.err.no_{what}", id=p.get("id", "?"))
        return t(lang, "mod.err.invalid", detail=cut(str(err), 300))
    if isinstance(err, InvalidInput):
        if "valid" in p:
            return t(lang, "mod.err.verdict", value=cut(str(p.get("value", "")), 40), valid=p["valid"])
        if "limit" in p:
            return t(lang, "mod.err.too_long", limit=p["limit"])
        if "value" in p and "id must be" in str(err):
            return t(lang, "mod.err.bad_id", value=cut(str(p["value"]), 40))
        return t(lang, "mod.err.invalid", detail=cut(str(err), 300))
    if isinstance(err, Conflict):
        if "merged_into" in p and "claim_id" in p:
            return t(lang, "mod.err.merged", id=p["claim_id"], new=p["merged_into"])
        return t(lang, "mod.err.conflict", detail=cut(str(err), 300))
    return t(lang, "mod.err.invalid", detail=cut(str(err), 300))


# --- "the next text message from this moderator is the answer" -------------------------------------

def set_pending(context: ContextTypes.DEFAULT_TYPE, kind: str, chat_id: int, **data: Any) -> None:
    """Remember what the moderator's next text message in `chat_id` answers (JSON-safe, for persistence)."""
    context.user_data[PENDING_KEY] = {"kind": kind, "chat_id": chat_id, "at": time.time(), **data}


def take_pending(context: ContextTypes.DEFAULT_TYPE, chat_id: int) -> dict | None:
    """The open prompt for this chat (removed), or None; a stale prompt is dropped."""
    pending = (context.user_data or {}).get(PENDING_KEY)
    if not pending or pending.get("chat_id") != chat_id:
        return None
    context.user_data.pop(PENDING_KEY, None)
    if time.time() - pending.get("at", 0) > PENDING_TTL:
        return None
    return pending


def clear_pending(context: ContextTypes.DEFAULT_TYPE) -> None:
    if context.user_data is not None:
        context.user_data.pop(PENDING_KEY, None)


def stash(context: ContextTypes.DEFAULT_TYPE, slot: str, value: Any, keep: int = 5) -> str:
    """Keep `value` under a short token (for callback_data) in user_data; only the last `keep` survive."""
    store = context.user_data.setdefault(f"mod_{slot}", {})
    token = f"{int(time.time() * 1000) % 10**9:x}"
    while token in store:
        token += "0"
    store[token] = value
    for old in list(store)[:-keep]:
        store.pop(old, None)
    return token


def unstash(context: ContextTypes.DEFAULT_TYPE, slot: str, token: str) -> Any:
    return (context.user_data or {}).get(f"mod_{slot}", {}).pop(token, None)


async def run_button(update: Update, context: ContextTypes.DEFAULT_TYPE, dispatch) -> None:  # noqa: ANN001
    """A moderator button ``m:<op>:<args>``: one gate, then `dispatch(update, context, mod, op, args)`;
    a domain error or data no button of ours carries is answered in an alert."""
    q = update.callback_query
    if not (mod := await gate(update, context, f"button {q.data}")):
        return
    parts = q.data.split(":")
    op, args = (parts[1] if len(parts) > 1 else ""), parts[2:]
    try:
        await dispatch(update, context, mod, op, args)
    except ClaimsError as err:
        await q.answer(cut(html_to_text(error_text(mod.lang, err)), 190), show_alert=True)
    except (IndexError, ValueError):
        await q.answer(t(mod.lang, "mod.expired"), show_alert=True)
