"""What every moderator handler shares: the authorisation gate and the states of the moderation
conversation (the prompts whose typed answer it waits for). Replies, database calls and error wording come from bot/core.py like everyone's.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from telegram import Update
from telegram.ext import ConversationHandler

from claims.errors import Forbidden
from claims.services import moderators as mods

from ..core import Context, answer, reply
from ..i18n import t
from ..render import cut
from ..runtime import Runtime

PROMPT_TTL = 10 * 60  # seconds a prompt ("send the reason") stays answerable
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


# --- prompts: states of the moderation conversation (bot/moderation/__init__.py) ----------------------
# A handler returns the state the moderator's conversation moves to: one of these after asking for a
# typed answer, END when it closed an open prompt, None to leave the conversation as it was.

END = ConversationHandler.END
REJECT, CONVERT, LINK_QUERY, VERDICT, INGEST = "reject", "convert", "link_query", "verdict", "ingest"
PROMPT_KEY = "mod_prompts"  # user_data: chat id (str) -> what the open prompt there is about (state, ids, when)
State = str | int | None


def open_prompt(context: Context, state: str, chat_id: int, **data: Any) -> str:
    """Remember what the moderator's next message in `chat_id` answers (JSON-safe, persisted with the
    conversation); returns `state` for the handler to return.

    One prompt per chat, like the conversation's state (keyed by chat and user): a prompt opened in
    the private chat leaves the one open in the moderation chat as it was."""
    prompts = context.user_data.setdefault(PROMPT_KEY, {})
    prompts[str(chat_id)] = {"state": state, "chat_id": chat_id, "at": time.time(), **data}
    return state


def open_prompt_in(context: Context, state: str, chat_id: int) -> dict | None:
    """The prompt of `state` open in `chat_id` and not older than PROMPT_TTL, else None."""
    prompt = (context.user_data.get(PROMPT_KEY) or {}).get(str(chat_id))
    if not prompt or prompt.get("state") != state or time.time() - prompt.get("at", 0) > PROMPT_TTL:
        return None
    return prompt


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
