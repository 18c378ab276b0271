"""Per-user limit on how much work one person can ask for (RATE_LIMIT_PER_MINUTE, default 20).

Runs right after the intake (see GROUPS in bot/app.py) and stops the update with a polite answer when over the limit.
Only updates the bot would act on are counted: group chatter that is not addressed to the
bot passes through uncounted (auto-check decides about it). An album (one update per photo or
video) counts once, and its parts all pass or all stop (per process). Admins (MODERATOR_IDS) and
moderators are not limited: a moderator working the queue presses many buttons a minute.
The moderator table is consulted only when someone is over the limit, so ordinary traffic
costs no query. Counts live in memory, per process.
"""

from __future__ import annotations

import math
import time
from collections import deque

from telegram import Update
from telegram.constants import ChatType
from telegram.error import TelegramError
from telegram.ext import Application, ApplicationHandlerStop, TypeHandler

from claims.services.moderators import role_of

from .core import Context
from .i18n import t
from .runtime import RUNTIME_KEY

WINDOW = 60.0
_STATE_KEY = "_ratelimit"


class Limiter:
    """Sliding window of timestamps per key; remembers whether the key was already told to wait."""

    def __init__(self, per_minute: int, window: float = WINDOW, clock=time.monotonic) -> None:  # noqa: ANN001
        self.per_minute = per_minute
        self.window = window
        self.clock = clock
        self.hits: dict[int, deque[float]] = {}
        self.warned: dict[int, float] = {}
        self.albums: dict[tuple[int, str], tuple[bool, float]] = {}  # (key, media_group_id) -> (allowed, when)

    def album(self, key: int, media_group_id: str) -> bool | None:
        """What was decided for the first part of this album seen here (True: let through), or None
        when this is its first part: an album counts as one request, its parts all pass or all stop."""
        seen = self.albums.get((key, media_group_id))
        return seen[0] if seen is not None and seen[1] > self.clock() - self.window else None

    def decide_album(self, key: int, media_group_id: str, allowed: bool) -> None:
        now = self.clock()
        if len(self.albums) > 50_000:
            self.albums = {k: v for k, v in self.albums.items() if v[1] > now - self.window}
        self.albums[(key, media_group_id)] = (allowed, now)

    def hit(self, key: int) -> float:
        """Count one request; 0 when allowed, else the seconds until the next one is."""
        now = self.clock()
        q = self.hits.setdefault(key, deque())
        while q and q[0] <= now - self.window:
            q.popleft()
        if len(q) >= self.per_minute:
            return max(0.1, q[0] + self.window - now)
        q.append(now)
        self.warned.pop(key, None)
        if len(self.hits) > 50_000:
            self._prune(now)
        return 0.0

    def should_warn(self, key: int) -> bool:
        """Tell the user once per window, not on every extra message."""
        now = self.clock()
        last = self.warned.get(key)
        if last is not None and now - last < self.window:
            return False
        self.warned[key] = now
        return True

    def _prune(self, now: float) -> None:
        for key in [k for k, q in self.hits.items() if not q or q[-1] <= now - self.window]:
            del self.hits[key]


def _counted(update: Update, bot_id: int, username: str | None) -> bool:
    if update.callback_query or update.inline_query:
        return True
    message = update.message
    if message is None:
        return update.edited_message is not None and update.edited_message.chat.type == ChatType.PRIVATE
    if message.chat.type == ChatType.PRIVATE:
        return True
    text = message.text or message.caption or ""
    if text.startswith("/"):
        return True
    if username and f"@{username.lower()}" in text.lower():
        return True
    replied = message.reply_to_message
    return bool(replied and replied.from_user and replied.from_user.id == bot_id)


async def guard(update: Update, context: Context) -> None:
    user = update.effective_user
    if user is None:
        return
    app = context.application
    runtime = app.bot_data.get(RUNTIME_KEY)
    if runtime is None or user.id in runtime.admin_ids:
        return
    limiter: Limiter | None = app.bot_data.get(_STATE_KEY)
    if limiter is None or limiter.per_minute != runtime.settings.rate_limit_per_minute:
        limiter = app.bot_data[_STATE_KEY] = Limiter(runtime.settings.rate_limit_per_minute)
    if not _counted(update, context.bot.id, context.bot.username):
        return
    album = update.message.media_group_id if update.message is not None else None
    if album is not None and (earlier := limiter.album(user.id, album)) is not None:
        if earlier:  # a further photo of an album already let through (bot/handlers/albums.py answers it once)
            return
        raise ApplicationHandlerStop
    wait = limiter.hit(user.id)
    allowed = not wait or await context.run(role_of, user.id, runtime.admin_ids) is not None
    if album is not None:
        limiter.decide_album(user.id, album, allowed)
    if allowed:
        return
    if limiter.should_warn(user.id):
        text = t(context.lang, "ratelimit", seconds=math.ceil(wait))
        try:
            if update.callback_query:
                await update.callback_query.answer(text, show_alert=True)
            elif update.inline_query:
                await update.inline_query.answer([], cache_time=0, is_personal=True)
            elif update.effective_message is not None:
                await update.effective_message.reply_text(text)
        except TelegramError:
            pass
    elif update.callback_query:
        try:
            await update.callback_query.answer()
        except TelegramError:
            pass
    raise ApplicationHandlerStop


def register(application: Application, group: int) -> None:
    application.add_handler(TypeHandler(Update, guard), group=group)
