"""Every callback_data the bot puts on a button, in one table: prefix, the pattern its handler matches,
and the builder (``DETAILS.data(12)`` → ``"d:12"``, checked against Telegram's 64 bytes). Buttons are
built only with ``<ENTRY>.data(...)``; handlers are registered with ``<ENTRY>.handler(fn)``, except
deliberately wider ones: moderation's catch-all for ``^m:`` (forged or outdated moderator buttons) and
/submit's ``^sc:n$`` cancel, both in `NARROWER` of tests/bot/test_callbacks.py; moderation's prompt fallback
``_moved_on`` on ``SUBMIT.pattern`` (a /submit button pressed while a moderator's prompt is open closes the
prompt; the press then reaches its own handler); and two with no
pattern, `without_data` below and the last fallback `handlers.start.expired_button`
(tests/bot/test_callbacks.py checks the rest).
Moderator buttons share the ``m:`` prefix and one gate: each is a `Button` row (this `Callback` and its
op) in bot/moderation/queue.py or catalog.py, registered by bot/moderation/__init__.py.

A press without data (the Bot API makes ``data`` optional; a bad client sends none, or "") matches
every handler that has a pattern (PTB tests a pattern only on non-empty data): `register` puts
`without_data` ahead of every feature, so no button handler ever sees one.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from telegram import Update
from telegram.ext import Application, ApplicationHandlerStop, CallbackQueryHandler

from claims.i18n import t

from .core import Context, answer
from .render import callback

ID = r"\d{1,18}"
TOKEN = r"[0-9a-f]{1,20}"


@dataclass(frozen=True)
class Callback:
    """One kind of button: `args` is the regex of what follows "prefix:" ("" when nothing does)."""

    prefix: str
    args: str
    meaning: str

    @property
    def pattern(self) -> str:
        return f"^{self.prefix}:{self.args}$" if self.args else f"^{self.prefix}$"

    def data(self, *parts: object) -> str:
        return callback(self.prefix, *parts)

    def handler(self, fn: Callable[..., Awaitable[object]]) -> CallbackQueryHandler:
        return CallbackQueryHandler(fn, pattern=self.pattern)


# --- the public (the moderators' buttons: `Button` rows in bot/moderation) ---------------------------
DETAILS = Callback("d", ID, "open a claim's card")
FOLLOW = Callback("f", ID, "follow a claim")
UNFOLLOW = Callback("u", ID, "stop following a claim")
NOT_THIS = Callback("nx", rf"{ID}:\d{{1,3}}:[0-9a-f]{{16}}", "the post is not this claim (claim, score, message hash)")
NOTIFY_TIP = Callback("tn", ID, "tell me when my tip is handled")
SEARCH_PAGE = Callback("sp", r"[\w-]{1,16}:\d{1,3}", "another page of a search (search key, page)")
LANGUAGE = Callback("l", r"(ru|en)", "choose the language")
SUBMIT = Callback("s", ID, "start /submit for this claim")
SUBMIT_STANCE = Callback("st", r"\w+", "/submit: what the source does for the claim")
SUBMIT_SKIP_NOTE = Callback("sn", "", "/submit: no note")
SUBMIT_CONFIRM = Callback("sc", "[yn]", "/submit: send it (y) or cancel (n)")
FORGET = Callback("pf", r"[yn]:\d{1,20}", "/forget: yes or no, for the user who asked")

TABLE: tuple[Callback, ...] = tuple(v for v in dict(globals()).values() if isinstance(v, Callback))


class _WithoutData(CallbackQueryHandler):
    """Any callback query whose ``data`` is missing or empty."""

    def check_update(self, update: object) -> bool:
        return isinstance(update, Update) and update.callback_query is not None and not update.callback_query.data


async def without_data(update: Update, context: Context) -> None:
    """A press that carries no data: one answer ("this button has expired"), and no feature sees it."""
    await answer(update.callback_query, t(context.lang, "expired"))
    raise ApplicationHandlerStop


def register(application: Application, group: int) -> None:
    application.add_handler(_WithoutData(without_data), group)
