"""Per-user limit on how much work one person can ask for (RATE_LIMIT_PER_MINUTE, default 20).

Runs right after the intake (see GROUPS in bot/app.py) and stops the update with a polite answer when over the limit.
Only updates the bot would act on are counted: group chatter that is not addressed to the
bot passes through uncounted (auto-check decides about it). An album (one update per photo or
video) counts once, and its parts all pass or all stop (per process). Admins (MODERATOR_IDS) and
moderators are not limited: a moderator working the queue presses many buttons a minute.
The moderator table is consulted only when someone is over the limit, so ordinary traffic
costs no query for it.

Counts live in the database (table ``ratehit``, bot/models.py), so every worker on one database
shares them: a user whose updates alternate between two webhook workers is slowed after
RATE_LIMIT_PER_MINUTE requests in total, exactly as with one worker. A sliding window of one
minute: each request let through is a row (user key = salted hash of the id, Unix time); the
"please wait" answer is a row too, so the user is told once per window whichever worker answers.
On PostgreSQL the check-and-count of one user is serialised by a transaction-scoped advisory lock;
on SQLite the transaction starts with a write (the user's expired counts are deleted), which takes
the database's write lock before the count is read. Rows older
than the window are deleted by a job every PRUNE_EVERY seconds. Cost: one short write
transaction per counted update: median 0.7 ms on SQLite and about 3 ms on PostgreSQL (a shared
2-core machine at load 10), where ``synchronous_commit = off`` for this transaction — a count lost
in a server crash does no harm — saves the ~10 ms of waiting for the disk (12 ms before). When the database cannot be reached the request is let through
(the handlers then say the database is down).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from sqlalchemy import delete, func, insert, select, text
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session
from telegram import Update
from telegram.constants import ChatType
from telegram.error import TelegramError
from telegram.ext import Application, ApplicationHandlerStop, TypeHandler

from claims.errors import DatabaseUnavailable
from claims.retry import run_db
from claims.services.moderators import role_of
from claims.services.tips import user_hash

from .core import Context
from .i18n import t
from .models import RateHit
from .runtime import RUNTIME_KEY

WINDOW = 60.0
PRUNE_EVERY = 600.0
BUDGET = 1.0  # seconds of retries for the count; then the request goes through uncounted
OUTAGE_MEMORY = 10.0  # after a count gave up: seconds during which requests pass without trying
HIT, WARN = "hit", "warn"
_STATE_KEY = "_ratelimit"


def user_key(salt: str, user_id: int) -> str:
    """The rate-limit key of a user: 32 hex digits of their salted hash (the id is never stored)."""
    return user_hash(f"ratelimit:{salt}", user_id)[:32]


def take(session: Session, key: str, per_minute: int, *, now: float, window: float = WINDOW) -> tuple[float, bool]:
    """Count one request of `key` if the window allows it, in one transaction (committed here).

    Returns (0.0, False) when let through (and counted); otherwise (seconds until the next request
    is allowed, whether to tell the user — True once per window, across workers). `now` is Unix
    time in seconds. Raises SQLAlchemy errors (the caller retries).
    """
    try:
        if session.get_bind().dialect.name == "postgresql":
            # one user's check-and-count at a time across workers, released at commit/rollback; a count
            # lost in a server crash costs nothing, so the commit does not wait for the disk (~10 ms)
            session.execute(text("SELECT set_config('synchronous_commit', 'off', true), "
                                 "pg_advisory_xact_lock(hashtextextended(:k, 0))"), {"k": "ratelimit:" + key})
        # this user's expired counts go first. On SQLite this write is what makes the count exact: the
        # driver opens the transaction only at the first write, so a read-then-insert let two workers
        # both see "4 of 5" and both count (6 or 7 answers of 5 in a burst); writing first takes the
        # database's write lock before the count is read.
        session.execute(delete(RateHit).where(RateHit.user_key == key, RateHit.at <= now - window))
        rows = session.execute(select(RateHit.kind, func.count(), func.min(RateHit.at))
                               .where(RateHit.user_key == key, RateHit.at > now - window)
                               .group_by(RateHit.kind)).all()
        seen = {kind: (int(n), first) for kind, n, first in rows}
        hits, first = seen.get(HIT, (0, None))
        if hits < per_minute:
            session.execute(insert(RateHit).values(user_key=key, kind=HIT, at=now))
            session.commit()
            return 0.0, False
        # never more than the window: a worker whose clock runs ahead wrote `first` in our future
        wait = min(window, max(0.1, float(first) + window - now))
        warn = WARN not in seen
        if warn:
            session.execute(insert(RateHit).values(user_key=key, kind=WARN, at=now))
            session.commit()
        else:
            session.rollback()
        return wait, warn
    except BaseException:
        session.rollback()
        raise


def prune(session: Session, *, now: float, window: float = WINDOW) -> int:
    """Delete counts older than the window; how many rows went."""
    try:
        n = session.execute(delete(RateHit).where(RateHit.at <= now - window)).rowcount
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return n or 0


def forget(session: Session, salt: str, user_id: int) -> int:
    """/forget: delete a user's counts now rather than at the next prune; how many rows went."""
    try:
        n = session.execute(delete(RateHit).where(RateHit.user_key == user_key(salt, user_id))).rowcount
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return n or 0


