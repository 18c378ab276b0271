"""What every moderator handler shares: the authorisation gate and the "next text message is the
answer" state. Replies, database calls and error wording come from bot/core.py like everyone's.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from telegram import Update

from claims.errors import Forbidden
from claims.services import moderators as mods

from ..core import Context, answer, reply
from ..i18n import t
from ..render import cut
from ..runtime import Runtime

PENDING_KEY = "mod_pending"
PENDING_TTL = 10 * 60  # seconds a prompt ("send the reason") stays answerable
MAX_ACTION_CHARS = 120  # how much of a refused command the audit log keeps


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


async def gate(update: Update, context: Context, action: str, *, need: str = mods.MODERATOR) -> Mod | None:
    """The moderator, or None after refusing with one line (and the attempt in the audit log)."""
    runtime = context.runtime
    user = update.effective_user
    lang = context.lang
    actor = await context.run(_authorize, user, runtime.admin_ids, cut(action, MAX_ACTION_CHARS), need)
    if actor is None:
        key = "mod.denied_admin" if need == mods.ADMIN else "mod.denied"
        if update.callback_query is not None:
            await answer(update.callback_query, t(lang, key), alert=True)
        elif update.effective_message is not None:
            await reply(update, t(lang, key))
        return None
    return Mod(actor, lang, runtime)


def command_action(update: Update) -> str:
    """What the refused command was, for the audit log: the command and the start of its arguments."""
    msg = update.effective_message
    return cut((msg.text or msg.caption or "") if msg else "", MAX_ACTION_CHARS) or "?"


def button_action(update: Update) -> str:
    return f"button {update.callback_query.data}" if update.callback_query else "button"


# --- "the next text message from this moderator is the answer" -------------------------------------

def set_pending(context: Context, kind: str, chat_id: int, **data: Any) -> None:
    """Remember what the moderator's next text message in `chat_id` answers (JSON-safe, for persistence)."""
    context.user_data[PENDING_KEY] = {"kind": kind, "chat_id": chat_id, "at": time.time(), **data}


def take_pending(context: Context, chat_id: int) -> dict | None:
    """The open prompt for this chat (removed), or None; a stale prompt is dropped."""
    pending = (context.user_data or {}).get(PENDING_KEY)
    if not pending or pending.get("chat_id") != chat_id:
        return None
    context.user_data.pop(PENDING_KEY, None)
    if time.time() - pending.get("at", 0) > PENDING_TTL:
        return None
    return pending


def clear_pending(context: Context) -> None:
    if context.user_data is not None:
        context.user_data.pop(PENDING_KEY, None)


def stash(context: Context, slot: str, value: Any, keep: int = 5) -> str:
    """Keep `value` under a short token (for callback_data) in user_data; only the last `keep` survive."""
    store = context.user_data.setdefault(f"mod_{slot}", {})
    token = f"{int(time.time() * 1000) % 10**9:x}"
    while token in store:
        token += "0"
    store[token] = value
    for old in list(store)[:-keep]:
        store.pop(old, None)
    return token


def unstash(context: Context, slot: str, token: str) -> Any:
    return (context.user_data or {}).get(f"mod_{slot}", {}).pop(token, None)
