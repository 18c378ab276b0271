"""What every moderator handler shares: the authorisation gate and the prompts (states of the
moderation conversation whose data — which item, which message — is kept with it in user_data)."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from telegram import Update

from claims.errors import Forbidden
from claims.i18n import t
from claims.services import moderators as mods

from ..callbacks import Callback
from ..core import END, Context, edit, edit_at, reply, tell
from ..render import cut

PROMPT_TTL = 10 * 60  # seconds a typed-answer prompt ("send the reason") stays answerable
CONFIRM_TTL = 24 * 3600  # seconds a confirmation (Set anyway, Store) stays answerable
MAX_ACTION_CHARS = 120  # how much of a refused command the audit log keeps

# A handler returns the conversation's next state: a prompt's after opening it, END once it closed
# it, None to leave the conversation as it was. REJECT…INGEST wait for a typed answer; OVERRIDE and
# STORE for a button (the Set anyway / Store press carries the prompt's token).
REJECT, CONVERT, LINK_QUERY, VERDICT, INGEST = "reject", "convert", "link_query", "verdict", "ingest"
OVERRIDE, STORE = "override", "store"
PROMPT_KEY = "mod_prompts"  # user_data: chat id (str) -> the open prompt there (state, data, when)
State = str | int | None


@dataclass(frozen=True)
class Button(Callback):
    """A moderator button in one row: its callback entry (prefix "m:…" with one colon: the handler reads
    the arguments after the second) and what a press does, `op(update, context, mod, args)` → State.
    bot/moderation/__init__.py registers every `Button` defined in queue.py and catalog.py."""

    op: Callable[..., Awaitable[State]] | None = None


@dataclass
class Mod:
    """The moderator behind an update, authorised, and their language."""

    actor: mods.Actor
    lang: str

    def t(self, key: str, **params: Any) -> str:
        return t(self.lang, key, **params)

    async def say(self, update: Update, key: str, markup=None, **params: Any) -> None:  # noqa: ANN001
        """Reply with catalogue text `key` in the moderator's language."""
        await reply(update, t(self.lang, key, **params), markup)


async def gate(update: Update, context: Context, action: str, *, need: str = mods.MODERATOR) -> Mod | None:
    """The moderator, or None after refusing with one line (and the attempt in the audit log)."""
    user, lang = update.effective_user, context.lang
    try:
        actor = await context.run(mods.authorize, user.id if user else None, user.full_name if user else None,
                                  context.runtime.admin_ids, cut(action, MAX_ACTION_CHARS), need=need)
        return Mod(actor, lang)
    except Forbidden:
        await tell(update, t(lang, "mod.denied_admin" if need == mods.ADMIN
                             else "mod.denied_button" if update.callback_query is not None else "mod.denied"))
    return None


async def show(update: Update, context: Context, text: str, markup=None,  # noqa: ANN001
               at: dict | None = None) -> None:
    """On the prompt's message `at` (chat_id, message_id), else on the pressed button's, else as a reply."""
    if at is not None:
        await edit_at(context, at["chat_id"], at["message_id"], text, markup)
    elif update.callback_query is not None:
        await edit(update.callback_query, text, markup)
    else:
        await reply(update, text, markup)


def open_prompt(context: Context, state: str, chat_id: int, **data: Any) -> str:
    """Remember what the moderator's next answer (or, with a `token`, confirmation) in `chat_id` is
    about — JSON-safe, persisted with the conversation, one per chat — and return `state`."""
    context.user_data.setdefault(PROMPT_KEY, {})[str(chat_id)] = {"state": state, "chat_id": chat_id,
                                                                  "at": time.time(), **data}
    return state


def open_prompt_in(context: Context, state: str, chat_id: int, token: str | None = None) -> dict | None:
    """The prompt of `state` open in `chat_id` (with `token`, for a confirmation: an older message's
    button finds it gone) and not older than its TTL, else None."""
    prompt = (context.user_data.get(PROMPT_KEY) or {}).get(str(chat_id))
    ttl = CONFIRM_TTL if state in (OVERRIDE, STORE) else PROMPT_TTL
    if not prompt or prompt.get("state") != state or time.time() - prompt.get("at", 0) > ttl \
            or prompt.get("token") != token:
        return None
    return prompt


def take_confirmation(context: Context, state: str, chat_id: int, token: str) -> dict:
    """The confirmation pressed, closed; ValueError (answered "this confirmation has expired") if gone."""
    if (prompt := open_prompt_in(context, state, chat_id, token)) is None:
        raise ValueError("confirmation expired")
    close_prompt(context, chat_id)
    return prompt


def close_prompt(context: Context, chat_id: int, token: str | None = None) -> bool:
    """Forget the prompt open in `chat_id` (only if it carries `token`, when given); False: none was."""
    prompts = context.user_data.get(PROMPT_KEY) or {}
    if token is None or (prompts.get(str(chat_id)) or {}).get("token") == token:
        return prompts.pop(str(chat_id), None) is not None
    return False