class Limiter:
    """The shared limit as the guard uses it: `hit` counts through the database (see the module docstring)."""

    def __init__(self, engine, per_minute: int, salt: str, *, window: float = WINDOW,  # noqa: ANN001
                 clock: Callable[[], float] = time.time) -> None:
        self.engine = engine
        self.per_minute = per_minute
        self.salt = salt
        self.window = window
        self.clock = clock
        self.down_until = 0.0  # the database is known to be down: don't make every update wait for it
        self.albums: dict[tuple[int, str], tuple[bool, float]] = {}  # (user id, media_group_id) -> (allowed, when)

    def album(self, key: int, media_group_id: str) -> bool | None:
        """What was decided here for the first part of this album (True: let through), or None when
        this is its first part seen by this process: an album counts as one request, its parts all
        pass or all stop (remembered per process; a part reaching another worker is counted there)."""
        seen = self.albums.get((key, media_group_id))
        return seen[0] if seen is not None and seen[1] > self.clock() - self.window else None

    def decide_album(self, key: int, media_group_id: str, allowed: bool) -> None:
        now = self.clock()
        if len(self.albums) > 50_000:
            self.albums = {k: v for k, v in self.albums.items() if v[1] > now - self.window}
        self.albums[(key, media_group_id)] = (allowed, now)

    async def hit(self, user_id: int) -> tuple[float, bool]:
        """(0, False) when allowed, else (seconds to wait, tell the user now); allowed when the database is
        down (after one update found it down, the next ones for OUTAGE_MEMORY seconds do not wait for it)."""
        if time.monotonic() < self.down_until:
            return 0.0, False
        key, now = user_key(self.salt, user_id), self.clock()

        def count() -> tuple[float, bool]:
            with Session(self.engine) as session:
                return take(session, key, self.per_minute, now=now, window=self.window)

        try:
            return await run_db(count, budget=BUDGET)
        except IntegrityError:  # another worker counted this user in the very same microsecond
            return 0.0, False
        except DatabaseUnavailable:
            self.down_until = time.monotonic() + OUTAGE_MEMORY
            return 0.0, False


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
    if not _counted(update, context.bot.id, context.bot.username):
        return
    limiter: Limiter | None = app.bot_data.get(_STATE_KEY)
    if limiter is None or limiter.per_minute != runtime.settings.rate_limit_per_minute \
            or limiter.engine is not runtime.engine:
        limiter = app.bot_data[_STATE_KEY] = Limiter(runtime.engine, runtime.settings.rate_limit_per_minute,
                                                     runtime.salt)
    album = update.message.media_group_id if update.message is not None else None
    if album is not None and (earlier := limiter.album(user.id, album)) is not None:
        if earlier:  # a further photo of an album already let through (bot/handlers/albums.py answers it once)
            return
        raise ApplicationHandlerStop
    wait, warn = await limiter.hit(user.id)
    allowed = not wait or await context.run(role_of, user.id, runtime.admin_ids) is not None
    if album is not None:
        limiter.decide_album(user.id, album, allowed)
    if allowed:
        return
    if warn:
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


async def prune_job(application: Application) -> int:
    """The periodic job: counts older than the window are deleted (any worker may run it)."""
    runtime = application.bot_data.get(RUNTIME_KEY)
    if runtime is None:
        return 0

    def run() -> int:
        with Session(runtime.engine) as session:
            return prune(session, now=time.time())

    try:
        return await run_db(run)
    except DatabaseUnavailable:
        return 0


def register(application: Application, group: int) -> None:
    application.add_handler(TypeHandler(Update, guard), group=group)
